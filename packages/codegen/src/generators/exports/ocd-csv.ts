import { createHash } from 'node:crypto';
import {
  type Catalog,
  type CatalogEntry,
  catalogAndServiceViews,
  type PendingProblem,
  servicePath,
} from '@cookie-catalog/catalog';
import type { Generator } from '../../generator.js';
import { lifetimeText } from '../html-policy-table/lifetime-text.js';
import { purposeText } from '../html-policy-table/retired-text.js';
import { toCsv } from './csv.js';

/*
 * The Open Cookie Database CSV (github.com/jkwakman/Open-Cookie-Database): the columns exactly,
 * in the default locale's words. Auditors and consent tools import it to recognise cookies.
 */

export const OCD_FILE = 'open-cookie-database.csv';

export const OCD_COLUMNS = [
  'ID',
  'Platform',
  'Category',
  'Cookie / Data Key name',
  'Domain',
  'Description',
  'Retention period',
  'Data Controller',
  'User Privacy & GDPR Rights Portals',
  'Wildcard match',
] as const;

export interface OcdOptions {
  /** The language of descriptions and retention periods. Default: the catalog's default locale. */
  readonly locale: string | undefined;
}

/**
 * The CSV's rows, header first. Entries of a category that names no Open Cookie Database category
 * are left out (the database has no row without one, and a consent category's cannot be assumed);
 * `ocdLeftOut` says which, one note per category.
 */
export function ocdRows(catalog: Catalog, options: OcdOptions): string[][] {
  const locale =
    options.locale !== undefined && catalog.locales.includes(options.locale)
      ? options.locale
      : catalog.defaultLocale;
  const ocdCategory = new Map(catalog.categories.map((c) => [c.id, c.openCookieDatabase ?? '']));
  const rows: string[][] = [[...OCD_COLUMNS]];
  for (const entry of catalog.entries) {
    if (entry.kind === 'pixel') continue; // stores nothing: not a cookie or data key
    if (!ocdCategory.get(entry.category)) continue; // no OCD category: in ocdLeftOut
    const { name, wildcard } = ocdName(entry);
    const domain =
      entry.attributes?.domain ?? entry.provider.domain ?? catalog.labels.domainNotStated[locale];
    rows.push([
      stableId(catalog, entry),
      entry.provider.name,
      ocdCategory.get(entry.category) ?? '',
      name,
      `${domain} (${entry.party === 'first' ? '1st' : '3rd'} party)`,
      purposeText(entry, locale, catalog),
      lifetimeText(entry.lifetime, locale, catalog).text,
      entry.provider.name,
      entry.provider.privacyPolicy ?? entry.provider.cookiePolicy ?? catalog.controller.website,
      wildcard ? '1' : '0',
    ]);
  }
  return rows;
}

/**
 * OCD's wildcard is a prefix match: a name whose one parameter ends it is written as the prefix
 * (`_ga_{id}` → `_ga_`); any other pattern writes `*` for each parameter. Both are wildcards.
 */
export function ocdName(entry: CatalogEntry): { name: string; wildcard: boolean } {
  const { parts } = entry.name;
  const parameters = parts.filter((p) => p.type === 'parameter').length;
  if (parameters === 0) return { name: entry.name.pattern, wildcard: false };
  if (parameters === 1 && parts.at(-1)?.type === 'parameter' && parts.length > 1) {
    return {
      name: parts
        .slice(0, -1)
        .map((p) => (p.type === 'literal' ? p.text : ''))
        .join(''),
      wildcard: true,
    };
  }
  return {
    name: parts.map((p) => (p.type === 'literal' ? p.text : '*')).join(''),
    wildcard: true,
  };
}

/**
 * A UUID (version 5 layout, SHA-1) of the controller's website and the entry id: the same entry
 * keeps its id across exports, and two organisations' entries never share one.
 */
export function stableId(catalog: Catalog, entry: CatalogEntry): string {
  const hash = createHash('sha1')
    .update(`cookie-catalog\u0000${catalog.controller.website}\u0000${entry.id}`)
    .digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const ocdCsvGenerator: Generator<OcdOptions> = {
  id: 'csv/ocd',
  description: 'Open Cookie Database CSV, in the default locale',
  outDir: 'packages/docs/src/generated/exports/ocd',
  defaultOptions: { locale: undefined },
  generate(catalog, options) {
    // The whole catalog at open-cookie-database.csv; each declared service's at services/<id>/.
    return catalogAndServiceViews(catalog).map((view) => ({
      path: servicePath(view, OCD_FILE),
      contents: toCsv(ocdRows(view, options)),
    }));
  },
  notes: (catalog) => ocdLeftOut(catalog),
};

/** One note per category whose entries the CSV leaves out, placed at the category in policy.yaml. */
export function ocdLeftOut(catalog: Catalog): PendingProblem[] {
  return catalog.categories.flatMap((category, index) => {
    if (category.openCookieDatabase !== undefined) return [];
    const left = catalog.entries.filter((e) => e.category === category.id && e.kind !== 'pixel');
    if (left.length === 0) return [];
    return [
      {
        rule: 'export/category-mapping' as const,
        file: 'policy.yaml',
        path: ['categories', index, 'id'],
        message: `the Open Cookie Database CSV leaves out ${left.length === 1 ? 'the entry' : `the ${left.length} entries`} of category "${category.id}" (${left.map((e) => e.id).join(', ')}): it names no Open Cookie Database category${category.consentRequired ? ', and for a category that needs consent none can be assumed' : ''}`,
        fix: 'to list them, add openCookieDatabase: Functional, Personalization, Analytics, Marketing or Security to the category',
      },
    ];
  });
}
