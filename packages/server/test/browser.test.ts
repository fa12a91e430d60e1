import {
  type Browser,
  type LocalServer,
  launchChromium,
  startLocalServer,
} from '@cookie-catalog/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CookieUnderTest, realCookies } from './real-catalog.js';

/**
 * What a real browser decides: a node:http server sets every first-party cookie of the real
 * catalog through the generated setters, and headless Chromium must keep each one exactly as the
 * catalog declares it. (Secure cookies are accepted from http://127.0.0.1: it counts as secure.)
 */
describe('headless Chromium keeps every cookie as the catalog declares it', () => {
  let cookies: CookieUnderTest[];
  let server: LocalServer;
  let browser: Browser;

  beforeAll(async () => {
    cookies = await realCookies();
    server = await startLocalServer((request, response) => {
      for (const cookie of cookies) {
        if (request.url === '/set') cookie.set(response);
        if (request.url === '/delete') cookie.remove(response);
      }
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end('<!doctype html><html lang="en"><title>cookies</title><p>ok</p></html>');
    });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('stores each with the declared HttpOnly, Secure, SameSite, Path and lifetime', async () => {
    const page = await browser.context.newPage();
    const before = Date.now() / 1000;
    await page.goto(`${server.origin}/set`);
    const after = Date.now() / 1000;
    const stored = await browser.context.cookies(server.origin);
    const ours = cookies.filter((c) => !c.cookie.attributes.partitioned);
    for (const subject of ours) {
      const cookie = stored.find((c) => c.name === subject.name);
      const { attributes, lifetime } = subject.cookie;
      expect(cookie, subject.name).toBeDefined();
      expect(cookie).toMatchObject({
        domain: '127.0.0.1',
        path: attributes.path,
        httpOnly: attributes.httpOnly,
        secure: attributes.secure,
        sameSite: attributes.sameSite,
      });
      if (lifetime.kind === 'duration') {
        expect(cookie?.expires).toBeGreaterThanOrEqual(before + lifetime.seconds - 2);
        expect(cookie?.expires).toBeLessThanOrEqual(after + lifetime.seconds + 2);
      } else {
        expect(cookie?.expires, `${subject.name} is a session cookie`).toBe(-1);
      }
    }
    // Script sees exactly the cookies that are not HttpOnly.
    // An empty document.cookie is no cookie at all, not one without a name.
    const visible = (await page.evaluate(() => document.cookie))
      .split('; ')
      .filter((pair) => pair !== '')
      .map((pair) => pair.split('=')[0]);
    expect(visible.sort()).toEqual(
      ours
        .filter((c) => !c.cookie.attributes.httpOnly)
        .map((c) => c.name)
        .sort(),
    );
  });

  it('keeps a Partitioned cookie in the jar of the site it was set on', async () => {
    const partitioned = cookies.filter((c) => c.cookie.attributes.partitioned);
    const stored = await browser.context.cookies(server.origin);
    for (const subject of partitioned) {
      const { attributes, lifetime } = subject.cookie;
      expect(stored.find((c) => c.name === subject.name)).toMatchObject({
        sameSite: attributes.sameSite,
        secure: true,
        httpOnly: attributes.httpOnly,
        ...(lifetime.kind !== 'duration' && { expires: -1 }),
      });
    }
  });

  it('deletes every one of them with the generated deleters', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/delete`);
    const names = new Set(cookies.map((c) => c.name));
    expect((await browser.context.cookies(server.origin)).filter((c) => names.has(c.name))).toEqual(
      [],
    );
  });
});
