import { describe, expect, it } from 'vitest';
import * as client from '../src/index.js';
import {
  readBillogramGDPRFrom,
  readCsrftokenFrom,
  readLanguage,
  readLanguageFrom,
  writeLanguage,
} from '../src/index.js';

const TOKEN = 'kP3xV9qLm2Zt7RbW4nYc8sHd6JfG1aQe';

describe('readers never throw on hostile cookie strings', () => {
  it.each([
    ['a=1; language=sv', 'sv'],
    ['language=sv; language=en', 'sv'], // duplicate names: the first wins
    ['language=xx', undefined],
    ['xlanguage=sv', undefined],
    ['old_language=sv', undefined], // a decoy that ends with the name
    ['language=%E0%A4%A', undefined], // a broken escape
    ['  language = en  ', 'en'], // SP and HTAB around names and values
    ['\tlanguage=en;', 'en'],
    ['\u00a0language=sv', undefined], // NBSP is not whitespace in RFC 6265bis §5.6: another name
    ['language\u00a0=sv', undefined],
    ['__proto__=x; constructor=y; language=en', 'en'],
    ['language', undefined],
    ['=language; language=sv', 'sv'],
    ['', undefined],
    [`${'a=b; '.repeat(20_000)}language=en`, 'en'], // a 100 kB cookie string
    [`${'x'.repeat(100_000)}`, undefined],
  ])('readLanguageFrom(%j) is %j', (cookies, expected) => {
    expect(readLanguageFrom(cookies)).toBe(expected);
  });

  it('checks strings and JSON values inline', () => {
    expect(readCsrftokenFrom(`csrftoken=${TOKEN}`)).toBe(TOKEN);
    expect(readCsrftokenFrom('csrftoken=<script>')).toBeUndefined();
    const consent = encodeURIComponent(
      '{"version":3,"helpCenter":true,"__proto__":{"admin":true}}',
    );
    const value = readBillogramGDPRFrom(`billogramGDPR=${consent}`);
    expect(value).toEqual({ version: 3, helpCenter: true });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(readBillogramGDPRFrom('billogramGDPR=%E0%A4%A')).toBeUndefined();
    expect(readBillogramGDPRFrom('billogramGDPR=%7B%7D')).toBeUndefined();
  });

  it('returns undefined where there is no document (server rendering), and writers say why they cannot work', () => {
    expect(typeof document).toBe('undefined');
    expect(readLanguage()).toBeUndefined();
    expect(() => writeLanguage('sv')).toThrow('writeLanguage needs a browser');
  });

  it('exports nothing for HttpOnly, third-party or non-cookie entries', () => {
    const names = Object.keys(client);
    for (const hidden of [
      'readAccessToken',
      'readBillopaySession',
      'readEfaktura',
      'readPubnubSubscription',
      'readInvoiceOpened',
    ]) {
      expect(names).not.toContain(hidden);
    }
    // Writers only where the catalog says client script sets the cookie.
    expect(names.filter((name) => name.startsWith('write'))).toEqual(['writeLanguage']);
  });
});
