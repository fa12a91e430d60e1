import type { Catalog } from '@cookie-catalog/catalog';
import type { BannerControl, BannerObservation } from './banner.js';
import type { Baseline } from './drift.js';
import { AuditInputError } from './errors.js';
import { type AuditResult, judge, type RunFacts } from './judge.js';
import type {
  ObservedCookie,
  ObservedRequest,
  ObservedStorage,
  Pass,
  PassName,
  PassNote,
} from './observe.js';
import { orderedPass } from './pass-order.js';
import { parseAuditJson } from './report/audit-json.js';
import type { AuditProvenance } from './report/provenance.js';
import type { Shard } from './shard.js';

/*
 * `cookie-catalog audit merge a.json b.json c.json`: the shards of one run joined into the result
 * a single run would have given — the pages of every shard, each cookie, storage key and request
 * once, the findings judged again over the whole (an entry one shard never saw may be another's)
 * — apart from which page saw a thing first, who set it and when. Only shards of the same run
 * are joined: the same catalog version, start page, passes, consent and URL set, each share once.
 */

/** One shard's JSON report, read and checked. */
export interface ShardResult {
  /** The file, as the user named it. */
  readonly label: string;
  readonly run: RunFacts & {
    readonly shard: Shard;
    readonly urlSet: NonNullable<RunFacts['urlSet']>;
  };
  readonly passes: readonly Pass[];
  /** When and with what the shard was audited (reports written before provenance have none). */
  readonly provenance?: AuditProvenance;
}

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (v: Json): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const PASS_NAMES: readonly PassName[] = [
  'before consent',
  'after consent',
  'after reject',
  'gpc, after consent',
];
const STORAGE_KINDS = ['localStorage', 'sessionStorage', 'indexedDB', 'cacheStorage'] as const;

/** Reads the fields of a report anyone may have edited; the first wrong one is named. */
class Reader {
  constructor(private readonly label: string) {}

  fail(where: string, what: string): never {
    throw new AuditInputError(
      `audit merge: ${this.label}: ${where} ${what}; give the JSON reports of the shards of one run (cookie-catalog audit URL --shard i/n --format json --out FILE)`,
    );
  }

  get(object: JsonObject, key: string): Json {
    return Object.hasOwn(object, key) ? object[key] : undefined;
  }

  object(object: JsonObject, key: string, where: string): JsonObject {
    const value = this.get(object, key);
    if (!isObject(value)) this.fail(`${where}${key}`, 'is not an object');
    return value;
  }

  list(object: JsonObject, key: string, where: string): Json[] {
    const value = this.get(object, key);
    if (!Array.isArray(value)) this.fail(`${where}${key}`, 'is not a list');
    return value;
  }

  objects(object: JsonObject, key: string, where: string): [JsonObject, string][] {
    return this.list(object, key, where).map((item, i) => {
      if (!isObject(item)) this.fail(`${where}${key}[${i}]`, 'is not an object');
      return [item, `${where}${key}[${i}].`];
    });
  }

  string(object: JsonObject, key: string, where: string): string {
    const value = this.get(object, key);
    if (typeof value !== 'string') this.fail(`${where}${key}`, 'is not text');
    return value;
  }

  optionalString(object: JsonObject, key: string, where: string): string | undefined {
    return this.get(object, key) === undefined ? undefined : this.string(object, key, where);
  }

  number(object: JsonObject, key: string, where: string): number {
    const value = this.get(object, key);
    if (typeof value !== 'number' || !Number.isFinite(value))
      this.fail(`${where}${key}`, 'is not a number');
    return value;
  }

  boolean(object: JsonObject, key: string, where: string): boolean {
    const value = this.get(object, key);
    if (typeof value !== 'boolean') this.fail(`${where}${key}`, 'is not true or false');
    return value;
  }

  oneOf<T extends string>(object: JsonObject, key: string, where: string, values: readonly T[]): T {
    const value = this.get(object, key);
    if (!(values as readonly Json[]).includes(value))
      this.fail(`${where}${key}`, `is not one of ${values.join(', ')}`);
    return value as T;
  }
}

function readControl(
  r: Reader,
  banner: JsonObject,
  key: string,
  where: string,
): BannerControl | undefined {
  if (r.get(banner, key) === undefined) return undefined;
  const c = r.object(banner, key, where);
  const w = `${where}${key}.`;
  return {
    kind: r.string(c, 'kind', w),
    text: r.string(c, 'text', w),
    visible: r.boolean(c, 'visible', w),
    width: r.number(c, 'width', w),
    height: r.number(c, 'height', w),
    contrast: r.number(c, 'contrast', w),
  };
}

function readPass(r: Reader, pass: JsonObject, where: string): Pass {
  const cookies: ObservedCookie[] = r.objects(pass, 'cookies', where).map(([c, w]) => {
    const partitionKey = r.optionalString(c, 'partitionKey', w);
    return {
      name: r.string(c, 'name', w),
      domain: r.string(c, 'domain', w),
      path: r.string(c, 'path', w),
      expires: r.number(c, 'expires', w),
      httpOnly: r.boolean(c, 'httpOnly', w),
      secure: r.boolean(c, 'secure', w),
      sameSite: r.oneOf(c, 'sameSite', w, ['Strict', 'Lax', 'None'] as const),
      partitionKey,
      seenAt: r.number(c, 'seenAt', w),
      page: r.string(c, 'page', w),
      setBy: r.optionalString(c, 'setBy', w),
    };
  });
  const storage: ObservedStorage[] = r.objects(pass, 'storage', where).map(([s, w]) => ({
    kind: r.oneOf(s, 'kind', w, STORAGE_KINDS),
    origin: r.string(s, 'origin', w),
    key: r.string(s, 'key', w),
    page: r.string(s, 'page', w),
  }));
  const requests: ObservedRequest[] = r.objects(pass, 'requests', where).map(([q, w]) => ({
    url: r.string(q, 'url', w),
    host: r.string(q, 'host', w),
    type: r.string(q, 'type', w),
    invisible: r.boolean(q, 'invisible', w),
    page: r.string(q, 'page', w),
  }));
  const notes: PassNote[] = r.objects(pass, 'notes', where).map(([n, w]) => ({
    page: r.string(n, 'page', w),
    message: r.string(n, 'message', w),
  }));
  let banner: BannerObservation | undefined;
  if (r.get(pass, 'banner') !== undefined) {
    const b = r.object(pass, 'banner', where);
    const w = `${where}banner.`;
    banner = {
      accept: readControl(r, b, 'accept', w),
      reject: readControl(r, b, 'reject', w),
      preselected: r.list(b, 'preselected', w).map((p, i) => {
        if (typeof p !== 'string') r.fail(`${w}preselected[${i}]`, 'is not text');
        return p;
      }),
      acceptSelector: r.string(b, 'acceptSelector', w),
      rejectSelector: r.string(b, 'rejectSelector', w),
    };
  }
  return {
    name: r.oneOf(pass, 'name', where, PASS_NAMES),
    pages: r.list(pass, 'pages', where).map((p, i) => {
      if (typeof p !== 'string') r.fail(`${where}pages[${i}]`, 'is not text');
      return p;
    }),
    cookies,
    storage,
    requests,
    popups: r.number(pass, 'popups', where),
    notes,
    ...(banner && { banner }),
  };
}

/** A shard's JSON report (`audit … --shard i/n --format json`), checked. Throws AuditInputError. */
export function parseShardResult(text: string, label: string): ShardResult {
  const r: Reader = new Reader(label);
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    r.fail('the file', `is not JSON (${(error as Error).message.slice(0, 120)})`);
  }
  if (!isObject(json)) r.fail('the file', 'is not a JSON object');
  if (r.get(json, 'run') === undefined)
    r.fail('the file', 'says nothing of its run (no "run"): it was written by an older version');
  const run = r.object(json, 'run', '');
  if (r.get(run, 'shard') === undefined)
    r.fail('the file', "is not a shard's report (run without --shard i/n)");
  const shard = r.object(run, 'shard', 'run.');
  const urlSet = r.object(run, 'urlSet', 'run.');
  const consent = r.get(run, 'consent');
  if (
    consent !== 'all' &&
    consent !== 'none' &&
    !(Array.isArray(consent) && consent.every((c) => typeof c === 'string'))
  )
    r.fail('run.consent', 'is not all, none or a list of categories');
  const passes = r.objects(json, 'passes', '').map(([p, w]) => readPass(r, p, w));
  const passNames = r.list(run, 'passes', 'run.').map((p, i) => {
    if (!(PASS_NAMES as readonly Json[]).includes(p)) r.fail(`run.passes[${i}]`, 'is not a pass');
    return p as PassName;
  });
  if (JSON.stringify(passNames) !== JSON.stringify(passes.map((p) => p.name)))
    r.fail('run.passes', 'does not name the passes the file holds');
  // The provenance and each pass's first view (its screenshot), read as `audit report` reads them.
  const report = parseAuditJson(text, label);
  const views = new Map(report.passes.map((p) => [p.name, p.firstView]));
  return {
    label,
    run: {
      catalogVersion: r.string(run, 'catalogVersion', 'run.'),
      start: r.string(run, 'start', 'run.'),
      passes: passNames,
      consent: consent as RunFacts['consent'],
      urlSet: {
        source: r.string(urlSet, 'source', 'run.urlSet.'),
        pages: r.number(urlSet, 'pages', 'run.urlSet.'),
        sha256: r.string(urlSet, 'sha256', 'run.urlSet.'),
      },
      shard: {
        index: r.number(shard, 'index', 'run.shard.'),
        count: r.number(shard, 'count', 'run.shard.'),
      },
    },
    passes: passes.map((pass) => {
      const firstView = views.get(pass.name);
      return firstView ? { ...pass, firstView } : pass;
    }),
    ...(report.provenance && { provenance: report.provenance }),
  };
}

const list = (labels: readonly string[]) =>
  labels.length <= 1
    ? (labels[0] ?? '')
    : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;

/** The shards all of one run, each share once: or an AuditInputError naming the files. */
function checkOneRun(catalog: Catalog, shards: readonly ShardResult[]): void {
  const [first] = shards;
  if (!first) throw new AuditInputError('audit merge: give the JSON reports of the shards to join');
  const fix =
    'merge only the shards of one run (the same catalog, start page, passes, consent and pages)';
  const same = (what: string, value: (s: ShardResult) => string, shown = value) => {
    const groups = new Map<string, ShardResult[]>();
    for (const shard of shards)
      groups.set(value(shard), [...(groups.get(value(shard)) ?? []), shard]);
    if (groups.size > 1)
      throw new AuditInputError(
        `audit merge: the files are of different runs: ${[...groups.values()]
          .map(
            (group) =>
              `${list(group.map((s) => s.label))} ${group.length === 1 ? 'has' : 'have'} ${what} ${shown(group[0] as ShardResult)}`,
          )
          .join('; ')}; ${fix}`,
      );
  };
  same('catalog version', (s) => JSON.stringify(s.run.catalogVersion));
  same('start page', (s) => s.run.start);
  same('passes', (s) => s.run.passes.join(', '));
  same(
    'consent',
    (s) => JSON.stringify(s.run.consent),
    (s) => (Array.isArray(s.run.consent) ? s.run.consent.join(',') : String(s.run.consent)),
  );
  same(
    'the URL set',
    (s) => s.run.urlSet.sha256,
    (s) =>
      `of ${s.run.urlSet.pages} pages from ${s.run.urlSet.source} (sha256 ${s.run.urlSet.sha256.slice(0, 12)}…)`,
  );
  same(
    'a split into',
    (s) => String(s.run.shard.count),
    (s) => `${s.run.shard.count} shards`,
  );
  if (first.run.catalogVersion !== catalog.version)
    throw new AuditInputError(
      `audit merge: ${list(shards.map((s) => s.label))} ${shards.length === 1 ? 'was' : 'were'} audited against catalog version ${JSON.stringify(first.run.catalogVersion)}, but the catalog here is version ${JSON.stringify(catalog.version)}; merge with the catalog the shards were run with (--catalog DIR)`,
    );
  const { count } = first.run.shard;
  const byIndex = new Map<number, string[]>();
  for (const shard of shards)
    byIndex.set(shard.run.shard.index, [
      ...(byIndex.get(shard.run.shard.index) ?? []),
      shard.label,
    ]);
  for (const [index, labels] of byIndex)
    if (labels.length > 1)
      throw new AuditInputError(
        `audit merge: ${list(labels)} are the same shard ${index}/${count}; give each shard's report once`,
      );
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0)
    throw new AuditInputError(
      `audit merge: shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing from ${list(shards.map((s) => s.label))}; give the reports of all ${count} shards`,
    );
}

/** One pass of the whole run from the same pass of every shard. */
function mergePass(name: PassName, start: string, parts: readonly Pass[]): Pass {
  const once = <T>(items: readonly T[], key: (item: T) => string): T[] => {
    const kept = new Map<string, T>();
    for (const item of items) if (!kept.has(key(item))) kept.set(key(item), item);
    return [...kept.values()];
  };
  // The banner is measured on the start page, which every shard visits first: the one of the
  // shard whose page it is.
  const banner = (
    parts.find((p) => p.pages.includes(start) && p.banner) ?? parts.find((p) => p.banner)
  )?.banner;
  // So is the first view (the screenshot of the start page before any click).
  const firstView = (
    parts.find((p) => p.pages.includes(start) && p.firstView) ?? parts.find((p) => p.firstView)
  )?.firstView;
  return orderedPass({
    name,
    pages: [...new Set(parts.flatMap((p) => p.pages))],
    cookies: once(
      parts.flatMap((p) => p.cookies),
      (c) => JSON.stringify([c.name, c.domain, c.path, c.partitionKey ?? null]),
    ),
    storage: once(
      parts.flatMap((p) => p.storage),
      (s) => JSON.stringify([s.kind, s.origin, s.key]),
    ),
    // Each shard records the requests of its own pages only, so none is counted twice.
    requests: parts.flatMap((p) => p.requests),
    popups: parts.reduce((sum, p) => sum + p.popups, 0),
    notes: once(
      parts.flatMap((p) => p.notes),
      (n) => JSON.stringify([n.page, n.message]),
    ),
    ...(banner && { banner }),
    ...(firstView && { firstView }),
  });
}

/**
 * The provenance of shards joined: from the first shard's start to the last one's finish, the
 * tool, browser and page limit of the shards (one run's), redacted if any shard was. None when a
 * shard has none (a report written before provenance).
 */
function mergedProvenance(shards: readonly ShardResult[]): AuditProvenance | undefined {
  const all = shards.map((s) => s.provenance);
  if (all.length === 0 || all.some((p) => p === undefined)) return undefined;
  const known = all as AuditProvenance[];
  const [first] = known as [AuditProvenance];
  const times = (pick: (p: AuditProvenance) => string) => known.map(pick).sort();
  return {
    ...first,
    startedAt: times((p) => p.startedAt)[0] ?? first.startedAt,
    finishedAt: times((p) => p.finishedAt).at(-1) ?? first.finishedAt,
    redacted: known.some((p) => p.redacted),
  };
}

/**
 * The shards of one run joined, and judged again against the catalog as a single run is: the
 * result is an ordinary audit result (a baseline, a report), with drift since `baseline` when
 * given. Throws AuditInputError when the files are not every shard of one run.
 */
export function mergeShards(
  catalog: Catalog,
  shards: readonly ShardResult[],
  baseline?: Baseline,
): AuditResult {
  checkOneRun(catalog, shards);
  const ordered = [...shards].sort((a, b) => a.run.shard.index - b.run.shard.index);
  const { shard: _shard, ...run } = (ordered[0] as ShardResult).run;
  const passes = run.passes.map((name) =>
    mergePass(
      name,
      run.start,
      ordered.flatMap((s) => s.passes.filter((p) => p.name === name)),
    ),
  );
  const provenance = mergedProvenance(ordered);
  return { ...judge(catalog, run, passes, baseline), ...(provenance && { provenance }) };
}
