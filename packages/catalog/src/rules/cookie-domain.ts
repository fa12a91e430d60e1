import { parse } from 'tldts';
import { MAX_ATTRIBUTE_VALUE_BYTES, utf8Length } from '../cookie-grammar.js';

export type DomainCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string; readonly fix: string };

/**
 * A cookie's Domain attribute (bis §4.1.2.3, §5.6): a lowercase host name, no leading or trailing
 * dot, not an IP address and not a public suffix (browsers reject `Domain=co.uk`; `github.io`
 * is on the private part of the Public Suffix List and treated the same).
 */
export function checkCookieDomain(domain: string): DomainCheck {
  if (utf8Length(domain) > MAX_ATTRIBUTE_VALUE_BYTES) {
    return fail(
      `the domain is longer than ${MAX_ATTRIBUTE_VALUE_BYTES} bytes`,
      'use the real host name',
    );
  }
  if (domain.startsWith('.')) {
    return fail(
      `"${domain}" starts with a dot`,
      `write "${domain.replace(/^\.+/, '')}"; browsers ignore the dot`,
    );
  }
  if (domain.endsWith('.')) {
    return fail(`"${domain}" ends with a dot`, `write "${domain.replace(/\.+$/, '')}"`);
  }
  if (domain !== domain.toLowerCase()) {
    return fail(`"${domain}" has capital letters`, `write "${domain.toLowerCase()}"`);
  }
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(domain)) {
    return fail(
      `"${domain}" is not a host name`,
      'use letters, digits, hyphens and dots only, as in the address of the site',
    );
  }
  // A browser parses the host with the WHATWG URL rules first: `127.1`, `0x7f.1` and `1.2.3` are
  // IPv4 addresses there, and a name whose last label is a number (`example.123`) is refused.
  const host = whatwgHost(domain);
  if (host === undefined) {
    return fail(
      `"${domain}" ends in a number, which browsers read as a broken IP address, not a host name`,
      'use the real host name of the site that sets the cookie, as in its address',
    );
  }
  const parsed = parse(domain, { allowPrivateDomains: true });
  if (parsed.isIp || /^\d+(\.\d+){3}$/.test(host)) {
    return fail(
      `"${domain}" is an IP address${host !== domain ? ` (${host} to a browser)` : ''}`,
      'leave out domain so the cookie is host-only',
    );
  }
  if (parsed.domain === null || parsed.publicSuffix === domain) {
    return fail(
      `"${domain}" is a public suffix, shared by unrelated sites; browsers refuse such cookies`,
      'use your own registrable domain (the name your organisation registered, as in controller.website), or leave out domain',
    );
  }
  return { ok: true };
}

function whatwgHost(domain: string): string | undefined {
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return undefined;
  }
}

function fail(reason: string, fix: string): DomainCheck {
  return { ok: false, reason, fix };
}
