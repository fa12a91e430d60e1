import type { Catalog, LabelKey } from '@cookie-catalog/catalog';
import { fillPlaceholders } from '../fill-placeholders.js';
import { durationInWords, htmlDuration } from '../html-policy-table/lifetime-text.js';

/** The facts every rendering of the policy shows, in one locale, as plain text. */
export interface PolicyFacts {
  readonly lang: string;
  /** The policy's title; on a service's own page, with the service's name after it. */
  readonly title: string;
  /** On a service's own page (Catalog.scope): the sentence naming the service it covers. */
  readonly scope: string | undefined;
  /** The version line split around the date, so renderers can mark the date up. */
  readonly versionBefore: string;
  readonly date: string;
  readonly dateIso: string;
  readonly versionAfter: string;
  readonly controller: {
    readonly heading: string;
    readonly name: string;
    readonly website: string;
  };
  readonly dpo: { readonly heading: string; readonly email: string };
  readonly authorities: {
    readonly heading: string;
    readonly items: readonly { name: string; url: string }[];
  };
  /** The other locales, each named in its own language. */
  readonly languages: {
    readonly heading: string;
    readonly items: readonly { locale: string; name: string }[];
  };
  /**
   * That each answer to the consent question is recorded and for how long, split around the
   * period so renderers can mark it up; undefined when the catalog has no `consent`.
   */
  readonly consentRecords: ConsentRecordsText | undefined;
}

export interface ConsentRecordsText {
  readonly before: string;
  /** In words, as the tables write lifetimes: "4 years", "4 år". */
  readonly period: string;
  /** An HTML duration string for `<time datetime>`. */
  readonly datetime: string;
  readonly after: string;
}

export function policyFacts(catalog: Catalog, locale: string): PolicyFacts {
  const label = (key: LabelKey) => catalog.labels[key][locale] ?? '';
  // Split around {date} first, so that a version which itself reads "{date}" stays text.
  const [before = '', after = ''] = label('versionLine')
    .split('{date}')
    .map((part) => fillPlaceholders(part, { version: catalog.version }));
  const service = catalog.scope?.name[locale];
  return {
    lang: locale,
    title: service ? `${label('policyTitle')} – ${service}` : label('policyTitle'),
    scope: service ? fillPlaceholders(label('serviceScope'), { service }) : undefined,
    versionBefore: before,
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${catalog.lastUpdated}T00:00:00Z`),
    ),
    dateIso: catalog.lastUpdated,
    versionAfter: after,
    controller: {
      heading: label('controller'),
      name: catalog.controller.names[locale] ?? catalog.controller.name,
      website: catalog.controller.website,
    },
    dpo: { heading: label('dpo'), email: catalog.dpo.email },
    authorities: {
      heading: label('authorities'),
      items: catalog.authorities.map((authority) => ({
        name: authority.name[locale] ?? '',
        url: authority.url[locale] ?? '',
      })),
    },
    languages: {
      heading: label('languages'),
      items: catalog.locales
        .filter((other) => other !== locale)
        .map((other) => ({ locale: other, name: languageName(other) })),
    },
    consentRecords: consentRecordsText(catalog, locale),
  };
}

/** The label around its {period} (validated to be there), with the period in the table's words. */
function consentRecordsText(catalog: Catalog, locale: string): ConsentRecordsText | undefined {
  if (!catalog.consent) return undefined;
  const { duration, seconds } = catalog.consent.keepRecords;
  const text = catalog.labels.consentRecords[locale] ?? '';
  const at = text.indexOf('{period}');
  return {
    before: text.slice(0, at),
    period: durationInWords(duration.amount, duration.unit, locale, catalog),
    datetime: htmlDuration(seconds),
    after: text.slice(at + '{period}'.length),
  };
}

/** A locale named in its own language, as a language switch shows it: "svenska", "suomi". */
export function languageName(locale: string): string {
  return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
}
