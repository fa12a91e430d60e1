import { readFileSync } from 'node:fs';
import type { Catalog, CatalogEntry, LabelKey } from '@cookie-catalog/catalog';
import Handlebars from 'handlebars';
import type { GeneratedFile, Generator } from '../../generator.js';
import { fillPlaceholders } from '../fill-placeholders.js';
import { emitSourceFile } from '../typescript/emit-source-file.js';
import { dataLiteral } from '../typescript/literals.js';
import { StructureKind, VariableDeclarationKind } from '../typescript/ts-morph.js';
import { lifetimeText } from './lifetime-text.js';
import { type RetiredText, retiredText } from './retired-text.js';

/*
 * `html/policy-table`: per locale, an accessible HTML fragment with one table per category, a JSON
 * declaration of every entry, and a framework-free stylesheet; plus an index module exporting the
 * fragments as strings. A retired entry stays listed, since browsers may still hold it: its
 * lifetime cell says since when we no longer set it (labels.retired). Catalog text is only ever data for the template: handlebars escapes it,
 * the template never uses triple braces, and prototype access stays off (handlebars' default).
 */

const templateDir = new URL('./', import.meta.url);
let compiled: HandlebarsTemplateDelegate<TableView> | undefined;

/** Compiled once per process, in an isolated environment with only the built-in helpers. */
function tableTemplate(): HandlebarsTemplateDelegate<TableView> {
  compiled ??= Handlebars.create().compile<TableView>(
    readFileSync(new URL('table.hbs', templateDir), 'utf8'),
    {
      strict: true,
      knownHelpersOnly: true,
    },
  );
  return compiled;
}

export const htmlPolicyTableGenerator: Generator = {
  id: 'html/policy-table',
  description:
    'The cookie table per locale as accessible HTML, JSON and CSS (the policy-table package)',
  outDir: 'packages/policy-table/src/generated',
  defaultOptions: {},
  generate(catalog) {
    const files: GeneratedFile[] = [];
    const html: Record<string, string> = {};
    const declarations: Record<string, unknown> = {};
    for (const locale of catalog.locales) {
      html[locale] = renderPolicyTable(catalog, locale);
      declarations[locale] = declaration(catalog, locale);
      files.push({ path: `${locale}.html`, contents: html[locale] });
      files.push({
        path: `${locale}.json`,
        contents: `${JSON.stringify(declarations[locale], null, 2)}\n`,
      });
    }
    files.push({
      path: 'styles.css',
      contents: readFileSync(new URL('styles.css', templateDir), 'utf8'),
    });
    files.push({
      path: 'index.ts',
      contents: emitSourceFile([
        {
          kind: StructureKind.TypeAlias,
          isExported: true,
          name: 'Locale',
          type: catalog.locales.map((l) => JSON.stringify(l)).join(' | '),
        },
        {
          kind: StructureKind.VariableStatement,
          isExported: true,
          declarationKind: VariableDeclarationKind.Const,
          docs: ['The locales of the policy, the default first.'],
          declarations: [
            {
              name: 'locales',
              initializer: `${dataLiteral([catalog.defaultLocale, ...catalog.locales.filter((l) => l !== catalog.defaultLocale)])} as const`,
            },
          ],
        },
        {
          kind: StructureKind.VariableStatement,
          isExported: true,
          declarationKind: VariableDeclarationKind.Const,
          docs: [
            'The cookie table of each locale: an HTML fragment with `lang` set, to place inside a page.',
          ],
          declarations: [
            {
              name: 'html',
              type: 'Readonly<Record<Locale, string>>',
              initializer: dataLiteral(html),
            },
          ],
        },
        {
          kind: StructureKind.VariableStatement,
          isExported: true,
          declarationKind: VariableDeclarationKind.Const,
          docs: ['The machine-readable declaration of every catalog entry, per locale.'],
          declarations: [
            { name: 'declarations', initializer: `${dataLiteral(declarations)} as const` },
          ],
        },
      ]),
    });
    return files;
  },
};

/** The cookie table of one locale as an HTML fragment. Templates are compiled on the first call. */
export function renderPolicyTable(
  catalog: Catalog,
  locale: string,
  options: TableLinkOptions = {},
): string {
  return tableTemplate()(tableView(catalog, locale, options));
}

export interface TableLinkOptions {
  /**
   * Links to our own site as absolute URLs (the path joined to `controller.website`): for a
   * table shown elsewhere, such as the docs site, where `/cookies` leads nowhere. The policy
   * table package keeps paths, for the site it is embedded in.
   */
  readonly absoluteLinks?: boolean;
}

/** Where people change their answer, as the table links it; undefined for no link at all. */
function preferencesHref(catalog: Catalog, options: TableLinkOptions): string | undefined {
  const url = catalog.consent?.preferencesUrl;
  if (!url || !options.absoluteLinks) return url;
  const absolute = new URL(url, catalog.controller.website);
  return absolute.protocol === 'https:' ? absolute.href : undefined;
}

interface RowView {
  readonly name: string;
  /** For a vendor's group of cookies the page lists without names: what stands for the name. */
  readonly groupName: string | undefined;
  /** To whom the data goes, where the catalog says. */
  readonly recipients: string | undefined;
  readonly kind: string | undefined;
  readonly parameters: readonly string[];
  readonly providerName: string | undefined;
  readonly domain: string;
  readonly party: string;
  readonly privacyPolicy: string | undefined;
  readonly lifetime: string;
  readonly datetime: string | undefined;
  readonly lifetimeNote: string | undefined;
  /** For a retired entry: since when we no longer set it (it may still be on devices). */
  readonly retired: RetiredText | undefined;
  readonly purpose: string;
  readonly stores: string | undefined;
  readonly note: string | undefined;
  /** A Domain cookie, where the catalog declares services: the services browsers send it to. */
  readonly sentTo: string | undefined;
}

interface TableView {
  readonly lang: string;
  readonly headings: Readonly<
    Record<'name' | 'provider' | 'lifetime' | 'purpose' | 'privacyPolicy', string>
  >;
  readonly categories: readonly {
    readonly captionId: string;
    readonly label: string;
    readonly consent: string;
    readonly description: string;
    /** For a category that needs consent, where people give or withdraw it. */
    readonly preferences: { readonly href: string; readonly text: string } | undefined;
    readonly rows: readonly RowView[];
  }[];
}

/** What the template needs for one locale, every text already in that locale. */
export function tableView(
  catalog: Catalog,
  locale: string,
  options: TableLinkOptions = {},
): TableView {
  const label = (key: LabelKey) => catalog.labels[key][locale] ?? '';
  const preferences = preferencesHref(catalog, options);
  return {
    lang: locale,
    headings: {
      name: label('name'),
      provider: label('provider'),
      lifetime: label('lifetime'),
      purpose: label('purpose'),
      privacyPolicy: label('privacyPolicy'),
    },
    categories: catalog.categories
      .map((category) => ({
        captionId: `cookie-table-${locale}-${category.id}`,
        label: category.label[locale] ?? '',
        consent: label(category.consentRequired ? 'consentRequired' : 'noConsent'),
        description: category.description[locale] ?? '',
        preferences:
          category.consentRequired && preferences
            ? { href: preferences, text: label('consentChange') }
            : undefined,
        rows: catalog.entries
          .filter((e) => e.category === category.id)
          .map((entry) => rowView(catalog, entry, locale)),
      }))
      .filter((category) => category.rows.length > 0),
  };
}

function rowView(catalog: Catalog, entry: CatalogEntry, locale: string): RowView {
  const label = (key: LabelKey) => catalog.labels[key][locale] ?? '';
  const lifetime = lifetimeText(entry.lifetime, locale, catalog);
  return {
    name: entry.name.pattern,
    groupName: entry.group
      ? fillPlaceholders(label('cookieGroup'), { provider: entry.provider.name })
      : undefined,
    recipients: entry.recipients
      ? fillPlaceholders(label('recipients'), {
          recipients: new Intl.ListFormat(locale, { type: 'conjunction' }).format(entry.recipients),
        })
      : undefined,
    kind: entry.kind === 'cookie' ? undefined : label(entry.kind),
    parameters: entry.name.parameters.flatMap((p) =>
      p.description
        ? [
            fillPlaceholders(label('parameter'), {
              name: `{${p.name}}`,
              meaning: p.description[locale] ?? '',
            }),
          ]
        : [],
    ),
    providerName: entry.party === 'third' ? entry.provider.name : undefined,
    domain: entry.provider.domain ?? label('domainNotStated'),
    // Another company's software on our domain: say whose (their name is a fact people need).
    party: setOnOurSiteByAnother(catalog, entry)
      ? fillPlaceholders(label('setOnOurSiteBy'), { vendor: entry.provider.name })
      : label(entry.party === 'first' ? 'firstParty' : 'thirdParty'),
    privacyPolicy: entry.party === 'third' ? entry.provider.privacyPolicy : undefined,
    lifetime: lifetime.text,
    datetime: lifetime.datetime,
    lifetimeNote:
      entry.lifetime.kind === 'provider-stated' ? entry.lifetime.note?.[locale] : undefined,
    retired: retiredText(entry, locale, catalog),
    purpose: entry.purpose[locale] ?? '',
    stores: entry.stores?.[locale],
    note: entry.note?.[locale],
    sentTo: sentTo(catalog, entry, locale),
  };
}

/**
 * Where the catalog declares services: the services whose hosts browsers send a Domain cookie
 * to, by name, in the locale's list form. Undefined for a host-only cookie and without services.
 */
function sentTo(catalog: Catalog, entry: CatalogEntry, locale: string): string | undefined {
  if (!entry.reaches || entry.reaches.length === 0) return undefined;
  const names = entry.reaches.map(
    (id) => catalog.services.find((s) => s.id === id)?.name[locale] ?? id,
  );
  return fillPlaceholders(catalog.labels.sentToServices[locale] ?? '', {
    services: new Intl.ListFormat(locale, { type: 'conjunction' }).format(names),
  });
}

/**
 * Another company's software sets it on our domain: a vendor, or a tool the page names for a
 * cookie of our site without saying who sets it.
 */
function setOnOurSiteByAnother(catalog: Catalog, entry: CatalogEntry): boolean {
  if (entry.party !== 'first') return false;
  if (entry.setBy === 'vendor') return true;
  return entry.setBy === undefined && entry.provider.name !== catalog.controller.name;
}

/** The JSON declaration of one locale: every entry, with its facts and its texts in that locale. */
function declaration(catalog: Catalog, locale: string) {
  return {
    locale,
    version: catalog.version,
    lastUpdated: catalog.lastUpdated,
    controller: catalog.controller,
    entries: catalog.entries.map((entry) => {
      const category = catalog.categories.find((c) => c.id === entry.category);
      const lifetime = lifetimeText(entry.lifetime, locale, catalog);
      const retired = retiredText(entry, locale, catalog);
      return {
        id: entry.id,
        name: entry.name.pattern,
        kind: entry.kind,
        party: entry.party,
        provider: entry.provider,
        setBy: entry.setBy,
        ...(entry.group && { group: true }),
        ...(entry.recipients && { recipients: entry.recipients }),
        category: entry.category,
        consentRequired: category?.consentRequired ?? true,
        lifetime: {
          text: lifetime.text,
          seconds:
            entry.lifetime.kind === 'duration'
              ? entry.lifetime.seconds
              : entry.lifetime.kind === 'provider-stated'
                ? entry.lifetime.keptSeconds
                : null,
          session: entry.lifetime.kind === 'session',
        },
        // No longer set since this day, but listed while browsers may still hold it.
        ...(retired && { retired: { date: retired.dateIso, text: retired.text } }),
        purpose: entry.purpose[locale] ?? '',
        ...(entry.attributes && { attributes: entry.attributes }),
      };
    }),
  };
}
