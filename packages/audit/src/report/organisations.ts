import { AuditInputError } from '../errors.js';
import { OCD_ORGANISATIONS, OCD_SOURCE } from './ocd-organisations.js';

/*
 * Who a third-party host belongs to, as the report names it: the user's own list first
 * (--organisations FILE), then the Open Cookie Database's Domain → Data Controller (Apache-2.0;
 * see NOTICE). A host counts as its domain's when only the domain is listed (a dot boundary:
 * evilgoogle.com is not google.com's).
 */

export interface Organisation {
  readonly name: string;
  /** Where the name comes from: the user's file, or the Open Cookie Database. */
  readonly source: 'your list' | 'Open Cookie Database';
}

export interface Organisations {
  of(host: string): Organisation | undefined;
  /** What the report says about the sources it used. */
  readonly sources: readonly string[];
}

const OCD = new Map(OCD_ORGANISATIONS);

/** The lookup: the user's list (parseOrganisations), then the Open Cookie Database's. */
export function organisationsFrom(
  yours: ReadonlyMap<string, string> = new Map(),
  label?: string,
): Organisations {
  return {
    of(host: string) {
      const bare = host.toLowerCase().replace(/:\d+$/, '').replace(/^\./, '').replace(/\.$/, '');
      for (let name = bare; name.includes('.'); name = name.slice(name.indexOf('.') + 1)) {
        const mine = yours.get(name);
        if (mine !== undefined) return { name: mine, source: 'your list' };
      }
      for (let name = bare; name.includes('.'); name = name.slice(name.indexOf('.') + 1)) {
        const known = OCD.get(name);
        if (known !== undefined) return { name: known, source: 'Open Cookie Database' };
      }
      return undefined;
    },
    sources: [
      ...(yours.size > 0 ? [`${label ?? 'your list'} (${yours.size} hosts)`] : []),
      `the Open Cookie Database (${OCD.size} hosts; ${OCD_SOURCE.licence}; ${OCD_SOURCE.source})`,
    ],
  };
}

/** A host name: labels of letters, digits and hyphens (IDNs as punycode). */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/** Above this many hosts a list is not a list of organisations. */
const MAX_HOSTS = 100_000;

/**
 * `--organisations FILE`: a JSON object from host name to organisation,
 * `{ "cdn.example.net": "Example AB" }`. A host covers its subdomains. Throws AuditInputError
 * naming the entry that is wrong.
 */
export function parseOrganisations(text: string, label: string): Map<string, string> {
  const fix =
    'write a JSON object from host name to organisation, e.g. {"cdn.example.net": "Example AB"}';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AuditInputError(
      `--organisations ${label} is not JSON (${(error as Error).message.slice(0, 120)}); ${fix}`,
    );
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new AuditInputError(`--organisations ${label} is not a JSON object; ${fix}`);
  const entries = Object.entries(json);
  if (entries.length > MAX_HOSTS)
    throw new AuditInputError(
      `--organisations ${label} has ${entries.length} hosts, more than ${MAX_HOSTS}; keep the hosts your sites use`,
    );
  const map = new Map<string, string>();
  for (const [key, value] of entries) {
    const host = key.toLowerCase().replace(/^\./, '');
    if (!HOST.test(host))
      throw new AuditInputError(
        `--organisations ${label}: ${JSON.stringify(key).slice(0, 200)} is not a host name (letters, digits, hyphens and dots, e.g. cdn.example.net); ${fix}`,
      );
    if (
      typeof value !== 'string' ||
      value.trim() === '' ||
      value.length > 200 ||
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
      /[\x00-\x1f\x7f-\x9f]/.test(value)
    )
      throw new AuditInputError(
        `--organisations ${label}: the organisation of ${host} is not a name (text of 1 to 200 characters, no control characters); ${fix}`,
      );
    map.set(host, value.trim());
  }
  return map;
}
