import { describe, expect, it } from 'vitest';
import {
  decodeBase64Url,
  decodeUri,
  encodeBase64Url,
  encodeUri,
  firstInvalidOctet,
  parseJson,
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
    expect(parseJson('{')).toBeUndefined();
  });

  it('names the first character a cookie cannot carry', () => {
    expect(firstInvalidOctet('ab;c')).toBe('";"');
    expect(firstInvalidOctet('ab c')).toBe('the character U+0020');
    expect(firstInvalidOctet('aä')).toBe('the character U+00E4');
  });
});
