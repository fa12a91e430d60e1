import { createHash } from 'node:crypto';
import { builtInLabel } from './built-in-labels.js';
import { TABLE_SECTION } from './catalog-layout.js';
import type { Catalog, LabelKey, LocalizedText } from './model.js';

/** One text that exists in every locale, with where it lives. */
export interface TranslatableText {
  /** Stable key in translations.yaml: `cookies/language.yaml#purpose`, `sections/contact.md`. */
  readonly key: string;
  /** The file inside the catalog, `/`-separated. */
  readonly file: string;
  /** The data path inside a YAML file (empty for a Markdown section). */
  readonly path: readonly (string | number)[];
  readonly text: LocalizedText;
}

/**
 * Every translated text of the catalog, in a stable order. What legal writes in the default
 * locale is the source; each other locale is a translation of it.
 */
export function translatableTexts(catalog: Catalog): TranslatableText[] {
  const texts: TranslatableText[] = [];
  const add = (
    file: string,
    path: readonly (string | number)[],
    text: LocalizedText | undefined,
  ) => {
    if (text)
      texts.push({ key: path.length ? `${file}#${path.join('.')}` : file, file, path, text });
  };
  for (const entry of catalog.entries) {
    add(entry.source, ['purpose'], entry.purpose);
    add(entry.source, ['stores'], entry.stores);
    add(entry.source, ['note'], entry.note);
    if (entry.lifetime.kind === 'provider-stated')
      add(entry.source, ['lifetime', 'note'], entry.lifetime.note);
    for (const parameter of entry.name.parameters) {
      add(entry.source, ['nameParameters', parameter.name, 'description'], parameter.description);
    }
  }
  // Policy paths use ids, not list positions, so reordering categories keeps the records.
  for (const category of catalog.categories) {
    add('policy.yaml', ['categories', category.id, 'label'], category.label);
    add('policy.yaml', ['categories', category.id, 'description'], category.description);
  }
  for (const authority of catalog.authorities)
    add('policy.yaml', ['authorities', authority.id, 'name'], authority.name);
  // The implicit service's name is the controller's, not a text legal wrote.
  for (const service of catalog.services)
    if (!service.implicit) add('policy.yaml', ['services', service.id, 'name'], service.name);
  for (const [key, text] of Object.entries(catalog.labels)) {
    // Built-in words are translated by the tool, not by legal: nothing to review.
    const builtIn = Object.entries(text).every(
      ([locale, value]) => value === builtInLabel(key as LabelKey, locale),
    );
    if (!builtIn) add('policy.yaml', ['labels', key], text);
  }
  for (const section of catalog.sections) {
    if (section.id !== TABLE_SECTION) add(`sections/${section.id}.md`, [], section.markdown);
  }
  return texts;
}

/** A short fingerprint of a source text: enough to notice a change, small enough to read in a diff. */
export function sourceHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}

export type TranslationRecords = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Records that mark every current translation of `locales` as reviewed, keeping the others. */
export function markReviewed(
  catalog: Catalog,
  previous: TranslationRecords,
  locales: readonly string[],
): TranslationRecords {
  const records: Record<string, Record<string, string>> = {};
  for (const locale of catalog.locales.filter((l) => l !== catalog.defaultLocale)) {
    const updated: Record<string, string> = {};
    for (const { key, text } of translatableTexts(catalog)) {
      const source = text[catalog.defaultLocale] ?? '';
      const kept = previous[locale]?.[key];
      updated[key] = locales.includes(locale) || kept === undefined ? sourceHash(source) : kept;
    }
    records[locale] = updated;
  }
  return records;
}

/** translations.yaml as text: sorted, commented, one line per translation. */
export function formatTranslationRecords(records: TranslationRecords): string {
  const lines = [
    '# Written by `cookie-catalog translations reviewed`; do not edit by hand.',
    '# For each translation, a fingerprint of the source text it was last reviewed against.',
    '# `cookie-catalog validate` warns when a source text has changed since (stale translation).',
  ];
  for (const locale of Object.keys(records).sort()) {
    lines.push(`${locale}:`);
    const entries = records[locale] ?? {};
    for (const key of Object.keys(entries).sort())
      lines.push(`  ${JSON.stringify(key)}: "${entries[key]}"`);
  }
  return `${lines.join('\n')}\n`;
}
