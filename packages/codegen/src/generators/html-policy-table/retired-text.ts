import type { Catalog, CatalogEntry } from '@cookie-catalog/catalog';

export interface RetiredText {
  /** The label's words before the date: "no longer set since ". */
  readonly before: string;
  /** The day in the locale's words: "1 January 2026". */
  readonly date: string;
  /** The day as the catalog writes it (YYYY-MM-DD), for `<time datetime>`. */
  readonly dateIso: string;
  /** The label's words after the date. */
  readonly after: string;
  /** All of it as plain text. */
  readonly text: string;
}

/**
 * What the policy says of a retired entry, in one locale (labels.retired, "no longer set since
 * {date}"): undefined while the entry is set. The day is written as the policy writes its own
 * date (Intl, long, UTC), from the catalog only: the same catalog gives the same words.
 */
export function retiredText(
  entry: CatalogEntry,
  locale: string,
  catalog: Catalog,
): RetiredText | undefined {
  if (entry.retired === undefined) return undefined;
  const label = catalog.labels.retired[locale] ?? '';
  // Split at the first {date} only: the rest of the label stays text, whatever it holds.
  const at = label.indexOf('{date}');
  const before = at === -1 ? label : label.slice(0, at);
  const after = at === -1 ? '' : label.slice(at + '{date}'.length);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${entry.retired}T00:00:00Z`),
  );
  return { before, date, dateIso: entry.retired, after, text: `${before}${date}${after}` };
}

/**
 * An entry's purpose in one locale, and for a retired entry since when it is no longer set: what
 * the exports describe it with. They keep listing a retired entry while devices may hold it.
 */
export function purposeText(entry: CatalogEntry, locale: string, catalog: Catalog): string {
  const purpose = entry.purpose[locale] ?? '';
  const retired = retiredText(entry, locale, catalog);
  return retired ? `${purpose} (${retired.text})` : purpose;
}
