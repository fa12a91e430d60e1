import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  applyConsentForm,
  type ConsentLog,
  consentBanner,
  consentPreferences,
  hasGlobalPrivacyControl,
  type NotDeleted,
  readConsent,
} from '@billogram/cookies-consent';
import {
  deleteAccessToken,
  deleteBillopaySession,
  parseAccessToken,
  parseBillopaySession,
  parseCsrftoken,
  readAccessToken,
  readBillopaySession,
  readCsrftoken,
  readEfaktura,
  readLanguage,
  setAccessToken,
  setBillopaySession,
  setCsrftoken,
  setEfaktura,
  setLanguage,
} from '@billogram/cookies-server';
import { HELP_CENTRE_WIDGET, invoicePage, preferencesPage } from './pages.js';

const INVOICE = '/invoice/10042';
/** A transparent 1×1 GIF: the "invoice opened" pixel stores nothing on the device. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomToken(length: number): string {
  return [...randomBytes(length)].map((byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
}

/**
 * A value we made ourselves, checked against the catalog (parseX). Setters take only checked
 * values; a token that does not fit here means this app and the catalog disagree, a bug.
 */
function checked<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the new ${what} does not fit the catalog's pattern`);
  return value;
}

/**
 * The invoice app: a recipient opens an invoice (maybe from the internet bank), switches language,
 * logs in to My pages, starts a payment and answers the consent question. Every cookie goes
 * through @billogram/cookies-server; the app never writes a Set-Cookie header itself.
 */
export function createDemoServer({
  clientScript,
  records,
}: {
  clientScript: string;
  /** Where every answer is recorded (openConsentRecords), or null to record none. */
  records: ConsentLog | null;
}): Server & { openedInvoices: Set<string> } {
  const openedInvoices = new Set<string>();
  const server = createServer((request, response) => {
    handle(request, response, { clientScript, records }, openedInvoices).catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });
  return Object.assign(server, { openedInvoices });
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  { clientScript, records }: { clientScript: string; records: ConsentLog | null },
  opened: Set<string>,
) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const cookies = request.headers.cookie;
  if (request.method === 'GET' && url.pathname === '/app.js') {
    response.setHeader('Content-Type', 'text/javascript');
    response.end(clientScript);
    return;
  }
  // A stand-in for the help-centre widget (Zendesk's, in production): it runs only when the page
  // script finds consent for its category (activateConsentedScripts).
  if (request.method === 'GET' && url.pathname === '/help-centre-widget.js') {
    response.setHeader('Content-Type', 'text/javascript');
    response.end(HELP_CENTRE_WIDGET);
    return;
  }
  const gpc = hasGlobalPrivacyControl(request.headers);
  const pixel = /^\/pixel\/invoice-opened\/(\d+)\.gif$/.exec(url.pathname);
  if (request.method === 'GET' && pixel) {
    opened.add(pixel[1] ?? '');
    response.setHeader('Content-Type', 'image/gif');
    response.setHeader('Cache-Control', 'no-store');
    response.end(PIXEL);
    return;
  }
  if (request.method === 'GET' && (url.pathname === '/' || url.pathname === INVOICE)) {
    if (url.pathname === '/') return redirect(response, INVOICE);
    const csrf = csrfToken(cookies, response);
    const fromBank = url.searchParams.get('via') === 'bank' || readEfaktura(cookies) === true;
    if (url.searchParams.get('via') === 'bank') setEfaktura(response, true);
    const language = readLanguage(cookies) ?? 'en';
    sendInvoice(response, cookies, {
      language,
      csrf,
      fromBank,
      banner: readConsent(cookies)
        ? ''
        : consentBanner(language, { action: '/cookies', hidden: { csrf }, gpc }),
    });
    return;
  }
  if (request.method === 'GET' && url.pathname === '/cookies') {
    const csrf = csrfToken(cookies, response);
    return sendPreferences(response, readLanguage(cookies) ?? 'en', csrf, {
      consent: readConsent(cookies),
      gpc,
    });
  }
  if (request.method === 'POST') {
    const form = new URLSearchParams(await body(request));
    // Double-submit CSRF check: the form must carry the value of the csrftoken cookie.
    const csrf = readCsrftoken(cookies);
    if (!csrf || form.get('csrf') !== csrf) {
      response.statusCode = 403;
      response.end('The form is out of date; reload the page and try again.');
      return;
    }
    switch (url.pathname) {
      case '/language':
        setLanguage(response, form.get('language') === 'sv' ? 'sv' : 'en');
        return redirect(response, INVOICE);
      case '/cookies': {
        // The banner's and the preferences form's answer, kept in the consent cookie and
        // recorded (durably, before this response) with the words the form says were shown;
        // withdrawing a category deletes its cookies here, and the page names the rest.
        const language = readLanguage(cookies) ?? 'en';
        const { consent, notDeleted } = await applyConsentForm(response, form, {
          cookieHeader: cookies,
          gpc,
          records,
          locale: language,
          service: request.headers.host ?? undefined,
        });
        const answered = form.get('cookies');
        if (answered === 'accept' || answered === 'reject') {
          return sendInvoice(response, cookies, {
            language,
            csrf,
            fromBank: readEfaktura(cookies) === true,
            banner: consentBanner(language, { action: '/cookies', answered, notDeleted }),
          });
        }
        return sendPreferences(response, language, csrf, { consent, saved: true, notDeleted });
      }
      case '/login':
        setAccessToken(
          response,
          checked(parseAccessToken(`${randomToken(24)}.${randomToken(24)}`), 'access token'),
        );
        return redirect(response, INVOICE);
      case '/logout':
        deleteAccessToken(response);
        deleteBillopaySession(response);
        return redirect(response, INVOICE);
      case '/pay':
        setBillopaySession(
          response,
          checked(parseBillopaySession(randomToken(32)), 'payment session'),
        );
        return redirect(response, INVOICE);
    }
  }
  response.statusCode = 404;
  response.end('Not found');
}

/** The CSRF token of this visitor, set on first sight (double-submit: forms carry it back). */
function csrfToken(cookies: string | undefined, response: ServerResponse): string {
  let csrf = readCsrftoken(cookies);
  if (!csrf) {
    csrf = checked(parseCsrftoken(randomToken(32)), 'CSRF token');
    setCsrftoken(response, csrf);
  }
  return csrf;
}

function sendInvoice(
  response: ServerResponse,
  cookies: string | undefined,
  page: { language: 'en' | 'sv'; csrf: string; fromBank: boolean; banner: string },
): void {
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.end(
    invoicePage({
      ...page,
      loggedIn: readAccessToken(cookies) !== undefined,
      paying: readBillopaySession(cookies) !== undefined,
    }),
  );
}

/** The cookie settings page: the answer in force, or the one just saved with its confirmation. */
function sendPreferences(
  response: ServerResponse,
  language: 'en' | 'sv',
  csrf: string,
  state: {
    consent: ReturnType<typeof readConsent>;
    gpc?: boolean;
    saved?: boolean;
    notDeleted?: readonly NotDeleted[];
  },
): void {
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.end(
    preferencesPage(
      language,
      consentPreferences(language, { action: '/cookies', hidden: { csrf }, ...state }),
    ),
  );
}

function redirect(response: ServerResponse, location: string): void {
  response.statusCode = 303;
  response.setHeader('Location', location);
  response.end();
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 10_000) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function loadClientScript(): Promise<string> {
  return readFile(new URL('../dist/public/app.js', import.meta.url), 'utf8').catch(() => {
    throw new Error('dist/public/app.js is missing: run `npm run build` first');
  });
}
