import { MAX_LIFETIME_SECONDS } from './cookie-grammar.js';

export type DurationUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

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
  readonly amount: number;
  readonly unit: DurationUnit;
  readonly seconds: number;
}

export type ParsedDuration =
  | { readonly ok: true; readonly duration: Duration }
  | { readonly ok: false; readonly reason: string; readonly fix: string };

const UNITS = Object.keys(SECONDS_PER_UNIT) as DurationUnit[];

/**
 * Parses "30 days", "1 year", "5 minutes". Only whole, positive amounts of a known unit: a
 * lifetime becomes a cookie's Max-Age, which is an integer number of seconds (bis §4.1.2.2).
 */
export function parseDuration(text: string): ParsedDuration {
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(text);
  if (!match) {
    return fail(
      `"${text}" is not a lifetime`,
      'write a number and a unit, e.g. "30 days" or "1 year", or `session`',
    );
  }
  const [, amountText = '', unitText = ''] = match;
  const unit = UNITS.find((u) => unitText === u || unitText === `${u}s`);
  if (!unit) {
    return fail(
      `"${unitText}" is not a unit of time the catalog knows`,
      `use one of ${UNITS.map((u) => `${u}s`).join(', ')}`,
    );
  }
  if (!/^[-+]?\d+(\.\d+)?$/.test(amountText)) {
    return fail(`"${amountText}" is not a number`, `write a whole number, e.g. "30 ${unit}s"`);
  }
  const amount = Number(amountText);
  if (amount < 0) {
    return fail(
      `the lifetime "${text}" is negative`,
      'write a positive duration; to delete a cookie, generated code uses Max-Age=0',
    );
  }
  if (!Number.isInteger(amount)) {
    const smaller = UNITS[UNITS.indexOf(unit) - 1];
    const converted = smaller && (amount * SECONDS_PER_UNIT[unit]) / SECONDS_PER_UNIT[smaller];
    return fail(
      `the lifetime "${text}" is not a whole number of ${unit}s`,
      smaller && converted && Number.isInteger(converted)
        ? `write "${converted} ${smaller}s"`
        : 'write a whole number of a smaller unit',
    );
  }
  if (amount === 0) {
    return fail(`the lifetime "${text}" is zero`, 'write a positive duration, or `session`');
  }
  if (!Number.isSafeInteger(amount * SECONDS_PER_UNIT[unit])) {
    return fail(`the lifetime "${text}" is far too long`, 'write at most "400 days"');
  }
  return { ok: true, duration: { amount, unit, seconds: amount * SECONDS_PER_UNIT[unit] } };
}

/** Whether browsers would shorten this duration (bis §5.5: Max-Age is capped at 400 days). */
export function exceedsBrowserCap(duration: Duration): boolean {
  return duration.seconds > MAX_LIFETIME_SECONDS;
}

function fail(reason: string, fix: string): ParsedDuration {
  return { ok: false, reason, fix };
}
