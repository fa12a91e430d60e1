import {
  readLanguage as serverReadLanguage,
  setBillogramGDPR,
  setCsrftoken,
  setEfaktura,
  setLanguage,
} from '@cookie-catalog/server';
import {
  type Browser,
  type LocalServer,
  launchChromium,
  startLocalServer,
} from '@cookie-catalog/test-support';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const TOKEN = 'kP3xV9qLm2Zt7RbW4nYc8sHd6JfG1aQe';

/** The page's script: the client package, bundled for the browser as an app would. */
async function bundleClient(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import * as client from '@cookie-catalog/client'; window.client = client;`,
      resolveDir: new URL('.', import.meta.url).pathname,
    },
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    write: false,
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('in headless Chromium, the bundled client reads what @cookie-catalog/server set', () => {
  let server: LocalServer;
  let browser: Browser;
  const seenByServer: (string | undefined)[] = [];

  beforeAll(async () => {
    const script = await bundleClient();
    server = await startLocalServer((request, response) => {
      if (request.url === '/client.js') {
        response.setHeader('Content-Type', 'text/javascript');
        response.end(script);
        return;
      }
      if (request.url === '/set') {
        setLanguage(response, 'sv');
        setCsrftoken(response, TOKEN);
        setBillogramGDPR(response, { version: 2, helpCenter: true });
        setEfaktura(response, true); // HttpOnly: script must not see it
      }
      seenByServer.push(serverReadLanguage(request.headers.cookie));
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(
        '<!doctype html><html lang="en"><title>client</title><script src="/client.js"></script></html>',
      );
    });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reads each cookie typed, and has no way to read the HttpOnly ones', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/set`);
    const read = await page.evaluate(() => {
      const client = (window as unknown as { client: Record<string, () => unknown> }).client;
      return {
        language: client.readLanguage?.(),
        csrftoken: client.readCsrftoken?.(),
        consent: client.readBillogramGDPR?.(),
        efakturaReader: typeof client.readEfaktura,
        cookieString: document.cookie,
      };
    });
    expect(read).toMatchObject({
      language: 'sv',
      csrftoken: TOKEN,
      consent: { version: 2, helpCenter: true },
      efakturaReader: 'undefined',
    });
    expect(read.cookieString).not.toMatch(/efaktura/);
  });

  it('writes and removes language with the catalog attributes; the server reads what script wrote', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/`);
    await page.evaluate(() =>
      (window as unknown as { client: { writeLanguage(v: string): void } }).client.writeLanguage(
        'en',
      ),
    );
    const stored = (await browser.context.cookies(server.origin)).find(
      (c) => c.name === 'language',
    );
    expect(stored).toMatchObject({
      value: 'en',
      path: '/',
      secure: true,
      httpOnly: false,
      sameSite: 'Lax',
    });
    expect(stored?.expires).toBeGreaterThan(Date.now() / 1000 + 2_592_000 - 10);
    const thrown = await page.evaluate(() => {
      try {
        (window as unknown as { client: { writeLanguage(v: string): void } }).client.writeLanguage(
          'xx',
        );
        return 'nothing thrown';
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    });
    expect(thrown).toBe(
      'CookieValueError: Cannot set cookie "language": "xx" (2 characters) is not one of "en", "sv"',
    );
    await page.reload();
    expect(seenByServer.at(-1)).toBe('en');
    await page.evaluate(() =>
      (window as unknown as { client: { removeLanguage(): void } }).client.removeLanguage(),
    );
    expect(
      (await browser.context.cookies(server.origin)).find((c) => c.name === 'language'),
    ).toBeUndefined();
  });
});
