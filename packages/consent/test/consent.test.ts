import { loadCatalog } from '@cookie-catalog/catalog';
import { build } from 'esbuild';
import { CookieJar } from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import {
  applyConsentForm,
  CONSENT_CATEGORIES,
  CONSENT_COOKIE,
  CONSENT_MAX_AGE_SECONDS,
  CONSENT_VERSION,
  consentBanner,
  consentPreferences,
  hasConsent,
  hasGlobalPrivacyControl,
  LOCALES,
  readConsent,
} from '../src/index.js';
import { renderBanner, renderPreferences } from '../src/runtime/render.js';
import { applyRemovals, choicesFromForm } from '../src/runtime/withdraw.js';

// Expectations follow the catalog the package was generated from.
const { catalog } = await loadCatalog(new URL('../../../catalog/', import.meta.url).pathname);
if (!catalog) throw new Error('catalog/ does not validate');
const ORIGIN = 'https://shop.example/';
const NOW = Date.UTC(2026, 11, 3, 12);

/** A Cookie header holding the consent cookie with this JSON value. */
const header = (value: unknown) => `${CONSENT_COOKIE}=${encodeURIComponent(JSON.stringify(value))}`;
const answer = (on: boolean, extra: Record<string, unknown> = {}) => ({
  version: CONSENT_VERSION,
  given: Math.floor(NOW / 1000) - 60,
  ...Object.fromEntries(CONSENT_CATEGORIES.map((c) => [c, on])),
  ...extra,
});

/** What a browser stores from a response's Set-Cookie lines (tough-cookie as the oracle). */
async function jarAfter(headers: Headers, jar = new CookieJar()): Promise<CookieJar> {
  for (const line of headers.getSetCookie()) await jar.setCookie(line, ORIGIN);
  return jar;
}

describe.runIf(catalog.consent !== undefined)('reading the answer', () => {
  it('returns the answer given under this consent version within the cookie’s lifetime', () => {
    const consent = readConsent(header(answer(true)), NOW);
    expect(consent?.version).toBe(CONSENT_VERSION);
    for (const category of CONSENT_CATEGORIES) expect(hasConsent(consent, category)).toBe(true);
    expect(consent?.given.getTime()).toBe((Math.floor(NOW / 1000) - 60) * 1000);
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
      const { consent } = applyConsentForm(response, form, { now: NOW });
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

  it('names what a withdrawn category leaves behind: the cookies only their provider can delete', () => {
    const response = new Headers();
    const { notDeleted } = applyConsentForm(response, new URLSearchParams('cookies=reject'), {
      cookieHeader: header(answer(true)),
      now: NOW,
    });
    const expected = catalog.entries.filter(
      (e) =>
        e.kind === 'cookie' &&
        CONSENT_CATEGORIES.includes(e.category as never) &&
        (e.party === 'third' || (e.setBy === 'vendor' && !e.location)),
    );
    expect(notDeleted.map((n) => n.name).sort()).toEqual(
      expected.map((e) => e.name.pattern).sort(),
    );
  });

  it('reads the Global Privacy Control header from Fetch and Node headers', () => {
    expect(hasGlobalPrivacyControl(new Headers({ 'Sec-GPC': '1' }))).toBe(true);
    expect(hasGlobalPrivacyControl({ 'sec-gpc': '1' })).toBe(true);
    expect(hasGlobalPrivacyControl({ 'sec-gpc': '0' })).toBe(false);
    expect(hasGlobalPrivacyControl(new Headers())).toBe(false);
  });
});

describe('withdrawal deletes what lives on our domain (tough-cookie as the browser)', () => {
  it('deletes fixed names and the pattern names the request carries, and lists the rest', async () => {
    const jar = new CookieJar();
    for (const line of [
      'opt_pref=dark; Path=/; Secure; SameSite=Lax; Max-Age=3600',
      'ab_12=b; Path=/shop; Max-Age=3600',
      'ab_7=a; Path=/shop; Max-Age=3600',
      'keep=1; Path=/; Max-Age=3600',
    ])
      await jar.setCookie(line, `${ORIGIN}shop/`);
    const lines: string[] = [];
    const { deleted, notDeleted } = applyRemovals(
      [
        [
          'preferences',
          [
            { name: 'opt_pref', attributes: '; Max-Age=0; Path=/; Secure; SameSite=Lax' },
            { name: 'ab_{n}', pattern: '^ab_[^=;\\s]+$', attributes: '; Max-Age=0; Path=/shop' },
            {
              name: '_vendor',
              cannot: 'third-party',
              provider: 'Vendor AB',
              privacyPolicy: 'https://vendor.example/privacy',
            },
          ],
        ],
      ],
      (await jar.getCookieString(`${ORIGIN}shop/`)) ?? '',
      (line) => lines.push(line),
    );
    for (const line of lines) await jar.setCookie(line, `${ORIGIN}shop/`);
    expect((await jar.getCookies(`${ORIGIN}shop/`)).map((c) => c.key)).toEqual(['keep']);
    expect(deleted.sort()).toEqual(['ab_12', 'ab_7', 'opt_pref']);
    expect(notDeleted).toEqual([
      {
        name: '_vendor',
        category: 'preferences',
        provider: 'Vendor AB',
        privacyPolicy: 'https://vendor.example/privacy',
        reason: 'third-party',
      },
    ]);
  });

  it('under Global Privacy Control, "accept all" leaves advertising categories off', () => {
    const form = new URLSearchParams('cookies=accept');
    expect(choicesFromForm(form, ['stats', 'ads'], ['ads'])).toEqual({ stats: true, ads: false });
    const explicit = new URLSearchParams('cookies=save&consent-ads=yes');
    expect(choicesFromForm(explicit, ['stats', 'ads'], ['ads'])).toEqual({
      stats: false,
      ads: true,
    });
  });
});

describe.runIf(catalog.consent !== undefined)('the banner and the form', () => {
  it('carry each locale’s words and every optional category, and post a plain form', () => {
    for (const locale of LOCALES) {
      const html = consentBanner(locale, { action: '/cookies', hidden: { csrf: 'abc' } });
      expect(html).toContain('<form method="post" action="/cookies">');
      expect(html).toContain('name="csrf" value="abc"');
      expect(html).toContain(`lang="${locale}"`);
      const form = consentPreferences(locale, { action: '/cookies', consent: undefined });
      for (const category of catalog.categories.filter((c) => c.consentRequired)) {
        expect(form).toContain(`name="consent-${category.id}"`);
        expect(form).toContain(`value="no" checked`);
      }
    }
  });
});

describe('the renderer', () => {
  const templates = {
    question:
      '<form action="\u0000action\u0000">\u0000hidden\u0000\u0000gpc\u0000</form>\u0000unknown\u0000',
    confirmation: '<p>\u0000message\u0000</p>\u0000notDeleted\u0000',
    preferences:
      '<input value="yes"\u0000yes:ads\u0000><input value="no"\u0000no:ads\u0000>\u0000confirmation\u0000',
    gpc: '<p class="gpc">GPC</p>',
    notDeleted: '<ul>\u0000items\u0000</ul>',
    saved: '<p>saved</p>\u0000notDeleted\u0000',
    messages: { accept: 'accepted', reject: 'rejected', save: 'saved' },
  };

  it('fills each slot with escaped request state: markup, quotes and braces stay text', () => {
    const evil = '<img src=x onerror=alert(1)>{{ 7*7 }}"\'&';
    const question = renderBanner(templates, {
      action: `/x"><script>${evil}`,
      hidden: { [evil]: evil },
      gpc: true,
    });
    expect(question).not.toMatch(/<img|<script|\{\{/);
    expect(question.includes('\u0000')).toBe(false); // every slot filled, the unknown one too
    expect(question).toContain(
      '&lt;img src=x onerror=alert(1)&gt;&#123;&#123; 7*7 &#125;&#125;&quot;&#39;&amp;',
    );
    expect(question).toContain('<p class="gpc">GPC</p>');
    const confirmation = renderBanner(templates, {
      action: '/x',
      answered: 'reject',
      notDeleted: [
        {
          name: evil,
          category: 'ads',
          provider: evil,
          privacyPolicy: 'https://x.example/"><script>',
          reason: 'third-party',
        },
      ],
    });
    expect(confirmation).toMatch(/^<p>rejected<\/p><ul><li><code>&lt;img/);
    expect(confirmation).not.toMatch(/<img|<script|\{\{/);
  });

  it('checks the answer in force, "no" until people say yes', () => {
    const on = renderPreferences(templates, {
      action: '/x',
      consent: { categories: { ads: true } },
    });
    expect(on).toBe('<input value="yes" checked><input value="no">');
    const never = renderPreferences(templates, { action: '/x', consent: undefined, saved: true });
    expect(never).toBe('<input value="yes"><input value="no" checked><p>saved</p>');
  });
});

describe('the browser readers', () => {
  it('bundle without the server, the banner or another cookie', async () => {
    const result = await build({
      stdin: {
        contents: "export { readConsent, hasConsent } from '@cookie-catalog/consent/browser';",
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
