import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { getDomain } from 'tldts';

/*
 * What a site really stores, as a browser sees it: one pass is a fresh Chromium profile crawling
 * the start page and its same-site links breadth-first, recording every cookie (and who set it:
 * the response, or the script and its stack), each origin's local and session storage keys and
 * IndexedDB databases, and requests to other sites of the kinds used for tracking.
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
  /** The response whose Set-Cookie set it, or the script that wrote it (URL and short stack). */
  readonly setBy: string | undefined;
}

export interface ObservedStorage {
  readonly kind: 'localStorage' | 'sessionStorage' | 'indexedDB';
  readonly origin: string;
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

export interface Pass {
  readonly name: 'before consent' | 'after consent';
  readonly pages: readonly string[];
  readonly cookies: readonly ObservedCookie[];
  readonly storage: readonly ObservedStorage[];
  readonly requests: readonly ObservedRequest[];
}

export interface PassOptions {
  readonly start: string;
  readonly pages: number;
  /** Cookies to put in the jar first (the consent cookie for the after-consent pass). */
  readonly cookies?: readonly Parameters<BrowserContext['addCookies']>[0][number][];
  /** Playwright storage state (a login). */
  readonly storageState?: string;
  /** A selector to click on the first page (another site's accept button). */
  readonly acceptSelector?: string;
  /** How long one page may take to go quiet. */
  readonly pageTimeoutMs?: number;
  readonly progress?: (line: string) => void;
}

/** Records document.cookie and CookieStore writes with a short stack, before any page script. */
const INIT_SCRIPT = `(() => {
  const record = (text) => {
    const stack = (new Error().stack || '').split('\\n').slice(2, 5).map((l) => l.trim()).join(' | ');
    const name = String(text).split(';')[0].split('=')[0].trim();
    try { globalThis.__cookieCatalogAudit?.(name, stack); } catch {}
  };
  const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (descriptor && descriptor.set) {
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true,
      get() { return descriptor.get.call(this); },
      set(value) { record(value); descriptor.set.call(this, value); },
    });
  }
  if (globalThis.CookieStore && CookieStore.prototype.set) {
    const set = CookieStore.prototype.set;
    CookieStore.prototype.set = function (nameOrOptions, value) {
      record(typeof nameOrOptions === 'string' ? nameOrOptions + '=' : (nameOrOptions?.name ?? '') + '=');
      return set.apply(this, arguments);
    };
  }
})();`;

function siteOf(url: string): string {
  const { hostname } = new URL(url);
  return getDomain(hostname, { allowPrivateDomains: true }) ?? hostname;
}

export async function runPass(name: Pass['name'], options: PassOptions): Promise<Pass> {
  const profile = await mkdtemp(join(tmpdir(), 'cookie-catalog-audit-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS],
    });
    if (options.storageState) await restoreState(context, options.storageState);
    return await crawl(context, name, options);
  } finally {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/**
 * Playwright's storage state (what `context.storageState()` saves after a login): its cookies go
 * into the jar, its local storage into each origin before the first script runs. A persistent
 * profile does not take the file itself.
 */
async function restoreState(context: BrowserContext, path: string): Promise<void> {
  const state = JSON.parse(await readFile(path, 'utf8')) as {
    cookies?: Parameters<BrowserContext['addCookies']>[0];
    origins?: { origin: string; localStorage?: { name: string; value: string }[] }[];
  };
  if (state.cookies?.length) await context.addCookies(state.cookies);
  const origins = (state.origins ?? []).filter((o) => o.localStorage?.length);
  if (origins.length > 0) {
    await context.addInitScript((saved) => {
      const mine = saved.find((o) => o.origin === location.origin);
      for (const { name, value } of mine?.localStorage ?? []) {
        if (localStorage.getItem(name) === null) localStorage.setItem(name, value);
      }
    }, origins);
  }
}

async function crawl(
  context: BrowserContext,
  name: Pass['name'],
  options: PassOptions,
): Promise<Pass> {
  const site = siteOf(options.start);
  const setBy = new Map<string, string>();
  const firstPage = new Map<string, string>();
  const requests: ObservedRequest[] = [];
  const storage = new Map<string, ObservedStorage>();
  let current = options.start;

  if (options.cookies?.length) await context.addCookies([...options.cookies]);
  await context.exposeBinding(
    '__cookieCatalogAudit',
    ({ frame }, cookie: string, stack: string) => {
      if (!setBy.has(cookie)) setBy.set(cookie, `script on ${frame.url()}: ${stack}`);
    },
  );
  await context.addInitScript({ content: INIT_SCRIPT });
  context.on('response', async (response) => {
    try {
      for (const header of await response.headersArray()) {
        if (header.name.toLowerCase() !== 'set-cookie') continue;
        for (const line of header.value.split('\n')) {
          const cookie = line.split(';')[0]?.split('=')[0]?.trim() ?? '';
          if (cookie && !setBy.has(cookie)) setBy.set(cookie, `response ${response.url()}`);
        }
      }
    } catch {
      // the response went away with its page: nothing to record
    }
  });
  context.on('request', (request) => {
    const url = request.url();
    if (!/^https?:/.test(url) || siteOf(url) === site) return;
    requests.push({
      url,
      host: new URL(url).host,
      type: request.resourceType(),
      invisible: false,
      page: current,
    });
  });

  const queue = [options.start];
  const seen = new Set(queue);
  const visited: string[] = [];
  const page = await context.newPage();
  while (queue.length > 0 && visited.length < options.pages) {
    const url = queue.shift() as string;
    current = url;
    options.progress?.(
      `${name}: ${visited.length + 1}/${Math.min(options.pages, seen.size)} ${url}`,
    );
    await visit(page, url, options.pageTimeoutMs ?? 10_000);
    if (visited.length === 0 && options.acceptSelector) {
      await page.click(options.acceptSelector, { timeout: 5_000 }).catch(() => undefined);
      await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
    }
    visited.push(url);
    for (const cookie of await context.cookies()) {
      const key = `${cookie.name}|${cookie.domain}|${cookie.path}`;
      if (!firstPage.has(key)) firstPage.set(key, url);
    }
    await recordStorage(page, url, storage);
    await markInvisibleImages(page, url, requests);
    for (const link of await sameSiteLinks(page, site)) {
      if (!seen.has(link)) {
        seen.add(link);
        queue.push(link);
      }
    }
  }
  const seenAt = Math.floor(Date.now() / 1000);
  const cookies = (await context.cookies()).map((c) => ({
    name: c.name,
    domain: c.domain,
    path: c.path,
    expires: c.expires,
    httpOnly: c.httpOnly,
    secure: c.secure,
    sameSite: c.sameSite,
    partitionKey: (c as { partitionKey?: string }).partitionKey,
    seenAt,
    page: firstPage.get(`${c.name}|${c.domain}|${c.path}`) ?? options.start,
    setBy: setBy.get(c.name),
  }));
  return { name, pages: visited, cookies, storage: [...storage.values()], requests };
}

async function visit(page: Page, url: string, timeout: number): Promise<void> {
  await page.goto(url, { waitUntil: 'load', timeout }).catch(() => undefined);
  // Until the network is idle, bounded: a page that never goes quiet is recorded as it is.
  await page.waitForLoadState('networkidle', { timeout }).catch(() => undefined);
}

async function recordStorage(page: Page, url: string, found: Map<string, ObservedStorage>) {
  for (const frame of page.frames()) {
    const seen = await frame
      .evaluate(async () => {
        const keys = (store: Storage) =>
          Array.from({ length: store.length }, (_, i) => store.key(i) ?? '');
        const databases = (await indexedDB.databases?.().catch(() => [])) ?? [];
        return {
          origin: location.origin,
          localStorage: keys(localStorage),
          sessionStorage: keys(sessionStorage),
          indexedDB: databases.map((d) => d.name ?? ''),
        };
      })
      .catch(() => undefined);
    if (!seen || seen.origin === 'null') continue;
    for (const kind of ['localStorage', 'sessionStorage', 'indexedDB'] as const) {
      for (const key of seen[kind]) {
        const id = `${kind}|${seen.origin}|${key}`;
        if (!found.has(id)) found.set(id, { kind, origin: seen.origin, key, page: url });
      }
    }
  }
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
    .evaluate(() => Array.from(document.links, (a) => a.href))
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
