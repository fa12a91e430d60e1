import { RequestCookies, ResponseCookies } from '@edge-runtime/cookies';
import { NextResponse } from 'next/server.js';
import { CookieJar } from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import { appendSetCookie } from '../src/generated/index.js';
import { type CookieUnderTest, fitsNextStores, realCookies } from './real-catalog.js';

/**
 * Next.js's cookie stores are the ResponseCookies/RequestCookies classes of @edge-runtime/cookies
 * (Next ships a compiled copy; NextResponse.cookies is one). They are name-keyed, rewrite every
 * Set-Cookie header on each change, and percent-encode values. The oracle for what a browser
 * keeps is tough-cookie; every cookie of the catalog the package was built from is tried.
 */
const all = await realCookies();
const cookies = all.filter(fitsNextStores);
const unfit = all.filter((c) => !fitsNextStores(c));

/** What a browser would keep from these Set-Cookie lines, and send back in a Cookie header. */
async function browserRoundTrip(subject: CookieUnderTest, lines: readonly string[]) {
  const { attributes } = subject.cookie;
  const url = `https://${attributes.domain ?? subject.cookie.provider.domain}${attributes.path}`;
  const jar = new CookieJar(undefined, { prefixSecurity: 'strict', looseMode: false });
  for (const line of lines) await jar.setCookie(line, url, { ignoreError: false });
  return { jar, url, header: await jar.getCookieString(url, { http: true }) };
}

describe.runIf(cookies.length > 0)('Next.js cookie stores (the real classes)', () => {
  it.each(cookies.map((c) => [c.cookie.id, c] as const))(
    '%s: set through ResponseCookies, kept by a browser as declared, read back through RequestCookies',
    async (_id, subject) => {
      const headers = new Headers();
      const store = new ResponseCookies(headers);
      subject.set(store);
      const lines = headers.getSetCookie();
      expect(lines).toHaveLength(1);
      const { jar, url, header } = await browserRoundTrip(subject, lines);
      const [kept] = await jar.getCookies(url, { http: true });
      const { attributes, lifetime } = subject.cookie;
      expect(kept?.key).toBe(subject.name);
      expect(kept?.path).toBe(attributes.path);
      expect(kept?.secure).toBe(attributes.secure);
      expect(kept?.httpOnly).toBe(attributes.httpOnly);
      expect(kept?.sameSite).toBe(attributes.sameSite.toLowerCase());
      expect(kept?.hostOnly).toBe(attributes.domain === undefined);
      if (lifetime.kind === 'duration') expect(kept?.maxAge).toBe(lifetime.seconds);
      // The next request, as Next.js hands it to a Route Handler or Server Component.
      const request = new RequestCookies(new Headers({ cookie: header }));
      expect(subject.read(request)).toEqual(subject.args.at(-1));
      // …and the same header read directly gives the same value.
      expect(subject.read(header)).toEqual(subject.args.at(-1));
    },
  );

  it('a catalog cookie set on a NextResponse survives a later response.cookies.set of another cookie', async () => {
    for (const subject of cookies) {
      const response = NextResponse.json({ ok: true });
      response.cookies.set('before', '1');
      subject.set(response);
      response.cookies.set('after', '2');
      const names = response.headers.getSetCookie().map((line) => line.split('=')[0]);
      expect(names).toEqual(['before', subject.name, 'after']);
      const { header } = await browserRoundTrip(subject, response.headers.getSetCookie());
      expect(subject.read(header)).toEqual(subject.args.at(-1));
    }
  });

  it('deleting through a store sends Max-Age=0 with the Path and flags the cookie was set with', async () => {
    for (const subject of cookies) {
      const headers = new Headers();
      const store = new ResponseCookies(headers);
      subject.set(store);
      const { jar, url } = await browserRoundTrip(subject, headers.getSetCookie());
      subject.remove(store);
      const [line = ''] = headers.getSetCookie();
      expect(line).toMatch(/; Max-Age=0(;|$)/);
      await jar.setCookie(line, url, { ignoreError: false });
      expect(await jar.getCookies(url, { http: true })).toEqual([]);
    }
  });

  it('setting the same cookie twice leaves one Set-Cookie line, as on every other target', () => {
    for (const subject of cookies) {
      const headers = new Headers();
      const store = new ResponseCookies(headers);
      subject.set(store);
      subject.set(store);
      expect(headers.getSetCookie()).toHaveLength(1);
    }
  });

  it.runIf(unfit.length > 0)(
    'refuses the catalog cookies whose raw values the store would change',
    () => {
      for (const subject of unfit) {
        const store = new ResponseCookies(new Headers());
        expect(() => subject.set(store)).toThrow(/percent-encode every value/);
        expect(store.getAll()).toEqual([]);
      }
    },
  );

  it('refuses, with the reason and the way out, a value the store would percent-encode into another', () => {
    const store = new ResponseCookies(new Headers());
    expect(() => appendSetCookie(store, 'token=a/b+c; Path=/; Secure')).toThrow(
      /Next\.js's cookie stores percent-encode every value.*response's headers instead/,
    );
    expect(store.getAll()).toEqual([]);
    // A value encoded as URI text goes in decoded, and the browser receives the same meaning.
    appendSetCookie(store, 'note=a%2Fb%20c; Path=/', true);
    expect(store.get('note')?.value).toBe('a/b c');
  });

  it('readers take a store that lacks the cookie, or holds a value that is not valid, as absent', () => {
    for (const subject of cookies) {
      expect(subject.read(new RequestCookies(new Headers()))).toBeUndefined();
      const bad = new RequestCookies(new Headers({ cookie: `${subject.name}=%00%FF{` }));
      expect(subject.read(bad)).toBeUndefined();
    }
  });
});
