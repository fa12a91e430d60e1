import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Catalog, loadCatalog } from '@cookie-catalog/catalog';
import { type Browser, launchChromium } from '@cookie-catalog/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Edit, editedCatalog } from '../../catalog/test/catalog-copy.js';
import { formBody, type GeneratedPackages, generatedPackages } from './generated-packages.js';

/*
 * Withdrawal deletes what it says it deleted, in Chromium: a vendor's cookies on our domain whose
 * names or jars demand Secure and Partitioned, and names what it could not delete, with the reason
 * in the reader's words: a vendor whose place the catalog does not state, and a name pattern on
 * another path than the form's, whose cookies the browser did not send with the answer.
 */

/** A vendor's cookie in the fixture's consent category, with where it lives when given. */
const vendor = (id: string, name: string, attributes?: string): Edit => ({
  file: `cookies/${id}.yaml`,
  with: [
    `id: ${id}`,
    `name: "${name}"`,
    'kind: cookie',
    'category: help-center',
    'provider: { name: Widget AB, privacyPolicy: "https://widget.example.org/privacy" }',
    'setBy: vendor',
    'lifetime: 30 days',
    'purpose: { en: Test., sv: Test. }',
    ...(attributes ? [`attributes: ${attributes}`] : []),
  ].join('\n'),
});

/** What the vendor's script would set, as our test server sets it for the browser. */
const SEEDED = [
  '__Host-widget=1; Path=/; Secure; SameSite=Lax; Max-Age=600',
  '__Secure-vw=1; Path=/; Secure; SameSite=Lax; Max-Age=600',
  'wpart=1; Path=/; Secure; SameSite=None; Partitioned; Max-Age=600',
  'wtrack_7=1; Path=/help; SameSite=Lax; Max-Age=600',
  'wunknown=1; Path=/; SameSite=Lax; Max-Age=600',
];

describe('withdrawal in Chromium', () => {
  let catalog: Catalog;
  let site: Server;
  let origin: string;
  let browser: Browser;
  let packages: GeneratedPackages | undefined;

  beforeAll(async () => {
    const dir = await editedCatalog([
      vendor('host_widget', '__Host-widget', '{ path: / }'),
      vendor('secure_widget', '__Secure-vw', '{ path: / }'),
      vendor('partitioned_widget', 'wpart', '{ path: /, partitioned: true }'),
      vendor('tracking', 'wtrack_{n}', '{ path: /help }'),
      vendor('unknown_place', 'wunknown'),
    ]);
    const loaded = await loadCatalog(dir);
    if (!loaded.catalog) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
    catalog = loaded.catalog;
    packages = await generatedPackages(catalog, '.withdrawal');
    const { consent } = packages;

    site = createServer(async (request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const headers = new Headers();
      let html = '';
      if (url.pathname === '/seed') {
        for (const line of SEEDED) response.appendHeader('Set-Cookie', line);
      } else if (request.method === 'POST') {
        const { notDeleted } = await consent.applyConsentForm(headers, await formBody(request), {
          records: null,
          cookieHeader: request.headers.cookie,
        });
        html = consent.consentBanner('sv', { action: '/cookies', answered: 'reject', notDeleted });
      } else {
        html = consent.consentBanner('sv', { action: '/cookies' });
      }
      for (const line of headers.getSetCookie()) response.appendHeader('Set-Cookie', line);
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(
        `<!doctype html><html lang="sv"><title>Butik</title><body>${html}</body></html>`,
      );
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await packages?.remove();
  });

  it('deletes __Host-, __Secure- and Partitioned cookies, and names the rest with their reasons', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/seed`);
    const seeded = SEEDED.map((line) => line.slice(0, line.indexOf('=')));
    // The vendor's cookies still in the browser (the answer adds the consent cookie besides).
    const names = async () =>
      (await browser.context.cookies([origin, `${origin}/help`]))
        .map((c) => c.name)
        .filter((name) => seeded.includes(name))
        .sort();
    expect(await names()).toEqual(
      ['__Host-widget', '__Secure-vw', 'wpart', 'wtrack_7', 'wunknown'].sort(),
    );
    await page.goto(`${origin}/cookies`);
    await page.click('.cookie-consent button[value="reject"]');
    await page.locator('.cookie-consent-confirmation').waitFor();

    // Gone: what the catalog says where it lives, whatever its name or jar demands.
    expect(await names()).toEqual(['wtrack_7', 'wunknown']);
    // Named, each with why, in the page's language.
    const items = await page.locator('.cookie-consent-not-deleted li').allTextContents();
    const reason = (key: 'consentReasonPathUnknown' | 'consentReasonNotSent') =>
      catalog.labels[key].sv ?? '';
    expect(items.find((item) => item.startsWith('wunknown'))).toContain(
      reason('consentReasonPathUnknown'),
    );
    expect(items.find((item) => item.startsWith('wtrack_{n}'))).toContain(
      reason('consentReasonNotSent'),
    );
    // Nothing is named that was deleted.
    for (const deleted of ['__Host-widget', '__Secure-vw', 'wpart'])
      expect(items.some((item) => item.startsWith(deleted))).toBe(false);
  });
});
