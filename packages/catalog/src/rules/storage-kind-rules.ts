import { isOwnCookie } from '../defaults.js';
import type { EntryInput } from '../schema.js';
import { checkCookiePath, checkDomainAttribute } from './attribute-rules.js';
import type { FileReport } from './check-context.js';

/** The lifetimes each kind of storage can have: a session store ends with the tab, a pixel stores nothing. */
export const LIFETIMES_BY_KIND: Readonly<Record<string, readonly string[]>> = {
  cookie: ['session', 'a duration'],
  localStorage: ['persistent', 'a duration'],
  sessionStorage: ['session'],
  indexedDB: ['persistent', 'a duration'],
  cacheStorage: ['persistent', 'a duration'],
  pixel: ['none'],
};

/**
 * What an entry declares beyond its lifetime depends on its kind and on who sets it: cookie
 * attributes and a value only for cookies our own code sets (a vendor's cookie: only where it is
 * set), nothing stored by a pixel.
 */
export function checkKindDeclarations(report: FileReport, entry: EntryInput): void {
  const { provider, setBy, kind } = entry;
  const ownCookie = isOwnCookie(entry);
  // Cookies our code sets may leave attributes and value out: the safe defaults apply
  // (defaults.ts). What others set is described, never configured, by us.
  // Another company's software on our domain, or a cookie of ours the page does not say who sets:
  // we can say where it lives, so that withdrawal can delete it, but not configure it.
  const vendorLocation =
    (setBy === 'vendor' || (setBy === undefined && provider.party === 'first')) &&
    kind === 'cookie' &&
    entry.attributes !== undefined &&
    Object.keys(entry.attributes).every(
      (key) => key === 'path' || key === 'domain' || key === 'partitioned',
    );
  if (vendorLocation) {
    // Withdrawing consent deletes the cookie with exactly this Path and Domain, in a Set-Cookie
    // header of our own: they must be what a browser accepts and cannot end the header early.
    const { path, domain } = entry.attributes ?? {};
    if (path !== undefined) checkCookiePath(report, path);
    if (domain !== undefined) checkDomainAttribute(report, domain);
  } else if (!ownCookie && entry.attributes) {
    report.add(
      'entry/attributes',
      ['attributes'],
      kind !== 'cookie'
        ? `a ${kind} entry has no cookie attributes`
        : setBy === 'vendor'
          ? `${provider.name ?? 'the vendor'}'s software sets this cookie, so its attributes are not ours to declare`
          : 'we cannot decide the attributes of a cookie a third party sets',
      setBy === 'vendor' && kind === 'cookie'
        ? 'keep only path, domain and partitioned (where the vendor sets it, so that withdrawing consent can delete it), or remove the attributes: block'
        : 'remove the attributes: block',
      { key: true },
    );
  }
  if (!ownCookie && kind === 'cookie' && entry.value) {
    report.add(
      'entry/value',
      ['value'],
      'only cookies our own code sets declare their value: setters and readers are generated for them alone',
      'remove value:',
      { key: true },
    );
  }
  if (kind === 'pixel' && entry.value) {
    report.add(
      'entry/value',
      ['value'],
      'a pixel stores nothing, so it has no value',
      'remove value:',
      {
        key: true,
      },
    );
  }
}
