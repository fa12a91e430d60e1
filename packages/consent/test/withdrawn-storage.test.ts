import { type Catalog, loadCatalog } from '@cookie-catalog/catalog';
import {
  type Browser,
  type LocalServer,
  launchChromium,
  startLocalServer,
} from '@cookie-catalog/test-support';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Edit, editedCatalog } from '../../catalog/test/catalog-copy.js';
import { formBody, type GeneratedPackages, generatedPackages } from './generated-packages.js';

/*
 * Withdrawal reaches the browser's storage (issue #30 item 6), in Chromium: the fixture's optional
 * category declares local and session storage keys and IndexedDB databases of our own origin, by
 * fixed name and by pattern. After yes the page stores them, beside a key nobody declares and one
 * of a category that needs no consent; after no, the next page load removes exactly the declared
 * ones of the withdrawn category with removeWithdrawnStorage from the browser entry. In a page
 * whose storage the browser blocks, it resolves without throwing.
 */

// Generated for this test into test folders (ignored by git and by every build), never into src/.
const SLOT = '.withdrawn-storage';

/** An entry of ours in page storage. */
const stored = (id: string, name: string, kind: string, category: string, more: string[] = []) =>
  ({
    file: `cookies/${id}.yaml`,
    with: [
      `id: ${id}`,
      `name: "${name}"`,
      ...more,
      `kind: ${kind}`,
      `category: ${category}`,
      'provider: { party: first, domain: billogram.com }',
      'setBy: client',
      `lifetime: ${kind === 'sessionStorage' ? 'session' : 'persistent'}`,
      'purpose: { en: Test., sv: Test. }',
    ].join('\n'),
  }) satisfies Edit;

const parameter = (name: string, type: 'string' | 'integer', example: string) => [
  'nameParameters:',
  `  ${name}: { type: ${type}, example: ${example}, description: { en: a test, sv: ett test } }`,
];

async function fixtureCatalog(): Promise<Catalog> {
  const dir = await editedCatalog([
    stored('chat_draft', 'chat_draft', 'localStorage', 'help-center'),
    stored(
      'chat_seen',
      'chat_seen_{thread}',
      'localStorage',
      'help-center',
      parameter('thread', 'string', 'abc'),
    ),
    stored('chat_open', 'chat_open', 'sessionStorage', 'help-center'),
    stored('chat_history', 'chat-history', 'indexedDB', 'help-center'),
    stored(
      'chat_cache',
      'chat-cache-{n}',
      'indexedDB',
      'help-center',
      parameter('n', 'integer', '1'),
    ),
    stored('ui_theme', 'ui_theme', 'localStorage', 'necessary'),
  ]);
  const { catalog, problems } = await loadCatalog(dir);
  if (!catalog) throw new Error(problems.map((p) => p.message).join('\n'));
  return catalog;
}

/**
 * The page's script: on every load it removes what the answer withdraws, then, with consent to
 * help-center, stores that category's keys and databases; the necessary key and an undeclared one
 * always. It shows what it removed in the page, once all is done.
 */
const PAGE_SCRIPT = `
import { readConsent, removeWithdrawnStorage } from './${SLOT}/browser.ts';
const removed = await removeWithdrawnStorage();
const createDatabase = (name) =>
  new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('things');
    request.onsuccess = () => { request.result.close(); resolve(); };
    request.onerror = () => reject(request.error);
  });
localStorage.setItem('ui_theme', 'dark');
localStorage.setItem('scratch', 'mine');
await createDatabase('scratch-db');
if (readConsent()?.categories['help-center'] === true) {
  localStorage.setItem('chat_draft', 'Hello');
  localStorage.setItem('chat_seen_abc', '3');
  sessionStorage.setItem('chat_open', 'yes');
  await createDatabase('chat-history');
  await createDatabase('chat-cache-1');
}
const done = document.createElement('p');
done.id = 'storage';
done.textContent = 'Removed: ' + (removed.length === 0 ? 'nothing' : removed.join(', '));
document.querySelector('main').append(done);
`;

/** In a page whose storage the browser blocks: what removeWithdrawnStorage resolves with, or throws. */
const BLOCKED_SCRIPT = `
import { removeWithdrawnStorage } from './${SLOT}/browser.ts';
let blocked = 'nothing';
try { localStorage.length; } catch (error) { blocked = error.name; }
const shown = document.createElement('p');
shown.id = 'storage';
try {
  const removed = await removeWithdrawnStorage();
  shown.textContent = 'Storage blocked: ' + blocked + '. Removed: ' + (removed.length === 0 ? 'nothing' : removed.join(', '));
} catch (error) {
  shown.textContent = 'Threw: ' + error;
}
document.querySelector('main').append(shown);
`;

describe('withdrawal reaches local storage, session storage and IndexedDB, in Chromium', () => {
  let site: LocalServer | undefined;
  let browser: Browser | undefined;
  let packages: GeneratedPackages | undefined;

  beforeAll(async () => {
    packages = await generatedPackages(await fixtureCatalog(), SLOT);
    const { consent } = packages;
    const script = await build({
      stdin: {
        contents: PAGE_SCRIPT,
        resolveDir: new URL('.', import.meta.url).pathname,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      write: false,
    });
    const pageScript = script.outputFiles[0]?.text ?? '';
    const blocked = await build({
      stdin: {
        contents: BLOCKED_SCRIPT,
        resolveDir: new URL('.', import.meta.url).pathname,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      write: false,
    });
    const blockedScript = blocked.outputFiles[0]?.text ?? '';
    site = await startLocalServer(async (request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/app.js') {
        response.setHeader('Content-Type', 'text/javascript');
        response.end(pageScript);
        return;
      }
      if (url.pathname === '/blocked.js') {
        // Fetched from an opaque origin, which a module script may only load with CORS.
        response.setHeader('Access-Control-Allow-Origin', '*');
        response.setHeader('Content-Type', 'text/javascript');
        response.end(blockedScript);
        return;
      }
      if (url.pathname === '/sandboxed') {
        // A sandboxed document has an opaque origin: its storage throws a SecurityError.
        response.setHeader('Content-Security-Policy', 'sandbox allow-scripts');
        response.setHeader('Content-Type', 'text/html; charset=utf-8');
        response.end(
          '<!doctype html><html lang="en"><head><title>Sandboxed</title><script type="module" src="/blocked.js"></script></head><body><main><h1>Sandboxed</h1></main></body></html>',
        );
        return;
      }
      const headers = new Headers();
      let html = '';
      if (request.method === 'POST') {
        const form = await formBody(request);
        await consent.applyConsentForm(headers, form, {
          cookieHeader: request.headers.cookie,
          records: null,
        });
        html = consent.consentBanner('en', {
          action: '/cookies',
          answered: form.get('cookies') === 'accept' ? 'accept' : 'reject',
        });
      } else if (!consent.readConsent(request.headers.cookie)) {
        html = consent.consentBanner('en', { action: '/cookies' });
      }
      for (const line of headers.getSetCookie()) response.appendHeader('Set-Cookie', line);
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(
        `<!doctype html><html lang="en"><head><title>Shop</title><script type="module" src="/app.js"></script></head><body>${html}<main><h1>Shop</h1></main></body></html>`,
      );
    });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await packages?.remove();
  });

  /** What the page holds, as its own scripts see it. */
  const storage = (page: Page) =>
    page.evaluate(async () => ({
      local: Object.keys(localStorage).sort(),
      session: Object.keys(sessionStorage).sort(),
      databases: (await indexedDB.databases()).map((d) => d.name).sort(),
    }));

  /** The page's script has run: what it says it removed. */
  const removedShown = async (page: Page) => {
    const shown = page.locator('#storage');
    await shown.waitFor();
    return (await shown.textContent()) ?? '';
  };

  /** Posts the consent form as the banner's buttons do. */
  const answer = async (page: Page, cookies: 'accept' | 'reject') => {
    await page.evaluate((value) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = '/cookies';
      form.innerHTML = `<input name="cookies" value="${value}">`;
      document.body.append(form);
      form.submit();
    }, cookies);
    await page.locator('.cookie-consent-confirmation').waitFor();
  };

  it('never asked: what the category declares is removed, the rest kept', async () => {
    if (!browser || !site) throw new Error('not started');
    const page = await browser.context.newPage();
    await page.goto(site.origin);
    expect(await removedShown(page)).toBe('Removed: nothing');
    // Left by an earlier visit, or by a script that ran without asking.
    await page.evaluate(() => localStorage.setItem('chat_draft', 'stale'));
    await page.reload();
    expect(await removedShown(page)).toBe('Removed: localStorage:chat_draft');
    expect((await storage(page)).local).toEqual(['scratch', 'ui_theme']);
    await page.close();
  });

  it('yes stores the category’s keys and databases; no removes exactly those on the next load', async () => {
    if (!browser || !site) throw new Error('not started');
    const page = await browser.context.newPage();
    await page.goto(site.origin);
    await removedShown(page);
    await answer(page, 'accept');
    await removedShown(page);
    await page.goto(site.origin);
    expect(await removedShown(page)).toBe('Removed: nothing');
    expect(await storage(page)).toEqual({
      local: ['chat_draft', 'chat_seen_abc', 'scratch', 'ui_theme'],
      session: ['chat_open'],
      databases: ['chat-cache-1', 'chat-history', 'scratch-db'],
    });

    await answer(page, 'reject');
    const removed = (await removedShown(page)).replace('Removed: ', '').split(', ').sort();
    expect(removed).toEqual([
      'indexedDB:chat-cache-1',
      'indexedDB:chat-history',
      'localStorage:chat_draft',
      'localStorage:chat_seen_abc',
      'sessionStorage:chat_open',
    ]);
    expect(await storage(page)).toEqual({
      local: ['scratch', 'ui_theme'],
      session: [],
      databases: ['scratch-db'],
    });
    await page.close();
  });

  it('storage the browser blocks (an opaque origin’s SecurityError): nothing thrown, nothing removed', async () => {
    if (!browser || !site) throw new Error('not started');
    const page = await browser.context.newPage();
    await page.goto(`${site.origin}/sandboxed`);
    expect(await removedShown(page)).toBe('Storage blocked: SecurityError. Removed: nothing');
    await page.close();
  });
});
