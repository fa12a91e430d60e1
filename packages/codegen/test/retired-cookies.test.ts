import { fileURLToPath } from 'node:url';
import { type Catalog, isRetired } from '@cookie-catalog/catalog';
import { CookieJar } from 'tough-cookie';
import { afterEach, describe, expect, it } from 'vitest';
import { runGenerator } from '../src/generator.js';
import { tsServerGenerator } from '../src/generators/index.js';
import { checked } from './checked.js';
import { COMPILE_TIMEOUT, compileStrict } from './compile-strict.js';
import { loadFixtureCatalog } from './fixture-catalog.js';
import * as client from './golden/basic/client/cookies.js';
import * as server from './golden/basic/server/cookies.js';
import * as before from './golden/basic/server-before-retirement/cookies.js';

/*
 * The basic fixture retires `cart-{shop}` (set by our server, with Domain, Path and Partitioned)
 * and `layout` (written by page script). A product team still has cookies that the package of
 * the base catalog, before the `retired:` lines, set; the retired package must delete them. The
 * base's code for the two is golden too: what the previous release of the package exported.
 */
const golden = (path: string) => fileURLToPath(new URL(`./golden/${path}`, import.meta.url));
const catalog = await loadFixtureCatalog('basic');

/** The catalog before retirement: the retired entries without their `retired:` line (only them). */
function beforeRetirement(retired: Catalog): Catalog {
  return {
    ...retired,
    entries: retired.entries.filter(isRetired).map(({ retired: _day, ...entry }) => entry),
  };
}

/** A browser's cookie jar, strict as the server package's own jar tests. */
const jar = () =>
  new CookieJar(undefined, {
    prefixSecurity: 'strict',
    rejectPublicSuffixes: true,
    looseMode: false,
  });
const store = async (cookies: CookieJar, headers: Headers, url: string) => {
  for (const line of headers.getSetCookie())
    await cookies.setCookie(line, url, { ignoreError: false });
};

describe('a retired cookie, generated', () => {
  it(
    "the base catalog's code for the retired cookies matches its golden file and compiles",
    async () => {
      const [file] = runGenerator(tsServerGenerator, beforeRetirement(catalog));
      await expect(file?.contents).toMatchFileSnapshot(
        golden('basic/server-before-retirement/cookies.ts'),
      );
      expect(compileStrict([golden('basic/server-before-retirement/cookies.ts')])).toEqual([]);
    },
    COMPILE_TIMEOUT,
  );

  it('keeps its declaration, marked retired, and its deleter; nothing that sets or reads it', () => {
    const exported = (module: object, id: string) =>
      Object.keys(module)
        .filter((name) => name.toLowerCase().includes(id))
        .sort();
    expect(exported(server, 'cart')).toEqual(['cartCookie', 'deleteCart']);
    expect(exported(server, 'layout')).toEqual(['deleteLayout', 'layoutCookie']);
    expect(exported(client, 'layout')).toEqual(['removeLayout']);
    expect(exported(client, 'cart')).toEqual([]); // set by the server: script never wrote it
    expect(server.cartCookie).toMatchObject({ retired: '2026-01-01', maxAge: 2_592_000 });
    // What the base's package exported at run time (types aside), all of which but the
    // declaration and the deleter went.
    expect(exported(before, 'cart')).toEqual([
      'cartCookie',
      'deleteCart',
      'parseCart',
      'readCart',
      'serializeCart',
      'setCart',
    ]);
  });

  it('deletes, in a real cookie jar, what the base catalog’s setter set', async () => {
    const url = 'https://shop.example.com/shop/basket';
    const cookies = jar();
    const set = new Headers();
    before.setCart(set, { shop: 'books' }, checked(before.parseCart('abc123')));
    before.setLayout(set, 'grid');
    await store(cookies, set, url);
    expect(await cookies.getCookieString(url)).toBe('cart-books=abc123; layout=grid');

    // A deletion that only guesses the attributes leaves the cookie in place: they matter.
    const guessed = new Headers({ 'Set-Cookie': 'cart-books=; Max-Age=0; Path=/shop; Secure' });
    await store(cookies, guessed, url);
    expect(await cookies.getCookieString(url)).toContain('cart-books=abc123');

    const deleted = new Headers();
    server.deleteCart(deleted, { shop: 'books' });
    server.deleteLayout(deleted);
    expect(deleted.getSetCookie()).toEqual([
      'cart-books=; Max-Age=0; Domain=example.com; Path=/shop; Secure; SameSite=None; Partitioned',
      'layout=; Max-Age=0; Path=/; Secure; SameSite=Lax',
    ]);
    await store(cookies, deleted, url);
    expect(await cookies.getCookieString(url)).toBe('');
  });

  describe('in the browser', () => {
    afterEach(() => {
      delete (globalThis as { document?: unknown }).document;
    });

    it('removeLayout removes what the base catalog’s writer wrote', async () => {
      const url = 'https://example.com/';
      const cookies = jar();
      // What a page script's document.cookie does with a line: stores it in the jar.
      const written: string[] = [];
      (globalThis as { document?: unknown }).document = {
        set cookie(line: string) {
          written.push(line);
        },
      };
      const set = new Headers({ 'Set-Cookie': before.serializeLayout('list') });
      await store(cookies, set, url);
      expect(await cookies.getCookieString(url)).toBe('layout=list');
      client.removeLayout();
      expect(written).toEqual(['layout=; Max-Age=0; Path=/; Secure; SameSite=Lax']);
      await cookies.setCookie(written[0] ?? '', url, { ignoreError: false });
      expect(await cookies.getCookieString(url)).toBe('');
    });
  });

  it(
    'does not compile a call of the removed setter, naming it; the deleter compiles',
    () => {
      const probe = fileURLToPath(new URL('./type-tests/retired-probe.ts', import.meta.url));
      const diagnostics = compileStrict([], {
        [probe]: [
          "import { deleteCart, setCart } from '../golden/basic/server/cookies.js';",
          "deleteCart(new Headers(), { shop: 'books' });",
          "setCart(new Headers(), { shop: 'books' }, 'abc123');",
        ].join('\n'),
      });
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatch(/retired-probe\.ts:1: .*has no exported member .*'setCart'/);
    },
    COMPILE_TIMEOUT,
  );
});
