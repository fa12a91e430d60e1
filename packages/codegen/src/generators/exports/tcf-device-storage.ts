import {
  type Catalog,
  catalogAndServiceViews,
  type Lifetime,
  type PendingProblem,
  servicePath,
} from '@cookie-catalog/catalog';
import type { Generator } from '../../generator.js';
import { purposeText } from '../html-policy-table/retired-text.js';
import { wildcardName } from './wildcard-name.js';

/*
 * The IAB TCF "Vendor Device Storage & Operational Disclosures" JSON (v1.1): what a vendor
 * publishes at its deviceStorageDisclosureUrl in the Global Vendor List, and what consent tools
 * show people. https://github.com/InteractiveAdvertisingBureau/GDPR-Transparency-and-Consent-Framework
 * (TCFv2/Vendor Device Storage & Operational Disclosures.md)
 */

export const TCF_FILE = 'device-storage.json';

export interface TcfDisclosure {
  readonly identifier: string;
  readonly type: 'cookie' | 'web';
  readonly maxAgeSeconds: number | null;
  readonly cookieRefresh?: boolean;
  readonly domains: readonly string[];
  readonly purposes: readonly number[];
  readonly specialPurposes?: readonly number[];
  readonly description: string;
}

export interface TcfDomain {
  readonly domain: string;
  readonly purposes: readonly number[];
  readonly specialPurposes?: readonly number[];
}

export interface TcfDeviceStorage {
  readonly disclosures: readonly TcfDisclosure[];
  readonly domains: readonly TcfDomain[];
}

export interface TcfOptions {
  /** The language of `description`; the spec suggests English. Default: en, else the default locale. */
  readonly locale: string | undefined;
}

export interface TcfResult {
  readonly document: TcfDeviceStorage;
  /** What the disclosure leaves out because the format cannot state it: one note per entry. */
  readonly leftOut: readonly PendingProblem[];
}

/**
 * Builds the disclosure document. A retired entry is disclosed as before, its description saying
 * since when it is no longer set. An entry the format cannot state (no number of seconds for its
 * lifetime, a name that is all parameter) is left out, with a note saying why and what would
 * let it in: what validate accepts always exports.
 */
export function tcfDeviceStorage(catalog: Catalog, options: TcfOptions): TcfResult {
  const locale = descriptionLocale(catalog, options.locale);
  const categories = new Map(catalog.categories.map((c) => [c.id, c] as const));
  const disclosures: TcfDisclosure[] = [];
  const leftOut: PendingProblem[] = [];
  const domainPurposes = new Map<string, { purposes: Set<number>; special: Set<number> }>();
  const useDomain = (domain: string, purposes: readonly number[], special: readonly number[]) => {
    const seen = domainPurposes.get(domain) ?? { purposes: new Set(), special: new Set() };
    for (const id of purposes) seen.purposes.add(id);
    for (const id of special) seen.special.add(id);
    domainPurposes.set(domain, seen);
  };

  for (const entry of catalog.entries) {
    const category = categories.get(entry.category);
    if (!category) continue; // validated: never happens
    const { purposes, specialPurposes } = category.tcf;
    // Where the cookie page states no domain, one of ours lives on the controller's domains (on
    // one service's disclosure: that service's hosts, where stated, else the domain they are
    // under, where stated); a third party's is never guessed: left out, with a note.
    const stated = entry.attributes?.domain ?? entry.provider.domain;
    const scope = catalog.scope;
    const domains =
      stated !== undefined
        ? [stated]
        : entry.party === 'first'
          ? [
              ...(scope?.hosts ??
                (scope?.domain !== undefined ? [scope.domain] : catalog.controller.domains)),
            ]
          : [];
    for (const domain of domains) useDomain(domain, purposes, specialPurposes);
    if (entry.kind === 'pixel') continue; // stores nothing: a domain, not a disclosure
    if (domains.length === 0) {
      leftOut.push({
        rule: 'export/unknown-domain',
        file: entry.source,
        path: ['name'],
        message: `the TCF disclosure leaves out "${entry.name.pattern}": it states the domain of every cookie and storage key, and the catalog gives none for this one`,
        fix: `to list it, write provider.domain once ${entry.provider.name} or the page says where it lives`,
      });
      continue;
    }
    const identifier = wildcardName(entry.name);
    if (/^\**$/.test(identifier)) {
      leftOut.push({
        rule: 'export/identifier',
        file: entry.source,
        path: ['name'],
        message: entry.group
          ? `the TCF disclosure leaves out the cookies of ${entry.provider.name} listed without names: it lists storage by name, and a lone "*" is not allowed`
          : `the TCF disclosure leaves out "${entry.name.pattern}": its name is all parameter, which the TCF would write as a lone "*" (not allowed)`,
        fix: entry.group
          ? `to list them, write one entry per cookie once ${entry.provider.name} names them`
          : 'to list it, give the name its fixed part, e.g. prefix_{id}',
      });
      continue;
    }
    let maxAgeSeconds: number | null = null;
    if (entry.kind === 'cookie') {
      const seconds = maxAgeOf(entry.lifetime);
      if (seconds === undefined) {
        leftOut.push({
          rule: 'export/unknown-lifetime',
          file: entry.source,
          path: ['lifetime'],
          message: `the TCF disclosure leaves out "${entry.name.pattern}": it states every cookie's lifetime in seconds, and this one is ${entry.lifetime.kind === 'unknown' ? 'unknown' : '"forever", which has no number of seconds'}`,
          fix: `to list it, ask ${entry.provider.name} what expiry it sets and write it (e.g. { statedByProvider: 10 years })`,
        });
        continue;
      }
      maxAgeSeconds = seconds;
    }
    disclosures.push({
      identifier,
      type: entry.kind === 'cookie' ? 'cookie' : 'web',
      maxAgeSeconds,
      ...(entry.kind === 'cookie' && { cookieRefresh: refreshes(entry.lifetime) }),
      domains,
      purposes,
      ...(specialPurposes.length > 0 && { specialPurposes }),
      description: purposeText(entry, locale, catalog),
    });
  }
  const domains = [...domainPurposes.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([domain, { purposes, special }]) => ({
      domain,
      purposes: [...purposes].sort((a, b) => a - b),
      ...(special.size > 0 && { specialPurposes: [...special].sort((a, b) => a - b) }),
    }));
  return { document: { disclosures, domains }, leftOut };
}

/**
 * maxAgeSeconds: a session cookie is 0; a compound lifetime gives its longest part; a provider's
 * stated lifetime counts as stated, also beyond the 400 days browsers keep. Undefined when there
 * is no number to give (unknown, or "forever").
 */
export function maxAgeOf(lifetime: Lifetime): number | undefined {
  switch (lifetime.kind) {
    case 'session':
      return 0;
    case 'duration':
      return lifetime.seconds;
    case 'provider-stated': {
      const { stated, inactivity } = lifetime;
      if (stated.kind === 'forever') return undefined;
      const longest =
        stated.kind === 'session'
          ? 0
          : stated.kind === 'range'
            ? stated.to.seconds
            : stated.seconds;
      return Math.max(longest, inactivity?.seconds ?? 0);
    }
    default:
      return undefined;
  }
}

/** A lifetime that ends after inactivity is renewed on activity: the TCF's cookieRefresh. */
function refreshes(lifetime: Lifetime): boolean {
  return lifetime.kind === 'provider-stated' && lifetime.inactivity !== undefined;
}

function descriptionLocale(catalog: Catalog, wanted: string | undefined): string {
  if (wanted !== undefined && catalog.locales.includes(wanted)) return wanted;
  return catalog.locales.includes('en') ? 'en' : catalog.defaultLocale;
}

export const tcfDeviceStorageGenerator: Generator<TcfOptions> = {
  id: 'json/tcf-device-storage',
  description: 'IAB TCF device storage disclosure JSON (v1.1), for deviceStorageDisclosureUrl',
  outDir: 'packages/docs/src/generated/exports/tcf',
  defaultOptions: { locale: undefined },
  generate(catalog, options) {
    // The whole catalog's disclosure stays at device-storage.json (the URL organisations register
    // in the Global Vendor List); each declared service's is beside it, at services/<id>/.
    return catalogAndServiceViews(catalog).map((view) => ({
      path: servicePath(view, TCF_FILE),
      contents: `${JSON.stringify(tcfDeviceStorage(view, options).document, null, 2)}\n`,
    }));
  },
  notes(catalog, options) {
    return tcfDeviceStorage(catalog, options).leftOut;
  },
};
