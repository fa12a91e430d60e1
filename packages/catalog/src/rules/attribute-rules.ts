import {
  cookiePrefixOf,
  describeCharacter,
  MAX_ATTRIBUTE_VALUE_BYTES,
  utf8Length,
} from '../cookie-grammar.js';
import type { EffectiveAttributes } from '../defaults.js';
import { parseNamePattern } from '../name-pattern.js';
import type { EntryInput } from '../schema.js';
import type { FileReport } from './check-context.js';
import { checkCookieDomain } from './cookie-domain.js';
import { printable } from './printable.js';

/** The Set-Cookie attributes of a cookie our code sets, as browsers will judge them. */
export function checkAttributes(
  report: FileReport,
  entry: EntryInput,
  attributes: EffectiveAttributes,
): void {
  const { secure, httpOnly, sameSite, path, domain, partitioned } = attributes;
  if (sameSite === 'None' && !secure) {
    report.add(
      'cookie/same-site',
      ['attributes', 'sameSite'],
      'SameSite=None without Secure is rejected by browsers',
      'set secure: true, or use sameSite: Lax',
    );
  }
  if (partitioned && !secure) {
    report.add(
      'cookie/partitioned',
      ['attributes', 'partitioned'],
      'a Partitioned cookie must also be Secure, or browsers drop it',
      'set secure: true',
    );
  }
  if (httpOnly && entry.setBy === 'client') {
    report.add(
      'cookie/http-only-script',
      ['attributes', 'httpOnly'],
      'page scripts cannot set an HttpOnly cookie',
      'set httpOnly: false, or setBy: server',
    );
  }
  if (entry.attributes?.path !== undefined) checkCookiePath(report, path);
  if (domain !== undefined) checkDomainAttribute(report, domain);
  checkPatternPrefix(report, entry, attributes);
  const prefix = cookiePrefixOf(entry.name);
  if (prefix) {
    const needs: string[] = [];
    if (!secure) needs.push('secure: true');
    if (prefix.startsWith('__Host-') && path !== '/') needs.push('path: /');
    if (prefix.startsWith('__Host-') && domain !== undefined) needs.push('no domain');
    if (prefix.endsWith('Http-') && !httpOnly) needs.push('httpOnly: true');
    if (needs.length > 0) {
      report.add(
        'cookie/prefix',
        ['name'],
        `a name starting with "${entry.name.slice(0, prefix.length)}" (the ${prefix} prefix; browsers match it in any case) needs ${needs.join(', ')}, or browsers reject the cookie`,
        `set ${needs.join(', ')} in attributes`,
      );
    }
  }
}

const PREFIXES = ['__Host-Http-', '__Host-', '__Http-', '__Secure-'] as const;

/**
 * A name pattern whose parameter can complete a cookie prefix (`__{kind}-s` can be `__Host-s`,
 * `{x}` can be anything): browsers would then demand the prefix's attributes (bis §4.1.3), and
 * the generated setter would send a cookie they reject. Fine when the attributes already meet
 * every prefix the pattern can reach.
 */
function checkPatternPrefix(
  report: FileReport,
  entry: EntryInput,
  attributes: NonNullable<EntryInput['attributes']>,
): void {
  const parsed = parseNamePattern(entry.name);
  if (!parsed.ok) return;
  const first = parsed.parts[0];
  const lead = (first?.type === 'literal' ? first.text : '').toLowerCase();
  if (!parsed.parts.some((part) => part.type === 'parameter')) return;
  // Prefixes the name could still turn into once a parameter fills in the rest.
  const reachable = PREFIXES.filter(
    (prefix) => lead.length < prefix.length && prefix.toLowerCase().startsWith(lead),
  );
  const needs = new Set<string>();
  const { secure, httpOnly, path = '/', domain } = attributes;
  for (const prefix of reachable) {
    if (!secure) needs.add('secure: true');
    if (prefix.startsWith('__Host-') && path !== '/') needs.add('path: /');
    if (prefix.startsWith('__Host-') && domain !== undefined) needs.add('no domain');
    if (prefix.endsWith('Http-') && !httpOnly) needs.add('httpOnly: true');
  }
  if (needs.size === 0) return;
  report.add(
    'cookie/prefix',
    ['name'],
    `the name pattern "${printable(entry.name)}" can produce a name starting with ${reachable.join(' or ')} (browsers match prefixes in any case), which needs ${[...needs].join(', ')}, or browsers reject the cookie`,
    'start the name with fixed text that no prefix begins with, e.g. "app-{…}", or set the attributes the prefix needs',
  );
}

/**
 * A `Path` attribute as written in the catalog (attributes.path): of our own cookie, or where a
 * vendor's cookie lives, which withdrawing consent deletes with exactly that Path.
 */
export function checkCookiePath(report: FileReport, path: string): void {
  const bad = firstUnsafeAttributeChar(path);
  if (!path.startsWith('/')) {
    report.add(
      'cookie/path',
      ['attributes', 'path'],
      `the path "${printable(path)}" does not start with "/"`,
      `write "/${path}"`,
    );
  } else if (bad) {
    report.add(
      'cookie/path',
      ['attributes', 'path'],
      `the path contains ${describeCharacter(bad.char)}, which would end or corrupt the Set-Cookie header`,
      'remove it; percent-encode anything unusual',
      { charIndex: bad.index },
    );
  } else if (/[^\x20-\x7e]/u.test(path)) {
    // A header carries bytes: Node refuses U+2028 outright (ERR_INVALID_CHAR) and sends "ä" as
    // one Latin-1 byte, while the browser compares paths as percent-encoded UTF-8.
    const index = path.search(/[^\x20-\x7e]/u);
    report.add(
      'cookie/path',
      ['attributes', 'path'],
      `the path contains ${describeCharacter([...path.slice(index)][0] ?? '')}; a Set-Cookie header carries only ASCII`,
      `write it percent-encoded, as the browser's address bar does: "${encodeURI(path.replace(/[\u2028\u2029]/g, ''))}"`,
      { charIndex: index },
    );
  } else if (utf8Length(path) > MAX_ATTRIBUTE_VALUE_BYTES) {
    report.add(
      'cookie/path',
      ['attributes', 'path'],
      `the path is ${utf8Length(path)} bytes; browsers ignore attributes over ${MAX_ATTRIBUTE_VALUE_BYTES} bytes`,
      'use a shorter path',
    );
  }
}

/** A `Domain` attribute as written in the catalog (attributes.domain), of ours or a vendor's cookie. */
export function checkDomainAttribute(report: FileReport, domain: string): void {
  const checked = checkCookieDomain(domain);
  if (!checked.ok)
    report.add('cookie/domain', ['attributes', 'domain'], checked.reason, checked.fix);
}

/** Control characters and ";" end or corrupt a Set-Cookie attribute (bis §4.1.1). */
function firstUnsafeAttributeChar(text: string): { char: string; index: number } | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  const match = /[\u0000-\u001f\u007f;]/.exec(text);
  return match ? { char: match[0], index: match.index } : undefined;
}
