import type { Catalog, Duration, DurationUnit, LabelKey, Lifetime } from '@cookie-catalog/catalog';
import { fillPlaceholders } from '../fill-placeholders.js';

export interface LifetimeText {
  /** In words, in the locale: "1 year", "30 dagar", or the label for a session. */
  readonly text: string;
  /** An HTML duration string for `<time datetime>`, when the lifetime is a duration. */
  readonly datetime: string | undefined;
}

/**
 * A lifetime as people read it (GOV.UK cookies page pattern: "1 year", never seconds or dates),
 * through Intl so every locale gets its own words and plurals.
 */
export function lifetimeText(lifetime: Lifetime, locale: string, catalog: Catalog): LifetimeText {
  const label = (key: LabelKey) => catalog.labels[key][locale] ?? '';
  const formatDuration = (amount: number, unit: DurationUnit) =>
    durationInWords(amount, unit, locale, catalog);
  // "about 2 years", where the page says the duration is not exact.
  const about = (duration: Duration, text: string) =>
    duration.approximate ? fillPlaceholders(label('approximately'), { duration: text }) : text;
  switch (lifetime.kind) {
    case 'session':
      return { text: label('session'), datetime: undefined };
    case 'persistent':
      return { text: label('persistent'), datetime: undefined };
    case 'none':
      return { text: label('none'), datetime: undefined };
    case 'duration':
      return {
        text: about(lifetime, formatDuration(lifetime.amount, lifetime.unit)),
        datetime: htmlDuration(lifetime.seconds),
      };
    case 'unknown':
      return { text: label('unknownLifetime'), datetime: undefined };
    case 'provider-stated': {
      const { stated: given, inactivity, keptSeconds } = lifetime;
      const words = (d: Duration) => formatDuration(d.amount, d.unit);
      let stated =
        given.kind === 'forever'
          ? label('forever')
          : given.kind === 'session'
            ? label('session')
            : given.kind === 'range'
              ? about(
                  given.from,
                  fillPlaceholders(label('lifetimeRange'), {
                    from: words(given.from),
                    to: words(given.to),
                  }),
                )
              : about(given, words(given));
      if (inactivity)
        stated = fillPlaceholders(label('inactivity'), { stated, inactive: words(inactivity) });
      if (given.kind === 'session') return { text: stated, datetime: undefined };
      const longest =
        given.kind === 'forever'
          ? Number.POSITIVE_INFINITY
          : given.kind === 'range'
            ? given.to.seconds
            : given.seconds;
      // Only a stated lifetime beyond the cap needs the second half ("browsers keep it at most …").
      if (longest <= keptSeconds) return { text: stated, datetime: htmlDuration(keptSeconds) };
      const kept = formatDuration(keptSeconds / 86_400, 'day');
      const text = fillPlaceholders(label('keptByBrowsers'), { stated, kept });
      return { text, datetime: htmlDuration(keptSeconds) };
    }
  }
}

/** "30 days", "1 år": the catalog's durationWords for the locale when it has them, else Intl's. */
export function durationInWords(
  amount: number,
  unit: DurationUnit,
  locale: string,
  catalog: Catalog,
): string {
  const forms = catalog.durationWords[locale]?.[unit];
  if (forms) {
    const form =
      forms[cached(`plural ${locale}`, () => new Intl.PluralRules(locale)).select(amount)] ??
      forms.other ??
      '{n}';
    return fillPlaceholders(form, {
      n: cached(`number ${locale}`, () => new Intl.NumberFormat(locale)).format(amount),
    });
  }
  return cached(
    `${unit} ${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }),
  ).format(amount);
}

/** Intl objects are costly to create and immutable: one per locale and unit per process. */
const intlCache = new Map<string, Intl.NumberFormat | Intl.PluralRules>();
function cached<T extends Intl.NumberFormat | Intl.PluralRules>(key: string, create: () => T): T {
  let value = intlCache.get(key) as T | undefined;
  if (!value) {
    value = create();
    intlCache.set(key, value);
  }
  return value;
}

/**
 * An HTML "valid duration string" (HTML §2.3.5.10): days, hours, minutes and seconds only, since
 * years and months have no fixed length there. 1 year → "P365D", 5 minutes → "PT5M".
 */
export function htmlDuration(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const rest = seconds % 86_400;
  const hours = Math.floor(rest / 3_600);
  const minutes = Math.floor((rest % 3_600) / 60);
  const secs = rest % 60;
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${secs ? `${secs}S` : ''}`;
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}` || 'PT0S';
}
