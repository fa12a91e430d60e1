import type { Catalog, Problem } from '@cookie-catalog/catalog';
import { type Comparison, compare } from './compare.js';
import { type Pass, runPass } from './observe.js';

export type { Comparison } from './compare.js';
export type { ObservedCookie, ObservedRequest, ObservedStorage, Pass } from './observe.js';
export { CHROMIUM, CHROMIUM_ARGS } from './observe.js';

export interface AuditOptions {
  readonly url: string;
  /** Pages per pass, breadth-first from the start page over same-site links. Default 20. */
  readonly pages?: number;
  /**
   * The after-consent pass: `all` categories that need consent, some of them by id, or `none`
   * (only the before-consent pass runs).
   */
  readonly consent?: 'all' | 'none' | readonly string[];
  /** `name=value` to set instead of the catalog's consent cookie (another site's tool). */
  readonly consentCookie?: string;
  /** Click this on the first page of the after-consent pass (another site's accept button). */
  readonly acceptSelector?: string;
  /** Playwright storage state: audit pages behind a login. */
  readonly storageState?: string;
  readonly progress?: (line: string) => void;
}

export interface AuditResult extends Comparison {
  readonly passes: readonly Pass[];
  readonly problems: Problem[];
}

/**
 * Audits a site against the catalog in two fresh browser profiles: before consent (no answer
 * given) and after consent to the optional categories (through the consent cookie the catalog
 * declares, or --consent-cookie / --accept-selector for another site's tool).
 */
export async function auditSite(catalog: Catalog, options: AuditOptions): Promise<AuditResult> {
  const pages = options.pages ?? 20;
  const base = {
    start: options.url,
    pages,
    ...(options.storageState && { storageState: options.storageState }),
    ...(options.progress && { progress: options.progress }),
  };
  const passes: Pass[] = [await runPass('before consent', base)];
  if (options.consent !== 'none') {
    passes.push(
      await runPass('after consent', {
        ...base,
        cookies: consentCookies(catalog, options),
        ...(options.acceptSelector && { acceptSelector: options.acceptSelector }),
      }),
    );
  }
  const comparison = compare(catalog, options.url, passes);
  return { ...comparison, passes };
}

export type ConsentCookie =
  | { name: string; value: string; url: string }
  | {
      name: string;
      value: string;
      domain: string;
      path: string;
      expires: number;
      httpOnly: boolean;
      secure: boolean;
      sameSite: 'Strict' | 'Lax' | 'None';
    };

/** The consent cookie for the after-consent pass: the catalog's own, or the one given. */
export function consentCookies(
  catalog: Catalog,
  options: Pick<AuditOptions, 'url' | 'consent' | 'consentCookie'>,
): ConsentCookie[] {
  if (options.consentCookie) {
    const equals = options.consentCookie.indexOf('=');
    return [
      {
        name: options.consentCookie.slice(0, equals),
        value: options.consentCookie.slice(equals + 1),
        url: options.url,
      },
    ];
  }
  const settings = catalog.consent;
  const entry = settings && catalog.entries.find((e) => e.id === settings.cookie);
  if (!settings || !entry) return [];
  const granted = (id: string) =>
    options.consent === undefined ||
    options.consent === 'all' ||
    (Array.isArray(options.consent) && options.consent.includes(id));
  const value = {
    version: settings.version,
    given: Math.floor(Date.now() / 1000),
    ...Object.fromEntries(
      catalog.categories.filter((c) => c.consentRequired).map((c) => [c.id, granted(c.id)]),
    ),
  };
  const attributes = entry.attributes;
  const lifetime = entry.lifetime.kind === 'duration' ? entry.lifetime.seconds : 365 * 86_400;
  // As the site's own setter would store it: the declared attributes, so the audit itself adds
  // no finding.
  return [
    {
      name: entry.name.pattern,
      value: encodeURIComponent(JSON.stringify(value)),
      domain: new URL(options.url).hostname,
      path: attributes?.path ?? '/',
      expires: Math.floor(Date.now() / 1000) + lifetime,
      httpOnly: attributes?.httpOnly ?? false,
      secure: attributes?.secure ?? false,
      sameSite: attributes?.sameSite ?? 'Lax',
    },
  ];
}
