import type { LanguageValue } from '@cookie-catalog/server';

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
    consentQuestion: 'May we use optional cookies for our help centre and chat?',
    yes: 'Yes',
    no: 'No',
    fromBank: 'Opened from your internet bank',
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
    consentQuestion: 'Får vi använda valfria kakor för vårt hjälpcenter och vår chatt?',
    yes: 'Ja',
    no: 'Nej',
    fromBank: 'Öppnad från din internetbank',
  },
} as const;

export interface PageState {
  readonly language: LanguageValue;
  readonly csrf: string;
  readonly loggedIn: boolean;
  readonly paying: boolean;
  readonly fromBank: boolean;
  readonly consentAsked: boolean;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The invoice page. Forms work without JavaScript; the script only adds the language switch. */
export function invoicePage(state: PageState): string {
  const w = WORDS[state.language];
  const csrf = `<input type="hidden" name="csrf" value="${escapeHtml(state.csrf)}">`;
  return `<!doctype html>
<html lang="${state.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.invoice}</title><script type="module" src="/app.js"></script></head>
<body>
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
  state.consentAsked
    ? ''
    : `<form method="post" action="/consent" id="consent">${csrf}<p>${w.consentQuestion}</p>
  <button name="helpCenter" value="no">${w.no}</button> <button name="helpCenter" value="yes">${w.yes}</button></form>`
}
${
  state.loggedIn
    ? `<h2 id="my-pages">${w.myPages}</h2><form method="post" action="/logout">${csrf}<button>${w.logout}</button></form>`
    : `<form method="post" action="/login">${csrf}<button>${w.login}</button></form>`
}
${state.paying ? `<p id="paying">${w.paying}</p>` : `<form method="post" action="/pay">${csrf}<button>${w.pay}</button></form>`}
<img src="/pixel/invoice-opened/10042.gif" alt="" width="1" height="1">
</main>
</body>
</html>`;
}
