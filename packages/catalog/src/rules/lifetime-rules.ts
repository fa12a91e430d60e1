import { MAX_LIFETIME_SECONDS } from '../cookie-grammar.js';
import { isOwnCookie } from '../defaults.js';
import { exceedsBrowserCap, parseDuration, parseStatedDuration } from '../lifetime.js';
import type { EntryInput } from '../schema.js';
import type { CatalogContext, FileReport } from './check-context.js';
import { LIFETIMES_BY_KIND } from './storage-kind-rules.js';

/** How long an entry lives: a form its kind can have, a duration browsers keep, ours stated exactly. */
export function checkLifetime(
  report: FileReport,
  context: CatalogContext,
  entry: EntryInput,
): void {
  const { lifetime, kind } = entry;
  // What another company's software sets is described as that company states it, and so is
  // what the page does not say our code sets: no generated code depends on it.
  const theirs = entry.setBy !== 'server' && entry.setBy !== 'client';
  // A cookie our code sets gets Max-Age: a whole number of seconds, exactly as written.
  const exact = isOwnCookie(entry);
  const locales = context.locales ?? [];
  const allowed = LIFETIMES_BY_KIND;
  const fits = (form: string) => (allowed[kind] ?? []).includes(form);
  if (typeof lifetime === 'object') {
    if (!theirs) {
      report.add(
        'cookie/lifetime-kind',
        ['lifetime'],
        "statedByProvider is only for what another company's software sets (setBy: provider or vendor), or what the page does not say who sets; our own cookies have an exact lifetime",
        'write our own lifetime, e.g. "30 days" or session',
        { key: true },
      );
      return;
    }
    const stated = lifetime.statedByProvider;
    const parts: [string, readonly (string | number)[]][] =
      stated === 'forever' || stated === 'session'
        ? []
        : typeof stated === 'object'
          ? [
              [stated.from, ['lifetime', 'statedByProvider', 'from']],
              [stated.to, ['lifetime', 'statedByProvider', 'to']],
            ]
          : [[stated, ['lifetime', 'statedByProvider']]];
    if (lifetime.orInactiveFor !== undefined)
      parts.push([lifetime.orInactiveFor, ['lifetime', 'orInactiveFor']]);
    const seconds: number[] = [];
    for (const [text, path] of parts) {
      const parsed = parseDuration(text, { locales, exact: false });
      if (!parsed.ok) report.add('cookie/lifetime', path, parsed.reason, parsed.fix);
      else seconds.push(parsed.duration.seconds);
    }
    if (
      typeof stated === 'object' &&
      seconds.length >= 2 &&
      (seconds[0] ?? 0) > (seconds[1] ?? 0)
    ) {
      report.add(
        'cookie/lifetime',
        ['lifetime', 'statedByProvider', 'from'],
        `the range starts at "${stated.from}", after its end "${stated.to}"`,
        'swap from and to',
      );
    }
    return;
  }
  if (lifetime === 'unknown') {
    if (!theirs) {
      report.add(
        'cookie/lifetime',
        ['lifetime'],
        'our own code sets this, so its lifetime is ours to state: "unknown" is only for what another company\'s software sets',
        'write the lifetime the code uses, e.g. "30 days" or session',
      );
      return;
    }
    report.add(
      'lifetime/unknown',
      ['lifetime'],
      `the lifetime is "unknown": the policy will say it is not stated by ${entry.provider.name ?? 'the provider'}`,
      'ask the provider, or look it up in their cookie documentation, then write it here',
    );
    return;
  }
  if (lifetime === 'session' || lifetime === 'persistent' || lifetime === 'none') {
    if (!fits(lifetime)) {
      report.add(
        'cookie/lifetime-kind',
        ['lifetime'],
        `a ${kind} entry cannot have the lifetime "${lifetime}"`,
        `use ${(allowed[kind] ?? []).join(' or ')}`,
      );
    }
    return;
  }
  if (lifetime === 'forever') {
    report.add(
      'cookie/lifetime-cap',
      ['lifetime'],
      'no cookie lives forever: browsers keep a cookie at most 400 days (RFC 6265bis §5.5)',
      theirs
        ? 'write lifetime: { statedByProvider: forever, note: … } to show what browsers actually keep'
        : 'use at most "400 days"',
    );
    return;
  }
  if (/^\s*TODO\b/.test(lifetime)) {
    report.add(
      'text/todo',
      ['lifetime'],
      `the lifetime is still a placeholder: "${lifetime.trim().slice(0, 80)}"`,
      theirs
        ? 'write what the provider states, e.g. { statedByProvider: 13 months }, or unknown when they do not say'
        : 'write the lifetime our code uses, e.g. "30 days" or session',
    );
    return;
  }
  const parsed = exact
    ? parseDuration(lifetime, { locales })
    : parseStatedDuration(lifetime, { locales });
  if (!parsed.ok) {
    report.add('cookie/lifetime', ['lifetime'], parsed.reason, parsed.fix);
    return;
  }
  const longest =
    'duration' in parsed
      ? parsed.duration
      : parsed.value.kind === 'range'
        ? parsed.value.to
        : parsed.value;
  if (!fits('a duration')) {
    report.add(
      'cookie/lifetime-kind',
      ['lifetime'],
      `a ${kind} entry cannot have a duration`,
      `use ${(allowed[kind] ?? []).join(' or ')}`,
    );
    return;
  }
  if (exceedsBrowserCap(longest)) {
    report.add(
      'cookie/lifetime-cap',
      ['lifetime'],
      `lifetime "${lifetime}" is longer than browsers keep a cookie (400 days = ${MAX_LIFETIME_SECONDS.toLocaleString('en')} s)`,
      theirs
        ? `write lifetime: { statedByProvider: "${lifetime}" } so the policy shows both`
        : 'use at most "400 days"',
    );
  }
}
