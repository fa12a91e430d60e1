import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Catalog, loadCatalog } from '@cookie-catalog/catalog';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { editedCatalog } from '../../catalog/test/catalog-copy.js';
import { runGenerator } from '../src/generator.js';
import {
  durationInWords,
  htmlDuration,
} from '../src/generators/html-policy-table/lifetime-text.js';
import { htmlPolicyGenerator, mdPolicyGenerator } from '../src/generators/index.js';
import { loadFixtureCatalog } from './fixture-catalog.js';

/*
 * The policy says how long each recorded answer to the consent question is kept
 * (consent.keepRecords, labels.consentRecords), in every locale, with the period in the words the
 * tables use for lifetimes. Expectations are derived from the catalog.
 */

/** Every language the tool has built-in words for. */
const BUILT_IN = ['en', 'sv', 'nb', 'da', 'fi', 'de', 'fr', 'nl', 'es'];

/** A catalog in every built-in language that writes no labels, with a consent cookie. */
async function everyLanguageCatalog(): Promise<Catalog> {
  const dir = join(await mkdtemp(join(tmpdir(), 'consent-records-')), 'catalog');
  const text = (value: string) => `{ ${BUILT_IN.map((l) => `${l}: "${value}"`).join(', ')} }`;
  await mkdir(join(dir, 'cookies'), { recursive: true });
  await writeFile(
    join(dir, 'policy.yaml'),
    [
      'version: "2026-12-01"',
      'lastUpdated: "2026-12-01"',
      `locales: [${BUILT_IN.join(', ')}]`,
      'defaultLocale: en',
      'controller: { name: Acme, website: "https://acme.se" }',
      'dpo: { email: dpo@acme.se }',
      'consent: { cookie: consent, version: 1 }',
      `categories: [{ id: necessary, consentRequired: false, label: ${text('N')}, description: ${text('D')} }]`,
      `authorities: [{ id: dpa, supervises: both, name: ${text('DPA')}, url: ${text('https://www.imy.se/')} }]`,
      'sections: [cookie-table]',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'cookies', 'consent.yaml'),
    `id: consent\nname: consent\nkind: cookie\ncategory: necessary\nprovider: { party: first, domain: acme.se }\nsetBy: server\nlifetime: 180 days\npurpose: ${text('P')}\nattributes: { httpOnly: false }\nacknowledge: { advice/host-prefix: a test }\n`,
  );
  const { catalog, problems } = await loadCatalog(dir);
  if (!catalog) throw new Error(problems.map((p) => `${p.rule} ${p.message}`).join('\n'));
  return catalog;
}

/** The sentence as the policy must show it in `locale`: escaped, the period marked up. */
function expectedSentence(catalog: Catalog, locale: string): string {
  const keep = catalog.consent?.keepRecords;
  if (!keep) throw new Error('test bug: the catalog has no consent');
  const [before = '', after = ''] = (catalog.labels.consentRecords[locale] ?? '').split('{period}');
  const period = durationInWords(keep.duration.amount, keep.duration.unit, locale, catalog);
  const e = Handlebars.escapeExpression;
  return `<p class="policy-consent-records">${e(before)}<time datetime="${htmlDuration(keep.seconds)}">${e(period)}</time>${e(after)}</p>`;
}

function documents(catalog: Catalog, locale: string): { html: string; md: string } {
  const find = (files: readonly { path: string; contents: string }[], path: string) =>
    files.find((f) => f.path === path)?.contents ?? '';
  return {
    html: find(runGenerator(htmlPolicyGenerator, catalog), `${locale}.html`),
    md: find(runGenerator(mdPolicyGenerator, catalog), `${locale}.md`),
  };
}

describe('the policy documents say how long records of consent are kept', () => {
  it('in every built-in language, in its own words, with the period as the tables write it', async () => {
    const catalog = await everyLanguageCatalog();
    expect(catalog.locales).toEqual(BUILT_IN);
    const english = catalog.labels.consentRecords.en;
    for (const locale of catalog.locales) {
      const label = catalog.labels.consentRecords[locale] ?? '';
      expect(label.split('{period}'), locale).toHaveLength(2);
      if (locale !== 'en') expect(label, locale).not.toBe(english);
      const sentence = expectedSentence(catalog, locale);
      const { html, md } = documents(catalog, locale);
      expect(html, locale).toContain(sentence);
      expect(md, locale).toContain(sentence);
      // Right after the cookie table, in the same section.
      expect(html, locale).toMatch(
        /<\/div>\s*<p class="policy-consent-records">[^\n]*<\/p>\s*<\/section>/,
      );
    }
  });

  it('with the period legal wrote in policy.yaml', async () => {
    const dir = await editedCatalog([
      {
        file: 'policy.yaml',
        find: '  version: 3\n',
        with: '  version: 3\n  keepRecords: 30 månader\n',
      },
    ]);
    const { catalog } = await loadCatalog(dir);
    if (!catalog) throw new Error('the edited catalog should be valid');
    expect(catalog.consent?.keepRecords).toMatchObject({ origin: 'stated', written: '30 månader' });
    for (const locale of catalog.locales) {
      const { html, md } = documents(catalog, locale);
      expect(html, locale).toContain(expectedSentence(catalog, locale));
      expect(md, locale).toContain(expectedSentence(catalog, locale));
    }
  });

  it('not at all without consent', async () => {
    const catalog = await loadFixtureCatalog('basic');
    expect(catalog.consent).toBeUndefined();
    for (const locale of catalog.locales) {
      const { html, md } = documents(catalog, locale);
      expect(html).not.toContain('policy-consent-records');
      expect(md).not.toContain('policy-consent-records');
    }
  });

  it('keeps a hostile label inert: escaped in HTML, braces as entities in Markdown', async () => {
    const dir = await editedCatalog([
      {
        file: 'policy.yaml',
        find: '\nlabels:\n',
        with: '\nlabels:\n  consentRecords: { en: "<img src=x onerror=alert(1)> {{x}} kept {period}", sv: "<script>x</script> {period}" }\n',
      },
    ]);
    const { catalog } = await loadCatalog(dir);
    if (!catalog) throw new Error('the edited catalog should be valid: a label is text');
    const { html, md } = documents(catalog, 'en');
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain(expectedSentence(catalog, 'en'));
    expect(md).not.toMatch(/<img|<script|\{|\}/);
    expect(md).toContain(
      '&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &#123;&#123;x&#125;&#125; kept',
    );
    expect(documents(catalog, 'sv').html).toContain('&lt;script&gt;x&lt;/script&gt;');
  });
});
