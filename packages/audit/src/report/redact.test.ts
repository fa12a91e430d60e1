import { describe, expect, it } from 'vitest';
import { redactJson, redactUrls } from './redact.js';

describe('redactUrls: addresses without their query and fragment, wherever they are in text', () => {
  it.each([
    ['https://shop.example/account?session=abc#inbox', 'https://shop.example/account'],
    ['response https://shop.example/login?token=t', 'response https://shop.example/login'],
    // A stack frame keeps its line and column.
    [
      'script on https://a.example/?u=me: at f (https://cdn.example/x.js?v=3:12:5) | at https://cdn.example/y.js?k=1:7',
      'script on https://a.example/: at f (https://cdn.example/x.js:12:5) | at https://cdn.example/y.js:7',
    ],
    [
      'the page sends a ping to t.example (https://t.example/p?id=42)',
      'the page sends a ping to t.example (https://t.example/p)',
    ],
    [
      'wss://live.example/socket?auth=x and blob:https://a.example/uuid#f',
      'wss://live.example/socket and blob:https://a.example/uuid',
    ],
    ['no address ?here=1', 'no address ?here=1'],
  ])('%s', (given, want) => {
    expect(redactUrls(given)).toBe(want);
  });

  it('redactJson: every string, screenshots left out, `__proto__` stays a key', () => {
    const given = JSON.parse(
      '{"url": "https://a.example/?q=1", "list": [{"screenshot": {"base64": "AA"}, "page": "https://a.example/b?c=d"}], "__proto__": "https://x.example/?y"}',
    );
    const redacted = redactJson(given);
    expect(redacted).toEqual(
      JSON.parse(
        '{"url": "https://a.example/", "list": [{"page": "https://a.example/b"}], "__proto__": "https://x.example/"}',
      ),
    );
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
  });
});
