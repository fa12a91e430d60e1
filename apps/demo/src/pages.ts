import { CONSENT_STYLES, type ConsentService } from '@billogram/cookies-consent';
import type { LanguageValue } from '@billogram/cookies-server/platform';

/** The words of the demo, per language. The demo's own texts, not the catalog's. */
const WORDS = {
  en: {
    invoice: 'Invoice',
    amount: 'Amount due: 1 250 SEK',
    pay: 'Pay with BilloPay',
    login: 'Log in to My pages',
    myPages: 'My pages',
    logout: 'Log out',
    paying: 'Payment started',
    language: 'Language read by the page script:',
    fromBank: 'Opened from your internet bank',
    cookieSettings: 'Cookie settings',
    back: 'Back to the invoice',
    helpCentre: 'Help centre',
    helpIntro: 'Answers to questions about your invoice, and a chat with our support.',
    question: 'When is my invoice due?',
    answer: 'The due date is at the top of the invoice. Paying a day late costs nothing extra.',
    backToHelp: 'Back to the help centre',
  },
  sv: {
    invoice: 'Faktura',
    amount: 'Att betala: 1 250 kr',
    pay: 'Betala med BilloPay',
    login: 'Logga in på Mina sidor',
    myPages: 'Mina sidor',
    logout: 'Logga ut',
    paying: 'Betalningen har startat',
    language: 'Språk som sidans skript läste:',
    fromBank: 'Öppnad från din internetbank',
    cookieSettings: 'Inställningar för kakor',
    back: 'Tillbaka till fakturan',
    helpCentre: 'Hjälpcenter',
    helpIntro: 'Svar på frågor om din faktura, och en chatt med vår support.',
    question: 'När ska min faktura vara betald?',
    answer: 'Förfallodagen står överst på fakturan. En dags försening kostar inget extra.',
    backToHelp: 'Tillbaka till hjälpcentret',
  },
} as const;

export interface PageState {
  readonly language: LanguageValue;
  readonly csrf: string;
  readonly loggedIn: boolean;
  readonly paying: boolean;
  readonly fromBank: boolean;
  /** The consent banner (@billogram/cookies-consent), or '' once answered. Already HTML. */
  readonly banner: string;
}

/**
 * A stand-in for the help-centre widget: in production Zendesk's script, loaded only with consent
 * to the help-center category. It marks the page so a test (or a person) can see it ran.
 */
export const HELP_CENTRE_WIDGET = `document.documentElement.dataset.helpCenter = 'loaded';
const note = document.createElement('p');
note.id = 'help-centre';
note.textContent = 'Help centre chat';
document.querySelector('main')?.append(note);
`;

/** The consent package's styles, and touch-sized buttons for the demo's own forms. */
const STYLES = `${CONSENT_STYLES}button{min-height:44px;min-width:44px;margin:.25rem}`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The invoice page. Forms work without JavaScript; the script only adds the language switch. */
export function invoicePage(state: PageState): string {
  const w = WORDS[state.language];
  const csrf = `<input type="hidden" name="csrf" value="${escapeHtml(state.csrf)}">`;
  return `<!doctype html>
<html lang="${state.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.invoice}</title><script type="module" src="/app.js"></script>
<style>${STYLES}</style></head>
<body>
${state.banner}
<main>
<h1>${w.invoice} 10042</h1>
<p>${w.amount}</p>
${state.fromBank ? `<p id="from-bank">${w.fromBank}</p>` : ''}
<p>${w.language} <output data-language-read-by-script></output></p>
<p>
  <button type="button" data-set-language="en" lang="en">English</button>
  <button type="button" data-set-language="sv" lang="sv">Svenska</button>
</p>
<form method="post" action="/language">${csrf}
  <button name="language" value="${state.language === 'en' ? 'sv' : 'en'}">${state.language === 'en' ? 'Svenska (utan JavaScript)' : 'English (without JavaScript)'}</button>
</form>
${
  state.loggedIn
    ? `<h2 id="my-pages">${w.myPages}</h2><form method="post" action="/logout">${csrf}<button>${w.logout}</button></form>`
    : `<form method="post" action="/login">${csrf}<button>${w.login}</button></form>`
}
${state.paying ? `<p id="paying">${w.paying}</p>` : `<form method="post" action="/pay">${csrf}<button>${w.pay}</button></form>`}
<img src="/pixel/invoice-opened/10042.gif" alt="" width="1" height="1">
<p><a href="/cookies">${w.cookieSettings}</a></p>
<script type="text/plain" data-consent-category="help-center" src="/help-centre-widget.js"></script>
</main>
</body>
</html>`;
}

/**
 * The help centre's page, as the demo stands in for Zendesk's: the consent question (the help
 * centre's own banner, or '' when answered here or on a service sharing the answer), and the chat
 * widget, held back until its category is granted.
 */
export function helpCentrePage(language: LanguageValue, banner: string): string {
  const w = WORDS[language];
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.helpCentre}</title><script type="module" src="/app.js"></script>
<style>${STYLES}</style></head>
<body>
${banner}
<main>
<h1>${w.helpCentre}</h1>
<p>${w.helpIntro}</p>
<h2>${w.question}</h2>
<p>${w.answer}</p>
<p><a href="/hc/${language === 'en' ? 'sv' : 'en'}/" lang="${language === 'en' ? 'sv' : 'en'}">${language === 'en' ? 'Svenska' : 'English'}</a></p>
<p><a href="/cookies?lang=${language}">${w.cookieSettings}</a></p>
<script type="text/plain" data-consent-category="help-center" src="/help-centre-widget.js"></script>
</main>
</body>
</html>`;
}

/** The cookie settings page of a service: the preferences form of @billogram/cookies-consent. */
export function preferencesPage(
  language: LanguageValue,
  form: string,
  service: ConsentService,
): string {
  const w = WORDS[language];
  const back =
    service === 'help-centre'
      ? `<a href="/hc/${language}/">${w.backToHelp}</a>`
      : `<a href="/invoice/10042">${w.back}</a>`;
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.cookieSettings}</title>
<style>${STYLES}</style></head>
<body>
<main>
<h1>${w.cookieSettings}</h1>
${form}
<p>${back}</p>
</main>
</body>
</html>`;
}
