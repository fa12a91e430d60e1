import { MAX_NAME_VALUE_BYTES } from '@cookie-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { CookieValueError } from '../src/generated/index.js';
import { realCookies } from './real-catalog.js';

/*
 * RULES.md's hostile setter values, for every cookie of whatever catalog the package was built
 * from. A setter either refuses a value with a CookieValueError naming the cookie, or writes a
 * single, valid Set-Cookie line from which the reader gets back exactly that value (an encoded
 * string may carry ";" safely; a raw one may not).
 */
const cookies = await realCookies();
const COOKIE_OCTETS = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;

const HOSTILE: [string, unknown][] = [
  ['CR/LF (header injection)', 'abc\r\nSet-Cookie: evil=1'],
  ['a semicolon (attribute injection)', 'abc;Domain=evil.example'],
  ['NUL', 'abc\0'],
  ['4097 bytes', 'a'.repeat(4097)],
  ['an unpaired surrogate', 'abc\ud800'],
  ['a value not in any enum', 'not-a-member'],
  ['a number', 42],
  ['a fraction', 1.5],
  ['NaN', Number.NaN],
  ['undefined', undefined],
  ['null', null],
  ['an array', [1, 2]],
  ['an object with a prototype key', JSON.parse('{"__proto__":{"admin":true}}')],
];

describe.runIf(cookies.length > 0)('setters refuse hostile values or write them safely', () => {
  describe.each(cookies.map((c) => [c.cookie.id, c] as const))('%s', (_id, cookie) => {
    it.each(HOSTILE)('%s', (_what, value) => {
      let line: string;
      try {
        line = cookie.serializeWith(value);
      } catch (error) {
        expect(error).toBeInstanceOf(CookieValueError);
        const refused = error as CookieValueError;
        expect(refused.cookie).toBe(cookie.name);
        expect(refused.message.startsWith(`Cannot set cookie "${cookie.name}": `)).toBe(true);
        expect(refused.message).not.toMatch(/[\r\n\0]/);
        return;
      }
      expect(line).not.toMatch(/[\r\n\0]/);
      const pair = line.split(';')[0] ?? '';
      expect(pair.startsWith(`${cookie.name}=`)).toBe(true);
      const wire = pair.slice(cookie.name.length + 1);
      expect(wire).toMatch(COOKIE_OCTETS);
      expect(Buffer.byteLength(pair)).toBeLessThanOrEqual(MAX_NAME_VALUE_BYTES);
      expect(cookie.read(pair)).toEqual(value);
    });

    it('writes its example value, and reads it back', () => {
      expect(cookie.read(cookie.serialize().split(';')[0])).toEqual(cookie.args.at(-1));
    });
  });
});
