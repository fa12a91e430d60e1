import { describe, expect, it } from 'vitest';
import {
  type Catalog,
  isFirstPartyCookie,
  loadCatalog,
  MAX_LIFETIME_SECONDS,
} from '../src/index.js';
import { FIXTURE_CATALOG } from './catalog-copy.js';

async function realCatalog(): Promise<Catalog> {
  const { catalog } = await loadCatalog(FIXTURE_CATALOG);
  if (!catalog) throw new Error('the fixture catalog does not validate');
  return catalog;
}

describe('the normalized Catalog model of the fixture catalog', () => {
  it('holds every cookie of the reference policy, the help-centre cookies and the pixel', async () => {
    const catalog = await realCatalog();
    const names = catalog.entries.map((e) => e.name.pattern);
    for (const name of [
      'csrftoken',
      'access_token',
      'billopay_session',
      'language',
      'efaktura',
      'sub-{id}',
      'billogramGDPR',
    ]) {
      expect(names).toContain(name);
    }
    expect(
      catalog.entries.filter((e) => e.provider.name === 'Zendesk, Inc.').length,
    ).toBeGreaterThan(0);
    expect(catalog.entries.find((e) => e.kind === 'pixel')?.lifetime).toEqual({ kind: 'none' });
  });

  it('gives lifetimes in seconds, exactly the Max-Age to send', async () => {
    const catalog = await realCatalog();
    const byId = new Map(catalog.entries.map((e) => [e.id, e]));
    expect(byId.get('access_token')?.lifetime).toMatchObject({ kind: 'duration', seconds: 3_600 });
    expect(byId.get('csrftoken')?.lifetime).toMatchObject({
      kind: 'duration',
      seconds: 31_536_000,
    });
    expect(byId.get('billopay_session')?.lifetime).toMatchObject({
      kind: 'duration',
      seconds: 300,
    });
    expect(byId.get('efaktura')?.lifetime).toEqual({ kind: 'session' });
  });

  it('records what browsers keep of a third party\'s "forever"', async () => {
    const pubnub = (await realCatalog()).entries.find((e) => e.id === 'pubnub_subscription');
    expect(pubnub?.lifetime).toMatchObject({
      kind: 'provider-stated',
      stated: { kind: 'forever' },
      keptSeconds: MAX_LIFETIME_SECONDS,
    });
  });

  it('parses name patterns with their typed parameters', async () => {
    const pubnub = (await realCatalog()).entries.find((e) => e.id === 'pubnub_subscription');
    expect(pubnub?.name.parts).toEqual([
      { type: 'literal', text: 'sub-' },
      { type: 'parameter', name: 'id' },
    ]);
    expect(pubnub?.name.parameters).toEqual([
      expect.objectContaining({ name: 'id', type: 'string', pattern: '^[A-Za-z0-9-]{1,64}$' }),
    ]);
  });

  it('gives first-party cookies attributes and value types, and nothing else gets them', async () => {
    const catalog = await realCatalog();
    for (const entry of catalog.entries) {
      expect(entry.attributes !== undefined).toBe(isFirstPartyCookie(entry));
      expect(entry.value !== undefined).toBe(isFirstPartyCookie(entry));
    }
    const accessToken = catalog.entries.find((e) => e.id === 'access_token');
    expect(accessToken?.attributes).toEqual({
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      partitioned: false,
    });
    expect(catalog.entries.find((e) => e.id === 'language')?.value).toEqual({
      type: 'enum',
      values: ['en', 'sv'],
    });
    // The consent cookie (policy.yaml consent.cookie): its value follows from the categories.
    expect(catalog.consent).toMatchObject({
      cookie: 'billogramGDPR',
      version: 3,
      preferencesUrl: '/cookies',
      keepRecords: { origin: 'default' },
    });
    expect(catalog.entries.find((e) => e.id === 'billogramGDPR')?.value).toEqual({
      type: 'json',
      encoding: 'uri',
      fields: [
        { name: 'version', type: { type: 'integer' } },
        { name: 'given', type: { type: 'integer' } },
        { name: 'id', type: { type: 'string' } },
        { name: 'help-center', type: { type: 'boolean' } },
      ],
    });
  });

  it('names generated functions after the id', async () => {
    const catalog = await realCatalog();
    const names = Object.fromEntries(catalog.entries.map((e) => [e.id, e.functionName]));
    expect(names).toMatchObject({
      csrftoken: 'Csrftoken',
      access_token: 'AccessToken',
      billogramGDPR: 'BillogramGDPR',
    });
  });

  it('is ordered (necessary first, then by id), complete in every locale, and immutable', async () => {
    const catalog = await realCatalog();
    expect(catalog.categories.map((c) => c.id)).toEqual(['necessary', 'help-center']);
    const necessary = catalog.entries.filter((e) => e.category === 'necessary').map((e) => e.id);
    expect(necessary).toEqual([...necessary].sort());
    expect(catalog.entries.findIndex((e) => e.category === 'help-center')).toBe(necessary.length);
    for (const entry of catalog.entries)
      expect(Object.keys(entry.purpose).sort()).toEqual(['en', 'sv']);
    for (const section of catalog.sections.filter((s) => s.id !== 'cookie-table')) {
      expect(Object.keys(section.markdown).sort()).toEqual(['en', 'sv']);
    }
    expect(catalog.sections.find((s) => s.id === 'cookie-table')?.markdown).toEqual({});
    expect(Object.isFrozen(catalog.entries[0]?.purpose)).toBe(true);
    expect(() => {
      (catalog.entries as unknown as unknown[]).push({});
    }).toThrow(TypeError);
  });

  it('is byte-for-byte the same on every load', async () => {
    const a = await realCatalog();
    const b = await realCatalog();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('a catalog that writes no labels', () => {
  async function minimal(locales: string[], options: { consent?: boolean } = {}): Promise<string> {
    const { mkdtemp, mkdir, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = join(await mkdtemp(join(tmpdir(), 'cookie-catalog-')), 'catalog');
    const text = (value: string) => `{ ${locales.map((l) => `${l}: "${value}"`).join(', ')} }`;
    await mkdir(join(dir, 'cookies'), { recursive: true });
    await writeFile(
      join(dir, 'policy.yaml'),
      [
        'version: "2026-12-01"',
        'lastUpdated: "2026-12-01"',
        `locales: [${locales.join(', ')}]`,
        `defaultLocale: ${locales[0]}`,
        'controller: { name: Example, website: "https://example.org" }',
        'dpo: { email: dpo@example.org }',
        `categories: [{ id: necessary, consentRequired: false, label: ${text('N')}, description: ${text('D')} }]`,
        `authorities: [{ id: dpa, supervises: both, name: ${text('DPA')}, url: ${text('https://dpa.example')} }]`,
        'sections: [cookie-table]',
        ...(options.consent ? ['consent: { cookie: session, version: 1 }'] : []),
      ].join('\n'),
    );
    await writeFile(
      join(dir, 'cookies', 'session.yaml'),
      `id: session\nname: session\nkind: cookie\ncategory: necessary\nprovider: { party: first, domain: example.org }\nsetBy: server\nlifetime: session\npurpose: ${text('P')}\nacknowledge: { advice/host-prefix: a test }\n${options.consent ? 'attributes: { httpOnly: false }\n' : ''}`,
    );
    return dir;
  }

  it('gets the built-in words in every supported language', async () => {
    const result = await loadCatalog(await minimal(['fi', 'sv', 'en']));
    // Only the record of reviewed translations is missing (legal's texts, not the tool's words).
    // The domains of this made-up catalog are placeholders on purpose (domain/placeholder).
    expect(
      result.problems.map((p) => p.rule).filter((rule) => rule !== 'domain/placeholder'),
    ).toEqual(['i18n/stale-translation']);
    expect(result.catalog?.labels.policyTitle).toEqual({
      fi: 'Evästeseloste',
      sv: 'Kakpolicy',
      en: 'Cookie policy',
    });
  });

  it('in a language the tool has no words for, gets one located error listing them', async () => {
    const dir = await minimal(['is']);
    const result = await loadCatalog(dir);
    const errors = result.problems.filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: 'i18n/missing-translation', line: 1 });
    expect(errors[0]?.message).toMatch(
      /Icelandic \(is\) words for name, provider, .*setOnOurSiteBy/,
    );
    // Only a catalog that records consent states how long it keeps the records.
    expect(errors[0]?.message).not.toContain('consentRecords');
  });

  it('that records consent, needs the words on keeping its records too', async () => {
    const result = await loadCatalog(await minimal(['is'], { consent: true }));
    const errors = result.problems.filter((p) => p.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'i18n/missing-translation',
        message: expect.stringContaining('consentRecords'),
      }),
    ]);
  });
});
