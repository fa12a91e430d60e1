import { createProblem, type Problem, type RuleId } from '@cookie-catalog/catalog';
import { AuditInputError } from './errors.js';
import type { ObservedCookie, Pass } from './observe.js';

/*
 * Drift between two runs (`--baseline previous.json`): what is new, gone or changed since then,
 * per pass — cookies (by name, domain and path), storage keys, the hosts of other sites the pages
 * loaded from, a cookie's attributes and its lifetime. Never absolute times: a cookie's expiry
 * moves with every run, so a lifetime is what the browser keeps it (expiry minus the moment the
 * jar was read), and two lifetimes differ only beyond what one crawl's own duration explains.
 */

/** The JSON report's version: 2 adds the reject and GPC passes, the banner and drift. */
export const SCHEMA_VERSION = 2;
/** Baselines this version reads: 1 (before the reject path and drift) and 2. */
const READABLE_VERSIONS = [1, 2] as const;

/** A baseline above this is no report of ours (a 20-page run is well under 1 MB). */
export const BASELINE_MAX_BYTES = 64 * 1024 * 1024;

export interface CookieFacts {
  readonly name: string;
  readonly domain: string;
  readonly path: string;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly sameSite: string;
  readonly partitioned: boolean;
  /** Seconds the browser keeps it, or `session`. */
  readonly kept: number | 'session';
  readonly page: string;
}

/** What one pass stored and contacted, keyed so that two runs can be matched item by item. */
export interface PassInventory {
  /** [name, domain, path] as JSON (no separator a name can hold) → the cookie. */
  readonly cookies: ReadonlyMap<string, CookieFacts>;
  /** [kind, origin, key] as JSON → what it is, and the first page it was seen on. */
  readonly storage: ReadonlyMap<string, { readonly label: string; readonly page: string }>;
  /** Host name of another site (no port) → the first page that loaded from it. */
  readonly hosts: ReadonlyMap<string, string>;
}

/** Per pass name. */
export type Inventory = ReadonlyMap<string, PassInventory>;

/** A baseline run, read: where it came from and what it saw. */
export interface Baseline {
  readonly label: string;
  readonly schemaVersion: number;
  readonly inventory: Inventory;
}

type PassLike = Pick<Pass, 'name' | 'cookies' | 'storage' | 'requests'>;

function keptSeconds(cookie: Pick<ObservedCookie, 'expires' | 'seenAt'>): number | 'session' {
  return cookie.expires === -1
    ? 'session'
    : Math.max(0, Math.round(cookie.expires - cookie.seenAt));
}

export function inventoryOf(passes: readonly PassLike[]): Inventory {
  const inventory = new Map<string, PassInventory>();
  for (const pass of passes) {
    const cookies = new Map<string, CookieFacts>();
    for (const c of pass.cookies) {
      const key = JSON.stringify([c.name, c.domain, c.path]);
      if (cookies.has(key)) continue;
      cookies.set(key, {
        name: c.name,
        domain: c.domain,
        path: c.path,
        secure: c.secure,
        httpOnly: c.httpOnly,
        sameSite: c.sameSite,
        partitioned: c.partitionKey !== undefined,
        kept: keptSeconds(c),
        page: c.page,
      });
    }
    const storage = new Map<string, { label: string; page: string }>();
    for (const s of pass.storage) {
      const key = JSON.stringify([s.kind, s.origin, s.key]);
      if (!storage.has(key))
        storage.set(key, { label: `${s.kind} key "${s.key}" of ${s.origin}`, page: s.page });
    }
    const hosts = new Map<string, string>();
    for (const r of pass.requests) {
      // The port is left out: it names a server process, not who receives the visitor's data.
      const host = hostName(r.url, r.host);
      if (host && !hosts.has(host)) hosts.set(host, r.page);
    }
    inventory.set(pass.name, { cookies, storage, hosts });
  }
  return inventory;
}

function hostName(url: string, host: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return host.replace(/:\d+$/, '') || undefined;
  }
}

/** A lifetime in plain words, rounded to the unit that matters: minutes, hours, then days. */
export function roundedLifetime(kept: number | 'session'): string {
  if (kept === 'session') return 'the session';
  const [unit, size] =
    kept < 90 * 60
      ? (['minute', 60] as const)
      : kept < 48 * 3600
        ? (['hour', 3600] as const)
        : (['day', 86_400] as const);
  return new Intl.NumberFormat('en', { style: 'unit', unit, unitDisplay: 'long' }).format(
    Math.round(kept / size),
  );
}

/**
 * Two lifetimes differ when their plain words differ and the gap is more than one crawl can
 * explain: a cookie set at the start of a pass is read up to minutes later (so 2 minutes), and a
 * few percent of a long lifetime is rounding (so 5 %).
 */
export function lifetimesDiffer(a: number | 'session', b: number | 'session'): boolean {
  if (a === 'session' || b === 'session') return a !== b;
  if (roundedLifetime(a) === roundedLifetime(b)) return false;
  return Math.abs(a - b) > Math.max(120, 0.05 * Math.max(a, b));
}

function attributeChanges(before: CookieFacts, now: CookieFacts): string[] {
  const changes: string[] = [];
  const flag = (name: string, was: boolean, is: boolean) => {
    if (was !== is) changes.push(is ? `${name} added` : `${name} dropped`);
  };
  flag('Secure', before.secure, now.secure);
  flag('HttpOnly', before.httpOnly, now.httpOnly);
  flag('Partitioned', before.partitioned, now.partitioned);
  if (before.sameSite !== now.sameSite)
    changes.push(`SameSite=${now.sameSite} instead of ${before.sameSite}`);
  if (lifetimesDiffer(before.kept, now.kept))
    changes.push(`kept ${roundedLifetime(now.kept)} instead of ${roundedLifetime(before.kept)}`);
  return changes;
}

const at = (url: string) => ({ file: url, line: 0, column: 0 });

/** A cookie's domain as its Set-Cookie said it: a leading dot is a Domain attribute. */
const domainWords = (domain: string) =>
  domain.startsWith('.') ? `Domain=${domain.slice(1)}` : `host-only (${domain})`;

/**
 * The drift findings: each new, gone or changed item once per pass, named with its pass. Only
 * passes both runs made are compared; the others are returned by name, for a warning.
 */
export function driftProblems(
  baseline: Baseline,
  current: Inventory,
): { problems: Problem[]; uncompared: string[] } {
  const problems: Problem[] = [];
  const uncompared: string[] = [];
  const since = `since the baseline (${baseline.label})`;
  const add = (rule: RuleId, page: string, message: string, fix: string) =>
    problems.push(createProblem(rule, at(page), message, fix));
  const newFix =
    'if it is meant to be there, check that the catalog declares it and keep this run as the new baseline; if not, find what started storing it';
  const goneFix =
    'if it was retired on purpose, keep this run as the new baseline (and retire its entry); if not, check the pages still work';
  for (const [pass, now] of current) {
    const before = baseline.inventory.get(pass);
    if (!before) {
      uncompared.push(pass);
      continue;
    }
    // A cookie is one per name, domain and path; where exactly one of a name is gone and one new,
    // it moved (Domain or Path changed) and is reported as changed.
    const newCookies = [...now.cookies].filter(([key]) => !before.cookies.has(key));
    const goneCookies = [...before.cookies].filter(([key]) => !now.cookies.has(key));
    const single = (list: [string, CookieFacts][], name: string) =>
      list.filter(([, c]) => c.name === name).length === 1;
    const moved = new Map<string, CookieFacts>(); // new key → the baseline's cookie
    for (const [key, cookie] of newCookies) {
      const was = goneCookies.find(([, c]) => c.name === cookie.name)?.[1];
      if (was && single(newCookies, cookie.name) && single(goneCookies, cookie.name))
        moved.set(key, was);
    }
    const movedFrom = new Set([...moved.values()]);
    for (const [key, cookie] of now.cookies) {
      const was = before.cookies.get(key) ?? moved.get(key);
      const where = `${cookie.name} (${cookie.domain}${cookie.path})`;
      if (!was) {
        add('audit/drift-new', cookie.page, `${pass}: the cookie ${where} is new ${since}`, newFix);
        continue;
      }
      const changes = attributeChanges(was, cookie);
      if (was.domain !== cookie.domain)
        changes.unshift(`${domainWords(cookie.domain)} instead of ${domainWords(was.domain)}`);
      if (was.path !== cookie.path) changes.unshift(`Path=${cookie.path} instead of ${was.path}`);
      if (changes.length > 0)
        add(
          'audit/drift-changed',
          cookie.page,
          `${pass}: the cookie ${where} changed ${since}: ${changes.join('; ')}`,
          'if the change is meant, check the catalog declares the new attributes and lifetime, and keep this run as the new baseline',
        );
    }
    for (const [key, cookie] of before.cookies) {
      if (!now.cookies.has(key) && !movedFrom.has(cookie))
        add(
          'audit/drift-gone',
          cookie.page,
          `${pass}: the cookie ${cookie.name} (${cookie.domain}${cookie.path}) is gone ${since}`,
          goneFix,
        );
    }
    for (const [key, item] of now.storage) {
      if (!before.storage.has(key))
        add('audit/drift-new', item.page, `${pass}: the ${item.label} is new ${since}`, newFix);
    }
    for (const [key, item] of before.storage) {
      if (!now.storage.has(key))
        add('audit/drift-gone', item.page, `${pass}: the ${item.label} is gone ${since}`, goneFix);
    }
    for (const [host, page] of now.hosts) {
      if (!before.hosts.has(host))
        add(
          'audit/drift-new',
          page,
          `${pass}: the pages load from ${host}, a host of another site new ${since}`,
          newFix,
        );
    }
    for (const [host, page] of before.hosts) {
      if (!now.hosts.has(host))
        add(
          'audit/drift-gone',
          page,
          `${pass}: the pages no longer load from ${host} ${since}`,
          goneFix,
        );
    }
  }
  return { problems, uncompared };
}

// ---------------------------------------------------------------------------------------------
// Reading a baseline: the JSON of an earlier run, schemaVersion 1 or 2. Only what drift needs is
// read, and every part is checked: a baseline is a file anyone may have edited.

type Json = unknown;

function fail(label: string, where: string, what: string): never {
  throw new AuditInputError(
    `--baseline ${label}: ${where} ${what}; give the JSON of an earlier run (cookie-catalog audit URL --format json --out FILE)`,
  );
}

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function field<T>(
  label: string,
  where: string,
  object: Record<string, Json>,
  key: string,
  check: (v: Json) => v is T,
  what: string,
): T {
  const value = Object.hasOwn(object, key) ? object[key] : undefined;
  if (!check(value)) fail(label, where ? `${where}.${key}` : key, `is not ${what}`);
  return value;
}

const isString = (v: Json): v is string => typeof v === 'string';
const isBoolean = (v: Json): v is boolean => typeof v === 'boolean';
const isNumber = (v: Json): v is number => typeof v === 'number' && Number.isFinite(v);
const isArray = (v: Json): v is Json[] => Array.isArray(v);
const isSameSite = (v: Json): v is ObservedCookie['sameSite'] =>
  v === 'Strict' || v === 'Lax' || v === 'None';
const STORAGE_KINDS = ['localStorage', 'sessionStorage', 'indexedDB', 'cacheStorage'] as const;
const isStorageKind = (v: Json): v is (typeof STORAGE_KINDS)[number] =>
  (STORAGE_KINDS as readonly Json[]).includes(v);

/** A baseline from the text of an earlier run's JSON report. Throws AuditInputError. */
export function parseBaseline(text: string, label: string): Baseline {
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail(label, 'the file', `is not JSON (${(error as Error).message.slice(0, 120)})`);
  }
  if (!isObject(json)) fail(label, 'the file', 'is not a JSON object');
  const version = json.schemaVersion;
  if (!(READABLE_VERSIONS as readonly Json[]).includes(version))
    fail(
      label,
      'schemaVersion',
      `is ${JSON.stringify(version) ?? 'missing'}, not one this version reads (${READABLE_VERSIONS.join(', ')})`,
    );
  const passes: PassLike[] = field(label, '', json, 'passes', isArray, 'a list').map((pass, i) => {
    const where = `passes[${i}]`;
    if (!isObject(pass)) fail(label, where, 'is not an object');
    return {
      name: field(label, where, pass, 'name', isString, 'text') as Pass['name'],
      cookies: field(label, where, pass, 'cookies', isArray, 'a list').map((c, j) => {
        const w = `${where}.cookies[${j}]`;
        if (!isObject(c)) fail(label, w, 'is not an object');
        const partitionKey = c.partitionKey;
        return {
          name: field(label, w, c, 'name', isString, 'text'),
          domain: field(label, w, c, 'domain', isString, 'text'),
          path: field(label, w, c, 'path', isString, 'text'),
          expires: field(label, w, c, 'expires', isNumber, 'a number'),
          seenAt: field(label, w, c, 'seenAt', isNumber, 'a number'),
          httpOnly: field(label, w, c, 'httpOnly', isBoolean, 'true or false'),
          secure: field(label, w, c, 'secure', isBoolean, 'true or false'),
          sameSite: field(label, w, c, 'sameSite', isSameSite, 'Strict, Lax or None'),
          partitionKey: typeof partitionKey === 'string' ? partitionKey : undefined,
          page: field(label, w, c, 'page', isString, 'text'),
          setBy: undefined,
        };
      }),
      storage: field(label, where, pass, 'storage', isArray, 'a list').map((s, j) => {
        const w = `${where}.storage[${j}]`;
        if (!isObject(s)) fail(label, w, 'is not an object');
        return {
          kind: field(label, w, s, 'kind', isStorageKind, `one of ${STORAGE_KINDS.join(', ')}`),
          origin: field(label, w, s, 'origin', isString, 'text'),
          key: field(label, w, s, 'key', isString, 'text'),
          page: field(label, w, s, 'page', isString, 'text'),
        };
      }),
      requests: field(label, where, pass, 'requests', isArray, 'a list').map((r, j) => {
        const w = `${where}.requests[${j}]`;
        if (!isObject(r)) fail(label, w, 'is not an object');
        return {
          url: field(label, w, r, 'url', isString, 'text'),
          host: field(label, w, r, 'host', isString, 'text'),
          type: '',
          invisible: false,
          page: field(label, w, r, 'page', isString, 'text'),
        };
      }),
    };
  });
  return { label, schemaVersion: version as number, inventory: inventoryOf(passes) };
}
