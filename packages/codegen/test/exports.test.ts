import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Catalog, type CatalogEntry, loadCatalog } from '@cookie-catalog/catalog';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse as parseCsvOracle } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DOMAIN_ONLY_SERVICES,
  editedCatalog,
  editedValidCatalog,
  FIXTURE_CATALOG,
  lineOf,
  REAL_CATALOG,
  THREE_SERVICES_SHARED,
} from '../../catalog/test/catalog-copy.js';
import { runCli } from '../../cli/test/run-cli.js';
import { generators, runGenerator } from '../src/generator.js';
import { catalogJson, catalogJsonGenerator } from '../src/generators/exports/catalog-json.js';
import { parseCsv, toCsv } from '../src/generators/exports/csv.js';
import { OCD_COLUMNS, ocdCsvGenerator } from '../src/generators/exports/ocd-csv.js';
import {
  type TcfDeviceStorage,
  tcfDeviceStorageGenerator,
} from '../src/generators/exports/tcf-device-storage.js';
import '../src/generators/index.js';
import { exportNotes, GENERATORS_WITH_NOTES } from '../src/notes.js';

const REPO = dirname(REAL_CATALOG);
const FIXTURES = new URL('./fixtures/exports/', import.meta.url).pathname;
const HOSTILE = new URL('./fixtures/hostile/catalog/', import.meta.url).pathname;
const EXAMPLES = join(REPO, 'examples');
const run = (args: string[], cwd = REPO) => runCli(args, cwd);

async function validCatalog(dir: string): Promise<Catalog> {
  const { catalog, problems } = await loadCatalog(dir);
  if (!catalog) throw new Error(`${dir}:\n${problems.map((p) => p.message).join('\n')}`);
  return catalog;
}

/** Every catalog the exports must handle: the frozen fixture, the hostile one, each example. */
/**
 * The fixture with entries as cookie pages state them: no setter, no party, no domain, a name
 * parameter with nothing declared.
 */
const statedOnly = () =>
  editedCatalog([
    {
      file: 'cookies/stated_only.yaml',
      with: 'id: stated_only\nname: "SESS_{id}"\nkind: sessionStorage\ncategory: necessary\nlifetime: session\npurpose: { en: Test., sv: Test. }\n',
    },
    {
      file: 'cookies/hotjar_session.yaml',
      with: 'id: hotjar_session\nname: "_hjSession_{id}"\nkind: cookie\ncategory: help-center\nprovider: { name: Hotjar Ltd }\nsetBy: vendor\nlifetime: 30 minutes\npurpose: { en: Test., sv: Test. }\n',
    },
    {
      file: 'cookies/vimeo_player.yaml',
      with: 'id: vimeo_player\nname: vuid\nkind: cookie\ncategory: help-center\nprovider: { party: third, name: "Vimeo, Inc.", privacyPolicy: "https://vimeo.com/privacy" }\nlifetime: 1 year\npurpose: { en: Test., sv: Test. }\n',
    },
  ]);

async function allCatalogs(): Promise<[string, Catalog][]> {
  const examples = (await readdir(EXAMPLES)).map((name) => join(EXAMPLES, name));
  return Promise.all(
    [FIXTURE_CATALOG, HOSTILE, await statedOnly(), ...examples].map(
      async (dir) => [dir.replace(REPO, ''), await validCatalog(dir)] as [string, Catalog],
    ),
  );
}

function tcfOf(catalog: Catalog): TcfDeviceStorage {
  const [file] = runGenerator(tcfDeviceStorageGenerator, catalog);
  return JSON.parse(file?.contents ?? '');
}

function ocdOf(catalog: Catalog): string {
  return runGenerator(ocdCsvGenerator, catalog)[0]?.contents ?? '';
}

/** A catalog entry file for the fixture's catalog, with the given name, kind and lifetime. */
function entryFile(id: string, name: string, lifetime: string, extra = ''): string {
  return [
    `id: ${id}`,
    `name: ${JSON.stringify(name)}`,
    'kind: cookie',
    'category: help-center',
    'provider:',
    '  party: third',
    '  name: Example Vendor',
    '  domain: vendor.example',
    '  privacyPolicy: https://vendor.example/privacy',
    'setBy: provider',
    `lifetime: ${lifetime}`,
    'purpose:',
    '  en: Vendor things.',
    '  sv: Leverantörssaker.',
    extra,
  ].join('\n');
}

const tcfSchema = JSON.parse(
  await readFile(join(FIXTURES, 'tcf-device-storage.schema.json'), 'utf8'),
);
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
});
// ajv-formats types name Ajv (draft-07), not Ajv2020; the instance is the same class at run time.
addFormats.default(ajv as unknown as Parameters<typeof addFormats.default>[0]);
const validateTcf = ajv.compile(tcfSchema);
const validateCatalogJson = ajv.compile(
  JSON.parse(
    runGenerator(catalogJsonGenerator, await validCatalog(FIXTURE_CATALOG))[1]?.contents ?? '{}',
  ),
);

describe('json/tcf-device-storage', () => {
  it('conforms to the TCF disclosure specification for every fixture and example catalog', async () => {
    for (const [name, catalog] of await allCatalogs()) {
      const document = tcfOf(catalog);
      expect({ name, valid: validateTcf(document), errors: validateTcf.errors }).toEqual({
        name,
        valid: true,
        errors: null,
      });
    }
  });

  it('states each kind of lifetime as the specification asks', async () => {
    const dir = await editedCatalog([
      { file: 'cookies/v_session.yaml', with: entryFile('v_session', 'v_session', 'session') },
      {
        file: 'cookies/v_compound.yaml',
        with: entryFile(
          'v_compound',
          'v_compound',
          '{ statedByProvider: { from: 1 day, to: 2 years }, orInactiveFor: 30 minutes }',
        ),
      },
      {
        file: 'cookies/v_idle.yaml',
        with: entryFile(
          'v_idle',
          'v_idle',
          '{ statedByProvider: session, orInactiveFor: 2 hours }',
        ),
      },
      {
        file: 'cookies/v_long.yaml',
        with: entryFile(
          'v_long',
          'v_long_{stream}',
          '{ statedByProvider: 1000 days }',
          [
            'nameParameters:',
            '  stream:',
            '    type: string',
            '    example: abc',
            '    description: { en: the stream, sv: strömmen }',
          ].join('\n'),
        ),
      },
      {
        file: 'cookies/v_storage.yaml',
        with: entryFile('v_storage', 'v_store', 'persistent').replace(
          'kind: cookie',
          'kind: localStorage',
        ),
      },
    ]);
    const catalog = await validCatalog(dir);
    const byId = new Map(tcfOf(catalog).disclosures.map((d) => [d.identifier, d]));
    // A session cookie is 0; a compound lifetime gives its longest part; a vendor's stated
    // lifetime beyond 400 days as stated; one that ends after inactivity is refreshed.
    expect(byId.get('v_session')).toMatchObject({
      type: 'cookie',
      maxAgeSeconds: 0,
      cookieRefresh: false,
    });
    expect(byId.get('v_compound')).toMatchObject({
      maxAgeSeconds: 2 * 365 * 86_400,
      cookieRefresh: true,
    });
    expect(byId.get('v_idle')).toMatchObject({ maxAgeSeconds: 7_200, cookieRefresh: true });
    expect(byId.get('v_long_*')).toMatchObject({ maxAgeSeconds: 1000 * 86_400 });
    // Local storage is "web" storage, which has no max age.
    expect(byId.get('v_store')).toEqual({
      identifier: 'v_store',
      type: 'web',
      maxAgeSeconds: null,
      domains: ['vendor.example'],
      purposes: [1],
      description: 'Vendor things.',
    });
  });

  it('maps purposes per category, and lists a pixel’s domain but not the pixel', async () => {
    const catalog = await validCatalog(FIXTURE_CATALOG);
    const document = tcfOf(catalog);
    // What the disclosure leaves out with a note (a lifetime without seconds) is not mapped.
    let mapped = 0;
    for (const entry of catalog.entries) {
      const category = catalog.categories.find((c) => c.id === entry.category);
      const disclosure = document.disclosures.find(
        (d) => d.description === entry.purpose.en && d.type !== undefined,
      );
      if (entry.kind === 'pixel') {
        expect(disclosure).toBeUndefined();
        continue;
      }
      if (!disclosure) continue;
      mapped++;
      expect(disclosure.purposes).toEqual(category?.tcf.purposes);
      // Purpose 1 ("store and/or access information on a device") marks consent.
      expect(disclosure.purposes.includes(1)).toBe(category?.consentRequired);
    }
    expect(mapped).toBeGreaterThan(catalog.entries.length / 2);
    const invoicing = await validCatalog(FIXTURE_CATALOG);
    const pixels = invoicing.entries.filter((e) => e.kind === 'pixel');
    expect(pixels.length).toBeGreaterThan(0);
    const domains = tcfOf(invoicing).domains.map((d) => d.domain);
    for (const pixel of pixels) expect(domains).toContain(pixel.provider.domain);
  });

  it('leaves out a lifetime with no number of seconds, and says so as a located note', async () => {
    const dir = await editedCatalog([
      { file: 'cookies/v_unknown.yaml', with: entryFile('v_unknown', 'v_unknown', 'unknown') },
    ]);
    const out = join(dir, '..', 'tcf.json');
    const { code, stderr } = await run([
      'export',
      '--format',
      'json/tcf-device-storage',
      '--catalog',
      dir,
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    const line = await lineOf(dir, 'cookies/v_unknown.yaml', 'lifetime:');
    expect(stderr).toContain(`v_unknown.yaml:${line}:11  export/unknown-lifetime  note:`);
    // The fixture's PubNub cookie "never expires" by its provider's word: no seconds either.
    expect(stderr).toContain('pubnub_subscription.yaml');
    expect(stderr).toMatch(/fix: to list it, ask Example Vendor/);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    const document: TcfDeviceStorage = JSON.parse(await readFile(out, 'utf8'));
    expect(document.disclosures.map((d) => d.identifier)).not.toContain('v_unknown');
    expect(document.disclosures.length).toBeGreaterThan(0);
    expect(validateTcf(document)).toBe(true);
  });

  it('validate lists the same notes before any build, and they fail nothing, not even --strict', async () => {
    const dir = await editedCatalog([
      { file: 'cookies/v_unknown.yaml', with: entryFile('v_unknown', 'v_unknown', 'unknown') },
    ]);
    const line = await lineOf(dir, 'cookies/v_unknown.yaml', 'lifetime:');
    const validated = await run(['validate', '--catalog', dir]);
    expect(validated.code).toBe(0);
    expect(validated.stdout).toContain(`v_unknown.yaml:${line}:11  export/unknown-lifetime  note:`);
    expect(validated.stdout).toMatch(/✓ .* is valid: .*; 2 notes on what the exports leave out\./);
    const json = JSON.parse((await run(['validate', '--catalog', dir, '--format', 'json'])).stdout);
    expect(json.valid).toBe(true);
    expect(
      json.problems.filter((p: { rule: string }) => p.rule === 'export/unknown-lifetime'),
    ).toHaveLength(2);
    // --strict fails on warnings only; a note never makes it fail.
    const strict = await run(['validate', '--strict', '--catalog', dir]);
    expect(strict.code).toBe(json.warnings > 0 ? 1 : 0);
  });

  it('generate writes every output, the export without the entry, and prints the notes', async () => {
    const dir = await editedCatalog([]);
    const root = join(dir, '..', 'root');
    const { code, stderr } = await run(['generate', '--catalog', dir, '--root', root]);
    expect(code).toBe(0);
    expect(stderr).toContain('export/unknown-lifetime  note:');
    const tcf = JSON.parse(
      await readFile(
        join(root, 'packages/docs/src/generated/exports/tcf/device-storage.json'),
        'utf8',
      ),
    ) as TcfDeviceStorage;
    expect(tcf.disclosures.length).toBeGreaterThan(0);
    const checked = await run(['generate', '--check', '--catalog', dir, '--root', root]);
    expect(checked.code).toBe(0);
  });
});

describe('validate checks the TCF mapping in policy.yaml', () => {
  it('reports purpose ids outside the GVL, and purpose 1 where consent says otherwise', async () => {
    const dir = await editedCatalog([
      {
        file: 'policy.yaml',
        find: '    openCookieDatabase: Functional\n',
        with: '    openCookieDatabase: Functional\n    tcf:\n      purposes: [7, 12]\n      specialPurposes: [4]\n',
      },
      {
        file: 'policy.yaml',
        find: '    consentRequired: false\n',
        with: '    consentRequired: false\n    tcf: { purposes: [1] }\n',
      },
    ]);
    const { code, stderr } = await run(['validate', '--catalog', dir]);
    expect(code).toBe(1);
    const problems = stderr.split('\n').filter((l) => l.includes('policy/tcf-purposes'));
    expect(problems).toHaveLength(4);
    expect(stderr).toContain('12 is not a TCF purpose id');
    expect(stderr).toContain('4 is not a TCF special purpose id');
    expect(stderr).toMatch(/"help-center" needs consent, but its TCF purposes lack 1/);
    expect(stderr).toMatch(/"necessary" needs no consent, but its TCF purposes include 1/);
    const line = await lineOf(dir, 'policy.yaml', 'purposes: [7, 12]');
    expect(stderr).toContain(`policy.yaml:${line}:21  policy/tcf-purposes  12 is not`);
  });
});

describe('csv/ocd', () => {
  it('has exactly the Open Cookie Database columns and one row per stored entry, RFC 4180', async () => {
    for (const [name, catalog] of await allCatalogs()) {
      const text = ocdOf(catalog);
      // RFC 4180: CRLF after every record.
      expect(text.endsWith('\r\n')).toBe(true);
      const rows: string[][] = parseCsvOracle(text, { relax_column_count: false });
      expect(rows[0], name).toEqual([...OCD_COLUMNS]);
      const stored = catalog.entries.filter((e) => e.kind !== 'pixel');
      expect(rows.length - 1, name).toBe(stored.length);
      for (const row of rows.slice(1)) {
        expect(row[0]).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
        expect(['Functional', 'Personalization', 'Analytics', 'Marketing', 'Security']).toContain(
          row[2],
        );
        expect(row[4]).toMatch(/ \((1st|3rd) party\)$/);
        expect(['0', '1']).toContain(row[9]);
      }
    }
  });

  it('writes each entry’s facts in the default locale, names with parameters as wildcards', async () => {
    const dir = await editedCatalog([
      {
        file: 'cookies/v_middle.yaml',
        with: entryFile(
          'v_middle',
          'v_{a}_x',
          '2 hours',
          [
            'nameParameters:',
            '  a:',
            '    type: string',
            '    example: abc',
            '    description: { en: a part, sv: en del }',
          ].join('\n'),
        ),
      },
    ]);
    const catalog = await validCatalog(dir);
    const rows: string[][] = parseCsvOracle(ocdOf(catalog));
    const byName = new Map(rows.slice(1).map((r) => [r[3], r]));
    const pubnub = catalog.entries.find((e) => e.id === 'pubnub_subscription') as CatalogEntry;
    // A parameter that ends the name: OCD's prefix wildcard.
    expect(byName.get('sub-')).toEqual([
      expect.any(String),
      pubnub.provider.name,
      'Functional',
      'sub-',
      `${pubnub.provider.domain} (3rd party)`,
      pubnub.purpose.en?.replace(/\s+/g, ' '),
      'never expires according to the provider; browsers keep it at most 400 days',
      pubnub.provider.name,
      pubnub.provider.privacyPolicy,
      '1',
    ]);
    // Anywhere else: * in its place.
    expect(byName.get('v_*_x')?.[9]).toBe('1');
    expect(byName.get('v_*_x')?.[6]).toBe('2 hours');
    // A Swedish-first catalog writes Swedish.
    const swedish = await validCatalog(
      await editedCatalog([
        { file: 'policy.yaml', find: 'defaultLocale: en', with: 'defaultLocale: sv' },
      ]),
    );
    const svRows: string[][] = parseCsvOracle(ocdOf(swedish));
    const language = swedish.entries.find((e) => e.id === 'language') as CatalogEntry;
    expect(svRows.find((r) => r[3] === 'language')?.[5]).toBe(language.purpose.sv?.trim());
  });

  it('keeps quotes, commas and line breaks, and defuses formulas, for every spreadsheet', async () => {
    const hostile = [
      '=HYPERLINK("https://evil.example","click")',
      '+1+2',
      '-2-3',
      '@SUM(A1:A9)',
      '\tTabbed',
      'He said "no", then left,\nand came back',
      ' =HYPERLINK("https://evil.example","click")',
      '  +1+2',
      '\u00a0@SUM(A1:A9)',
      ' \t-2-3',
    ];
    const dir = await editedCatalog(
      hostile.map((text, i) => ({
        file: `cookies/h${i}.yaml`,
        with: entryFile(`h${i}`, `h${i}`, '1 day').replace(
          '  en: Vendor things.',
          `  en: ${JSON.stringify(text)}`,
        ),
      })),
    );
    const catalog = await validCatalog(dir);
    const text = ocdOf(catalog);
    const rows: string[][] = parseCsvOracle(text);
    for (const [i, original] of hostile.entries()) {
      const cell = rows.find((r) => r[3] === `h${i}`)?.[5];
      // What a spreadsheet sees: never a formula; the ' it hides shows nothing else changed.
      expect(cell).toBe(/^\s*[=+\-@]|^\t/.test(original) ? `'${original}` : original);
    }
    // Our own reader takes the guard off again.
    const ours = parseCsv(text, { unguard: true });
    if (!ours.ok) throw new Error(ours.reason);
    expect(hostile.map((_, i) => ours.rows.find((r) => r[3] === `h${i}`)?.[5])).toEqual(hostile);
    // And agrees with the oracle on every cell of every catalog.
    for (const [, other] of await allCatalogs()) {
      const csv = ocdOf(other);
      const mine = parseCsv(csv);
      expect(mine.ok && mine.rows).toEqual(parseCsvOracle(csv));
    }
  });

  it('leaves out the entries of a consent category without an Open Cookie Database category, with a located note', async () => {
    const dir = await editedCatalog([
      { file: 'policy.yaml', find: '    openCookieDatabase: Functional\n', with: '' },
    ]);
    const catalog = await validCatalog(dir);
    const { code, stdout, stderr } = await run(['export', '--format', 'csv/ocd', '--catalog', dir]);
    expect(code).toBe(0);
    const line = await lineOf(dir, 'policy.yaml', 'id: help-center');
    expect(stderr).toContain(`policy.yaml:${line}:9  export/category-mapping  note:`);
    expect(stderr).toContain('to list them, add openCookieDatabase:');
    const rows = parseCsvOracle(stdout);
    const left = catalog.entries.filter((e) => e.category === 'help-center' && e.kind !== 'pixel');
    expect(left.length).toBeGreaterThan(0);
    const kept = catalog.entries.filter((e) => e.category !== 'help-center' && e.kind !== 'pixel');
    // The header, then one row per entry whose category maps.
    expect(rows.length).toBe(1 + kept.length);
  });
});

describe('json/catalog', () => {
  it('validates against the JSON Schema published beside it, for every catalog', async () => {
    for (const [name, catalog] of await allCatalogs()) {
      const files = runGenerator(catalogJsonGenerator, catalog);
      expect(files.map((f) => f.path)).toEqual(['catalog.json', 'catalog.schema.json']);
      const document = JSON.parse(files[0]?.contents ?? '');
      expect(document.schemaVersion).toBe(2);
      const valid = validateCatalogJson(document);
      expect({ name, errors: validateCatalogJson.errors }).toEqual({ name, errors: null });
      expect(valid).toBe(true);
      expect(document.entries.map((e: { id: string }) => e.id)).toEqual(
        catalog.entries.map((e) => e.id),
      );
    }
  });

  it('carries consent: the cookie, the version, each category’s Consent Mode types', async () => {
    const document = catalogJson(await validCatalog(FIXTURE_CATALOG)) as {
      consent: unknown;
      categories: { id: string; consentMode: string[] }[];
    };
    const catalog = await validCatalog(FIXTURE_CATALOG);
    expect(document.consent).toEqual({
      cookie: catalog.consent?.cookie,
      version: catalog.consent?.version,
      preferencesUrl: catalog.consent?.preferencesUrl ?? null,
      sharedAcross: null,
      sharedBy: [],
    });
    expect(document.categories.map((c) => c.consentMode)).toEqual(
      catalog.categories.map((c) => c.consentMode),
    );
  });

  it.each([
    ['with hosts', THREE_SERVICES_SHARED],
    ['stated only by their domain', DOMAIN_ONLY_SERVICES],
  ])(
    'lists the services (%s), what each entry is on and where a Domain cookie reaches, valid to its schema',
    async (_, edits) => {
      const catalog = await editedValidCatalog(edits);
      const document = catalogJson(catalog) as {
        services: {
          id: string;
          hosts: string[] | null;
          domain: string | null;
          runBy: { kind: string };
        }[];
        consent: { sharedAcross: string | null; sharedBy: string[] };
        entries: { id: string; services: string[]; reaches?: string[] }[];
      };
      expect(validateCatalogJson(document), JSON.stringify(validateCatalogJson.errors)).toBe(true);
      expect(document.services.map((s) => [s.id, s.hosts, s.domain, s.runBy.kind])).toEqual(
        catalog.services.map((s) => [s.id, s.hosts ?? null, s.domain ?? null, s.runBy.kind]),
      );
      expect(catalog.consent?.sharedBy.length).toBeGreaterThan(0);
      expect(document.consent.sharedAcross).toBe(catalog.consent?.sharedAcross);
      expect(document.consent.sharedBy).toEqual(catalog.consent?.sharedBy);
      for (const entry of catalog.entries) {
        const exported = document.entries.find((e) => e.id === entry.id);
        expect(exported?.services).toEqual(entry.services);
        expect(exported?.reaches).toEqual(entry.reaches);
      }
      // Without services: the one implicit service, on which every entry is.
      const plain = catalogJson(await validCatalog(FIXTURE_CATALOG)) as typeof document;
      expect(plain.services.map((s) => [s.id, s.hosts, s.domain])).toEqual([['site', null, null]]);
      expect(new Set(plain.entries.flatMap((e) => e.services))).toEqual(new Set(['site']));
    },
  );

  it('the schema rejects what the catalog cannot hold', async () => {
    const document = catalogJson(await validCatalog(FIXTURE_CATALOG)) as {
      entries: { kind: string; lifetime: unknown }[];
    };
    const broken = structuredClone(document);
    (broken.entries[0] as { kind: string }).kind = 'flashCookie';
    expect(validateCatalogJson(broken)).toBe(false);
    const alsoBroken = structuredClone(document);
    (alsoBroken.entries[0] as { lifetime: unknown }).lifetime = { kind: 'duration', seconds: 5 };
    expect(validateCatalogJson(alsoBroken)).toBe(false);
  });
});

describe('a retired entry in the exports', () => {
  it('stays in each, since devices may hold it: the JSON with its day, TCF and OCD saying since when', async () => {
    const catalog = await validCatalog(
      await editedCatalog([
        {
          file: 'cookies/csrftoken.yaml',
          find: 'lifetime: 1 year\n',
          with: 'lifetime: 1 year\nretired: 2026-11-01\n',
        },
      ]),
    );
    const json = catalogJson(catalog) as { entries: { id: string; retired?: string }[] };
    expect(validateCatalogJson(json)).toBe(true);
    expect(json.entries.find((e) => e.id === 'csrftoken')?.retired).toBe('2026-11-01');
    expect(json.entries.find((e) => e.id === 'language')).not.toHaveProperty('retired');

    const purpose = catalog.entries.find((e) => e.id === 'csrftoken')?.purpose.en;
    const tcf = tcfOf(catalog).disclosures.find((d) => d.identifier === 'csrftoken');
    expect(tcf).toMatchObject({
      maxAgeSeconds: 31_536_000,
      description: `${purpose} (no longer set since November 1, 2026)`,
    });
    expect(validateTcf(tcfOf(catalog))).toBe(true);

    const rows = parseCsvOracle(ocdOf(catalog)) as string[][];
    const row = rows.find((r) => r[OCD_COLUMNS.indexOf('Cookie / Data Key name')] === 'csrftoken');
    expect(row?.[OCD_COLUMNS.indexOf('Description')]).toBe(
      `${purpose} (no longer set since November 1, 2026)`,
    );
    expect(row?.[OCD_COLUMNS.indexOf('Retention period')]).toBe('1 year');
  });

  it('the JSON Schema refuses a retired day that is not YYYY-MM-DD', async () => {
    const document = catalogJson(await validCatalog(FIXTURE_CATALOG)) as {
      entries: { retired?: string }[];
    };
    const broken = structuredClone(document);
    (broken.entries[0] as { retired?: string }).retired = '1 Nov 2026';
    expect(validateCatalogJson(broken)).toBe(false);
  });
});

describe('export notes', () => {
  it('exportNotes (what validate lists) asks every registered generator that has notes', () => {
    const withNotes = generators
      .list()
      .filter((g) => g.notes)
      .map((g) => g.id);
    expect(withNotes.length).toBeGreaterThan(0);
    expect(GENERATORS_WITH_NOTES.map((g) => g.id).sort()).toEqual(withNotes.sort());
  });

  it('are the generators’ own notes, for every catalog, each with a rule of severity info', async () => {
    for (const [name, catalog] of await allCatalogs()) {
      const expected = generators.list().flatMap((g) => g.notes?.(catalog, g.defaultOptions) ?? []);
      expect(exportNotes(catalog), name).toEqual(expected);
      for (const note of expected) expect(note.rule, name).toMatch(/^export\//);
    }
  });
});

describe('every export is deterministic', () => {
  it('the same catalog gives the same bytes, whatever order its files are read in', async () => {
    const catalog = await validCatalog(FIXTURE_CATALOG);
    const again = await validCatalog(await editedCatalog([]));
    for (const generator of [tcfDeviceStorageGenerator, ocdCsvGenerator, catalogJsonGenerator]) {
      const once = runGenerator(generator as never, catalog);
      expect(runGenerator(generator as never, again)).toEqual(once);
    }
  });
});

describe('cookie-catalog import --from ocd-csv', () => {
  /** An empty catalog of the fixture's organisation: its policy, sections, and no entries. */
  async function emptyCatalog(): Promise<string> {
    // No entries, so no consent cookie either.
    const dir = await editedCatalog([
      {
        file: 'policy.yaml',
        find: 'consent:\n  cookie: billogramGDPR\n  version: 3\n  preferencesUrl: /cookies\n',
        with: '',
      },
    ]);
    await rm(join(dir, 'cookies'), { recursive: true });
    await mkdir(join(dir, 'cookies'));
    return dir;
  }

  /** Writes legal's part: every TODO text, category and lifetime. */
  async function fillTodos(dir: string): Promise<void> {
    for (const file of await readdir(join(dir, 'cookies'))) {
      const path = join(dir, 'cookies', file);
      const text = await readFile(path, 'utf8');
      await writeFile(
        path,
        text
          .replace(/^category: "TODO.*$/m, 'category: necessary')
          .replace(/^lifetime: "TODO.*$/m, 'lifetime: unknown')
          .replace(/privacyPolicy: "TODO.*$/m, 'privacyPolicy: "https://example.com/privacy"')
          .replace(/^(\s*[\w-]+: )"TODO.*$/gm, '$1"Written by legal."'),
      );
    }
  }

  it('round trip: catalog → OCD CSV → drafts that validate once legal fills the TODOs', async () => {
    const catalog = await validCatalog(FIXTURE_CATALOG);
    const work = await mkdtemp(join(tmpdir(), 'cookie-catalog-import-'));
    const csv = join(work, 'ocd.csv');
    expect(
      (await run(['export', '--format', 'csv/ocd', '--catalog', FIXTURE_CATALOG, '--out', csv]))
        .code,
    ).toBe(0);
    const dir = await emptyCatalog();
    const imported = await run(['import', '--from', 'ocd-csv', csv, '--catalog', dir]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const stored = catalog.entries.filter((e) => e.kind !== 'pixel');
    expect(await readdir(join(dir, 'cookies'))).toHaveLength(stored.length);

    // The drafts are not a catalog yet: each TODO is an error.
    const before = await run(['validate', '--catalog', dir, '--format', 'json']);
    const report = JSON.parse(before.stdout) as { problems: { rule: string; severity: string }[] };
    expect(before.code).toBe(1);
    const errors = report.problems.filter((p) => p.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors.map((p) => p.rule))).toEqual(new Set(['text/todo']));

    await fillTodos(dir);
    const after = await run(['validate', '--catalog', dir]);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);

    // The facts survived: names, parties, domains, and what browsers keep.
    const back = await validCatalog(dir);
    for (const entry of stored) {
      const draft = back.entries.find(
        (e) =>
          e.name.pattern.replace(/\{[^}]*\}/g, '*') ===
          entry.name.pattern.replace(/\{[^}]*\}/g, '*'),
      );
      expect(draft, entry.id).toBeDefined();
      expect(draft?.party).toBe(entry.party);
      expect(draft?.provider.domain).toBe(entry.attributes?.domain ?? entry.provider.domain);
      expect(keptSeconds(draft?.lifetime), entry.id).toBe(keptSeconds(entry.lifetime));
    }
  });

  it('reads the Open Cookie Database’s own words: wildcards, retention periods, formulas', async () => {
    const dir = await emptyCatalog();
    // A category the Open Cookie Database calls Analytics, for the drafts to land in.
    const policy = join(dir, 'policy.yaml');
    await writeFile(
      policy,
      (await readFile(policy, 'utf8')).replace(
        'categories:\n',
        'categories:\n  - id: statistics\n    consentRequired: true\n    openCookieDatabase: Analytics\n    label: { en: Statistics, sv: Statistik }\n    description: { en: Counting visits., sv: Räknar besök. }\n',
      ),
    );
    const { code, stdout } = await run([
      'import',
      '--from',
      'ocd-csv',
      join(FIXTURES, 'ocd-sample.csv'),
      '--catalog',
      dir,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('wrote 7 draft entries');
    const draft = async (id: string) => readFile(join(dir, 'cookies', `${id}.yaml`), 'utf8');
    // First party where the row says so, on our domain, set by the vendor's script.
    expect(await draft('exa')).toMatch(
      /party: first\n {2}name: "Example Analytics Ltd"\n {2}domain: "billogram.com"/,
    );
    expect(await draft('exa')).toContain('category: "statistics"');
    expect(await draft('exa')).toContain('lifetime:\n  statedByProvider: "2 years"');
    expect(await draft('exa')).toContain('setBy: vendor');
    // A wildcard row: a name pattern with a parameter for legal to describe.
    expect(await draft('exa_2')).toContain('name: "_exa_{suffix}"');
    expect(await draft('exa_session')).toContain('statedByProvider: "30 minutes"');
    expect(await draft('sr')).toContain('name: "SR{rotatorID}"');
    expect(await draft('exid')).toContain('statedByProvider: { from: "30 seconds", to: "1 year" }');
    // Marketing has no category here, a retention period it cannot read: TODO, never a guess.
    expect(await draft('exopt')).toContain('category: "TODO');
    expect(await draft('exopt')).toContain('lifetime: "TODO');
    expect(await draft('exopt')).toContain('(the source says: =Remembers that you opted out)');
    // "#N/A" is no link: the draft asks for one.
    expect(await draft('exopt')).toContain('privacyPolicy: "TODO');
    expect(await draft('exconsent')).toContain('name: "ExConsent"');
    expect(await draft('exconsent')).toContain('statedByProvider: "session"');

    // --platform chooses rows; an existing file is never overwritten (the id moves on).
    const again = await run([
      'import',
      '--from',
      'ocd-csv',
      join(FIXTURES, 'ocd-sample.csv'),
      '--platform',
      'example ads',
      '--catalog',
      dir,
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('wrote 3 draft entries');
    expect(again.stdout).toMatch(/sr_2, exid_2, exopt_2/);
  });

  it('a broken CSV is a located error, and nothing is written', async () => {
    const dir = await emptyCatalog();
    const work = await mkdtemp(join(tmpdir(), 'cookie-catalog-import-'));
    const csv = join(work, 'broken.csv');
    await writeFile(csv, `${OCD_COLUMNS.join(',')}\r\na,b,Functional,"never closed,x\r\n`);
    const { code, stderr } = await run(['import', '--from', 'ocd-csv', csv, '--catalog', dir]);
    expect(code).toBe(1);
    // In the shape of every finding: place, rule, what is wrong, and the fix.
    expect(stderr).toMatch(
      /broken\.csv:2:16 {2}import\/ocd-csv {2}a quoted field is never closed .*\n {4}fix: close the quoted field/,
    );
    expect(await readdir(join(dir, 'cookies'))).toEqual([]);
    await writeFile(csv, 'Name,Domain\r\n_ga,example.com\r\n');
    const wrong = await run(['import', '--from', 'ocd-csv', csv, '--catalog', dir]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('is not the Open Cookie Database header');
  });
});

describe('the CSV writer and reader', () => {
  it('round-trip any cells, including empty ones and a lone quote', () => {
    const rows = [
      ['', '"', ',', '\r\n', "'", "'=", 'plain'],
      ['a', '', ''],
    ];
    const parsed = parseCsv(toCsv(rows), { unguard: true });
    expect(parsed.ok && parsed.rows).toEqual(rows);
  });

  it('never leave a cell a spreadsheet runs as a formula, whatever blanks come first, and round-trip it', () => {
    // Cells made of the characters that matter: formula starts, quotes, blanks, controls, text.
    const piece = fc.constantFrom(
      '=',
      '+',
      '-',
      '@',
      "'",
      ' ',
      '\t',
      '\r',
      '\n',
      '\u00a0',
      '\u3000',
      '\u200b',
      '\u0000',
      '\u001b',
      '"',
      ',',
      'a',
      'SUM(1)',
    );
    const cell = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1 }),
        (rows) => {
          const text = toCsv(rows);
          // What a spreadsheet reads (the oracle), with the blanks it skips taken off: a formula
          // start only ever after the guard's '.
          const read: string[][] = parseCsvOracle(text, { relax_column_count: true });
          for (const value of read.flat())
            expect(/^[\s\p{Cc}\p{Cf}\p{Z}]*[=+\-@]/u.test(value) && !value.startsWith("'")).toBe(
              false,
            );
          const parsed = parseCsv(text, { unguard: true });
          expect(parsed.ok && parsed.rows).toEqual(rows);
        },
      ),
      { numRuns: 500 },
    );
  });
});

function keptSeconds(lifetime: CatalogEntry['lifetime'] | undefined): number | undefined {
  if (!lifetime) return undefined;
  if (lifetime.kind === 'duration') return lifetime.seconds;
  if (lifetime.kind === 'session') return 0;
  if (lifetime.kind === 'provider-stated') return lifetime.keptSeconds;
  return -1;
}
