import { fileURLToPath } from 'node:url';
import {
  exampleValueOf,
  type FirstPartyCookie,
  isFirstPartyCookie,
  loadCatalog,
} from '@cookie-catalog/catalog';
import { CookieJar } from 'tough-cookie';
import { beforeEach, describe, expect, it } from 'vitest';
import * as client from '../src/generated/index.js';

/**
 * Every cookie page script may read, through its generated reader, and every cookie page script
 * sets, through its generated writer, with `document.cookie` backed by a real cookie jar
 * (tough-cookie, without HttpOnly cookies, as a browser gives page script). The test follows
 * catalog/: add or change a cookie there and it is tested here too.
 */
const { catalog } = await loadCatalog(fileURLToPath(new URL('../../../catalog/', import.meta.url)));
if (!catalog) throw new Error('catalog/ does not validate: run npx cookie-catalog validate');
const api = client as unknown as Record<string, (...args: unknown[]) => unknown>;
const readable = catalog.entries
  .filter(isFirstPartyCookie)
  .filter(
    (cookie) =>
      !cookie.attributes.httpOnly &&
      cookie.name.parameters.length === 0 &&
      cookie.retired === undefined,
  );
const host = catalog.controller.domains[0] ?? 'localhost';

let jar: CookieJar;
beforeEach(() => {
  jar = new CookieJar(undefined, { prefixSecurity: 'strict', looseMode: false });
});
/** A page on the cookie's own path, whose document.cookie is the jar's, for script. */
function page(cookie: FirstPartyCookie): void {
  const url = `https://${cookie.attributes.domain ?? host}${cookie.attributes.path}`;
  Object.defineProperty(globalThis, 'document', {
    configurable: true,
    value: {
      get cookie() {
        return jar.getCookieStringSync(url, { http: false });
      },
      set cookie(line: string) {
        jar.setCookieSync(line, url, { http: false, ignoreError: true });
      },
    },
  });
}

describe.runIf(readable.length > 0)('every cookie page script may read', () => {
  it.each(readable.map((cookie) => [cookie.id, cookie] as const))(
    '%s: written by page script (where it sets it) and read back as the catalog declares',
    (_id, cookie) => {
      page(cookie);
      const value = exampleValueOf(cookie.value);
      expect(api[`read${cookie.functionName}`]?.()).toBeUndefined();
      if (cookie.setBy !== 'client') return; // the server sets it: its test writes it
      api[`write${cookie.functionName}`]?.(value);
      expect(api[`read${cookie.functionName}`]?.()).toEqual(value);
      api[`remove${cookie.functionName}`]?.();
      expect(api[`read${cookie.functionName}`]?.()).toBeUndefined();
    },
  );
});
