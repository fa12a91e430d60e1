import { type CatalogEntry, isFirstPartyCookie, loadCatalog } from '@cookie-catalog/catalog';
import { build } from 'esbuild';
import { CookieJar } from 'tough-cookie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readConsent as readConsentInBrowser } from '../src/generated/browser.js';
import {
  CONSENT_CATEGORIES as ALL_CATEGORIES,
  applyConsentForm,
  CONSENT_COOKIE,
  CONSENT_MAX_AGE_SECONDS,
  CONSENT_SERVICES,
  CONSENT_VERSION,
  type ConsentCategory,
  type ConsentService,
  consentBanner,
  consentPreferences,
  hasConsent,
  hasGlobalPrivacyControl,
  LOCALES,
  readConsent,
  SERVICE_CATEGORIES,
} from '../src/generated/index.js';

// Expectations follow the catalog the package was generated from.
const { catalog } = await loadCatalog(new URL('../../../catalog/', import.meta.url).pathname);
if (!catalog) throw new Error('catalog/ does not validate');
const ORIGIN = 'https://shop.example/';
// Answers are given on one of the catalog's services, the first: it asks about what it uses. The
// host is outside the shared domain (if any), so the answer is kept on it, as a browser there does.
// (The examples CI runs these tests on catalogs without services, whose package has none to
// name: there SERVICE is undefined and every answer asks about every category.)
const SERVICE = CONSENT_SERVICES?.[0] as ConsentService;
const CONSENT_CATEGORIES: readonly ConsentCategory[] =
  SERVICE === undefined ? ALL_CATEGORIES : SERVICE_CATEGORIES[SERVICE];
const ON = { service: SERVICE, host: new URL(ORIGIN).host } as const;
const NOW = Date.UTC(2026, 11, 3, 12);

/** A Cookie header holding the consent cookie with this JSON value. */
const header = (value: unknown) => `${CONSENT_COOKIE}=${encodeURIComponent(JSON.stringify(value))}`;
const ID = '0123456789abcdef0123456789abcdef';
const answer = (on: boolean, extra: Record<string, unknown> = {}) => ({
  version: CONSENT_VERSION,
  given: Math.floor(NOW / 1000) - 60,
  id: ID,
  ...Object.fromEntries(catalog.categories.filter((c) => c.consentRequired).map((c) => [c.id, on])),
  ...extra,
});

/**
 * What a browser stores from a response's Set-Cookie lines (tough-cookie as the oracle). Like a
 * browser, it ignores a line it refuses: a deletion for the catalog's own domain (a vendor's
 * cookie, Domain=…) does not apply to this test's origin.
 */
async function jarAfter(headers: Headers, jar = new CookieJar()): Promise<CookieJar> {
  for (const line of headers.getSetCookie())
    await jar.setCookie(line, ORIGIN, { ignoreError: true });
  return jar;
}

describe.runIf(catalog.consent !== undefined)('reading the answer', () => {
  it('returns the answer given under this consent version within the cookie’s lifetime', () => {
    const consent = readConsent(header(answer(true)), NOW);
    expect(consent?.version).toBe(CONSENT_VERSION);
    for (const category of CONSENT_CATEGORIES) expect(hasConsent(consent, category)).toBe(true);
    expect(consent?.given.getTime()).toBe((Math.floor(NOW / 1000) - 60) * 1000);
  });

  it('carries the consent id, and asks again for an answer without a well-formed one', () => {
    expect(readConsent(header(answer(true)), NOW)?.id).toBe(ID);
    for (const id of [undefined, '', 'x'.repeat(32), ID.toUpperCase(), `${ID}0`, 42])
      expect(readConsent(header(answer(true, { id })), NOW)).toBeUndefined();
  });

  it('asks again: never asked, another version, too old, from the future', () => {
    expect(readConsent(undefined, NOW)).toBeUndefined();
    expect(readConsent('', NOW)).toBeUndefined();
    expect(
      readConsent(header(answer(true, { version: CONSENT_VERSION - 1 })), NOW),
    ).toBeUndefined();
    const tooOld = Math.floor(NOW / 1000) - CONSENT_MAX_AGE_SECONDS - 1;
    expect(readConsent(header(answer(true, { given: tooOld })), NOW)).toBeUndefined();
    const future = Math.floor(NOW / 1000) + 3600;
    expect(readConsent(header(answer(true, { given: future })), NOW)).toBeUndefined();
    expect(hasConsent(undefined, CONSENT_CATEGORIES[0] as never)).toBe(false);
  });

  it('never throws on a hostile consent cookie, and never grants from one', () => {
    const hostile = [
      '%',
      '%E0%A4%A',
      '{',
      'null',
      '[]',
      '"yes"',
      encodeURIComponent('{"__proto__":{"version":1}}'),
      encodeURIComponent(JSON.stringify({ ...answer(true), version: `${CONSENT_VERSION}` })),
      encodeURIComponent(JSON.stringify({ ...answer(true), given: 'now' })),
      encodeURIComponent(
        JSON.stringify(Object.fromEntries(CONSENT_CATEGORIES.map((c) => [c, 'true']))),
      ),
      'x'.repeat(10_000),
      encodeURIComponent('{"version":1e309}'),
    ];
    let seed = 7;
    for (let i = 0; i < 500; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      hostile.push(
        encodeURIComponent(
          JSON.stringify(answer(seed % 2 === 0)).slice(0, seed % 40) +
            String.fromCharCode(seed % 128),
        ),
      );
    }
    for (const value of hostile) {
      const consent = readConsent(`${CONSENT_COOKIE}=${value}`, NOW);
      if (consent) {
        expect(consent.version).toBe(CONSENT_VERSION);
        for (const on of Object.values(consent.categories)) expect(typeof on).toBe('boolean');
      }
    }
  });
});

describe.runIf(catalog.consent !== undefined)('recording the answer', () => {
  it('accept, reject and save set the consent cookie as the catalog declares it', async () => {
    for (const [form, on] of [
      [new URLSearchParams('cookies=accept'), true],
      [new URLSearchParams('cookies=reject'), false],
      [
        new URLSearchParams(
          `cookies=save&${CONSENT_CATEGORIES.map((c) => `consent-${c}=yes`).join('&')}`,
        ),
        true,
      ],
      [new URLSearchParams('cookies=save'), false],
      [{ cookies: 'accept' }, true], // a parsed body object
    ] as const) {
      const response = new Headers();
      const { consent, recorded } = await applyConsentForm(response, form, {
        now: NOW,
        records: null,
        ...ON,
      });
      expect(recorded).toBeUndefined();
      for (const category of CONSENT_CATEGORIES) expect(hasConsent(consent, category)).toBe(on);
      const jar = await jarAfter(response);
      const [stored] = await jar.getCookies(ORIGIN);
      expect(stored?.key).toBe(CONSENT_COOKIE);
      const entry = catalog.entries.find((e) => e.id === catalog.consent?.cookie);
      expect(stored?.maxAge).toBe(entry?.lifetime.kind === 'duration' ? entry.lifetime.seconds : 0);
      // What the browser stores reads back as the same answer.
      expect(readConsent(`${stored?.key}=${stored?.value}`, NOW)?.categories).toEqual(
        consent.categories,
      );
    }
  });

  it('keeps the browser’s consent id across answers, and gives a new browser a random one', async () => {
    const again = new Headers();
    const kept = await applyConsentForm(again, new URLSearchParams('cookies=reject'), {
      cookieHeader: header(answer(true)),
      records: null,
      ...ON,
    });
    expect(kept.consent.id).toBe(ID);
    // Under an older consent version the answer is asked again, but it is the same browser.
    const older = await applyConsentForm(new Headers(), new URLSearchParams('cookies=accept'), {
      cookieHeader: header(answer(true, { version: CONSENT_VERSION - 1 })),
      records: null,
      ...ON,
    });
    expect(older.consent.id).toBe(ID);
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const fresh = await applyConsentForm(
        new Headers(),
        { cookies: 'accept' },
        { records: null, ...ON },
      );
      expect(fresh.consent.id).toMatch(/^[0-9a-f]{32}$/);
      ids.add(fresh.consent.id);
    }
    expect(ids.size).toBe(50);
    // A forged id that is not 32 lowercase hex digits is replaced, never recorded under.
    const forged = await applyConsentForm(
      new Headers(),
      { cookies: 'accept' },
      {
        cookieHeader: header(answer(true, { id: '../../etc/passwd' })),
        records: null,
        ...ON,
      },
    );
    expect(forged.consent.id).toMatch(/^[0-9a-f]{32}$/);
    // A forged answer from the future (as written before services) beside the browser's own,
    // e.g. tossed from a sibling host: it does not hold, and the id stays the browser's. (With
    // services only: without, the package reads the first cookie of the name, so a tossed one
    // ahead of the browser's own hides it; a follow-up.)
    if (SERVICE === undefined) return;
    const forger = 'f'.repeat(32);
    const fromTheFuture = answer(true, { id: forger, given: Math.floor(NOW / 1000) + 31_536_000 });
    const tossed = await applyConsentForm(
      new Headers(),
      { cookies: 'reject' },
      {
        cookieHeader: `${header(fromTheFuture)}; ${header(answer(true))}`,
        records: null,
        now: NOW,
        ...ON,
      },
    );
    expect(tossed.consent.id).toBe(ID);
  });

  it('names what a withdrawn category leaves behind: what the catalog does not say where it lives, and patterns the request did not carry', async () => {
    const response = new Headers();
    const { notDeleted } = await applyConsentForm(response, new URLSearchParams('cookies=reject'), {
      cookieHeader: header(answer(true)),
      now: NOW,
      records: null,
      ...ON,
    });
    // The request carries only the consent cookie: a pattern on another path than / cannot be
    // found in it; a fixed name is deleted wherever the catalog says it lives.
    const path = (e: CatalogEntry) =>
      isFirstPartyCookie(e) ? e.attributes.path : e.location?.path;
    const expected = catalog.entries.filter(
      (e) =>
        e.kind === 'cookie' &&
        CONSENT_CATEGORIES.includes(e.category as never) &&
        // A cookie only on other services' hosts is named too: this host cannot reach it.
        (!(SERVICE === undefined || e.services.includes(SERVICE) || e.reaches?.includes(SERVICE)) ||
          path(e) === undefined ||
          (e.name.parameters.length > 0 && path(e) !== '/')),
    );
    expect(notDeleted.map((n) => n.name).sort()).toEqual(
      expected.map((e) => (e.group ? '*' : e.name.pattern)).sort(),
    );
  });

  it('reads the Global Privacy Control header from Fetch and Node headers', () => {
    expect(hasGlobalPrivacyControl(new Headers({ 'Sec-GPC': '1' }))).toBe(true);
    expect(hasGlobalPrivacyControl({ 'sec-gpc': '1' })).toBe(true);
    expect(hasGlobalPrivacyControl({ 'sec-gpc': '0' })).toBe(false);
    expect(hasGlobalPrivacyControl(new Headers())).toBe(false);
  });
});

describe.runIf(catalog.consent !== undefined)('the banner and the form', () => {
  it('carry each locale’s words and every optional category, and post a plain form', () => {
    for (const locale of LOCALES) {
      const html = consentBanner(locale, { action: '/cookies', hidden: { csrf: 'abc' } }, SERVICE);
      expect(html).toContain('<form method="post" action="/cookies">');
      expect(html).toContain('name="csrf" value="abc"');
      expect(html).toContain(`lang="${locale}"`);
      const form = consentPreferences(locale, { action: '/cookies', consent: undefined }, SERVICE);
      for (const category of catalog.categories.filter((c) => c.consentRequired)) {
        expect(form).toContain(`name="consent-${category.id}"`);
        expect(form).toContain(`value="no" checked`);
      }
    }
  });
});

describe('the browser readers', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it.runIf(catalog.consent !== undefined && SERVICE !== undefined)(
    'agree with the server on every hostile stored answer, in the format of before services and of now: one never grants what the other refuses',
    () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(NOW);
      const now = answer(true);
      const withAnswered = (value: Record<string, unknown>) => ({
        ...value,
        answered: CONSENT_CATEGORIES.join(','),
      });
      const hostile: Record<string, unknown>[] = [
        {},
        { id: [ID] },
        { id: { toString: ID } },
        { id: Number.MAX_SAFE_INTEGER },
        { id: null },
        { version: [CONSENT_VERSION] },
        { version: CONSENT_VERSION + 2 ** -50 },
        { given: [now.given] },
        { given: `${now.given}` },
        { given: Number.MAX_SAFE_INTEGER },
        { given: -Number.MAX_SAFE_INTEGER },
        { given: now.given + 86_400 },
        { given: Number.MAX_VALUE },
        { given: now.given + 0.5 },
        { given: -0 },
        { answered: null },
        { answered: ['__proto__'] },
        { answered: '__proto__,constructor' },
        { constructor: { prototype: { polluted: true } } },
        ...CONSENT_CATEGORIES.flatMap((c) => [{ [c]: 'true' }, { [c]: 1 }, { [c]: [true] }]),
      ];
      const raws = [
        ...hostile
          .flatMap((edit): unknown[] => [{ ...now, ...edit }, withAnswered({ ...now, ...edit })])
          .concat([[now], { value: now }])
          .map((value) => JSON.stringify(value)),
        // `__proto__` as a forger writes it: an own key, as JSON.parse reads it back.
        ...[now, withAnswered(now)].map((value) =>
          JSON.stringify(value).replace('{', '{"__proto__":{"polluted":true,"id":"x"},'),
        ),
      ];
      // Not a test that cannot fail: both grant the answer as the package writes it.
      vi.stubGlobal('document', { cookie: header(now) });
      expect(readConsentInBrowser()?.categories).toEqual(readConsent(header(now))?.categories);
      expect(readConsentInBrowser()).toBeDefined();
      for (const raw of raws) {
        const cookie = `${CONSENT_COOKIE}=${encodeURIComponent(raw)}`;
        vi.stubGlobal('document', { cookie });
        const server = readConsent(cookie);
        const browser = readConsentInBrowser();
        expect([raw, browser?.categories]).toEqual([raw, server?.categories]);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('bundle without the server, the banner or another cookie', async () => {
    const result = await build({
      stdin: {
        contents: "export { readConsent, hasConsent } from '@billogram/cookies-consent/browser';",
        resolveDir: new URL('.', import.meta.url).pathname,
      },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
    });
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(/Set-Cookie|Max-Age|<form|class=/);
    for (const entry of catalog.entries.filter((e) => e.id !== catalog.consent?.cookie))
      expect(code).not.toContain(JSON.stringify(entry.name.pattern));
  });
});
