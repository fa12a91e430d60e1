import { describe, expect, it } from 'vitest';
import { appendSetCookie, type CookieTarget } from '../src/index.js';

/*
 * One Set-Cookie line per cookie (RFC 6265bis §4.1.1), where "the same cookie" is what a browser
 * stores as one: name, Domain, Path, and whether it is partitioned. The generated setters all
 * go through appendSetCookie, so these rules hold for every catalog.
 */
describe('appendSetCookie replaces only the same cookie', () => {
  it('keeps a namesake on another path, and replaces a line for the same path', () => {
    const headers = new Headers();
    appendSetCookie(headers, 'csrf=a; Path=/; Secure');
    appendSetCookie(headers, 'csrf=; Max-Age=0; Path=/app; Secure');
    appendSetCookie(headers, 'csrf=b; Path=/; Secure');
    expect(headers.getSetCookie()).toEqual([
      'csrf=b; Path=/; Secure',
      'csrf=; Max-Age=0; Path=/app; Secure',
    ]);
  });

  it('tells Domain, host-only and Partitioned apart, and reads attributes in any case', () => {
    const headers = new Headers();
    appendSetCookie(headers, 'id=1; Path=/');
    appendSetCookie(headers, 'id=2; Domain=example.com; Path=/');
    appendSetCookie(headers, 'id=3; Path=/; Secure; Partitioned');
    appendSetCookie(headers, 'id=4; domain=.EXAMPLE.com; path=/');
    expect(headers.getSetCookie()).toEqual([
      'id=1; Path=/',
      'id=4; domain=.EXAMPLE.com; path=/',
      'id=3; Path=/; Secure; Partitioned',
    ]);
  });

  it('on a Node-style response too', () => {
    const lines: string[][] = [];
    let current: string[] | undefined;
    const response = {
      getHeader: () => current,
      setHeader: (_name: string, value: string[]) => {
        current = value;
        lines.push(value);
      },
    };
    appendSetCookie(response, 'a=1; Path=/x');
    appendSetCookie(response, 'a=2; Path=/y');
    appendSetCookie(response, 'a=3; Path=/x');
    expect(current).toEqual(['a=3; Path=/x', 'a=2; Path=/y']);
  });

  it.each([
    [null, /on null/],
    [undefined, /on undefined/],
    ['res', /on string/],
    [{}, /on this object/],
  ])('refuses %j with a message that says what to pass', (target, message) => {
    expect(() => appendSetCookie(target as unknown as CookieTarget, 'a=1')).toThrow(
      expect.objectContaining({
        name: 'TypeError',
        message: expect.stringMatching(message) as string,
      }),
    );
    expect(() => appendSetCookie(target as unknown as CookieTarget, 'a=1')).toThrow(
      /pass a Node ServerResponse \(or Express res\), a Fetch Headers or Response, a Hono Context, or a Next\.js cookie store/,
    );
  });
});
