import { describe, expect, it } from 'vitest';
import {
  CookieValueError,
  serializeBillogramGDPR,
  serializeCsrftoken,
  serializeEfaktura,
  serializeLanguage,
  setCsrftoken,
} from '../src/index.js';

const TOKEN = 'kP3xV9qLm2Zt7RbW4nYc8sHd6JfG1aQe';

function errorOf(run: () => unknown): CookieValueError {
  try {
    run();
  } catch (error) {
    if (error instanceof CookieValueError) return error;
    throw error;
  }
  throw new Error('expected a CookieValueError');
}

describe('setters refuse hostile values with a CookieValueError naming the cookie and the reason', () => {
  it.each([
    ['CR/LF (header injection)', `${TOKEN.slice(0, 16)}\r\nSet-Cookie: evil=1`, /does not match/],
    [
      'a semicolon (attribute injection)',
      `${TOKEN.slice(0, 16)};Domain=evil.example`,
      /does not match/,
    ],
    ['NUL', `${TOKEN.slice(0, 31)}\0`, /does not match/],
    ['4097 bytes', 'a'.repeat(4097), /longer than 64 characters/],
    ['an unpaired surrogate', `${TOKEN.slice(0, 31)}\ud800`, /does not match/],
    ['a number', 42, /number 42 is not a string/],
    ['undefined', undefined, /undefined is not a string/],
  ])('csrftoken with %s', (_what, value, reason) => {
    const error = errorOf(() => serializeCsrftoken(value as string));
    expect(error.cookie).toBe('csrftoken');
    expect(error.message).toMatch(/^Cannot set cookie "csrftoken": /);
    expect(error.reason).toMatch(reason);
    expect(error.message).not.toMatch(/[\r\n\0]/); // the message itself cannot inject anything
    const headers = new Headers();
    expect(() => setCsrftoken(headers, value as string)).toThrow(CookieValueError);
    expect(headers.getSetCookie()).toEqual([]);
  });

  it.each([['xx'], ['EN'], ['en '], ['__proto__'], ['toString'], [''], [null]])(
    'language %j is not in the enum',
    (value) => {
      expect(errorOf(() => serializeLanguage(value as 'en')).reason).toMatch(
        /is not one of "en", "sv"/,
      );
    },
  );

  it.each([
    [null],
    [[]],
    [{ version: 1 }],
    [{ version: 1.5, helpCenter: true }],
    [{ version: 1, helpCenter: 'yes' }],
    [{ version: Number.NaN, helpCenter: true }],
  ])('billogramGDPR %j does not have the declared shape', (value) => {
    expect(errorOf(() => serializeBillogramGDPR(value as never)).cookie).toBe('billogramGDPR');
  });

  it('billogramGDPR keeps only the declared fields', () => {
    const line = serializeBillogramGDPR({
      version: 1,
      helpCenter: true,
      extra: '<script>',
    } as never);
    expect(decodeURIComponent(line.split(';')[0]?.split('=')[1] ?? '')).toBe(
      '{"version":1,"helpCenter":true}',
    );
  });

  it('efaktura takes only true or false', () => {
    expect(serializeEfaktura(false)).toBe(
      'efaktura=false; Path=/; Secure; HttpOnly; SameSite=None; Partitioned',
    );
    expect(errorOf(() => serializeEfaktura('true' as never)).reason).toMatch(
      /is not true or false/,
    );
  });

  it('carries the lifetime of the catalog as Max-Age', () => {
    expect(serializeCsrftoken(TOKEN)).toBe(
      `csrftoken=${TOKEN}; Max-Age=31536000; Path=/; Secure; SameSite=Lax`,
    );
  });
});
