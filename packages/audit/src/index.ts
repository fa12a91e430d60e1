import { randomBytes } from 'node:crypto';
import type { Catalog } from '@cookie-catalog/catalog';
import type { Baseline } from './drift.js';
import { AuditInputError } from './errors.js';
import { type AuditResult, judge, type RunFacts } from './judge.js';
import {
  discoverPages,
  type Pass,
  type PassOptions,
  runPass,
  THIRD_PARTY_COOKIES_ALLOWED,
} from './observe.js';
import { AUDIT_VERSION, type AuditProvenance } from './report/provenance.js';
import { type Shard, shareOf, urlSetHash } from './shard.js';
import type { UrlSet } from './url-set.js';

export type { BannerControl, BannerObservation } from './banner.js';
export type { Comparison, FindingSource, FindingSubject } from './compare.js';
export {
  BASELINE_MAX_BYTES,
  type Baseline,
  inventoryOf,
  parseBaseline,
  roundedLifetime,
  SCHEMA_VERSION,
} from './drift.js';
export { AuditInputError, StartPageError } from './errors.js';
export type { FirstView } from './first-view.js';
export { type AuditResult, judge, type RunFacts } from './judge.js';
export { mergeShards, parseShardResult, type ShardResult } from './merge.js';
export type {
  ObservedCookie,
  ObservedRequest,
  ObservedStorage,
  Pass,
  PassName,
  PassNote,
} from './observe.js';
export { CHROMIUM, CHROMIUM_ARGS, LIMITS } from './observe.js';
export {
  type AuditJson,
  type AuditJsonProblem,
  auditJson,
  auditJsonText,
  parseAuditJson,
  REPORT_JSON_MAX_BYTES,
} from './report/audit-json.js';
export { type HtmlReportOptions, renderAuditHtml } from './report/html.js';
export {
  type Organisations,
  organisationsFrom,
  parseOrganisations,
} from './report/organisations.js';
export { AUDIT_VERSION, type AuditProvenance } from './report/provenance.js';
export { redactUrls } from './report/redact.js';
export { normaliseUrl, parseShard, type Shard, shardOf, shareOf } from './shard.js';
export { readStorageState, type StorageState } from './storage-state.js';
export { readSitemap, readUrlList, SITEMAP_LIMITS, type UrlSet } from './url-set.js';

/**
 * The passes an audit can make, each a fresh browser profile: `before` (nobody answered),
 * `after` (accepted), `reject` (the banner's reject clicked; the banner measured first), `gpc`
 * (Global Privacy Control on, then accepted).
 */
export const PASSES = ['before', 'after', 'reject', 'gpc'] as const;
export type PassChoice = (typeof PASSES)[number];

/** The generated banner's controls (packages/codegen … ts-consent/question.hbs). */
export const BANNER_ACCEPT = '.cookie-consent button[value="accept"]';
export const BANNER_REJECT = '.cookie-consent button[value="reject"]';

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
  /**
   * The passes to make, in this order. Default: before and after (before only with consent
   * `none`); reject and gpc add a browser profile each.
   */
  readonly passes?: readonly PassChoice[];
  /** Click this to reject in the reject pass (default: the catalog's generated banner's). */
  readonly rejectSelector?: string;
  /** Playwright storage state: audit pages behind a login. */
  readonly storageState?: string;
  /** An earlier run (parseBaseline): what is new, gone or changed since then become findings. */
  readonly baseline?: Baseline;
  /**
   * A logged-in run's evidence, made fit to share: no screenshots are taken (and auditJson
   * leaves query strings out of every address).
   */
  readonly redact?: boolean;
  /** The tool that runs the audit, for the provenance: `cookie-catalog 1.2.0`. */
  readonly tool?: string;
  /** Pages open at once in each pass (default LIMITS.tabs). */
  readonly concurrency?: number;
  /** How long each page stays open after its load event (default LIMITS.lateStorageMs). */
  readonly lateStorageMs?: number;
  /**
   * The pages, known in advance (readSitemap, readUrlList) instead of followed links: the start
   * page and these, at most `pages` of them when `pages` is given.
   */
  readonly urlSet?: UrlSet;
  /**
   * Audit only this share of the pages: of `urlSet`, or of what a discovery pass finds (every
   * shard repeats it). `cookie-catalog audit merge` joins the shards' results.
   */
  readonly shard?: Shard;
  readonly progress?: (line: string) => void;
}

/**
 * The start address, checked: an http(s) URL a browser can go to. Throws AuditInputError (the
 * CLI's exit 2) otherwise.
 */
export function startUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AuditInputError(
      `"${text}" is not an address; give the http(s) address of a page, e.g. https://example.com`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AuditInputError(
      `"${text}" is not an http(s) address; give the address of a page, e.g. https://example.com`,
    );
  return url.href;
}

/** A cookie name: an RFC 9110 token (RFC 6265bis §4.1.1). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * `--consent-cookie name=value`, checked: a token for the name, and a value without `;`, spaces
 * or control characters (which would end or split the cookie). Throws AuditInputError.
 */
export function parseConsentCookie(text: string): { name: string; value: string } {
  const equals = text.indexOf('=');
  const name = equals === -1 ? text : text.slice(0, equals);
  const value = equals === -1 ? '' : text.slice(equals + 1);
  const fix = "give it as name=value, e.g. --consent-cookie 'consent=all'";
  if (equals === -1)
    throw new AuditInputError(`--consent-cookie "${text}" has no "=" and so no value; ${fix}`);
  if (!TOKEN.test(name))
    throw new AuditInputError(
      `--consent-cookie "${text}": "${name}" is not a cookie name (letters, digits and !#$%&'*+-.^_\`|~ only, RFC 6265bis §4.1.1); ${fix}`,
    );
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if (/[;\s\x00-\x1f\x7f]/.test(value))
    throw new AuditInputError(
      `--consent-cookie "${text}": the value has a ";", a space or a control character, which would end the cookie; encode it (encodeURIComponent)`,
    );
  return { name, value };
}

/**
 * Audits a site against the catalog in two fresh browser profiles: before consent (no answer
 * given) and after consent to the optional categories (through the consent cookie the catalog
 * declares, or --consent-cookie / --accept-selector for another site's tool).
 */
export async function auditSite(catalog: Catalog, options: AuditOptions): Promise<AuditResult> {
  const start = startUrl(options.url);
  const startedAt = new Date().toISOString();
  const pages = options.pages ?? (options.urlSet ? Number.POSITIVE_INFINITY : 20);
  const shared = {
    ...(options.storageState && { storageState: options.storageState }),
    ...(options.progress && { progress: options.progress }),
    ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
  };
  // The pages split between shards: the start page first, then the set, up to the page limit.
  let set: { source: string; urls: string[] } | undefined;
  if (options.urlSet)
    set = {
      source: options.urlSet.source,
      urls: [start, ...options.urlSet.urls.filter((u) => u !== start)].slice(0, pages),
    };
  else if (options.shard)
    set = { source: 'discovery', urls: await discoverPages({ ...shared, start, pages }) };
  const urls = set && (options.shard ? shareOf(set.urls, options.shard) : set.urls);
  const base = {
    start,
    pages: Number.isFinite(pages) ? pages : Number.MAX_SAFE_INTEGER,
    ...shared,
    ...(options.redact && { screenshot: false }),
    ...(options.lateStorageMs !== undefined && { lateStorageMs: options.lateStorageMs }),
    ...(urls && { urls }),
  };
  const chosen = new Set<PassChoice>(
    options.passes ?? (options.consent === 'none' ? ['before'] : ['before', 'after']),
  );
  const accepted: PassOptions = {
    ...base,
    cookies: consentCookies(catalog, options),
    ...(options.acceptSelector && { acceptSelector: options.acceptSelector }),
  };
  const passes: Pass[] = [];
  if (chosen.has('before')) passes.push(await runPass('before consent', base));
  if (chosen.has('after')) passes.push(await runPass('after consent', accepted));
  if (chosen.has('reject')) {
    const reject = options.rejectSelector ?? BANNER_REJECT;
    passes.push(
      await runPass('after reject', {
        ...base,
        rejectSelector: reject,
        checkBanner: { accept: options.acceptSelector ?? BANNER_ACCEPT, reject },
      }),
    );
  }
  // With GPC the visitor still says yes to everything: what an advertising category stores then
  // is what GPC alone must hold back.
  if (chosen.has('gpc'))
    passes.push(await runPass('gpc, after consent', { ...accepted, gpc: true }));
  const run: RunFacts = {
    catalogVersion: catalog.version,
    start,
    passes: passes.map((p) => p.name),
    consent: options.consent ?? 'all',
    ...(set && {
      urlSet: { source: set.source, pages: set.urls.length, sha256: urlSetHash(set.urls) },
    }),
    ...(options.shard && { shard: options.shard }),
  };
  const view = passes.find((p) => p.firstView)?.firstView;
  const provenance: AuditProvenance = {
    startedAt,
    finishedAt: new Date().toISOString(),
    tool: options.tool ?? `@cookie-catalog/audit ${AUDIT_VERSION}`,
    auditVersion: AUDIT_VERSION,
    catalogVersion: catalog.version,
    browser: {
      version: view?.browserVersion ?? 'unknown',
      userAgent: view?.userAgent ?? 'unknown',
      viewport: view?.viewport ?? { width: 0, height: 0 },
      thirdPartyCookies: THIRD_PARTY_COOKIES_ALLOWED ? 'allowed' : 'blocked',
    },
    pageLimit: Number.isFinite(pages) ? pages : (set?.urls.length ?? 0),
    redacted: options.redact === true,
  };
  return { ...judge(catalog, run, passes, options.baseline), provenance };
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
  if (options.consentCookie !== undefined) {
    return [{ ...parseConsentCookie(options.consentCookie), url: startUrl(options.url) }];
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
    // A consent id of the audit's own: the site's records (if any) show the audit's answers apart.
    id: randomBytes(16).toString('hex'),
    // With services, the consent cookie says which categories were answered: all of them here.
    ...(catalog.services.some((s) => !s.implicit) && {
      answered: catalog.categories
        .filter((c) => c.consentRequired)
        .map((c) => c.id)
        .join(','),
    }),
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
