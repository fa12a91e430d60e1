import { approximationPrefix, type DurationUnit, languagesOf } from './duration-words.js';
import {
  type Duration,
  type ParsedDuration,
  parseDuration,
  parseStatedDuration,
  SECONDS_PER_UNIT,
} from './lifetime.js';

/*
 * How long each recorded answer to the consent question is kept (policy.yaml
 * consent.keepRecords): what `consent prune` deletes after, and what the policy states.
 */

/**
 * The default beyond the consent cookie's lifetime. While the cookie lives, the person relies on
 * the answer; three years more leave time to answer a complaint or a claim about it (three years
 * is the regular limitation period in, e.g., Germany, BGB §195, and Denmark, forældelsesloven §3).
 * Legal states another period in policy.yaml where the law they answer to says otherwise.
 */
export const RECORDS_AFTER_COOKIE_SECONDS = 3 * SECONDS_PER_UNIT.year;

/** The consent cookie's lifetime the default starts from when the cookie is a session cookie. */
export const SESSION_CONSENT_COOKIE_SECONDS = SECONDS_PER_UNIT.year;

/** Longer than this is questioned (GDPR art. 5(1)(e), storage limitation). */
export const LONG_RECORD_RETENTION_SECONDS = 10 * SECONDS_PER_UNIT.year;

const FIX =
  'write a number and a unit, e.g. "4 years" or "48 months", or leave keepRecords out for the default: the consent cookie\'s lifetime plus three years';

/**
 * keepRecords as written: a number and a unit, in English or the catalog's languages ("4 år",
 * "48 Monate"), read by the same parser as lifetimes. Not `session`, `forever`, a range or
 * "about": records are deleted at one exact age.
 */
export function parseRecordRetention(text: string, locales: readonly string[]): ParsedDuration {
  const trimmed = text.trim();
  if (/^(session|persistent|forever|none|unknown)$/i.test(trimmed))
    return fail(`"${text}" is not a period: records of consent are kept for a fixed time`, FIX);
  const about = approximationPrefix(trimmed, languagesOf(locales));
  if (about !== undefined)
    return fail(
      `"${text}" is not exact, and consent prune deletes records at one exact age`,
      `write "${trimmed.slice(about.length).trim()}"`,
    );
  const stated = parseStatedDuration(trimmed, { locales });
  if (stated.ok && stated.value.kind === 'range')
    return fail(
      `"${text}" is a range, and consent prune deletes records at one exact age`,
      'write one period, e.g. the longer end of the range',
    );
  const parsed = parseDuration(trimmed, { locales, exact: false });
  if (parsed.ok) return parsed;
  // The parser speaks of cookie lifetimes; its advice on units and numbers holds here too.
  const cookieAdvice = /session|Max-Age|400 days/.test(parsed.fix);
  return fail(
    parsed.reason.replace(/\bthe lifetime\b/, 'the period').replace(/ a lifetime$/, ' a period'),
    cookieAdvice ? FIX : parsed.fix,
  );
}

/**
 * The default: the consent cookie's lifetime plus three years (a session cookie counts as one
 * year), in the largest unit that divides it exactly, so that the policy's words and prune's
 * seconds agree: 1 year → "4 years", 6 months → "1,275 days".
 */
export function defaultRecordRetention(cookieLifetime: Duration | undefined): Duration {
  const seconds =
    (cookieLifetime?.seconds ?? SESSION_CONSENT_COOKIE_SECONDS) + RECORDS_AFTER_COOKIE_SECONDS;
  return inLargestUnit(seconds);
}

const LARGEST_FIRST: readonly DurationUnit[] = [
  'year',
  'month',
  'week',
  'day',
  'hour',
  'minute',
  'second',
];

function inLargestUnit(seconds: number): Duration {
  const unit = LARGEST_FIRST.find((u) => seconds % SECONDS_PER_UNIT[u] === 0) ?? 'second';
  return { amount: seconds / SECONDS_PER_UNIT[unit], unit, seconds };
}

function fail(reason: string, fix: string): ParsedDuration {
  return { ok: false, reason, fix };
}
