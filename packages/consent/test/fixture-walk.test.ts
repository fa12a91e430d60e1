import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Catalog, isFirstPartyCookie, loadCatalog } from '@cookie-catalog/catalog';
import { type Browser, launchChromium } from '@cookie-catalog/test-support';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editedCatalog } from '../../catalog/test/catalog-copy.js';
import { formBody, type GeneratedPackages, generatedPackages } from './generated-packages.js';

/*
 * The consent package generated from a fixture catalog whose optional category holds a cookie of
 * our own (chat_pref) and a widget from another site, walked in Chromium: nothing optional before
 * an answer, the cookie and the widget after yes, the cookie gone after no.
 */

// Generated for this test into test folders (ignored by git and by every build), never into src/.
const SLOT = '.fixture-walk';

async function fixtureCatalog(): Promise<Catalog> {
  const dir = await editedCatalog([
    {
      file: 'policy.yaml',
      find: '    openCookieDatabase: Functional\n',
      with: '    openCookieDatabase: Functional\n    consentMode: [functionality_storage]\n',
    },
    {
      file: 'cookies/chat_pref.yaml',
      with: [
        'id: chat_pref',
        'name: chat_pref',
        'kind: cookie',
        'category: help-center',
        'provider: { party: first, domain: billogram.com }',
        'setBy: server',
        'lifetime: 30 days',
        'purpose: { en: Remembers the chat window., sv: Kommer ihåg chattfönstret. }',
        'value: { type: enum, values: [open, closed] }',
      ].join('\n'),
    },
  ]);
  const { catalog, problems } = await loadCatalog(dir);
  if (!catalog) throw new Error(problems.map((p) => p.message).join('\n'));
  return catalog;
}

interface FixtureServer {
  setChatPref(target: Headers, value: 'open' | 'closed'): void;
}

describe('consent from a fixture catalog, walked in Chromium', () => {
  let catalog: Catalog;
  let site: Server;
  let widgetSite: Server;
  let origin: string;
  let browser: Browser;
  let packages: GeneratedPackages | undefined;

  beforeAll(async () => {
    catalog = await fixtureCatalog();
    packages = await generatedPackages(catalog, SLOT);
    const { consent } = packages;
    const server = packages.server as unknown as FixtureServer;
    const script = await build({
      stdin: {
        contents: `import { activateConsentedScripts, updateGtagConsent } from './${SLOT}/browser.ts'; activateConsentedScripts(); updateGtagConsent('default', (...args) => { globalThis.gtagCalls = args; });`,
        resolveDir: new URL('.', import.meta.url).pathname,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      write: false,
    });
    const pageScript = script.outputFiles[0]?.text ?? '';

    // The widget's own site: another host name, so another site to the browser.
    widgetSite = createServer((_request, response) => {
      response.setHeader('Content-Type', 'text/javascript');
      response.end("document.documentElement.dataset.widget = 'ran';");
    });
    await new Promise<void>((resolve) => widgetSite.listen(0, '127.0.0.1', resolve));
    const widgetUrl = `http://localhost:${(widgetSite.address() as AddressInfo).port}/widget.js`;

    site = createServer(async (request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const cookies = request.headers.cookie;
      const headers = new Headers();
      let html = '';
      if (url.pathname === '/app.js') {
        response.setHeader('Content-Type', 'text/javascript');
        response.end(pageScript);
        return;
      }
      if (request.method === 'POST') {
        const form = await formBody(request);
        const { notDeleted } = await consent.applyConsentForm(headers, form, {
          cookieHeader: cookies,
          records: null,
        });
        html = consent.consentBanner('en', {
          action: '/cookies',
          answered: form.get('cookies') === 'accept' ? 'accept' : 'reject',
          notDeleted,
        });
      } else {
        const given = consent.readConsent(cookies);
        // Our own optional cookie, set only with consent to its category.
        if (consent.hasConsent(given, 'help-center' as never)) server.setChatPref(headers, 'open');
        html = given ? '' : consent.consentBanner('en', { action: '/cookies' });
      }
      for (const line of headers.getSetCookie()) response.appendHeader('Set-Cookie', line);
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(
        `<!doctype html><html lang="en"><head><title>Shop</title><script type="module" src="/app.js"></script></head><body>${html}<main><h1>Shop</h1><a href="/">Home</a><script type="text/plain" data-consent-category="help-center" src="${widgetUrl}"></script></main></body></html>`,
      );
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await new Promise((resolve) => widgetSite?.close(resolve));
    await packages?.remove();
  });

  const jar = async () => (await browser.context.cookies(origin)).map((c) => c.name).sort();

  it('first visit: the banner, and neither the optional cookie nor the widget', async () => {
    const page = await browser.context.newPage();
    await page.goto(origin);
    await page.locator('.cookie-consent button[value="accept"]').waitFor();
    expect(await jar()).not.toContain('chat_pref');
    expect(await page.evaluate(() => document.documentElement.dataset.widget)).toBeUndefined();
    // Google Consent Mode v2, from the catalog's mapping: denied until people say yes.
    await page.waitForFunction(() => 'gtagCalls' in globalThis);
    expect(await page.evaluate(() => (globalThis as { gtagCalls?: unknown }).gtagCalls)).toEqual([
      'consent',
      'default',
      { functionality_storage: 'denied' },
    ]);
  });

  it('yes: our optional cookie is set and the other site’s widget runs; no: the cookie is gone, the third-party ones are named', async () => {
    const page = await browser.context.newPage();
    await page.goto(origin);
    await page.click('.cookie-consent button[value="accept"]');
    await page.locator('.cookie-consent-confirmation').waitFor();
    await page.goto(origin);
    await page.waitForFunction(() => document.documentElement.dataset.widget === 'ran');
    expect(await jar()).toContain('chat_pref');
    expect(await page.evaluate(() => (globalThis as { gtagCalls?: unknown }).gtagCalls)).toEqual([
      'consent',
      'default',
      { functionality_storage: 'granted' },
    ]);

    await page.evaluate(() => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = '/cookies';
      form.innerHTML = '<input name="cookies" value="reject">';
      document.body.append(form);
      form.submit();
    });
    await page.locator('.cookie-consent-confirmation').waitFor();
    expect(await jar()).not.toContain('chat_pref');
    const named = await page.locator('.cookie-consent-not-deleted code').allTextContents();
    // Another company's cookies on its own domain, and a vendor's on ours where the catalog does
    // not say where it lives: named, since withdrawal cannot delete them.
    const notDeletable = catalog.entries
      .filter(
        (e) =>
          e.category === 'help-center' &&
          e.kind === 'cookie' &&
          !isFirstPartyCookie(e) &&
          !(e.setBy === 'vendor' && e.location !== undefined),
      )
      .map((e) => e.name.pattern);
    expect(notDeletable.length).toBeGreaterThan(0);
    expect(named.sort()).toEqual(notDeletable.sort());
    await page.goto(origin);
    await page.locator('main h1').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.widget)).toBeUndefined();
  });
});
