import type { AddressInfo } from 'node:net';
import {
  accessTokenCookie,
  billogramGDPRCookie,
  billopaySessionCookie,
  type CookieDeclaration,
  csrftokenCookie,
  efakturaCookie,
  languageCookie,
} from '@billogram/cookies-server';
import { type Browser, launchChromium } from '@cookie-catalog/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoServer, loadClientScript } from '../src/demo-server.js';

describe('the invoice demo in headless Chromium', () => {
  let server: ReturnType<typeof createDemoServer>;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    server = createDemoServer({ clientScript: await loadClientScript(), records: null });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** Each cookie in the browser's jar as the catalog declares it, lifetime within a few seconds. */
  async function expectDeclared(declarations: readonly CookieDeclaration[], since: number) {
    const jar = await browser.context.cookies(origin);
    expect(jar.map((c) => c.name).sort()).toEqual(declarations.map((d) => d.name).sort());
    for (const declaration of declarations) {
      const cookie = jar.find((c) => c.name === declaration.name);
      expect(cookie, declaration.name).toMatchObject({
        domain: '127.0.0.1',
        path: declaration.attributes.path,
        secure: declaration.attributes.secure,
        httpOnly: declaration.attributes.httpOnly,
        sameSite: declaration.attributes.sameSite,
      });
      if (declaration.maxAge === undefined) {
        expect(cookie?.expires, `${declaration.name} is a session cookie`).toBe(-1);
      } else {
        expect(cookie?.expires).toBeGreaterThanOrEqual(since + declaration.maxAge - 5);
        expect(cookie?.expires).toBeLessThanOrEqual(Date.now() / 1000 + declaration.maxAge + 5);
      }
    }
  }

  it('walks the flows: the jar holds exactly the declared cookies, as declared; logging out deletes what it must', async () => {
    const since = Date.now() / 1000;
    const page = await browser.context.newPage();

    // A recipient opens the invoice from the internet bank: csrftoken, efaktura; the pixel stores nothing.
    await page.goto(`${origin}/invoice/10042?via=bank`);
    expect(await page.locator('#from-bank').count()).toBe(1);
    // What the visitor sees: the page script has run and shows no language cookie yet.
    await page.locator('[data-language-read-by-script]', { hasText: '(not set)' }).waitFor();
    expect(server.openedInvoices.has('10042')).toBe(true);
    await expectDeclared([csrftokenCookie, efakturaCookie], since);

    // They switch to Swedish with the page script (the client package writes language).
    await page.click('[data-set-language="sv"]');
    await page.locator('html[lang="sv"]').waitFor({ state: 'attached' });
    await page.locator('[data-language-read-by-script]', { hasText: /^sv$/ }).waitFor();

    // They reject optional cookies in the banner, log in, and start a payment: ordinary form posts.
    await page.click('.cookie-consent button[value="reject"]');
    await page.locator('.cookie-consent-confirmation').waitFor();
    await page.locator('html[data-help-center="not-loaded"]').waitFor({ state: 'attached' });
    await page.click('form[action="/login"] button');
    await page.waitForSelector('#my-pages');
    await page.click('form[action="/pay"] button');
    await page.waitForSelector('#paying');
    await expectDeclared(
      [
        csrftokenCookie,
        efakturaCookie,
        languageCookie,
        billogramGDPRCookie,
        accessTokenCookie,
        billopaySessionCookie,
      ],
      since,
    );

    // Logging out deletes the sign-in and the payment session, and nothing else.
    await page.click('form[action="/logout"] button');
    await page.waitForSelector('form[action="/login"]');
    await expectDeclared(
      [csrftokenCookie, efakturaCookie, languageCookie, billogramGDPRCookie],
      since,
    );
  }, 60_000);

  it('switches language with an ordinary form when no script runs, and refuses a form without the CSRF token', async () => {
    const page = await browser.context.newPage();
    await page.route('**/app.js', (route) => route.abort());
    await page.goto(`${origin}/`);
    expect(await page.textContent('[data-language-read-by-script]')).toBe('');
    const before = await page.getAttribute('html', 'lang');
    await page.click('form[action="/language"] button');
    await page.waitForURL(`${origin}/invoice/10042`);
    expect(await page.getAttribute('html', 'lang')).toBe(before === 'sv' ? 'en' : 'sv');
    const forged = await fetch(`${origin}/login`, {
      method: 'POST',
      body: 'csrf=guess',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(forged.status).toBe(403);
    expect(forged.headers.getSetCookie()).toEqual([]);
  });
});
