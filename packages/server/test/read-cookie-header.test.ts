import { describe, expect, it } from 'vitest';
import { readBillogramGDPR, readCsrftoken, readEfaktura, readLanguage } from '../src/index.js';

const TOKEN = 'kP3xV9qLm2Zt7RbW4nYc8sHd6JfG1aQe';
const consent = (value: unknown) => `billogramGDPR=${encodeURIComponent(JSON.stringify(value))}`;

describe('readers parse a Cookie header and never throw', () => {
  it.each([
    ['a=1; language=sv', 'sv'],
    ['language=sv', 'sv'],
    ['language=sv; language=en', 'sv'],
    ['language = en ;a=1', 'en'],
    ['\tlanguage=en', 'en'],
    ['language=xx', undefined],
    ['xlanguage=sv', undefined],
    ['old_language=sv', undefined],
    ['a=language=sv', undefined],
    ['\u00a0language=sv', undefined],
    ['language', undefined],
    ['', undefined],
    ['__proto__=x; constructor=y; language=en', 'en'],
    [`${'x'.repeat(100_000)}; language=sv`, 'sv'],
    [`junk=${'%'.repeat(100_000)}`, undefined],
  ])('readLanguage(%j) is %j', (header, expected) => {
    expect(readLanguage(header)).toBe(expected);
  });

  it.each([[undefined], [null], [42], [{}]])('readLanguage(%j) is undefined', (header) => {
    expect(readLanguage(header as string)).toBeUndefined();
  });

  it('checks the value against the declared type', () => {
    expect(readCsrftoken(`csrftoken=${TOKEN}`)).toBe(TOKEN);
    expect(readCsrftoken('csrftoken=short')).toBeUndefined();
    expect(readCsrftoken(`csrftoken="${TOKEN}"`)).toBeUndefined();
    expect(readEfaktura('efaktura=true')).toBe(true);
    expect(readEfaktura('efaktura=false')).toBe(false);
    expect(readEfaktura('efaktura=1')).toBeUndefined();
  });

  it('decodes JSON values and refuses broken escapes and wrong shapes', () => {
    expect(readBillogramGDPR(consent({ version: 2, helpCenter: false }))).toEqual({
      version: 2,
      helpCenter: false,
    });
    expect(readBillogramGDPR('billogramGDPR=%E0%A4%A')).toBeUndefined();
    expect(readBillogramGDPR('billogramGDPR=%7B')).toBeUndefined();
    expect(readBillogramGDPR(consent({ version: '2', helpCenter: false }))).toBeUndefined();
    expect(readBillogramGDPR(consent([1, 2]))).toBeUndefined();
    expect(readBillogramGDPR(consent(null))).toBeUndefined();
    const polluted = readBillogramGDPR(
      `billogramGDPR=${encodeURIComponent('{"version":1,"helpCenter":true,"__proto__":{"admin":true}}')}`,
    );
    expect(polluted).toEqual({ version: 1, helpCenter: true });
    expect(Object.getPrototypeOf(polluted)).toBe(Object.prototype);
  });
});
