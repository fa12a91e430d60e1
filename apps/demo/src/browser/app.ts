// The page's script, bundled for the browser: it reads and writes cookies only through
// @billogram/cookies-client, never document.cookie.
import { readLanguage, writeLanguage } from '@billogram/cookies-client/platform';
import { activateConsentedScripts } from '@billogram/cookies-consent/browser';

const shown = document.querySelector('[data-language-read-by-script]');
if (shown) shown.textContent = readLanguage() ?? '(not set)';

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-set-language]')) {
  button.addEventListener('click', (event) => {
    event.preventDefault();
    writeLanguage(button.dataset.setLanguage === 'sv' ? 'sv' : 'en');
    location.reload();
  });
}

// Scripts held back until consent (the help-centre widget) run only for granted categories.
activateConsentedScripts();
document.documentElement.dataset.helpCenter ??= 'not-loaded';
