import { describe, expect, it } from 'vitest';
import {
  decodeBase64Url,
  decodeUri,
  encodeBase64Url,
  encodeUri,
  firstInvalidOctet,
  parseJsonObject,
} from './cookie-codec.js';

describe('value codecs', () => {
  it.each(['', 'a', 'Hej då ✓', '{"a":1}', '😀 and more', 'x'.repeat(3000)])(
    'base64url round-trips %j like Node does',
    (text) => {
      const encoded = encodeBase64Url(text);
      expect(encoded).toBe(Buffer.from(text, 'utf8').toString('base64url'));
      expect(decodeBase64Url(encoded ?? '')).toBe(text);
    },
  );

  it('refuses what is not base64url of UTF-8, and text it cannot encode', () => {
    for (const bad of [
      'a',
      'ab+c',
      'ab/c',
      'ab=c',
      '%%',
      Buffer.from([0xff, 0xfe]).toString('base64url'),
    ]) {
      expect(decodeBase64Url(bad), bad).toBeUndefined();
    }
    expect(encodeBase64Url('a\ud800')).toBeUndefined();
    expect(encodeUri('a\udc00')).toBeUndefined();
    expect(decodeUri('%E0%A4%A')).toBeUndefined();
    expect(decodeUri(undefined)).toBeUndefined();
    expect(decodeBase64Url(undefined)).toBeUndefined();
  });

  it('gives a JSON object, or undefined for anything else', () => {
    expect(parseJsonObject('{"a":1}')).toEqual({ a: 1 });
    for (const text of [undefined, '', '{', 'null', '[1]', '"{}"', '1', 'true']) {
      expect(parseJsonObject(text), String(text)).toBeUndefined();
    }
    // JSON.parse makes "__proto__" an own field, not the prototype.
    expect(Object.getPrototypeOf(parseJsonObject('{"__proto__":{"x":1}}'))).toBe(Object.prototype);
  });

  it('names the first character a cookie cannot carry', () => {
    expect(firstInvalidOctet('ab;c')).toBe('";"');
    expect(firstInvalidOctet('ab c')).toBe('the character U+0020');
    expect(firstInvalidOctet('aä')).toBe('the character U+00E4');
  });
});
