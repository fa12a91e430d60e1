import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse as parseCsvOracle } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  DOMAIN_ONLY_SERVICES,
  editedValidCatalog,
  THREE_SERVICES,
} from '../../catalog/test/catalog-copy.js';
import { type GeneratedFile, runGenerator } from '../src/generator.js';
import { stableId } from '../src/generators/exports/ocd-csv.js';
import { wildcardName } from '../src/generators/exports/wildcard-name.js';
import {
  htmlPolicyGenerator,
  mdPolicyGenerator,
  ocdCsvGenerator,
  tcfDeviceStorageGenerator,
  tsDocsGenerator,
} from '../src/generators/index.js';
import { COMPILE_TIMEOUT, compileStrict } from './compile-strict.js';

/*
 * Issue #31, item 2: each declared service gets its own table and policy in every locale and its
 * own exports, beside the whole catalog's, which stay where they are. Expectations come from the
 * catalog (each entry's `services`), never from a list written here.
 */

const catalog = await editedValidCatalog(THREE_SERVICES);
const plain = await editedValidCatalog([]);
const declared = catalog.services.filter((s) => !s.implicit);

const fileOf = (files: readonly GeneratedFile[], path: string): string => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path} among ${files.map((f) => f.path).join(', ')}`);
  return file.contents;
};

/** The names in the table rows of a rendered policy page or fragment. */
const rowNames = (html: string) =>
  [...html.matchAll(/<th scope="row"><code>([^<]+)<\/code>/g)]
    .map((m) => decodeEntities(m[1] ?? ''))
    .sort();

/** The few entities the renderers write in names: &amp;, and braces (for Vue, in Markdown). */
const decodeEntities = (text: string) =>
  text.replace(
    /&(amp|#123|#125|lt|gt|quot|#39);/g,
    (_, name: string) =>
      ({ amp: '&', '#123': '{', '#125': '}', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] ?? '',
  );

const namesOn = (id: string) =>
  catalog.entries
    .filter((e) => (e.services.includes(id) || e.reaches?.includes(id)) && !e.group)
    .map((e) => e.name.pattern)
    .sort();

describe('a policy page per service and locale (html/policy, md/policy)', () => {
  const html = runGenerator(htmlPolicyGenerator, catalog);
  const md = runGenerator(mdPolicyGenerator, catalog);

  it('the fixture declares three services, and they do not all hold the same entries', () => {
    expect(declared.map((s) => s.id)).toEqual(['platform', 'help', 'se']);
    expect(new Set(declared.map((s) => namesOn(s.id).join())).size).toBe(3);
  });

  it.each(['platform', 'help', 'se'])(
    "the %s page lists exactly that service's entries, in every locale",
    (id) => {
      for (const locale of catalog.locales) {
        const page = fileOf(html, `services/${id}/${locale}.html`);
        expect(rowNames(page)).toEqual(namesOn(id));
        const markdown = fileOf(md, `services/${id}/${locale}.md`);
        expect(rowNames(markdown)).toEqual(namesOn(id));
        const service = declared.find((s) => s.id === id);
        // The page names its service in its title and in a sentence under it.
        expect(page).toContain(`<title>${catalog.labels.policyTitle[locale]} – `);
        expect(page).toContain(`${service?.name[locale]}</title>`);
        expect(page).toMatch(/<p class="policy-scope">[^<]+<\/p>/);
        expect(page).toContain(service?.name[locale]);
        // Its stylesheet and its other languages are where the page links them.
        expect(page).toContain('href="../../styles.css"');
      }
    },
  );

  it('the whole catalog keeps its pages where they were, with every entry and no scope line', () => {
    for (const locale of catalog.locales) {
      const page = fileOf(html, `${locale}.html`);
      expect(rowNames(page)).toEqual(
        catalog.entries
          .filter((e) => !e.group)
          .map((e) => e.name.pattern)
          .sort(),
      );
      expect(page).not.toContain('policy-scope');
      expect(page).toContain('href="styles.css"');
    }
  });

  it('a catalog without services gets no service pages, and the same whole-catalog pages', () => {
    const files = runGenerator(htmlPolicyGenerator, plain);
    expect(files.filter((f) => f.path.startsWith('services/'))).toEqual([]);
    expect(
      runGenerator(mdPolicyGenerator, plain).filter((f) => f.path.startsWith('services/')),
    ).toEqual([]);
    const site = JSON.parse(fileOf(files, 'site.json'));
    expect(site.services).toEqual([]);
  });

  it('site.json names each service in every locale, for the docs site to build its pages', () => {
    const site = JSON.parse(fileOf(html, 'site.json'));
    expect(site.services.map((s: { id: string }) => s.id)).toEqual(declared.map((s) => s.id));
    for (const service of site.services) {
      for (const locale of catalog.locales) {
        expect(service.names[locale]).toBe(declared.find((s) => s.id === service.id)?.name[locale]);
        expect(service.titles[locale]).toContain(service.names[locale]);
      }
    }
    for (const locale of catalog.locales)
      expect(site.servicesTitles[locale]).toBe(catalog.labels.servicesTitle[locale]);
  });

  it(
    'the docs modules type the service ids, and a service the catalog lacks does not compile',
    () => {
      // Beside this test, so that the package.json above (type: module) makes them ES modules.
      const dir = new URL('./virtual-docs/src/generated', import.meta.url).pathname;
      const files: Record<string, string> = {};
      for (const file of html)
        if (file.path === 'index.ts') files[`${dir}/html/index.ts`] = file.contents;
      for (const file of md)
        if (file.path === 'index.ts') files[`${dir}/markdown/index.ts`] = file.contents;
      const [entry] = runGenerator(tsDocsGenerator, catalog);
      files[`${dir}/entry/index.ts`] = entry?.contents ?? '';
      files[`${dir}/use.ts`] = [
        "import { serviceFragments, serviceMarkdown, serviceNames, type ServiceId } from './entry/index.js';",
        "const id: ServiceId = 'help';",
        'export const page: string = serviceFragments[id].sv + serviceMarkdown.platform.en + serviceNames.se.en;',
        '// @ts-expect-error: no such service',
        'export const none = serviceFragments.intranet;',
      ].join('\n');
      expect(compileStrict([], files)).toEqual([]);
    },
    COMPILE_TIMEOUT,
  );
});

const tcfSchema = JSON.parse(
  await readFile(
    new URL('./fixtures/exports/tcf-device-storage.schema.json', import.meta.url),
    'utf8',
  ),
);

describe('exports per service (json/tcf-device-storage, csv/ocd)', () => {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
  });
  addFormats.default(ajv as unknown as Parameters<typeof addFormats.default>[0]);
  const validateTcf = ajv.compile(tcfSchema);
  const tcf = runGenerator(tcfDeviceStorageGenerator, catalog);
  const ocd = runGenerator(ocdCsvGenerator, catalog);

  const tcfOf = (path: string) =>
    JSON.parse(fileOf(tcf, path)) as {
      disclosures: { identifier: string; domains: string[] }[];
    };

  it('the whole catalog stays at device-storage.json and open-cookie-database.csv', () => {
    expect(tcf.map((f) => f.path)).toEqual([
      'device-storage.json',
      ...declared.map((s) => `services/${s.id}/device-storage.json`).sort(),
    ]);
    expect(ocd.map((f) => f.path)).toEqual([
      'open-cookie-database.csv',
      ...declared.map((s) => `services/${s.id}/open-cookie-database.csv`).sort(),
    ]);
  });

  it.each(['platform', 'help', 'se'])(
    "the %s disclosure conforms to the TCF and holds only that service's entries",
    (id) => {
      const document = tcfOf(`services/${id}/device-storage.json`);
      expect(validateTcf(document), JSON.stringify(validateTcf.errors)).toBe(true);
      const whole = new Set(tcfOf('device-storage.json').disclosures.map((d) => d.identifier));
      const onService = new Set(
        catalog.entries
          .filter((e) => e.services.includes(id) || e.reaches?.includes(id))
          .map((e) => wildcardName(e.name)),
      );
      const identifiers = document.disclosures.map((d) => d.identifier);
      expect(identifiers.length).toBeGreaterThan(0);
      // Every entry of the service the whole disclosure lists, and nothing else.
      expect(new Set(identifiers)).toEqual(new Set([...onService].filter((i) => whole.has(i))));
    },
  );

  it("a cookie of ours with no stated domain is disclosed on its service's hosts, not on every domain of the controller", async () => {
    const unstated = await editedValidCatalog([
      ...THREE_SERVICES,
      {
        file: 'cookies/access_token.yaml',
        find: '  party: first\n  domain: billogram.com\n',
        with: '  party: first\n',
      },
    ]);
    const entry = unstated.entries.find((e) => e.id === 'access_token');
    const platform = unstated.services.find((s) => s.id === 'platform');
    if (!entry || !platform?.hosts) throw new Error('test bug: access_token on the platform');
    const files = runGenerator(tcfDeviceStorageGenerator, unstated);
    const domainsIn = (path: string) =>
      (
        JSON.parse(fileOf(files, path)) as {
          disclosures: { identifier: string; domains: string[] }[];
        }
      ).disclosures.find((d) => d.identifier === wildcardName(entry.name))?.domains;
    expect(domainsIn('services/platform/device-storage.json')).toEqual([...platform.hosts]);
    expect(domainsIn('device-storage.json')).toEqual([...unstated.controller.domains]);
  });

  it('a cookie of ours with no stated domain, on a service stated only by its domain, is disclosed on that domain', async () => {
    const unstated = await editedValidCatalog([
      ...DOMAIN_ONLY_SERVICES,
      {
        file: 'cookies/access_token.yaml',
        find: '  party: first\n  domain: billogram.com\n',
        with: '  party: first\n',
      },
    ]);
    const entry = unstated.entries.find((e) => e.id === 'access_token');
    const platform = unstated.services.find((s) => s.id === 'platform');
    if (!entry || platform?.domain === undefined || platform.hosts !== undefined)
      throw new Error('test bug: access_token on the platform, stated by its domain only');
    const files = runGenerator(tcfDeviceStorageGenerator, unstated);
    const document = JSON.parse(fileOf(files, 'services/platform/device-storage.json')) as {
      disclosures: { identifier: string; domains: string[] }[];
    };
    expect(validateTcf(document), JSON.stringify(validateTcf.errors)).toBe(true);
    const disclosed = document.disclosures.find((d) => d.identifier === wildcardName(entry.name));
    expect(disclosed?.domains).toEqual([platform.domain]);
  });

  it.each(['platform', 'help', 'se'])("the %s CSV lists only that service's entries", (id) => {
    const rows: string[][] = parseCsvOracle(fileOf(ocd, `services/${id}/open-cookie-database.csv`));
    const whole: string[][] = parseCsvOracle(fileOf(ocd, 'open-cookie-database.csv'));
    expect(rows[0]).toEqual(whole[0]);
    const idColumn = (whole[0] ?? []).indexOf('ID');
    const wholeIds = new Set(whole.slice(1).map((r) => r[idColumn]));
    // Every entry of the service that the whole CSV lists (it leaves some out, with notes).
    const expected = catalog.entries
      .filter((e) => e.services.includes(id) || e.reaches?.includes(id))
      .map((e) => stableId(catalog, e))
      .filter((stable) => wholeIds.has(stable));
    expect(expected.length).toBeGreaterThan(0);
    expect(
      rows
        .slice(1)
        .map((r) => r[idColumn])
        .sort(),
    ).toEqual(expected.sort());
  });

  it('a catalog without services writes the whole-catalog files only', () => {
    expect(runGenerator(tcfDeviceStorageGenerator, plain).map((f) => f.path)).toEqual([
      'device-storage.json',
    ]);
    expect(runGenerator(ocdCsvGenerator, plain).map((f) => f.path)).toEqual([
      'open-cookie-database.csv',
    ]);
  });
});

describe('a Domain cookie in the tables of the services it reaches', () => {
  it('lists it on each service browsers send it to, saying which, in every locale', () => {
    const reaching = catalog.entries.filter(
      (e) => (e.reaches ?? []).some((id) => !e.services.includes(id)) && !e.group,
    );
    expect(reaching.length).toBeGreaterThan(0);
    const html = runGenerator(htmlPolicyGenerator, catalog);
    for (const entry of reaching) {
      for (const id of entry.reaches ?? []) {
        for (const locale of catalog.locales) {
          const page = fileOf(html, `services/${id}/${locale}.html`);
          expect(rowNames(page), `${entry.id} on ${id}`).toContain(entry.name.pattern);
          const names = (entry.reaches ?? []).map(
            (r) => declared.find((s) => s.id === r)?.name[locale] ?? r,
          );
          const sentence = (catalog.labels.sentToServices[locale] ?? '').replace(
            '{services}',
            new Intl.ListFormat(locale, { type: 'conjunction' }).format(names),
          );
          expect(page).toContain(
            `<span class="cookie-table__sent-to">${sentence.replace(/'/g, '&#x27;')}</span>`,
          );
        }
      }
    }
  });

  it('a host-only cookie says nothing of where it is sent', () => {
    const html = runGenerator(htmlPolicyGenerator, catalog);
    const page = fileOf(html, 'services/se/en.html');
    const hostOnly = catalog.entries.filter((e) => e.services.includes('se') && !e.reaches);
    expect(hostOnly.length).toBeGreaterThan(0);
    expect(page.match(/cookie-table__sent-to/g)?.length ?? 0).toBe(
      catalog.entries.filter(
        (e) => (e.services.includes('se') || e.reaches?.includes('se')) && e.reaches?.length,
      ).length,
    );
  });
});
