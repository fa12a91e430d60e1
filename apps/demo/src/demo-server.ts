import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import {
  applyConsentForm,
  type ConsentLog,
  type ConsentService,
  consentBanner,
  consentPreferences,
  hasGlobalPrivacyControl,
  type NotDeleted,
  needsAnswer,
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
} from '@billogram/cookies-server/platform';
import { HELP_CENTRE_WIDGET, helpCentrePage, invoicePage, preferencesPage } from './pages.js';

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
 * Which of the catalog's services a request is for: the help centre on a host whose first label
 * is `help` (help.billogram.com, or help.localhost while developing), the platform on any other.
 */
export function serviceOfHost(host: string | undefined): ConsentService {
  return /^help\./i.test(host ?? '') ? 'help-centre' : 'platform';
}

/**
 * The invoice app: a recipient opens an invoice (maybe from the internet bank), switches language,
 * logs in to My pages, starts a payment and answers the consent question. Every cookie goes
 * through @billogram/cookies-server; the app never writes a Set-Cookie header itself.
 *
 * It also stands in for the second service of the catalog, the help centre (Zendesk's pages in
 * production), on the hosts serviceOfHost names: its consent question and chat widget. With
 * `tls` it serves HTTPS, so it can be reached under the catalog's own domain in a test browser.
 */
export function createDemoServer({
  clientScript,
  records,
  tls,
}: {
  clientScript: string;
  /** Where every answer is recorded (openConsentRecords), or null to record none. */
  records: ConsentLog | null;
  /** A certificate and its key (PEM): the server speaks HTTPS. */
  tls?: { readonly cert: string; readonly key: string } | undefined;
}): Server & { openedInvoices: Set<string> } {
  const openedInvoices = new Set<string>();
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    const context = { clientScript, records, scheme: tls ? 'https:' : 'http:' } as const;
    const handler =
      serviceOfHost(request.headers.host) === 'help-centre' ? handleHelpCentre : handle;
    handler(request, response, context, openedInvoices).catch((error: unknown) => {
      if (error instanceof FormTooLarge) {
        response.statusCode = 413;
        response.end(error.message);
        return;
      }
      response.statusCode = 500;
      response.end(String(error));
    });
  };
  const server = tls ? createTlsServer(tls, listener) : createServer(listener);
  return Object.assign(server, { openedInvoices });
}

interface Context {
  readonly clientScript: string;
  readonly records: ConsentLog | null;
  /** The scheme the server is reached by: part of its pages' origin. */
  readonly scheme: 'http:' | 'https:';
}

/** What both services serve: the page script and the stand-in for the help-centre widget. */
function handleScripts(request: IncomingMessage, response: ServerResponse, context: Context) {
  if (request.method !== 'GET') return false;
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path === '/app.js') {
    response.setHeader('Content-Type', 'text/javascript');
    response.end(context.clientScript);
    return true;
  }
  // A stand-in for the help-centre widget (Zendesk's, in production): it runs only when the page
  // script finds consent for its category (activateConsentedScripts).
  if (path === '/help-centre-widget.js') {
    response.setHeader('Content-Type', 'text/javascript');
    response.end(HELP_CENTRE_WIDGET);
    return true;
  }
  return false;
}

/**
 * The help centre, as the demo stands in for it: its pages in English and Swedish (/hc/en/,
 * /hc/sv/), which ask about the help centre's own categories unless an answer given on a service
 * that shares it (consent.sharedAcross) already covers them, and its cookie settings.
 */
async function handleHelpCentre(
  request: IncomingMessage,
  response: ServerResponse,
  context: Context,
) {
  if (handleScripts(request, response, context)) return;
  const url = new URL(request.url ?? '/', 'http://localhost');
  const cookies = request.headers.cookie;
  const gpc = hasGlobalPrivacyControl(request.headers);
  const service = 'help-centre';
  const page = /^\/hc\/(en|sv)\/$/.exec(url.pathname);
  const language = page?.[1] === 'sv' || url.searchParams.get('lang') === 'sv' ? 'sv' : 'en';
  if (request.method === 'GET' && url.pathname === '/') return redirect(response, '/hc/en/');
  if (request.method === 'GET' && page) {
    const consent = readConsent(cookies);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(
      helpCentrePage(
        language,
        needsAnswer(consent, service)
          ? consentBanner(language, { action: `/cookies?lang=${language}`, gpc }, service)
          : '',
      ),
    );
    return;
  }
  if (request.method === 'GET' && url.pathname === '/cookies') {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(
      preferencesPage(
        language,
        consentPreferences(
          language,
          { action: `/cookies?lang=${language}`, consent: readConsent(cookies), gpc },
          service,
        ),
        service,
      ),
    );
    return;
  }
  if (request.method === 'POST' && url.pathname === '/cookies') {
    // The help centre has no CSRF cookie of ours (the catalog puts csrftoken on the platform):
    // the form must come from a page of this host, as the browser's Origin header says.
    if (!sameOrigin(request, context.scheme)) {
      response.statusCode = 403;
      response.end('The form did not come from this site; reload the page and try again.');
      return;
    }
    const form = new URLSearchParams(await body(request));
    const { consent, notDeleted } = await applyConsentForm(response, form, {
      cookieHeader: cookies,
      gpc,
      records: context.records,
      locale: language,
      service,
      host: request.headers.host,
    });
    const answered = form.get('cookies');
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    if (answered === 'accept' || answered === 'reject') {
      response.end(
        helpCentrePage(
          language,
          consentBanner(language, { action: '/cookies', answered, notDeleted }, service),
        ),
      );
      return;
    }
    response.end(
      preferencesPage(
        language,
        consentPreferences(
          language,
          { action: `/cookies?lang=${language}`, consent, saved: true, notDeleted },
          service,
        ),
        service,
      ),
    );
    return;
  }
  response.statusCode = 404;
  response.end('Not found');
}

/**
 * Whether a POST came from a page of the origin it was sent to (its Origin header): this host and
 * this scheme, since a page of the same host over plain HTTP is not ours to trust (RFC 6454 §5).
 */
function sameOrigin(request: IncomingMessage, scheme: Context['scheme']): boolean {
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return false;
  try {
    const from = new URL(origin);
    return from.protocol === scheme && from.host === request.headers.host;
  } catch {
    return false;
  }
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  context: Context,
  opened: Set<string>,
) {
  if (handleScripts(request, response, context)) return;
  const { records } = context;
  const service = 'platform';
  const url = new URL(request.url ?? '/', 'http://localhost');
  const cookies = request.headers.cookie;
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
      banner: needsAnswer(readConsent(cookies), service)
        ? consentBanner(language, { action: '/cookies', hidden: { csrf }, gpc }, service)
        : '',
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
          service,
          host: request.headers.host,
        });
        const answered = form.get('cookies');
        if (answered === 'accept' || answered === 'reject') {
          return sendInvoice(response, cookies, {
            language,
            csrf,
            fromBank: readEfaktura(cookies) === true,
            banner: consentBanner(language, { action: '/cookies', answered, notDeleted }, service),
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
      consentPreferences(language, { action: '/cookies', hidden: { csrf }, ...state }, 'platform'),
      'platform',
    ),
  );
}

function redirect(response: ServerResponse, location: string): void {
  response.statusCode = 303;
  response.setHeader('Location', location);
  response.end();
}

/** A form larger than any of ours: refused with 413 and these words, never a 500. */
class FormTooLarge extends Error {}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 10_000)
      throw new FormTooLarge(
        'The form is too large (more than 10 000 bytes): send only the fields of the page’s form.',
      );
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function loadClientScript(): Promise<string> {
  return readFile(new URL('../dist/public/app.js', import.meta.url), 'utf8').catch(() => {
    throw new Error('dist/public/app.js is missing: run `npm run build` first');
  });
}
