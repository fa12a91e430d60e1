import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markdown } from '@billogram/cookies-docs';
import { loadCatalog } from '@cookie-catalog/catalog';
import type { ConsentLog } from '@cookie-catalog/runtime/consent-records';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONSENT_CATEGORIES as ALL_CATEGORIES,
  applyConsentForm,
  CONSENT_COOKIE,
  CONSENT_SERVICES,
  CONSENT_VERSION,
  type ConsentCategory,
  type ConsentService,
  consentBanner,
  consentEndpoint,
  consentPreferences,
  LOCALES,
  openConsentRecords,
  POLICY_VERSION,
  readConsent,
  SERVICE_CATEGORIES,
  SHOWN,
} from '../src/generated/index.js';

/*
 * Every answer through the generated API is recorded in a real embedded store (PGlite in a temp
 * folder): the consent id the cookie keeps, what was answered, and the hash of the exact words the
 * form was shown, which the store keeps once. Expectations follow the catalog.
 */
const { catalog } = await loadCatalog(new URL('../../../catalog/', import.meta.url).pathname);
if (!catalog) throw new Error('catalog/ does not validate');

// Every answer is given on one of the catalog's services: the first, asking about what it uses.
// (The examples CI runs these tests on catalogs without services, whose package has none to
// name: there SERVICE is undefined and every answer asks about every category.)
const SERVICE = CONSENT_SERVICES?.[0] as ConsentService;
const CONSENT_CATEGORIES: readonly ConsentCategory[] =
  SERVICE === undefined ? ALL_CATEGORIES : SERVICE_CATEGORIES[SERVICE];
const HOST = 'invoices.test';
// What a record names: the service, or without services the host the answer was given on.
const SERVICE_OPTION = (SERVICE ?? HOST) as ConsentService;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** The value of the hidden field a rendered form carries. */
const hidden = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
const manifest = async (path: string) =>
  JSON.parse(await readFile(new URL(path, import.meta.url), 'utf8')) as {
    name: string;
    version: string;
  };

describe.runIf(catalog.consent !== undefined)('consent records', () => {
  let dir: string;
  let records: ConsentLog;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'consent-records-'));
    records = await openConsentRecords({ store: join(dir, 'store'), onError: () => {} });
  });
  afterAll(async () => {
    await records?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Answers as a browser would: the form's fields, and the Cookie header of the last answer. */
  async function answer(fields: Record<string, string>, cookieHeader?: string, gpc = false) {
    const response = new Headers();
    const result = await applyConsentForm(response, new URLSearchParams(fields), {
      records,
      cookieHeader,
      gpc,
      service: SERVICE_OPTION,
      host: HOST,
    });
    const line = response.getSetCookie().find((l) => l.startsWith(`${CONSENT_COOKIE}=`)) ?? '';
    return { ...result, cookie: line.split(';')[0] ?? '' };
  }

  it('knows the hash of every text it shows, per locale, and the form carries it back', () => {
    for (const locale of LOCALES) {
      for (const gpc of [false, true]) {
        const banner = consentBanner(locale, { action: '/cookies', gpc }, SERVICE);
        const hash = hidden(banner, 'consent_shown') ?? '';
        expect(SHOWN[hash]).toEqual({ kind: gpc ? 'banner-gpc' : 'banner', locale });
        const form = consentPreferences(
          locale,
          { action: '/cookies', consent: undefined, gpc },
          SERVICE,
        );
        const formHash = hidden(form, 'consent_shown') ?? '';
        expect(SHOWN[formHash]).toEqual({ kind: gpc ? 'preferences-gpc' : 'preferences', locale });
      }
    }
    // Per-request slots are not part of the words: a CSRF token does not change the hash.
    const a = consentBanner(LOCALES[0] ?? 'en', { action: '/a', hidden: { csrf: 'one' } }, SERVICE);
    const b = consentBanner(LOCALES[0] ?? 'en', { action: '/b', hidden: { csrf: 'two' } }, SERVICE);
    expect(hidden(a, 'consent_shown')).toBe(hidden(b, 'consent_shown'));
  });

  it('accept, change of mind and withdrawal: three records under one id, each pointing at the words shown', async () => {
    const locale = LOCALES.at(-1) ?? 'en';
    const shownBanner = hidden(
      consentBanner(locale, { action: '/cookies' }, SERVICE),
      'consent_shown',
    );
    const first = await answer({ cookies: 'accept', consent_shown: shownBanner ?? '', csrf: 'x' });
    expect(first.recorded).toMatchObject({ durable: expect.stringMatching(/^(store|spool)$/) });
    const id = first.consent.id;
    expect(readConsent(first.cookie)?.id).toBe(id);

    // Changes their mind on the preferences form: the first category stays on, the rest go off.
    const form = consentPreferences(
      locale,
      { action: '/cookies', consent: first.consent },
      SERVICE,
    );
    const mind = Object.fromEntries(
      CONSENT_CATEGORIES.map((c, i) => [`consent-${c}`, i === 0 ? 'yes' : 'no']),
    );
    const second = await answer(
      { cookies: 'save', consent_shown: hidden(form, 'consent_shown') ?? '', ...mind },
      first.cookie,
    );
    // Withdraws everything.
    const third = await answer(
      { cookies: 'save', consent_shown: hidden(form, 'consent_shown') ?? '' },
      second.cookie,
    );
    expect([second.consent.id, third.consent.id]).toEqual([id, id]);
    await records.flush();

    const store = records.store;
    if (!store) throw new Error('the embedded store did not open');
    const history = await store.show(id);
    const kept = history.entries.map((e) => e.record);
    expect(kept.map((r) => r?.action)).toEqual([
      'accept',
      CONSENT_CATEGORIES.length > 1 ? 'withdraw' : 'save',
      'withdraw',
    ]);
    const versions = Object.fromEntries(
      await Promise.all(
        ['../package.json', '../../server/package.json', '../../docs/package.json'].map(
          async (path) => {
            const { name, version } = await manifest(path);
            return [name, version] as const;
          },
        ),
      ),
    );
    for (const record of kept) {
      expect(record).toMatchObject({
        consentId: id,
        consentVersion: CONSENT_VERSION,
        policyVersion: POLICY_VERSION,
        packages: versions,
        locale,
        service: SERVICE_OPTION,
        gpc: false,
        policy: sha256(markdown[locale]),
      });
      // The words the hash names are stored, and are exactly what the form showed.
      const words = history.renderings[record?.shown ?? ''];
      expect(words?.locale).toBe(locale);
      expect(sha256(words?.text ?? '')).toBe(record?.shown);
      expect(history.renderings[record?.policy ?? '']?.text).toBe(markdown[locale]);
    }
    expect(kept[0]?.categories).toEqual(
      Object.fromEntries(CONSENT_CATEGORIES.map((c) => [c, true])),
    );
    expect(kept[0]?.slots).toEqual(['hidden:csrf']);
    expect(kept[1]?.slots).toEqual(['preselected']);
    expect(Object.values(kept[2]?.categories ?? {}).every((on) => on === false)).toBe(true);
    expect((await store.verify()).ok).toBe(true);
  });

  it('records shown: null for a form that names no text this package or the store knows', async () => {
    const forged = await answer({ cookies: 'accept', consent_shown: 'f'.repeat(64) });
    const missing = await answer({ cookies: 'reject' });
    await records.flush();
    for (const { consent } of [forged, missing]) {
      const [entry] = (await records.store?.show(consent.id))?.entries ?? [];
      expect(entry?.record?.shown).toBeNull();
      expect(entry?.record?.locale).toBeNull();
    }
  });

  it('stores each text once, by its hash, in every locale: the banner, the form and the policy', async () => {
    const hashes = new Set(await records.store?.renderingHashes());
    for (const locale of LOCALES) {
      expect(hashes.has(sha256(markdown[locale]))).toBe(true);
      for (const [hash, what] of Object.entries(SHOWN).filter(([, w]) => w.locale === locale)) {
        expect(hashes.has(hash), `${what.kind} ${locale}`).toBe(true);
      }
    }
  });

  it('the fetch endpoint answers JSON only, within its bounds, and records like the form', async () => {
    const endpoint = consentEndpoint({
      records,
      service: SERVICE_OPTION,
      perIdPerMinute: 2,
      maxBytes: 512,
    });
    const post = (body: string, headers: Record<string, string> = {}) =>
      endpoint(
        new Request('https://invoices.test/consent', {
          method: 'POST',
          body,
          headers: { 'Content-Type': 'application/json', ...headers },
        }),
      );
    expect((await endpoint(new Request('https://invoices.test/consent'))).status).toBe(405);
    expect(
      (await post('cookies=accept', { 'Content-Type': 'application/x-www-form-urlencoded' }))
        .status,
    ).toBe(415);
    expect((await post('{}', { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await post(JSON.stringify({ cookies: 'accept', pad: 'x'.repeat(600) }))).status).toBe(
      413,
    );
    expect((await post('{"cookies":')).status).toBe(400);
    expect((await post(JSON.stringify({ cookies: 'maybe' }))).status).toBe(400);
    const ok = await post(JSON.stringify({ cookies: 'accept' }));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as {
      consent: { id: string; categories: object };
      recorded: unknown;
    };
    expect(body.consent.id).toMatch(/^[0-9a-f]{32}$/);
    expect(body.recorded).toMatch(/^(store|spool)$/);
    const cookie =
      ok.headers
        .getSetCookie()
        .find((l) => l.startsWith(`${CONSENT_COOKIE}=`))
        ?.split(';')[0] ?? '';
    expect(readConsent(cookie)?.id).toBe(body.consent.id);
    // One browser (one consent id) is held to its rate.
    expect((await post(JSON.stringify({ cookies: 'reject' }), { Cookie: cookie })).status).toBe(
      200,
    );
    expect((await post(JSON.stringify({ cookies: 'reject' }), { Cookie: cookie })).status).toBe(
      200,
    );
    const limited = await post(JSON.stringify({ cookies: 'reject' }), { Cookie: cookie });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
  });
});
