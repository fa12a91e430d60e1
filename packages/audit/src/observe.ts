import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BrowserContext,
  type CDPSession,
  chromium,
  type Page,
  type Response,
} from 'playwright-core';
import { getDomain } from 'tldts';
import { type BannerObservation, measureBanner } from './banner.js';
import { AuditInputError, StartPageError } from './errors.js';
import { captureFirstView, type FirstView } from './first-view.js';
import { byText, orderedPass } from './pass-order.js';
import { readStorageState } from './storage-state.js';

/*
 * What a site really stores, as a browser sees it: one pass is a fresh Chromium profile crawling
 * the start page and its same-site links breadth-first, recording every cookie (and who set it:
 * the response, or the script and its stack), each origin's local and session storage keys,
 * IndexedDB databases and Cache Storage caches, and requests to other sites of the kinds used
 * for tracking.
 *
 * The site is not trusted: every step on a page has a time bound (a busy script, a page that
 * never goes quiet, popups, floods of requests), and nothing the page's scripts can reach decides
 * what the audit reports.
 */

/** Debian's chromium unless CHROMIUM_PATH names another; a browser is never downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium quiet on a machine without a network. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The bounds of one pass. A page is kept open LATE_STORAGE_MS after its load event, so storage
 * written a few seconds later (a timer, a consent tool, a service worker) is seen; TABS pages are
 * open at once so that the wait does not add up (20 pages, two passes: under 90 s).
 */
export const LIMITS = {
  /** Until the response of a page arrives, and again until its load event. */
  navigationMs: 10_000,
  /** Kept open after the load event, for storage written later. */
  lateStorageMs: 6_000,
  /** One look into a page (its links, its storage, its images): a busy script does not answer. */
  evaluateMs: 3_000,
  /** Closing a page, clicking the accept button. */
  actionMs: 5_000,
  /** Pages open at once unless --concurrency says otherwise. */
  tabs: 4,
  /** --concurrency at most: each tab is a renderer process, and a few already fill two cores. */
  maxTabs: 32,
  /** Requests to other sites recorded per page; the rest are counted in a note. */
  requestsPerPage: 500,
  /** Frames looked into per page. */
  framesPerPage: 50,
} as const;

export interface ObservedCookie {
  readonly name: string;
  readonly domain: string;
  readonly path: string;
  /** Seconds since 1970; -1 for a session cookie. */
  readonly expires: number;
  readonly httpOnly: boolean;
  readonly secure: boolean;
  readonly sameSite: 'Strict' | 'Lax' | 'None';
  readonly partitionKey: string | undefined;
  /** When the pass read the jar, seconds since 1970. */
  readonly seenAt: number;
  /** The first page it was seen on. */
  readonly page: string;
  /**
   * The response whose Set-Cookie set it, or the script that wrote it (URL and short stack);
   * undefined when only the cookie jar shows it (written where the audit cannot watch).
   */
  readonly setBy: string | undefined;
}

export interface ObservedStorage {
  readonly kind: 'localStorage' | 'sessionStorage' | 'indexedDB' | 'cacheStorage';
  readonly origin: string;
  /** The key; for IndexedDB and Cache Storage, the database's or the cache's name. */
  readonly key: string;
  readonly page: string;
}

export interface ObservedRequest {
  readonly url: string;
  readonly host: string;
  /** image, ping (beacons and <a ping>), script, font, stylesheet, fetch, … */
  readonly type: string;
  /** An image the page does not show: at most 2×2 pixels, or hidden. */
  readonly invisible: boolean;
  readonly page: string;
}

/** Something the pass could not see fully on a page: a page that failed, a bound it hit. */
export interface PassNote {
  readonly page: string;
  readonly message: string;
}

export type PassName = 'before consent' | 'after consent' | 'after reject' | 'gpc, after consent';

export interface Pass {
  readonly name: PassName;
  readonly pages: readonly string[];
  readonly cookies: readonly ObservedCookie[];
  readonly storage: readonly ObservedStorage[];
  readonly requests: readonly ObservedRequest[];
  /** Windows the pages opened (each closed at once). */
  readonly popups: number;
  readonly notes: readonly PassNote[];
  /** The reject pass: the consent question on the first page, before the click. */
  readonly banner?: BannerObservation;
  /** The first page as the visitor saw it, before any click (report/html.ts shows it). */
  readonly firstView?: FirstView;
}

export interface PassOptions {
  readonly start: string;
  /** Pages at most, breadth-first over same-site links (unless `urls` names them). */
  readonly pages: number;
  /**
   * The pages to visit, known in advance (a sitemap, a list, a shard's share): no links are
   * followed. The start page is visited first all the same (consent is given there); when it is
   * not among them, what it shows is not recorded, only what it leaves in the jar and storage.
   */
  readonly urls?: readonly string[];
  /** Pages open at once (default LIMITS.tabs); the start page is always alone. */
  readonly concurrency?: number;
  /** How long a page stays open after its load event, for late storage (LIMITS.lateStorageMs). */
  readonly lateStorageMs?: number;
  /** Cookies to put in the jar first (the consent cookie for the after-consent pass). */
  readonly cookies?: readonly Parameters<BrowserContext['addCookies']>[0][number][];
  /** Playwright storage state (a login). */
  readonly storageState?: string;
  /** A selector to click on the first page (another site's accept button). */
  readonly acceptSelector?: string;
  /** A selector to click on the first page to reject (the reject pass). */
  readonly rejectSelector?: string;
  /** Measure the consent question on the first page before clicking (accept and reject). */
  readonly checkBanner?: { readonly accept: string; readonly reject: string };
  /** Global Privacy Control: `Sec-GPC: 1` on every request, navigator.globalPrivacyControl. */
  readonly gpc?: boolean;
  /** false: no screenshot of the first page (--redact, a logged-in run). Default true. */
  readonly screenshot?: boolean;
  readonly progress?: (line: string) => void;
}

/**
 * Records document.cookie and CookieStore writes with a short stack, before any page script, in
 * every frame of the page's process. The page cannot forge or hide what it reports: the binding
 * is a native function with a random name, taken into this closure and deleted from the window
 * before the page runs; each report carries a secret the page never sees (built from primitives
 * only, so no toJSON or prototype the page replaced is called on it); the wrapped setters cannot
 * be replaced (not configurable); and Error.prepareStackTrace, which a page could use to write
 * the stack, is an accessor V8 does not call while formatting.
 */
function recorderScript(binding: string, secret: string): string {
  return `(() => {
  const send = globalThis[${JSON.stringify(binding)}];
  delete globalThis[${JSON.stringify(binding)}];
  if (typeof send !== 'function') return;
  const stringify = JSON.stringify;
  const Err = Error;
  const location = globalThis.location;
  try {
    let prepare;
    Object.defineProperty(Err, 'prepareStackTrace', {
      configurable: false,
      get() { return prepare; },
      set(value) { prepare = value; },
    });
  } catch {}
  const hrefOf = (Object.getOwnPropertyDescriptor(location, 'href') || {}).get;
  const apply = Reflect.apply;
  const record = (text) => {
    try {
      const line = '' + text;
      let end = line.length;
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (c === ';' || c === '=') { end = i; break; }
      }
      const name = line.slice(0, end).trim();
      const stack = '' + new Err().stack;
      send('[' + stringify(${JSON.stringify(secret)}) + ',' + stringify(name) + ',' + stringify(stack) + ',' + stringify(hrefOf ? '' + apply(hrefOf, location, []) : '') + ']');
    } catch {}
  };
  const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (descriptor && descriptor.set) {
    const get = descriptor.get;
    const set = descriptor.set;
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: false,
      enumerable: descriptor.enumerable,
      get() { return apply(get, this, []); },
      set(value) { record(value); return apply(set, this, [value]); },
    });
  }
  if (globalThis.CookieStore && CookieStore.prototype.set) {
    const set = CookieStore.prototype.set;
    Object.defineProperty(CookieStore.prototype, 'set', {
      configurable: false,
      writable: false,
      value: function (nameOrOptions, value) {
        record(typeof nameOrOptions === 'string' ? nameOrOptions + '=' : (nameOrOptions && nameOrOptions.name) + '=');
        return apply(set, this, arguments);
      },
    });
  }
})();`;
}

function siteOf(url: string): string {
  const { hostname } = new URL(url);
  return getDomain(hostname, { allowPrivateDomains: true }) ?? hostname;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

const TIMED_OUT = Symbol('timed out');

/** The promise's value, or TIMED_OUT after `ms` (the promise is left to settle on its own). */
async function bounded<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  promise.catch(() => undefined);
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A fresh profile that browses as the worst-case visitor: third-party cookies and storage
 * allowed (profile.cookie_controls_mode 0; Chromium's default blocks them in a new profile, and
 * the visitors whose browsers allow them are the ones the law protects). The preference must be
 * in the profile before Chromium starts.
 */
/** The worst-case visitor's browser setting, as the report's provenance states it. */
export const THIRD_PARTY_COOKIES_ALLOWED = true;

async function worstCaseProfile(): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), 'cookie-catalog-audit-'));
  await mkdir(join(profile, 'Default'));
  await writeFile(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({
      profile: {
        cookie_controls_mode: THIRD_PARTY_COOKIES_ALLOWED ? 0 : 1,
        block_third_party_cookies: !THIRD_PARTY_COOKIES_ALLOWED,
      },
    }),
  );
  return profile;
}

/** GPC as browsers that send it expose it to scripts (Global Privacy Control, §3.2). */
const GPC_SCRIPT = `Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
  configurable: true, enumerable: true, get() { return true; },
});`;

export async function runPass(name: Pass['name'], options: PassOptions): Promise<Pass> {
  // A bad login file is the user's mistake: say so before a browser starts.
  const state = options.storageState ? await readStorageState(options.storageState) : undefined;
  const profile = await worstCaseProfile();
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS],
      ...(options.gpc && { extraHTTPHeaders: { 'Sec-GPC': '1' } }),
    });
    if (options.gpc) await context.addInitScript({ content: GPC_SCRIPT });
    if (state) await restoreState(context, state, options.storageState as string);
    return await crawl(context, name, options);
  } finally {
    await bounded(context?.close() ?? Promise.resolve(), 30_000);
    await rm(profile, { recursive: true, force: true });
  }
}

/**
 * The pages a run of every shard would visit, found the way a run finds them (breadth-first over
 * same-site links from the start page, up to `pages`) but without waiting for late storage: a
 * shard repeats it to learn the whole set, then audits its share. Links a script adds seconds
 * after the load are not followed here; a site that has them gives a sitemap or a list instead.
 */
export async function discoverPages(
  options: Pick<PassOptions, 'start' | 'pages' | 'concurrency' | 'storageState' | 'progress'>,
): Promise<string[]> {
  const { progress } = options;
  const pass = await runPass('before consent', {
    ...options,
    lateStorageMs: 0,
    ...(progress && {
      progress: (line: string) => progress(line.replace(/^before consent: /, 'discovery: ')),
    }),
  });
  return [...pass.pages];
}

/**
 * Playwright's storage state (what `context.storageState()` saves after a login): its cookies go
 * into the jar, its local storage into each origin before the first script runs. A persistent
 * profile does not take the file itself.
 */
async function restoreState(
  context: BrowserContext,
  state: Awaited<ReturnType<typeof readStorageState>>,
  path: string,
): Promise<void> {
  if (state.cookies.length) {
    await context.addCookies(state.cookies).catch((error: Error) => {
      throw new AuditInputError(
        `--storage-state ${path}: a cookie the browser refuses (${(error.message.split('\n')[0] ?? '').replace(/^.*?addCookies: /, '')}); save it again with context.storageState()`,
      );
    });
  }
  const origins = state.origins.filter((o) => o.localStorage.length);
  if (origins.length > 0) {
    await context.addInitScript((saved) => {
      const mine = saved.find((o) => o.origin === location.origin);
      for (const { name, value } of mine?.localStorage ?? []) {
        if (localStorage.getItem(name) === null) localStorage.setItem(name, value);
      }
    }, origins);
  }
}

/** Why a navigation failed, in a few words: Chromium's net:: error, or what Playwright said. */
function failure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/Download is starting/i.test(message)) return 'it is a download, not a page';
  const net = /net::ERR_[A-Z_]+/.exec(message)?.[0];
  if (net) return net;
  if (/Timeout/i.test(message)) return `no answer within ${LIMITS.navigationMs / 1000} s`;
  return (message.split('\n')[0] ?? message).slice(0, 200);
}

async function crawl(
  context: BrowserContext,
  name: Pass['name'],
  options: PassOptions,
): Promise<Pass> {
  const site = siteOf(options.start);
  /** Cookie name → who set it first, and on which page. */
  const setBy = new Map<string, { by: string; page: string }>();
  const firstPage = new Map<string, string>();
  const requests: ObservedRequest[] = [];
  const requestsOf = new Map<string, number>();
  const storage = new Map<string, ObservedStorage>();
  const notes: PassNote[] = [];
  let banner: BannerObservation | undefined;
  let firstView: FirstView | undefined;
  const noted = new Set<string>();
  const note = (page: string, message: string) => {
    if (noted.has(`${page}|${message}`)) return;
    noted.add(`${page}|${message}`);
    notes.push({ page, message });
  };
  /** The tabs the crawl opened, with the address each was sent to. */
  const tabs = new Map<Page, string>();
  let lastStarted = options.start;
  let popups = 0;
  const popupsOf = new Map<string, number>();
  const pageOf = (page: Page | undefined) => (page && tabs.get(page)) ?? lastStarted;
  const frameOwner = (owner: { frame(): { page(): Page } }): string => {
    try {
      return pageOf(owner.frame().page());
    } catch {
      return lastStarted; // a service worker's request has no frame
    }
  };

  if (options.cookies?.length) await context.addCookies([...options.cookies]);
  // Per pass, so a page cannot learn them from an earlier visit.
  const binding = `cc${randomBytes(12).toString('hex')}`;
  const secret = randomBytes(24).toString('hex');
  const script = recorderScript(binding, secret);

  /** Pages being opened by the crawl itself (not popups) while newPage() runs. */
  let opening = 0;
  const closePopup = (page: Page) => {
    if (tabs.has(page)) return;
    // A popup: counted, and closed before it can open more.
    popups++;
    void page
      .opener()
      .then((opener) => {
        const from = pageOf(opener ?? undefined);
        popupsOf.set(from, (popupsOf.get(from) ?? 0) + 1);
      })
      .catch(() => undefined);
    void page.close({ runBeforeUnload: false }).catch(() => undefined);
  };
  context.on('page', (page) => {
    if (tabs.has(page)) return;
    // While the crawl opens a tab of its own, a new page may be that tab: look again once it is.
    if (opening > 0) setTimeout(() => closePopup(page), 1_000).unref();
    else closePopup(page);
  });
  context.on('response', async (response) => {
    try {
      const page = frameOwner(response);
      for (const header of await response.headersArray()) {
        if (header.name.toLowerCase() !== 'set-cookie') continue;
        for (const line of header.value.split('\n')) {
          const cookie = line.split(';')[0]?.split('=')[0]?.trim() ?? '';
          if (cookie && !setBy.has(cookie))
            setBy.set(cookie, { by: `response ${response.url()}`, page });
        }
      }
    } catch {
      // the response went away with its page: nothing to record
    }
  });
  context.on('request', (request) => {
    const url = request.url();
    if (!/^https?:/.test(url) || siteOf(url) === site) return;
    const page = frameOwner(request);
    const count = (requestsOf.get(page) ?? 0) + 1;
    requestsOf.set(page, count);
    if (count > LIMITS.requestsPerPage) return;
    requests.push({
      url,
      host: new URL(url).host,
      type: request.resourceType(),
      invisible: false,
      page,
    });
  });

  const openTab = async (url: string): Promise<{ page: Page; session: CDPSession | undefined }> => {
    opening++;
    let page: Page;
    try {
      page = await context.newPage();
    } finally {
      opening--;
    }
    tabs.set(page, url);
    const session = await context.newCDPSession(page).catch(() => undefined);
    if (session) {
      session.on('Runtime.bindingCalled', (event: { name: string; payload: string }) => {
        if (event.name !== binding) return;
        let report: unknown;
        try {
          report = JSON.parse(event.payload);
        } catch {
          return;
        }
        if (!Array.isArray(report) || report.length !== 4 || report[0] !== secret) return;
        const [, cookie, stack, where] = report as string[];
        if (!cookie || setBy.has(cookie)) return;
        const short = String(stack)
          .split('\n')
          .slice(3, 6)
          .map((l) => l.trim())
          .join(' | ');
        setBy.set(cookie, { by: `script on ${where}: ${short}`, page: url });
      });
      await session.send('Runtime.enable').catch(() => undefined);
      await session.send('Page.enable').catch(() => undefined);
      await session.send('Runtime.addBinding', { name: binding }).catch(() => undefined);
      await session
        .send('Page.addScriptToEvaluateOnNewDocument', { source: script })
        .catch(() => undefined);
    }
    return { page, session };
  };

  const readJar = async (url: string) => {
    for (const cookie of await context.cookies()) {
      const key = `${cookie.name}|${cookie.domain}|${cookie.path}`;
      if (!firstPage.has(key)) firstPage.set(key, url);
    }
  };

  const lateStorageMs = options.lateStorageMs ?? LIMITS.lateStorageMs;
  const concurrency = options.concurrency ?? LIMITS.tabs;
  /** Pages visited and recorded, in the order they were started. */
  const visited: string[] = [];
  /** The start page, visited only to give consent there (not one of `urls`): not recorded. */
  const unrecorded =
    options.urls !== undefined && !options.urls.includes(options.start) ? options.start : undefined;

  /**
   * One page, start to finish; every step bounded. Its links are reported once the network is
   * quiet (`early`), so the next pages can start while this one waits for late storage; the
   * links that appeared during that wait are what it returns.
   */
  const visit = async (
    url: string,
    first: boolean,
    early: (links: readonly string[]) => void,
  ): Promise<string[]> => {
    const { page, session } = await openTab(url);
    const slow = () =>
      note(
        url,
        `its scripts did not answer within ${LIMITS.evaluateMs / 1000} s; what it stores may be incomplete`,
      );
    try {
      // The page's own answer, also when Chromium turns an empty error page into a net:: error.
      const navigation: { answer?: Response } = {};
      page.on('response', (r) => {
        if (r.request().isNavigationRequest() && r.frame() === page.mainFrame())
          navigation.answer = r;
      });
      const answered = (r: Response) =>
        `it answered HTTP ${r.status()}${r.statusText() ? ` ${r.statusText()}` : ''}`;
      try {
        const response = await page.goto(url, {
          waitUntil: 'commit',
          timeout: LIMITS.navigationMs,
        });
        if (response) navigation.answer = response;
      } catch (error) {
        const { answer } = navigation;
        const reason =
          answer && answer.status() >= 400
            ? answered(answer)
            : `could not be loaded: ${failure(error)}`;
        if (first) throw new StartPageError(url, reason.replace(/^could not be loaded: /, ''));
        note(url, reason);
        return [];
      }
      if (navigation.answer && navigation.answer.status() >= 400) {
        const reason = answered(navigation.answer);
        if (first) throw new StartPageError(url, reason);
        note(url, reason);
      }
      if ((await bounded(page.waitForLoadState('load'), LIMITS.navigationMs)) === TIMED_OUT)
        note(url, `it did not finish loading within ${LIMITS.navigationMs / 1000} s`);
      const loadedAt = Date.now();
      if (first && options.checkBanner && session) {
        const measured = await bounded(
          measureBanner(session, options.checkBanner).catch((error: Error) => error),
          LIMITS.evaluateMs,
        );
        if (measured === TIMED_OUT) slow();
        else if (measured instanceof Error) note(url, measured.message);
        else banner = measured;
      }
      const click = first ? (options.rejectSelector ?? options.acceptSelector) : undefined;
      if (first) firstView = await firstLook(page, session, click, options.screenshot !== false);
      if (click) {
        // A control that is missing or covered is a note, not the end of the audit.
        const clicked = await bounded(
          page.click(click, { timeout: LIMITS.actionMs }).then(
            () => true,
            () => false,
          ),
          LIMITS.actionMs + 1_000,
        );
        if (clicked !== true) note(url, `${click} could not be clicked`);
        // A banner that is a form posts and comes back: what is stored is on the page it loads.
        else await bounded(page.waitForLoadState('load'), LIMITS.navigationMs);
      }
      // Until the network is idle, bounded: a page that never goes quiet is recorded as it is.
      await bounded(page.waitForLoadState('networkidle'), LIMITS.lateStorageMs);
      const quiet = await bounded(sameSiteLinks(page, site), LIMITS.evaluateMs);
      if (quiet === TIMED_OUT) slow();
      early(quiet === TIMED_OUT ? [] : quiet);
      // Storage written a little later (a timer, a consent tool, a service worker).
      await sleep(loadedAt + lateStorageMs - Date.now());
      const later = await bounded(sameSiteLinks(page, site), LIMITS.evaluateMs);
      const known = new Set(quiet === TIMED_OUT ? [] : quiet);
      if ((await bounded(recordStorage(page, url, storage), LIMITS.evaluateMs)) === TIMED_OUT)
        slow();
      if (
        (await bounded(markInvisibleImages(page, url, requests), LIMITS.evaluateMs)) === TIMED_OUT
      )
        slow();
      await readJar(url);
      return later === TIMED_OUT ? [] : later.filter((link) => !known.has(link));
    } finally {
      await bounded(session?.detach() ?? Promise.resolve(), LIMITS.actionMs);
      await bounded(page.close({ runBeforeUnload: false }), LIMITS.actionMs);
    }
  };

  /** Tabs open (at most `concurrency`), and the pages waiting for one, first come first served. */
  let open = 0;
  const waiting: (() => void)[] = [];
  const tab = async () => {
    if (open < concurrency) open++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const freeTab = () => {
    const next = waiting.shift();
    if (next) next();
    else open--;
  };

  let startFailed = false;
  /** The pages started, each with its links once quiet and the links that came later. */
  const started = new Map<string, { early: Promise<string[]>; later: Promise<string[]> }>();
  /**
   * Starts a page as soon as a tab is free. A failure of any page but the start page is a note;
   * the start page's ends the pass if it comes before its links (before consent was given).
   */
  const start = (url: string, first: boolean, total: () => number) => {
    let report: (links: readonly string[]) => void = () => {};
    let reported = false;
    const early = new Promise<string[]>((resolve) => {
      report = (links) => {
        reported = true;
        resolve([...links]);
      };
    });
    const later = (async () => {
      await tab();
      try {
        if (url !== unrecorded) visited.push(url);
        lastStarted = url;
        options.progress?.(
          url === unrecorded
            ? `${name}: the start page ${url}, where consent is given (not one of the pages)`
            : `${name}: ${visited.length}/${total()} ${url}`,
        );
        return await visit(url, first, report);
      } catch (error) {
        if (first && !reported) {
          startFailed = true;
          throw error;
        }
        note(url, `could not be audited: ${failure(error)}`);
        return [];
      } finally {
        freeTab();
        report([]);
      }
    })();
    // Awaited below; until then a failure must not count as unhandled.
    later.catch(() => undefined);
    started.set(url, { early, later });
  };

  // The start page is alone until its links are known: it is where consent is clicked, and the
  // one page whose failure ends the pass.
  const known = options.urls ? [...new Set(options.urls)].sort(byText) : undefined;
  if (known) {
    start(options.start, true, () => known.length);
    await started.get(options.start)?.early;
    // A start page that failed ends the pass before any other page is opened.
    if (startFailed) await started.get(options.start)?.later;
    for (const url of known) if (url !== options.start) start(url, false, () => known.length);
  } else {
    // Breadth-first, one level at a time: a level is every page linked from the one before that
    // was not started yet, in address order, cut at the page limit. Which pages make it in does
    // not depend on which answered first, so any --concurrency visits the same pages. A level
    // starts once the links of the one before are known (the network quiet on each page), while
    // those pages still wait for late storage; links that appear only during that wait are
    // followed after the rest, as a level of their own.
    const seen = new Set([options.start]);
    const total = () => Math.min(options.pages, seen.size);
    start(options.start, true, total);
    let level = [options.start];
    const links = async (urls: readonly string[]) =>
      (await Promise.all(urls.map((url) => started.get(url)?.early ?? []))).flat();
    const lateLinks = async (urls: readonly string[]) =>
      (await Promise.all(urls.map((url) => started.get(url)?.later ?? []))).flat();
    while (seen.size < options.pages) {
      let next = [...new Set(await links(level))].filter((url) => !seen.has(url)).sort(byText);
      if (next.length === 0) {
        // Every page so far is done: what appeared late on any of them, not yet started.
        next = [...new Set(await lateLinks([...started.keys()]))]
          .filter((url) => !seen.has(url))
          .sort(byText);
        if (next.length === 0) break;
      }
      level = next.slice(0, options.pages - seen.size);
      for (const url of level) seen.add(url);
      for (const url of level) start(url, false, total);
    }
  }
  // Every page finished (the start page's failure, if any, ends the pass here).
  await Promise.all([...started.values()].map((page) => page.later));

  for (const [page, count] of requestsOf) {
    if (page === unrecorded) continue;
    if (count > LIMITS.requestsPerPage)
      note(
        page,
        `it sent ${count} requests to other sites; the first ${LIMITS.requestsPerPage} are recorded`,
      );
  }
  for (const [page, count] of popupsOf) {
    if (page === unrecorded) popups -= count;
    else note(page, `it opened ${count} window${count === 1 ? '' : 's'}, each closed at once`);
  }

  const seenAt = Math.floor(Date.now() / 1000);
  const cookies = (await context.cookies()).map((c) => {
    const origin = setBy.get(c.name);
    return {
      name: c.name,
      domain: c.domain,
      path: c.path,
      expires: c.expires,
      httpOnly: c.httpOnly,
      secure: c.secure,
      sameSite: c.sameSite,
      partitionKey: (c as { partitionKey?: string }).partitionKey,
      seenAt,
      page: origin?.page ?? firstPage.get(`${c.name}|${c.domain}|${c.path}`) ?? options.start,
      setBy: origin?.by,
    };
  });
  // What the start page showed belongs to the shard whose page it is; its cookies and storage
  // stay, as they would in a run of every page (each shard has them: the merge keeps one).
  const recorded = <T extends { page: string }>(items: readonly T[]) =>
    unrecorded === undefined ? [...items] : items.filter((item) => item.page !== unrecorded);
  return orderedPass({
    name,
    pages: visited,
    cookies,
    storage: [...storage.values()],
    requests: recorded(requests),
    popups,
    notes: recorded(notes),
    ...(banner && { banner }),
    ...(firstView && { firstView }),
  });
}

/** The first page before any click: once the control to click (a banner a script adds) shows. */
async function firstLook(
  page: Page,
  session: CDPSession | undefined,
  click: string | undefined,
  screenshot: boolean,
): Promise<FirstView | undefined> {
  if (click)
    await bounded(
      // Missing or hidden is the click's to note, not this look's.
      page.waitForSelector(click, { state: 'visible', timeout: LIMITS.actionMs }).catch(() => null),
      LIMITS.actionMs + 1_000,
    );
  const view = await bounded(
    captureFirstView(page, session, { screenshot, timeoutMs: LIMITS.actionMs }),
    LIMITS.actionMs + 1_000,
  );
  return view === TIMED_OUT ? undefined : view;
}

async function recordStorage(page: Page, url: string, found: Map<string, ObservedStorage>) {
  const frames = page.frames().slice(0, LIMITS.framesPerPage);
  await Promise.all(
    frames.map(async (frame) => {
      const seen = await frame
        .evaluate(async () => {
          const keys = (store: Storage) =>
            Array.from({ length: store.length }, (_, i) => store.key(i) ?? '');
          const databases = (await indexedDB.databases?.().catch(() => [])) ?? [];
          const caches = globalThis.caches
            ? await globalThis.caches.keys().catch(() => [] as string[])
            : [];
          return {
            origin: location.origin,
            localStorage: keys(localStorage),
            sessionStorage: keys(sessionStorage),
            indexedDB: databases.map((d) => d.name ?? ''),
            cacheStorage: caches,
          };
        })
        .catch(() => undefined);
      if (!seen || seen.origin === 'null') return;
      for (const kind of ['localStorage', 'sessionStorage', 'indexedDB', 'cacheStorage'] as const) {
        for (const key of seen[kind]) {
          const id = `${kind}|${seen.origin}|${key}`;
          if (!found.has(id)) found.set(id, { kind, origin: seen.origin, key, page: url });
        }
      }
    }),
  );
}

/** Images the page does not show (≤ 2×2 px, or hidden) are pixels, whatever they call themselves. */
async function markInvisibleImages(page: Page, url: string, requests: ObservedRequest[]) {
  const invisible = new Set(
    await page
      .evaluate(() =>
        Array.from(document.images)
          .filter((img) => {
            const box = img.getBoundingClientRect();
            const style = getComputedStyle(img);
            return (
              (box.width <= 2 && box.height <= 2) ||
              style.display === 'none' ||
              style.visibility === 'hidden' ||
              Number(style.opacity) === 0
            );
          })
          .map((img) => img.currentSrc || img.src),
      )
      .catch(() => [] as string[]),
  );
  for (const [index, request] of requests.entries()) {
    if (request.page === url && request.type === 'image' && invisible.has(request.url))
      requests[index] = { ...request, invisible: true };
  }
}

async function sameSiteLinks(page: Page, site: string): Promise<string[]> {
  const links = await page
    .evaluate(() => Array.from(document.links, (a) => a.href).slice(0, 10_000))
    .catch(() => [] as string[]);
  return links.flatMap((href) => {
    try {
      const url = new URL(href);
      if (!/^https?:$/.test(url.protocol) || siteOf(url.href) !== site) return [];
      url.hash = '';
      return [url.href];
    } catch {
      return [];
    }
  });
}
