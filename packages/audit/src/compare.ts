import {
  type Catalog,
  type CatalogEntry,
  createProblem,
  isFirstPartyCookie,
  nameMatcherSource,
  type Problem,
  type RuleId,
  type Service,
} from '@cookie-catalog/catalog';
import { getDomain } from 'tldts';
import { checkBanner } from './banner.js';
import type { ObservedCookie, ObservedRequest, ObservedStorage, Pass } from './observe.js';

/*
 * What the browser saw, held against the catalog. Findings share validate's shape, with the page
 * (a URL) as the place: undeclared cookies, storage keys and tracking requests, optional cookies
 * before consent, lifetimes longer and attributes weaker than declared, and where the catalog
 * declares services, what a service's host holds that the catalog lists only on another service
 * (errors); other hosts the pages contacted, and entries never seen (notes).
 */

const MINUTE = 60;
const SAME_SITE_RANK = { None: 0, Lax: 1, Strict: 2 } as const;

function siteOf(host: string): string {
  const bare = host.replace(/^\./, '').replace(/:\d+$/, '');
  return getDomain(bare, { allowPrivateDomains: true }) ?? bare;
}

/**
 * The host is the domain or one of its subdomains: on a dot boundary, so attackerzendesk.com is
 * not zendesk.com's (a cookie's leading dot and letter case do not matter).
 */
function onDomain(host: string, domain: string | undefined): boolean {
  // Where the catalog states no domain (the cookie page gives none), the name alone matches.
  if (domain === undefined) return true;
  const h = host.replace(/^\./, '').toLowerCase();
  const d = domain.replace(/^\./, '').toLowerCase();
  return h === d || h.endsWith(`.${d}`);
}

/**
 * The declared service `host` belongs to: the one whose stated hosts include it; else the one
 * service that could own it, when exactly one could: without stated hosts, and stating a domain
 * the host is under. Where two could (a platform and a help centre both stated only as under
 * billogram.com), or a service states neither hosts nor domain (it could be anywhere), the host's
 * service is left unknown (undefined): a guess would hold the page against another service's
 * entries and report what belongs there as a finding.
 */
function serviceOfHost(catalog: Catalog, host: string): Service | undefined {
  const bare = host.replace(/^\./, '').toLowerCase();
  const declared = catalog.services.filter((s) => !s.implicit);
  const stated = declared.find((s) => s.hosts?.includes(bare));
  if (stated) return stated;
  const couldOwn = declared.filter(
    (s) => s.hosts === undefined && (s.domain === undefined || onDomain(bare, s.domain)),
  );
  const [only] = couldOwn;
  return couldOwn.length === 1 && only?.domain !== undefined ? only : undefined;
}

/** Whether an entry is on a service: listed there, or a Domain cookie the browser sends there. */
function isOnService(entry: CatalogEntry, service: Service): boolean {
  return entry.services.includes(service.id) || (entry.reaches ?? []).includes(service.id);
}

const nameRegExp = (entry: CatalogEntry) => new RegExp(nameMatcherSource(entry.name));

const at = (url: string) => ({ file: url, line: 0, column: 0 });

export interface Comparison {
  readonly problems: Problem[];
  /** The observations no entry declares: what `--propose` drafts. */
  readonly undeclared: readonly (
    | { readonly kind: 'cookie'; readonly cookie: ObservedCookie }
    | { readonly kind: 'storage'; readonly storage: ObservedStorage }
    | { readonly kind: 'request'; readonly request: ObservedRequest }
  )[];
  /**
   * Where each finding comes from, for the HTML report: the pass that saw it first and the
   * cookie, storage key or request it is about (absent for the banner and entries not seen).
   */
  readonly sources: ReadonlyMap<Problem, FindingSource>;
}

/** A finding's evidence: what the report puts it next to. */
export type FindingSubject =
  | {
      readonly kind: 'cookie';
      readonly name: string;
      readonly domain: string;
      readonly path: string;
    }
  | {
      readonly kind: 'storage';
      readonly storage: ObservedStorage['kind'];
      readonly origin: string;
      readonly key: string;
    }
  | { readonly kind: 'request'; readonly host: string };

export interface FindingSource {
  readonly pass?: Pass['name'];
  readonly subject?: FindingSubject;
}

export function compare(catalog: Catalog, start: string, passes: readonly Pass[]): Comparison {
  const site = siteOf(new URL(start).hostname);
  const problems: Problem[] = [];
  const undeclared: Comparison['undeclared'][number][] = [];
  const sources = new Map<Problem, FindingSource>();
  /** The pass and the observation being held against the catalog: each finding's source. */
  let source: { pass?: Pass['name']; subject?: FindingSubject } = {};
  const add = (rule: RuleId, url: string, message: string, fix: string) => {
    const problem = createProblem(rule, at(url), message, fix);
    problems.push(problem);
    sources.set(problem, source);
  };
  const optional = new Set(catalog.categories.filter((c) => c.consentRequired).map((c) => c.id));
  // Domains the catalog treats as ours: where first-party entries live.
  const own = new Set(
    catalog.entries.filter((e) => e.party === 'first').map((e) => e.provider.domain),
  );
  const seenEntries = new Set<string>();
  const reported = new Set<string>();
  const once = (key: string) => !reported.has(key) && reported.add(key) !== undefined;

  // A third party's entry without a domain matches by name alone: say so, once per entry.
  const nameOnly = (entry: CatalogEntry, page: string, where: string) => {
    if (entry.party !== 'third' || entry.provider.domain !== undefined) return;
    if (!once(`name-only|${entry.id}`)) return;
    add(
      'audit/name-only',
      page,
      `${where} counts as ${entry.id} by its name alone: the catalog states no domain for it, so the same name from any site would count as declared`,
      `write provider.domain in ${entry.source} once the cookie page or ${entry.provider.name} says where it lives`,
    );
  };

  // Where the catalog declares services with hosts: what a host holds is held against its own
  // service's entries. A host-only cookie lives on the host that holds it; a Domain cookie and
  // storage on the page's host.
  const visited = new Set<string>();
  const otherService = (entry: CatalogEntry, host: string, page: string, where: string) => {
    const service = serviceOfHost(catalog, host);
    if (!service) return;
    visited.add(service.id);
    if (isOnService(entry, service) || !once(`other-service|${entry.id}|${service.id}`)) return;
    const names = (ids: readonly string[]) =>
      ids
        .map((id) => {
          const on = catalog.services.find((s) => s.id === id);
          return `${id} (${on?.name[catalog.defaultLocale] ?? id})`;
        })
        .join(', ');
    add(
      'audit/other-service',
      page,
      `${where} (${entry.id}) is stored on ${host}, a host of the service ${names([service.id])}, but the catalog lists it only on ${names(entry.services)}`,
      `if ${service.id} uses it, add ${service.id} to services: in ${entry.source}; if not, find what sets it on ${host} and stop it`,
    );
  };

  const matchCookie = (cookie: ObservedCookie): CatalogEntry | undefined => {
    const onSite = siteOf(cookie.domain) === site;
    return catalog.entries.find(
      (e) =>
        e.kind === 'cookie' &&
        nameRegExp(e).test(cookie.name) &&
        (onSite
          ? e.party === 'first' || own.has(e.provider.domain)
          : e.party === 'third' && onDomain(cookie.domain, e.provider.domain)),
    );
  };

  // Categories the catalog maps to advertising (Consent Mode ad_storage, ad_user_data, …).
  const advertising = new Set(
    catalog.categories
      .filter((c) => c.consentMode.some((type) => type.startsWith('ad_')))
      .map((c) => c.id),
  );
  /** What a pass after a refusal, or with GPC, must not hold: a finding per entry and pass. */
  const refused = (
    pass: Pass,
    entry: CatalogEntry,
    page: string,
    where: string,
    setBy: string | undefined,
  ) => {
    const evidence = setBy ? `, set by ${setBy}` : '';
    if (pass.name === 'after reject' && optional.has(entry.category)) {
      if (once(`after-reject|${entry.id}`))
        add(
          'audit/after-reject',
          page,
          `${where} (${entry.id}, category ${entry.category}) is stored after the visitor rejected${evidence}`,
          'set it only when the answer grants its category (hasConsent), not when there is any answer; a refusal is as final as a yes',
        );
    }
    if (pass.name === 'gpc, after consent' && advertising.has(entry.category)) {
      if (once(`gpc|${entry.id}`))
        add(
          'audit/gpc-advertising',
          page,
          `${where} (${entry.id}, category ${entry.category}, an advertising category) is stored although the browser sends Global Privacy Control${evidence}`,
          'treat Sec-GPC: 1 (navigator.globalPrivacyControl) as a refusal of the advertising categories, even after "accept all"',
        );
    }
  };
  for (const pass of passes) {
    source = { pass: pass.name };
    if (pass.banner) checkBanner(pass.banner, start, add);
    const before = pass.name === 'before consent';
    for (const cookie of pass.cookies) {
      const { name, domain, path } = cookie;
      source = { pass: pass.name, subject: { kind: 'cookie', name, domain, path } };
      const entry = matchCookie(cookie);
      const where = `${cookie.name} (${cookie.domain}${cookie.path})`;
      if (!entry) {
        if (once(`undeclared-cookie|${cookie.name}|${cookie.domain}`)) {
          add(
            'audit/undeclared-cookie',
            cookie.page,
            `the cookie ${where} is stored${cookie.setBy ? `, set by ${cookie.setBy}` : ' (found in the cookie jar; who set it was not seen)'}, but the catalog does not declare it`,
            'declare it in catalog/cookies/ (cookie-catalog audit --propose DIR drafts the file), or stop setting it',
          );
          undeclared.push({ kind: 'cookie', cookie });
        }
        continue;
      }
      seenEntries.add(entry.id);
      nameOnly(entry, cookie.page, where);
      otherService(
        entry,
        cookie.domain.startsWith('.') ? new URL(cookie.page).hostname : cookie.domain,
        cookie.page,
        where,
      );
      if (before && optional.has(entry.category) && once(`before|${entry.id}`)) {
        add(
          'audit/before-consent',
          cookie.page,
          `${where} (${entry.id}, category ${entry.category}) is stored before the visitor answered the consent question`,
          'set it only after consent to its category (hasConsent), or hold its script back (activateConsentedScripts)',
        );
      }
      refused(pass, entry, cookie.page, where, cookie.setBy);
      checkLifetime(cookie, entry, once, add);
      checkAttributes(cookie, entry, once, add);
    }
    for (const item of pass.storage) {
      source = {
        pass: pass.name,
        subject: { kind: 'storage', storage: item.kind, origin: item.origin, key: item.key },
      };
      const onSite = siteOf(new URL(item.origin).hostname) === site;
      const entry = catalog.entries.find(
        (e) =>
          e.kind === item.kind &&
          nameRegExp(e).test(item.key) &&
          (onSite
            ? e.party === 'first' || own.has(e.provider.domain)
            : onDomain(new URL(item.origin).hostname, e.provider.domain)),
      );
      const where = `${item.kind} key "${item.key}" of ${item.origin}`;
      if (!entry) {
        if (once(`undeclared-storage|${item.kind}|${item.origin}|${item.key}`)) {
          add(
            'audit/undeclared-storage',
            item.page,
            `the ${where} is stored, but the catalog does not declare it`,
            `declare it in catalog/cookies/ with kind: ${item.kind}, or stop storing it`,
          );
          undeclared.push({ kind: 'storage', storage: item });
        }
        continue;
      }
      seenEntries.add(entry.id);
      nameOnly(entry, item.page, where);
      otherService(entry, new URL(item.origin).hostname, item.page, `the ${where}`);
      if (before && optional.has(entry.category) && once(`before|${entry.id}`)) {
        add(
          'audit/before-consent',
          item.page,
          `the ${where} (${entry.id}, category ${entry.category}) is stored before the visitor answered the consent question`,
          'store it only after consent to its category',
        );
      }
      refused(pass, entry, item.page, `the ${where}`, undefined);
    }
    for (const request of pass.requests) {
      source = { pass: pass.name, subject: { kind: 'request', host: request.host } };
      if (checkRequest(catalog, request, seenEntries, once, add))
        undeclared.push({ kind: 'request', request });
    }
  }
  // With services, only the entries of the services whose hosts the pages reached can be missed.
  for (const page of passes.flatMap((p) => p.pages)) {
    const service = serviceOfHost(catalog, new URL(page).hostname);
    if (service) visited.add(service.id);
  }
  source = {};
  for (const entry of catalog.entries) {
    if (entry.kind === 'pixel' || seenEntries.has(entry.id)) continue;
    if (visited.size > 0 && !entry.services.some((id) => visited.has(id))) continue;
    add(
      'audit/not-seen',
      start,
      `${entry.id} (${entry.name.pattern}) was declared but not seen on the pages visited`,
      'check that the pages visited use it (a login: --storage-state), or remove the entry if it is gone',
    );
  }
  return { problems, undeclared, sources };
}

function declaredSeconds(entry: CatalogEntry): number | 'session' | undefined {
  const { lifetime } = entry;
  if (lifetime.kind === 'session') return 'session';
  if (lifetime.kind === 'duration') return lifetime.seconds;
  if (lifetime.kind === 'provider-stated')
    return lifetime.stated.kind === 'session' && !lifetime.inactivity
      ? 'session'
      : lifetime.keptSeconds;
  return undefined;
}

function checkLifetime(
  cookie: ObservedCookie,
  entry: CatalogEntry,
  once: (key: string) => boolean,
  add: (rule: RuleId, url: string, message: string, fix: string) => void,
): void {
  const declared = declaredSeconds(entry);
  if (declared === undefined || cookie.expires === -1) return;
  const kept = cookie.expires - cookie.seenAt;
  const longer = declared === 'session' ? true : kept > declared + MINUTE;
  if (longer && once(`lifetime|${entry.id}`)) {
    add(
      'audit/lifetime',
      cookie.page,
      `${cookie.name} is kept ${Math.round(kept)} s, longer than the catalog declares for ${entry.id} (${declared === 'session' ? 'this session' : `${declared} s`})`,
      isFirstPartyCookie(entry)
        ? `set it with set${entry.functionName}, which uses the declared lifetime`
        : 'correct the declared lifetime to what the provider sets',
    );
  }
}

function checkAttributes(
  cookie: ObservedCookie,
  entry: CatalogEntry,
  once: (key: string) => boolean,
  add: (rule: RuleId, url: string, message: string, fix: string) => void,
): void {
  if (!isFirstPartyCookie(entry)) return;
  const declared = entry.attributes;
  const weaker: string[] = [];
  if (declared.httpOnly && !cookie.httpOnly) weaker.push('HttpOnly is missing');
  if (declared.secure && !cookie.secure) weaker.push('Secure is missing');
  if (SAME_SITE_RANK[cookie.sameSite] < SAME_SITE_RANK[declared.sameSite])
    weaker.push(`SameSite=${cookie.sameSite} instead of ${declared.sameSite}`);
  const domainCookie = cookie.domain.startsWith('.');
  if (
    declared.domain === undefined
      ? domainCookie
      : domainCookie && declared.domain.endsWith(`.${cookie.domain.slice(1)}`)
  )
    weaker.push(
      `Domain=${cookie.domain.replace(/^\./, '')} is wider than declared (${declared.domain ?? 'host-only'})`,
    );
  if (cookie.path !== declared.path) weaker.push(`Path=${cookie.path} instead of ${declared.path}`);
  if (weaker.length > 0 && once(`attributes|${entry.id}`)) {
    add(
      'audit/attributes',
      cookie.page,
      `${cookie.name} is stored with weaker attributes than declared: ${weaker.join('; ')}`,
      `set it with set${entry.functionName} from the server package, which always sends the declared attributes`,
    );
  }
}

/** Reports a request; true when it is an undeclared tracking request (first time seen). */
function checkRequest(
  catalog: Catalog,
  request: ObservedRequest,
  seenEntries: Set<string>,
  once: (key: string) => boolean,
  add: (rule: RuleId, url: string, message: string, fix: string) => void,
): boolean {
  const tracking =
    request.type === 'ping' ||
    request.type === 'beacon' ||
    (request.type === 'image' && request.invisible);
  if (!tracking) {
    if (once(`host|${request.host}`))
      add(
        'audit/third-party-host',
        request.page,
        `the page loads a ${request.type} from ${request.host}`,
        'nothing to do unless it stores or tracks; its cookies and pixels are checked separately',
      );
    return false;
  }
  const hostname = new URL(request.url).hostname;
  const pixel = catalog.entries.find(
    (e) => e.kind === 'pixel' && onDomain(hostname, e.provider.domain),
  );
  if (pixel) {
    seenEntries.add(pixel.id);
    return false;
  }
  if (!once(`request|${hostname}|${request.type}`)) return false;
  add(
    'audit/undeclared-request',
    request.page,
    `the page sends a ${request.type === 'image' ? 'tracking pixel (an image it does not show)' : request.type} to ${hostname} (${request.url.slice(0, 120)}), which the catalog does not declare`,
    'declare it as kind: pixel with its provider, or remove it',
  );
  return true;
}
