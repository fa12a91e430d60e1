import { MAX_LIFETIME_SECONDS } from './cookie-grammar.js';
import {
  approximationPrefix,
  type DurationUnit,
  describeMeaning,
  languagesOf,
  unitOf,
} from './duration-words.js';

export type { DurationUnit };

/** Seconds per unit. A month is 30 days and a year 365 days, so that every lifetime is an exact Max-Age. */
export const SECONDS_PER_UNIT: Readonly<Record<DurationUnit, number>> = {
  second: 1,
  minute: 60,
  hour: 3_600,
  day: 86_400,
  week: 604_800,
  month: 2_592_000,
  year: 31_536_000,
};

export interface Duration {
  /** As written, e.g. 2.7 for "2,7 years" or 0.1 for "0,1 sekund". */
  readonly amount: number;
  readonly unit: DurationUnit;
  /**
   * In whole seconds, rounded up (at least 1): for a cookie our code sets, exactly its Max-Age;
   * for another lifetime, what exports that count in seconds write.
   */
  readonly seconds: number;
  /** Written as not exact ("about 2 years", "usually 1–4 weeks"): the policy says "about". */
  readonly approximate?: true;
}

export type ParsedDuration =
  | { readonly ok: true; readonly duration: Duration }
  | { readonly ok: false; readonly reason: string; readonly fix: string };

/** A lifetime in words: one duration, or a range such as "1–4 weeks". */
export type StatedDuration =
  | ({ readonly kind: 'duration' } & Duration)
  | { readonly kind: 'range'; readonly from: Duration; readonly to: Duration };

export type ParsedStatedDuration =
  | { readonly ok: true; readonly value: StatedDuration }
  | { readonly ok: false; readonly reason: string; readonly fix: string };

export interface DurationOptions {
  /** The catalog's locales: unit words of their built-in languages are read besides English. */
  readonly locales?: readonly string[];
  /**
   * A cookie our code sets: its lifetime becomes Max-Age, a whole number of seconds, so only a
   * whole amount, never "about" or a range. Default true.
   */
  readonly exact?: boolean;
}

const UNITS = Object.keys(SECONDS_PER_UNIT) as DurationUnit[];
const NUMBER = String.raw`[-+]?\d+(?:[.,]\d+)?`;
const DASH = String.raw`\s*(?:[-–—]|to|till|til|bis|à|tot|a|–)\s*`;

/**
 * Parses "30 days", "1 year", "5 minutes", and as cookie pages write them: "30 dagar",
 * "13 kuukautta", "2 døgn", "1 Jahr" (units of the catalog's languages), "2,7 years" (a decimal
 * comma). With `exact: false` also "0,1 sekund" (below a second) and "about 2 years".
 */
export function parseDuration(text: string, options: DurationOptions = {}): ParsedDuration {
  const languages = languagesOf(options.locales);
  const exact = options.exact ?? true;
  let rest = text.trim();
  const about = approximationPrefix(rest, languages);
  if (about !== undefined) {
    if (exact)
      return fail(
        `"${text}" is not exact, and a cookie our code sets gets an exact Max-Age`,
        `write the lifetime the code uses, e.g. "${rest.slice(about.length).trim()}"`,
      );
    rest = rest.slice(about.length).trim();
  }
  // "30 days", or written together as pages abbreviate: "30d", "2h".
  const split = /^(\S+)\s+(\S+)$/u.exec(rest) ?? /^([-+]?[\d.,]+)(\p{L}\S*)$/u.exec(rest);
  if (!split) {
    return fail(
      `"${text}" is not a lifetime`,
      'write a number and a unit, e.g. "30 days" or "1 year", or `session`',
    );
  }
  const [, amountText = '', unitText = ''] = split;
  const unitLookup = unitOf(unitText, languages);
  if (!unitLookup.ok) {
    if (unitLookup.meanings.length > 1)
      return fail(
        `"${unitText}" means ${unitLookup.meanings.map(describeMeaning).join(' and ')}`,
        'write the unit in full, so that every reader of the policy knows which one',
      );
    return fail(
      `"${unitText}" is not a unit of time the catalog knows`,
      `use one of ${UNITS.map((u) => `${u}s`).join(', ')}${languages.length > 1 ? `, or the same in ${languages.slice(1).join(', ')}` : ''}`,
    );
  }
  const { unit } = unitLookup;
  if (!new RegExp(`^${NUMBER}$`).test(amountText)) {
    return fail(`"${amountText}" is not a number`, `write a number, e.g. "30 ${unit}s"`);
  }
  const amount = Number(amountText.replace(',', '.'));
  if (amount < 0) {
    return fail(
      `the lifetime "${text}" is negative`,
      'write a positive duration; to delete a cookie, generated code uses Max-Age=0',
    );
  }
  if (amount === 0) {
    return fail(`the lifetime "${text}" is zero`, 'write a positive duration, or `session`');
  }
  if (exact && !Number.isInteger(amount)) {
    const smaller = UNITS[UNITS.indexOf(unit) - 1];
    const converted = smaller && (amount * SECONDS_PER_UNIT[unit]) / SECONDS_PER_UNIT[smaller];
    return fail(
      `the lifetime "${text}" is not a whole number of ${unit}s, and a cookie our code sets gets Max-Age in whole seconds`,
      smaller && converted && Number.isInteger(converted)
        ? `write "${converted} ${smaller}s"`
        : smaller
          ? `write it in ${smaller}s, a whole number of them`
          : 'write a whole number of seconds, at least 1: Max-Age has no smaller unit',
    );
  }
  if (!Number.isSafeInteger(Math.ceil(amount * SECONDS_PER_UNIT[unit]))) {
    return fail(`the lifetime "${text}" is far too long`, 'write at most "400 days"');
  }
  const seconds = Math.max(1, Math.ceil(amount * SECONDS_PER_UNIT[unit]));
  return {
    ok: true,
    duration: { amount, unit, seconds, ...(about !== undefined && { approximate: true }) },
  };
}

/**
 * A lifetime that no generated code depends on, as the page states it: one duration, or a range
 * ("1–4 weeks", "1 day – 2 years", "usually 1–4 weeks"). A word of approximation applies to
 * both ends of a range.
 */
export function parseStatedDuration(
  text: string,
  options: Omit<DurationOptions, 'exact'> = {},
): ParsedStatedDuration {
  const languages = languagesOf(options.locales);
  const trimmed = text.trim();
  const about = approximationPrefix(trimmed, languages);
  const body = about === undefined ? trimmed : trimmed.slice(about.length).trim();
  const range =
    new RegExp(`^(${NUMBER})${DASH}(${NUMBER})\\s*(\\S+)$`, 'u').exec(body) ??
    new RegExp(`^(${NUMBER}\\s*\\S+)${DASH}(${NUMBER}\\s*\\S+)$`, 'u').exec(body);
  const loose = { locales: options.locales ?? [], exact: false };
  if (range) {
    const [, first = '', second = '', sharedUnit] = range;
    const prefix = about === undefined ? '' : `${about} `;
    const from = parseDuration(`${prefix}${sharedUnit ? `${first} ${sharedUnit}` : first}`, loose);
    const to = parseDuration(`${prefix}${sharedUnit ? `${second} ${sharedUnit}` : second}`, loose);
    if (!from.ok) return from;
    if (!to.ok) return to;
    if (from.duration.seconds > to.duration.seconds)
      return fail(`the range "${text}" starts after it ends`, 'write the shorter lifetime first');
    return { ok: true, value: { kind: 'range', from: from.duration, to: to.duration } };
  }
  const single = parseDuration(text, loose);
  return single.ok ? { ok: true, value: { kind: 'duration', ...single.duration } } : single;
}

/** Whether browsers would shorten this duration (bis §5.5: Max-Age is capped at 400 days). */
export function exceedsBrowserCap(duration: Duration): boolean {
  return duration.seconds > MAX_LIFETIME_SECONDS;
}

function fail(reason: string, fix: string): { ok: false; reason: string; fix: string } {
  return { ok: false, reason, fix };
}
