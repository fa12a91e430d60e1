import { MAX_LIFETIME_SECONDS } from './cookie-grammar.js';
import { parseStatedDuration } from './lifetime.js';
import type { EntryInput } from './schema.js';

/**
 * How long after its retirement a session cookie (or session storage) is counted as possibly still
 * on devices. A session has no Max-Age to count from, and browsers that restore sessions keep
 * session cookies across restarts (RFC 6265bis §5.7: the user agent decides when a session ends),
 * so "gone when the browser closes" is no certainty. A month covers the browsing sessions people
 * actually keep; it is advice (a warning), never a deletion.
 */
export const RETIRED_SESSION_SECONDS = 30 * 86_400;

/** What the catalog lets us say about how long a retired entry may still be on devices. */
export type TimeOnDevices =
  /** At most this long after the day we stopped setting it; `because` says why, for people. */
  | { readonly kind: 'at-most'; readonly seconds: number; readonly because: string }
  /** Nothing ends it by itself (local storage or a database kept until deleted). */
  | { readonly kind: 'until-deleted' }
  /** The lifetime is not valid; other rules say so. */
  | { readonly kind: 'invalid' };

const CAP = 'browsers keep no cookie longer than 400 days (RFC 6265bis §5.5)';

/**
 * The longest an entry set on the day before it was retired can stay on a device, from the
 * longest lifetime the catalog states for it. For cookies a stated lifetime beyond 400 days, or
 * none at all, counts as the 400 days browsers keep any cookie; a lifetime that also ends after
 * inactivity counts at its longest, since inactivity only ends it sooner.
 */
export function timeOnDevices(entry: EntryInput, locales: readonly string[] = []): TimeOnDevices {
  const cookie = entry.kind === 'cookie';
  const session = (what: string): TimeOnDevices => ({
    kind: 'at-most',
    seconds: RETIRED_SESSION_SECONDS,
    because: `${what}, which counts as gone 30 days after it was last set (browsers that restore sessions keep them across restarts)`,
  });
  const duration = (text: string, stated: boolean): TimeOnDevices => {
    const parsed = parseStatedDuration(text, { locales });
    if (!parsed.ok) return { kind: 'invalid' };
    const { seconds } = parsed.value.kind === 'range' ? parsed.value.to : parsed.value;
    const said = stated ? `the provider states "${text}"` : `its lifetime is "${text}"`;
    if (cookie && seconds > MAX_LIFETIME_SECONDS)
      return { kind: 'at-most', seconds: MAX_LIFETIME_SECONDS, because: `${said}, but ${CAP}` };
    return { kind: 'at-most', seconds, because: said };
  };
  const { lifetime } = entry;
  if (typeof lifetime === 'object') {
    const stated = lifetime.statedByProvider;
    if (stated === 'session') return session('the provider states a browser session');
    if (stated === 'forever')
      return cookie
        ? {
            kind: 'at-most',
            seconds: MAX_LIFETIME_SECONDS,
            because: `the provider says "forever", but ${CAP}`,
          }
        : { kind: 'until-deleted' };
    return duration(typeof stated === 'object' ? stated.to : stated, true);
  }
  switch (lifetime) {
    case 'session':
      return session(cookie ? 'it is a session cookie' : 'it is session storage');
    case 'none':
      return { kind: 'at-most', seconds: 0, because: 'it stores nothing on the device' };
    case 'persistent':
      return { kind: 'until-deleted' };
    case 'unknown':
      return cookie
        ? {
            kind: 'at-most',
            seconds: MAX_LIFETIME_SECONDS,
            because: `its lifetime is not stated, and ${CAP}`,
          }
        : { kind: 'until-deleted' };
    default:
      return duration(lifetime, false);
  }
}
