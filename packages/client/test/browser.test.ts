import {
  type Browser,
  type LocalServer,
  launchChromium,
  startLocalServer,
} from '@cookie-catalog/test-support';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realCookies } from '../../server/test/real-catalog.js';

/** The page's script: the client package, bundled for the browser as an app would. */
async function bundleClient(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import * as client from '@billogram/cookies-client'; window.client = client;`,
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

// Every first-party cookie of whatever catalog the packages were built from.
const cookies = await realCookies();
const visible = cookies.filter((c) => !c.cookie.attributes.httpOnly);
const written = visible.filter((c) => c.cookie.setBy === 'client');
/** What the page calls: the function's name and its arguments (name parameters, value). */
const calls = (verb: string, list: typeof cookies, withValue: boolean) =>
  list.map((c) => ({
    name: c.name,
    fn: `${verb}${c.cookie.functionName}`,
    args: withValue ? c.args : c.args.slice(0, -1),
  }));

describe.runIf(cookies.length > 0)(
  'in headless Chromium, the bundled client reads what @billogram/cookies-server set',
  () => {
    let server: LocalServer;
    let browser: Browser;
    const seenByServer: unknown[][] = [];

    beforeAll(async () => {
      const script = await bundleClient();
      server = await startLocalServer((request, response) => {
        if (request.url === '/client.js') {
          response.setHeader('Content-Type', 'text/javascript');
          response.end(script);
          return;
        }
        if (request.url === '/set') for (const cookie of cookies) cookie.set(response);
        seenByServer.push(written.map((c) => c.read(request.headers.cookie)));
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

    it('reads each cookie script can see, typed, and has no reader for the HttpOnly ones', async () => {
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}/set`);
      const read = await page.evaluate(
        ({ readers, hidden }) => {
          const client = (
            window as unknown as { client: Record<string, (...a: unknown[]) => unknown> }
          ).client;
          return {
            values: readers.map(({ fn, args }) => client[fn]?.(...args)),
            hidden: hidden.map(({ fn }) => typeof client[fn]),
            cookieString: document.cookie,
          };
        },
        {
          readers: calls('read', visible, false),
          hidden: calls(
            'read',
            cookies.filter((c) => c.cookie.attributes.httpOnly),
            false,
          ),
        },
      );
      expect(read.values).toEqual(visible.map((c) => c.args.at(-1)));
      expect(read.hidden.every((type) => type === 'undefined')).toBe(true);
      for (const cookie of cookies.filter((c) => c.cookie.attributes.httpOnly)) {
        expect(read.cookieString.split('; ').map((pair) => pair.split('=')[0])).not.toContain(
          cookie.name,
        );
      }
    });

    it.runIf(written.length > 0)(
      'writes and removes with the catalog attributes; the server reads what script wrote',
      async () => {
        const page = await browser.context.newPage();
        await page.goto(`${server.origin}/`);
        await browser.context.clearCookies();
        await page.evaluate(
          (writers) => {
            const client = (
              window as unknown as { client: Record<string, (...a: unknown[]) => unknown> }
            ).client;
            for (const { fn, args } of writers) client[fn]?.(...args);
          },
          calls('write', written, true),
        );
        const stored = await browser.context.cookies(server.origin);
        for (const cookie of written) {
          const { attributes, lifetime } = cookie.cookie;
          const jar = stored.find((c) => c.name === cookie.name);
          expect(jar, cookie.name).toMatchObject({
            path: attributes.path,
            secure: attributes.secure,
            httpOnly: false,
            sameSite: attributes.sameSite,
          });
          if (lifetime.kind === 'duration')
            expect(jar?.expires).toBeGreaterThan(Date.now() / 1000 + lifetime.seconds - 10);
        }
        // A value outside the declaration is refused in the browser too, naming the cookie.
        const thrown = await page.evaluate(
          ({ fn, args, name }) => {
            const client = (
              window as unknown as { client: Record<string, (...a: unknown[]) => unknown> }
            ).client;
            try {
              client[fn]?.(...args.slice(0, -1), Symbol.for('not a value'));
              return 'nothing thrown';
            } catch (error) {
              return `${(error as Error).name}: ${(error as Error).message.startsWith(`Cannot set cookie "${name}": `)}`;
            }
          },
          calls('write', written, true)[0] ?? { fn: '', args: [], name: '' },
        );
        expect(thrown).toBe('CookieValueError: true');
        await page.reload();
        expect(seenByServer.at(-1)).toEqual(written.map((c) => c.args.at(-1)));
        await page.evaluate(
          (removers) => {
            const client = (
              window as unknown as { client: Record<string, (...a: unknown[]) => unknown> }
            ).client;
            for (const { fn, args } of removers) client[fn]?.(...args);
          },
          calls('remove', written, false),
        );
        const left = new Set((await browser.context.cookies(server.origin)).map((c) => c.name));
        for (const cookie of written) expect(left.has(cookie.name), cookie.name).toBe(false);
      },
    );
  },
);
