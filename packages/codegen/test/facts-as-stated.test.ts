import { type Catalog, loadCatalog } from '@cookie-catalog/catalog';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { type Edit, editedCatalog } from '../../catalog/test/catalog-copy.js';
import { runGenerator } from '../src/generator.js';
import { tcfDeviceStorageGenerator } from '../src/generators/exports/tcf-device-storage.js';
import { durationInWords } from '../src/generators/html-policy-table/lifetime-text.js';
import { htmlPolicyTableGenerator } from '../src/generators/index.js';
import { tsConsentGenerator } from '../src/generators/ts-consent/consent-generator.js';

/*
 * Lifetimes entered as the page writes them come out in every locale of the policy in that
 * locale's words, and in whole seconds where an export counts seconds.
 */

/** An entry file; `lifetime` is YAML as legal writes it. */
const entry = (id: string, name: string, lifetime: string, extra: string): Edit => ({
  file: `cookies/${id}.yaml`,
  with: `id: ${id}\nname: ${name}\nkind: cookie\ncategory: necessary\nlifetime: ${lifetime}\npurpose: { en: Test., sv: Test. }\n${extra}`,
});

async function catalogWith(edits: readonly Edit[]): Promise<Catalog> {
  const result = await loadCatalog(await editedCatalog(edits));
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (!result.catalog) throw new Error(errors.map((p) => `${p.rule}: ${p.message}`).join('\n'));
  return result.catalog;
}

function rowsOf(catalog: Catalog, locale: string) {
  const file = runGenerator(htmlPolicyTableGenerator, catalog).find(
    (f) => f.path === `${locale}.json`,
  );
  const json = JSON.parse(file?.contents ?? '{}') as {
    entries: { id: string; lifetime: { text: string; seconds: number | null } }[];
  };
  return new Map(json.entries.map((e) => [e.id, e.lifetime]));
}

describe('lifetimes as written', () => {
  it('"usually 1–4 weeks" for a cookie of ours without code, "2,7 år" stated by a vendor, in every locale', async () => {
    const catalog = await catalogWith([
      entry('session_hint', 'hint', 'usually 1–4 weeks', ''),
      entry(
        'vendor_id',
        'vid',
        '{ statedByProvider: "2,7 år" }',
        'provider: { name: Vendor AB }\nsetBy: vendor\n',
      ),
    ]);
    for (const locale of catalog.locales) {
      const rows = rowsOf(catalog, locale);
      const range = (catalog.labels.lifetimeRange[locale] ?? '')
        .replace('{from}', durationInWords(1, 'week', locale, catalog))
        .replace('{to}', durationInWords(4, 'week', locale, catalog));
      expect(rows.get('session_hint')?.text).toBe(
        (catalog.labels.approximately[locale] ?? '').replace('{duration}', range),
      );
      // The number in the locale's own form: "2.7 years" in English, "2,7 år" in Swedish.
      expect(
        rows.get('vendor_id')?.text.startsWith(durationInWords(2.7, 'year', locale, catalog)),
      ).toBe(true);
    }
    expect(rowsOf(catalog, 'sv').get('vendor_id')?.text).toContain('2,7');
    expect(rowsOf(catalog, 'en').get('vendor_id')?.text).toContain('2.7');
  });

  it('below a second is 1 s in the TCF disclosure, where 0 would mean a session', async () => {
    const catalog = await catalogWith([
      entry(
        'blink',
        'blink',
        '0,1 sekund',
        'provider: { name: Vendor AB, domain: billogram.com }\nsetBy: vendor\n',
      ),
    ]);
    const [file] = runGenerator(tcfDeviceStorageGenerator, catalog);
    const tcf = JSON.parse(file?.contents ?? '{}') as {
      disclosures: { identifier: string; maxAgeSeconds: number }[];
    };
    expect(tcf.disclosures.find((d) => d.identifier === 'blink')?.maxAgeSeconds).toBe(1);
  });

  it('a cookie our code sets keeps an exact, whole lifetime', async () => {
    const result = await loadCatalog(
      await editedCatalog([
        entry('own', 'own', 'about 2 days', 'provider: { domain: billogram.com }\nsetBy: server\n'),
      ]),
    );
    expect(result.catalog).toBeUndefined();
    expect(result.problems.find((p) => p.rule === 'cookie/lifetime')?.message).toMatch(
      /not exact, and a cookie our code sets gets an exact Max-Age/,
    );
  });
});

describe('a group of cookies without names, and the recipients of the data', () => {
  /** Vimeo's player cookies, listed by the page as one row without names, in a consent category. */
  const vimeo: Edit = {
    file: 'cookies/vimeo_player.yaml',
    with: 'id: vimeo_player\nkind: cookie\ncategory: help-center\nprovider: { name: "Vimeo, Inc.", domain: vimeo.com, privacyPolicy: "https://vimeo.com/privacy" }\nlifetime: { statedByProvider: 2 years }\nrecipients: ["Vimeo, Inc.", "Google <b>LLC</b>"]\npurpose: { en: Test., sv: Test. }\n',
  };

  it('the table names the group by its provider and lists the recipients, in every locale, as text', async () => {
    const catalog = await catalogWith([vimeo]);
    const files = runGenerator(htmlPolicyTableGenerator, catalog);
    for (const locale of catalog.locales) {
      const html = files.find((f) => f.path === `${locale}.html`)?.contents ?? '';
      const group = (catalog.labels.cookieGroup[locale] ?? '').replace('{provider}', 'Vimeo, Inc.');
      expect(html).toContain(`<th scope="row">${group}`);
      const recipients = (catalog.labels.recipients[locale] ?? '').replace(
        '{recipients}',
        new Intl.ListFormat(locale, { type: 'conjunction' }).format([
          'Vimeo, Inc.',
          'Google <b>LLC</b>',
        ]),
      );
      // Escaped: a recipient's name is text, never markup.
      expect(html).toContain(Handlebars.escapeExpression(recipients));
      expect(html).not.toContain('<b>LLC</b>');
    }
  });

  it('withdrawal names the group as all of the provider’s cookies; the TCF disclosure leaves it out with a note', async () => {
    const catalog = await catalogWith([vimeo]);
    const server = runGenerator(tsConsentGenerator, catalog).find((f) => f.path === 'server.ts');
    expect(server?.contents).toContain("name: '*', cannot: 'third-party', provider: 'Vimeo, Inc.'");
    expect(server?.contents).not.toContain('{name}');
    const [file] = runGenerator(tcfDeviceStorageGenerator, catalog);
    const tcf = JSON.parse(file?.contents ?? '{}') as { disclosures: { identifier: string }[] };
    expect(tcf.disclosures.some((d) => d.identifier === '*')).toBe(false);
  });
});

describe('the TCF disclosure of entries without a stated domain', () => {
  it('lists one of ours on the controller’s domains, and leaves a third party’s out', async () => {
    const catalog = await catalogWith([
      entry('ours_listed', 'listed', '1 day', 'provider: { name: Matomo }\n'),
      entry(
        'theirs',
        'theirs',
        '1 day',
        'provider: { party: third, name: Other Ltd, privacyPolicy: "https://other.example.org/privacy" }\n',
      ),
    ]);
    const [file] = runGenerator(tcfDeviceStorageGenerator, catalog);
    const tcf = JSON.parse(file?.contents ?? '{}') as {
      disclosures: { identifier: string; domains: string[] }[];
    };
    expect(tcf.disclosures.find((d) => d.identifier === 'listed')?.domains).toEqual([
      ...catalog.controller.domains,
    ]);
    expect(tcf.disclosures.some((d) => d.identifier === 'theirs')).toBe(false);
  });
});
