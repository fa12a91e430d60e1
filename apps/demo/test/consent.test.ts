import type { AddressInfo } from 'node:net';
import { CONSENT_COOKIE, CONSENT_VERSION } from '@billogram/cookies-consent';
import { type CatalogEntry, isFirstPartyCookie, loadCatalog } from '@cookie-catalog/catalog';
import {
  axeViolations,
  type Browser,
  type ChromiumOptions,
  launchChromium,
} from '@cookie-catalog/test-support';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDemoServer, loadClientScript } from '../src/demo-server.js';

// What the banner asks about comes from the catalog the demo was built from.
const { catalog } = await loadCatalog(new URL('../../../catalog/', import.meta.url).pathname);
if (!catalog) throw new Error('catalog/ does not validate');
const optional = catalog.categories.filter((c) => c.consentRequired);
const optionalEntries = catalog.entries.filter((e) => optional.some((c) => c.id === e.category));
// What withdrawal cannot delete from our server: another company's cookies on its own domain,
// and a vendor's on ours where the catalog does not say where it lives.
const notDeletable = optionalEntries.filter(
  (e: CatalogEntry) =>
    e.kind === 'cookie' &&
    !isFirstPartyCookie(e) &&
    !(e.setBy === 'vendor' && e.location !== undefined),
);

describe('asking for consent in the invoice demo (headless Chromium)', () => {
  let server: ReturnType<typeof createDemoServer>;
  let origin: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    server = createDemoServer({ clientScript: await loadClientScript(), records: null });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  async function open(options: ChromiumOptions = {}): Promise<Page> {
    browser = await launchChromium(options);
    const page = await browser.context.newPage();
    await page.goto(`${origin}/invoice/10042`);
    return page;
  }

  const widgetRan = (page: Page) =>
    page.evaluate(() => document.documentElement.dataset.helpCenter === 'loaded');
  const jarNames = async () => ((await browser?.context.cookies(origin)) ?? []).map((c) => c.name);

  it('first visit: the banner asks, accept and reject equally, nothing optional is stored', async () => {
    const page = await open();
    const banner = page.locator('.cookie-consent');
    await banner.waitFor();
    const buttons = banner.locator('button');
    expect(await buttons.count()).toBe(2);
    const sizes = await buttons.evaluateAll((all) =>
      all.map((b) => `${getComputedStyle(b).fontWeight} ${getComputedStyle(b).fontSize}`),
    );
    expect(new Set(sizes).size).toBe(1); // equal weight
    await page.locator('html[data-help-center="not-loaded"]').waitFor({ state: 'attached' });
    const stored = await jarNames();
    for (const entry of optionalEntries) expect(stored).not.toContain(entry.name.pattern);
    expect(stored).not.toContain(CONSENT_COOKIE);
    expect(await axeViolations(page)).toEqual([]);
    // Keyboard: accept, then reject, in tab order, before the invoice.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLButtonElement).value)).toBe(
      'accept',
    );
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLButtonElement).value)).toBe(
      'reject',
    );
  });

  it('accept: the confirmation takes focus and the held-back widget runs', async () => {
    const page = await open();
    await page.click('.cookie-consent button[value="accept"]');
    await page.locator('.cookie-consent-confirmation').waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.className))
      .toBe('cookie-consent-confirmation');
    await page.locator('#help-centre').waitFor();
    expect(await jarNames()).toContain(CONSENT_COOKIE);
    // The next page asks no more and still runs the widget.
    await page.goto(`${origin}/invoice/10042`);
    await page.locator('#help-centre').waitFor();
    expect(await page.locator('.cookie-consent').count()).toBe(0);
  });

  it('withdraw on the preferences page: saved, the widget stays off, the third-party cookies are named', async () => {
    const page = await open();
    await page.click('.cookie-consent button[value="accept"]');
    await page.locator('#help-centre').waitFor();
    await page.goto(`${origin}/cookies`);
    for (const category of optional) {
      await page.check(`input[name="consent-${category.id}"][value="no"]`);
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.click('.cookie-consent-preferences button[type="submit"]');
    await page.locator('.cookie-consent-confirmation').waitFor();
    const named = await page.locator('.cookie-consent-not-deleted code').allTextContents();
    expect(named.sort()).toEqual(notDeletable.map((e) => e.name.pattern).sort());
    for (const entry of notDeletable) {
      if (entry.provider.privacyPolicy)
        expect(
          await page
            .locator(`.cookie-consent-not-deleted a[href="${entry.provider.privacyPolicy}"]`)
            .count(),
        ).toBeGreaterThan(0);
    }
    await page.goto(`${origin}/invoice/10042`);
    await page.locator('html[data-help-center="not-loaded"]').waitFor({ state: 'attached' });
    expect(await widgetRan(page)).toBe(false);
  });

  it('Sec-GPC: 1: the banner says optional cookies are off, and the form starts with them off', async () => {
    const page = await open({ extraHTTPHeaders: { 'Sec-GPC': '1' } });
    await page.locator('.cookie-consent-gpc').waitFor();
    await page.goto(`${origin}/cookies`);
    await page.locator('.cookie-consent-gpc').waitFor();
    for (const category of optional) {
      expect(await page.isChecked(`input[name="consent-${category.id}"][value="no"]`)).toBe(true);
    }
  });

  it('an answer under an older consent version is asked again', async () => {
    browser = await launchChromium();
    const old = {
      version: CONSENT_VERSION - 1,
      given: Math.floor(Date.now() / 1000),
      id: '0123456789abcdef0123456789abcdef',
    };
    const value = Object.fromEntries([
      ...Object.entries(old),
      ...optional.map((c) => [c.id, true] as const),
    ]);
    await browser.context.addCookies([
      { name: CONSENT_COOKIE, value: encodeURIComponent(JSON.stringify(value)), url: origin },
    ]);
    const page = await browser.context.newPage();
    await page.goto(`${origin}/invoice/10042`);
    await page.locator('.cookie-consent button[value="accept"]').waitFor();
    await page.locator('html[data-help-center="not-loaded"]').waitFor({ state: 'attached' });
  });

  it('without JavaScript: the same through form posts, and nothing held back runs', async () => {
    const page = await open({ javaScriptEnabled: false });
    await page.click('.cookie-consent button[value="accept"]');
    await page.locator('.cookie-consent-confirmation').waitFor();
    expect(await jarNames()).toContain(CONSENT_COOKIE);
    expect(await page.locator('script[type="text/plain"][data-consent-category]').count()).toBe(1);
    await page.goto(`${origin}/cookies`);
    for (const category of optional) {
      expect(await page.isChecked(`input[name="consent-${category.id}"][value="yes"]`)).toBe(true);
      await page.check(`input[name="consent-${category.id}"][value="no"]`);
    }
    await page.click('.cookie-consent-preferences button[type="submit"]');
    await page.locator('.cookie-consent-confirmation').waitFor();
    await page.goto(`${origin}/cookies`);
    for (const category of optional) {
      expect(await page.isChecked(`input[name="consent-${category.id}"][value="no"]`)).toBe(true);
    }
  });
});
