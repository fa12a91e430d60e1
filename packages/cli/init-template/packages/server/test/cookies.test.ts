import { fileURLToPath } from 'node:url';
import {
  exampleValueOf,
  type FirstPartyCookie,
  isFirstPartyCookie,
  loadCatalog,
} from '@cookie-catalog/catalog';
import { CookieJar } from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import * as server from '../src/generated/index.js';

/**
 * Every cookie our code sets, through its generated setter, into a real cookie jar
 * (tough-cookie): stored under its name, with the catalog's attributes, and read back. The test
 * follows catalog/: add or change a cookie there and it is tested here too.
 */
const { catalog } = await loadCatalog(fileURLToPath(new URL('../../../catalog/', import.meta.url)));
if (!catalog) throw new Error('catalog/ does not validate: run npx cookie-catalog validate');
const api = server as unknown as Record<string, (...args: unknown[]) => unknown>;
// A retired cookie (`retired:` in its file) has no setter any more, only its deleter.
const cookies = catalog.entries
  .filter(isFirstPartyCookie)
  .filter((cookie) => cookie.name.parameters.length === 0 && cookie.retired === undefined);

describe.runIf(cookies.length > 0)('every cookie our code sets', () => {
  it.each(cookies.map((cookie) => [cookie.id, cookie] as const))(
    '%s is stored as the catalog declares, and read back',
    async (_id, cookie: FirstPartyCookie) => {
      const value = exampleValueOf(cookie.value);
      const line = api[`serialize${cookie.functionName}`]?.(value) as string;
      const { attributes } = cookie;
      // Where the catalog states no domain, the cookie lives on the controller's own.
      const host = attributes.domain ?? cookie.provider.domain ?? catalog.controller.domains[0];
      const url = `https://${host}${attributes.path}`;
      const jar = new CookieJar(undefined, { prefixSecurity: 'strict', looseMode: false });
      await jar.setCookie(line, url, { ignoreError: false });
      const [stored] = await jar.getCookies(url, { http: true });
      expect(stored?.key).toBe(cookie.name.pattern);
      expect(stored?.secure).toBe(attributes.secure);
      expect(stored?.httpOnly).toBe(attributes.httpOnly);
      expect(stored?.sameSite).toBe(attributes.sameSite.toLowerCase());
      const header = await jar.getCookieString(url, { http: true });
      expect(api[`read${cookie.functionName}`]?.(header)).toEqual(value);
    },
  );
});
