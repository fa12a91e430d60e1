// The page's script, bundled for the browser: it reads and writes cookies only through
// @cookie-catalog/client, never document.cookie.
import { readBillogramGDPR, readLanguage, writeLanguage } from '@cookie-catalog/client';

const shown = document.querySelector('[data-language-read-by-script]');
if (shown) shown.textContent = readLanguage() ?? '(not set)';

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-set-language]')) {
  button.addEventListener('click', (event) => {
    event.preventDefault();
    writeLanguage(button.dataset.setLanguage === 'sv' ? 'sv' : 'en');
    location.reload();
  });
}

// The help-centre widget would load here, and only with consent.
const consent = readBillogramGDPR();
document.documentElement.dataset.helpCenter = consent?.helpCenter ? 'loaded' : 'not-loaded';
