import { isFirstPartyCookie } from '@cookie-catalog/catalog';
import { CookieJar } from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import { realCatalog, realCookies, realRetiredCookies } from './real-catalog.js';

/**
 * tough-cookie is the oracle: a real RFC 6265 cookie store with strict prefix security. Every
 * Set-Cookie line the real catalog generates must be stored and read back exactly as declared.
 */
describe('every Set-Cookie line of the real catalog, stored in a real cookie jar', async () => {
  const cookies = await realCookies();

  it('covers every first-party cookie of the catalog (the retired ones below)', async () => {
    const catalog = await realCatalog();
    expect([...cookies, ...(await realRetiredCookies())].map((c) => c.cookie.id).sort()).toEqual(
      catalog.entries
        .filter(isFirstPartyCookie)
        .map((e) => e.id)
        .sort(),
    );
  });

  it.each(cookies.map((c) => [c.cookie.id, c] as const))(
    '%s is kept as declared',
    async (_id, subject) => {
      const { attributes, lifetime } = subject.cookie;
      // Where the page states no domain, the cookie lives on the controller's own.
      const host =
        attributes.domain ??
        subject.cookie.provider.domain ??
        (await realCatalog()).controller.domains[0];
      const url = `https://${host}${attributes.path}`;
      const jar = new CookieJar(undefined, {
        prefixSecurity: 'strict',
        rejectPublicSuffixes: true,
        looseMode: false,
      });
      const line = subject.serialize();
      const before = Date.now();
      await jar.setCookie(line, url, { ignoreError: false });
      const [stored, ...others] = await jar.getCookies(url, { http: true });
      expect(others).toEqual([]);
      expect(stored?.key).toBe(subject.name);
      expect(stored?.value).toBe(line.slice(subject.name.length + 1, line.indexOf(';')));
      expect(stored?.path).toBe(attributes.path);
      expect(stored?.hostOnly).toBe(attributes.domain === undefined);
      expect(stored?.domain).toBe(host);
      expect(stored?.secure).toBe(attributes.secure);
      expect(stored?.httpOnly).toBe(attributes.httpOnly);
      expect(stored?.sameSite).toBe(attributes.sameSite.toLowerCase());
      if (lifetime.kind === 'duration') {
        expect(stored?.maxAge).toBe(lifetime.seconds);
        const expiry = Number(stored?.expiryTime());
        expect(expiry).toBeGreaterThanOrEqual(before + lifetime.seconds * 1000);
        expect(expiry).toBeLessThanOrEqual(Date.now() + lifetime.seconds * 1000);
      } else {
        expect(stored?.TTL()).toBe(Number.POSITIVE_INFINITY); // a session cookie: no Max-Age, no Expires
        expect(line).not.toMatch(/Max-Age|Expires/i);
      }
      if (attributes.partitioned) expect(line).toMatch(/; Partitioned$/);
      // Script (non-HTTP) access sees it only when it is not HttpOnly.
      expect((await jar.getCookies(url, { http: false })).length).toBe(attributes.httpOnly ? 0 : 1);

      // Deleting uses the same path and domain, so the jar really drops it.
      const target = new Headers();
      subject.remove(target);
      const [deletion] = target.getSetCookie();
      expect(deletion).toMatch(new RegExp(`^${subject.name}=; Max-Age=0;`));
      await jar.setCookie(deletion ?? '', url, { ignoreError: false });
      expect(await jar.getCookies(url, { http: true })).toEqual([]);
    },
  );
});

const retired = await realRetiredCookies();

/**
 * A retired cookie (`retired:` in the catalog) is no longer set, but browsers may hold it until
 * its lifetime has run out: its deleter removes what its setter wrote before it was retired.
 */
describe.runIf(retired.length > 0)('every retired cookie of the real catalog', () => {
  it.each(retired.map((c) => [c.cookie.id, c] as const))(
    '%s: the deleter removes what its setter wrote',
    async (_id, subject) => {
      const { attributes } = subject.cookie;
      const url = `https://${attributes.domain ?? subject.cookie.provider.domain}${attributes.path}`;
      const jar = new CookieJar(undefined, {
        prefixSecurity: 'strict',
        rejectPublicSuffixes: true,
        looseMode: false,
      });
      await jar.setCookie(subject.setBefore, url, { ignoreError: false });
      expect((await jar.getCookies(url, { http: true })).map((c) => c.key)).toEqual([subject.name]);
      const target = new Headers();
      subject.remove(target);
      const [deletion] = target.getSetCookie();
      await jar.setCookie(deletion ?? '', url, { ignoreError: false });
      expect(await jar.getCookies(url, { http: true })).toEqual([]);
    },
  );
});
