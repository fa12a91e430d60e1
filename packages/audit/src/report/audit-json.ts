import type { Problem } from '@cookie-catalog/catalog';
import type { Comparison, FindingSubject } from '../compare.js';
import { SCHEMA_VERSION } from '../drift.js';
import { AuditInputError } from '../errors.js';
import type { RunFacts } from '../judge.js';
import type { Pass, PassName, PassNote } from '../observe.js';
import type { AuditProvenance } from './provenance.js';
import { redactJson } from './redact.js';

/*
 * The JSON report (`--format json`): what each pass saw, the findings, and the provenance. The
 * HTML report is made from exactly this, live or from a saved file (`audit report FILE`), and
 * states the SHA-256 of its text, so the two can be shown to belong together.
 *
 * schemaVersion 2 adds the reject and GPC passes, `banner` and `drift`; within it, later versions
 * add `provenance`, each pass's `firstView` (a screenshot), and each finding's `pass` and
 * `subject` (what it is about). A version-1 report is still read: the report says what it lacks.
 */

/** What a run gives the JSON (auditSite's AuditResult). */
export interface AuditRun {
  readonly problems: readonly Problem[];
  readonly sources: Comparison['sources'];
  readonly passes: readonly Pass[];
  readonly warnings: readonly (PassNote & { readonly pass: PassName })[];
  readonly drift?: {
    readonly baseline: string;
    readonly new: number;
    readonly gone: number;
    readonly changed: number;
  };
  /** An audit's; shards joined by `audit merge` have none. */
  readonly provenance?: AuditProvenance;
  /** What the run was (catalog, start page, passes, consent, pages split between shards). */
  readonly run?: RunFacts;
}

/** A finding as the JSON writes it: the page as `page`; the pass and the evidence it is about. */
export interface AuditJsonProblem extends Omit<Problem, 'file'> {
  readonly page: string;
  readonly pass?: PassName;
  readonly subject?: FindingSubject;
}

export interface AuditJson {
  readonly schemaVersion: number;
  readonly url: string;
  readonly provenance?: AuditProvenance;
  /** What the run was: `audit merge` joins only the shards of one run. */
  readonly run?: RunFacts;
  readonly errors: number;
  readonly notes: number;
  readonly drift?: AuditRun['drift'];
  readonly warnings: AuditRun['warnings'];
  readonly passes: readonly Pass[];
  readonly problems: readonly AuditJsonProblem[];
}

/** The largest report `audit report` reads: screenshots included, far above a 20-page run. */
export const REPORT_JSON_MAX_BYTES = 64 * 1024 * 1024;

const count = (problems: readonly Problem[], severity: Problem['severity']) =>
  problems.filter((p) => p.severity === severity).length;

const PASS_PREFIX = /^(before consent|after consent|after reject|gpc, after consent): /;

/** The JSON report of a run; with `redact`, no query strings and no screenshots anywhere. */
export function auditJson(
  url: string,
  audit: AuditRun,
  options: { readonly redact?: boolean } = {},
): AuditJson {
  const json: AuditJson = {
    schemaVersion: SCHEMA_VERSION,
    url,
    ...(audit.provenance && {
      provenance: { ...audit.provenance, redacted: options.redact === true },
    }),
    ...(audit.run && { run: audit.run }),
    errors: count(audit.problems, 'error'),
    notes: count(audit.problems, 'info'),
    ...(audit.drift && { drift: audit.drift }),
    warnings: audit.warnings,
    passes: audit.passes,
    problems: audit.problems.map((original) => {
      const { file, ...problem } = original;
      const source = audit.sources.get(original);
      // Drift findings name their pass first ("after reject: the cookie … is new").
      const pass = source?.pass ?? (PASS_PREFIX.exec(problem.message)?.[1] as PassName | undefined);
      return {
        ...problem,
        page: file,
        ...(pass && { pass }),
        ...(source?.subject && { subject: source.subject }),
      };
    }),
  };
  return options.redact ? redactJson(json) : json;
}

/** What `--format json` writes: indented, with a final newline. Hashed as it is. */
export function auditJsonText(json: AuditJson): string {
  return `${JSON.stringify(json, null, 2)}\n`;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A saved JSON report, checked field by field before anything of it reaches HTML: a file that is
 * not one (or was edited into something else) is the user's mistake, said with the field's path.
 */
export function parseAuditJson(text: string, label: string): AuditJson {
  const fail = (where: string, what: string): never => {
    throw new AuditInputError(
      `${label}: ${where} ${what}; give the JSON of a run (cookie-catalog audit URL --format json --out FILE)`,
    );
  };
  let json: Json;
  try {
    json = JSON.parse(text) as Json;
  } catch (error) {
    return fail('the file', `is not JSON (${(error as Error).message.slice(0, 120)})`);
  }
  if (!isObject(json)) return fail('the file', 'is not a JSON object');
  const version = json.schemaVersion;
  if (version !== 1 && version !== 2)
    fail(
      'schemaVersion',
      `is ${JSON.stringify(version) ?? 'missing'}, not one this version reads (1, 2)`,
    );
  const str = (o: JsonObject, key: string, where: string): string => {
    const v = o[key];
    return typeof v === 'string' ? v : fail(`${where}.${key}`.replace(/^\./, ''), 'is not text');
  };
  const num = (o: JsonObject, key: string, where: string): number => {
    const v = o[key];
    return typeof v === 'number' && Number.isFinite(v)
      ? v
      : fail(`${where}.${key}`.replace(/^\./, ''), 'is not a number');
  };
  const bool = (o: JsonObject, key: string, where: string): boolean => {
    const v = o[key];
    return typeof v === 'boolean' ? v : fail(`${where}.${key}`, 'is not true or false');
  };
  const optionalStr = (o: JsonObject, key: string, where: string): string | undefined =>
    o[key] === undefined ? undefined : str(o, key, where);
  const list = (o: JsonObject, key: string, where: string): Json[] => {
    const v = o[key];
    return Array.isArray(v) ? v : fail(`${where}.${key}`.replace(/^\./, ''), 'is not a list');
  };
  const objects = (o: JsonObject, key: string, where: string): [JsonObject, string][] =>
    list(o, key, where).map((item, i) => {
      const w = `${where}.${key}[${i}]`.replace(/^\./, '');
      return isObject(item) ? [item, w] : fail(w, 'is not an object');
    });
  const oneOf = <T extends string>(
    o: JsonObject,
    key: string,
    where: string,
    values: readonly T[],
  ) => {
    const v = str(o, key, where);
    return (values as readonly string[]).includes(v)
      ? (v as T)
      : fail(`${where}.${key}`, `is not one of ${values.join(', ')}`);
  };
  const PASS_NAMES = [
    'before consent',
    'after consent',
    'after reject',
    'gpc, after consent',
  ] as const;

  const passes: Pass[] = objects(json, 'passes', '').map(([p, w]) => {
    const firstView = p.firstView;
    const pages = list(p, 'pages', w).map((page, i) =>
      typeof page === 'string' ? page : fail(`${w}.pages[${i}]`, 'is not text'),
    );
    return {
      name: oneOf(p, 'name', w, PASS_NAMES),
      pages,
      cookies: objects(p, 'cookies', w).map(([c, cw]) => ({
        name: str(c, 'name', cw),
        domain: str(c, 'domain', cw),
        path: str(c, 'path', cw),
        expires: num(c, 'expires', cw),
        httpOnly: bool(c, 'httpOnly', cw),
        secure: bool(c, 'secure', cw),
        sameSite: oneOf(c, 'sameSite', cw, ['Strict', 'Lax', 'None'] as const),
        partitionKey: optionalStr(c, 'partitionKey', cw),
        seenAt: num(c, 'seenAt', cw),
        page: str(c, 'page', cw),
        setBy: optionalStr(c, 'setBy', cw),
      })),
      storage: objects(p, 'storage', w).map(([s, sw]) => ({
        kind: oneOf(s, 'kind', sw, [
          'localStorage',
          'sessionStorage',
          'indexedDB',
          'cacheStorage',
        ] as const),
        origin: str(s, 'origin', sw),
        key: str(s, 'key', sw),
        page: str(s, 'page', sw),
      })),
      requests: objects(p, 'requests', w).map(([r, rw]) => ({
        url: str(r, 'url', rw),
        host: str(r, 'host', rw),
        type: typeof r.type === 'string' ? r.type : '',
        invisible: r.invisible === true,
        page: str(r, 'page', rw),
      })),
      popups: typeof p.popups === 'number' ? p.popups : 0,
      notes:
        p.notes === undefined
          ? []
          : objects(p, 'notes', w).map(([n, nw]) => ({
              page: str(n, 'page', nw),
              message: str(n, 'message', nw),
            })),
      ...(isObject(firstView) && { firstView: parseFirstView(firstView, `${w}.firstView`) }),
    };
  });

  function parseFirstView(v: JsonObject, w: string): NonNullable<Pass['firstView']> {
    const viewport = isObject(v.viewport) ? v.viewport : fail(`${w}.viewport`, 'is not an object');
    const shot = v.screenshot;
    let screenshot: NonNullable<Pass['firstView']>['screenshot'];
    if (shot !== undefined) {
      if (!isObject(shot)) return fail(`${w}.screenshot`, 'is not an object');
      oneOf(shot, 'mediaType', `${w}.screenshot`, ['image/jpeg'] as const);
      const base64 = str(shot, 'base64', `${w}.screenshot`);
      // Only base64 reaches the data: address, so nothing can end the attribute or the URL.
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) fail(`${w}.screenshot.base64`, 'is not base64');
      screenshot = { mediaType: 'image/jpeg', base64 };
    }
    return {
      ...(screenshot && { screenshot }),
      viewport: {
        width: num(viewport, 'width', `${w}.viewport`),
        height: num(viewport, 'height', `${w}.viewport`),
      },
      browserVersion: str(v, 'browserVersion', w),
      userAgent: str(v, 'userAgent', w),
    };
  }

  const problems: AuditJsonProblem[] = objects(json, 'problems', '').map(([p, w]) => {
    const subject = p.subject;
    const citation = optionalStr(p, 'citation', w);
    const pass = p.pass === undefined ? undefined : oneOf(p, 'pass', w, PASS_NAMES);
    return {
      page: typeof p.page === 'string' ? p.page : str(p, 'file', w),
      line: typeof p.line === 'number' ? p.line : 0,
      column: typeof p.column === 'number' ? p.column : 0,
      rule: str(p, 'rule', w) as Problem['rule'],
      severity: oneOf(p, 'severity', w, ['error', 'warning', 'info'] as const),
      message: str(p, 'message', w),
      fix: str(p, 'fix', w),
      ...(citation !== undefined && { citation }),
      ...(pass && { pass }),
      ...(isObject(subject) && { subject: parseSubject(subject, `${w}.subject`) }),
    };
  });

  function parseSubject(s: JsonObject, w: string): FindingSubject {
    const kind = oneOf(s, 'kind', w, ['cookie', 'storage', 'request'] as const);
    if (kind === 'cookie')
      return {
        kind,
        name: str(s, 'name', w),
        domain: str(s, 'domain', w),
        path: str(s, 'path', w),
      };
    if (kind === 'storage')
      return {
        kind,
        storage: oneOf(s, 'storage', w, [
          'localStorage',
          'sessionStorage',
          'indexedDB',
          'cacheStorage',
        ] as const),
        origin: str(s, 'origin', w),
        key: str(s, 'key', w),
      };
    return { kind, host: str(s, 'host', w) };
  }

  const warnings = (json.warnings === undefined ? [] : objects(json, 'warnings', '')).map(
    ([n, w]) => ({
      pass: oneOf(n, 'pass', w, PASS_NAMES),
      page: str(n, 'page', w),
      message: str(n, 'message', w),
    }),
  );
  const p = json.provenance;
  let provenance: AuditProvenance | undefined;
  if (p !== undefined) {
    if (!isObject(p)) return fail('provenance', 'is not an object');
    const b = isObject(p.browser) ? p.browser : fail('provenance.browser', 'is not an object');
    const v = isObject(b.viewport)
      ? b.viewport
      : fail('provenance.browser.viewport', 'is not an object');
    provenance = {
      startedAt: str(p, 'startedAt', 'provenance'),
      finishedAt: str(p, 'finishedAt', 'provenance'),
      tool: str(p, 'tool', 'provenance'),
      auditVersion: str(p, 'auditVersion', 'provenance'),
      catalogVersion: str(p, 'catalogVersion', 'provenance'),
      browser: {
        version: str(b, 'version', 'provenance.browser'),
        userAgent: str(b, 'userAgent', 'provenance.browser'),
        viewport: {
          width: num(v, 'width', 'provenance.browser.viewport'),
          height: num(v, 'height', 'provenance.browser.viewport'),
        },
        thirdPartyCookies: oneOf(b, 'thirdPartyCookies', 'provenance.browser', [
          'allowed',
          'blocked',
        ] as const),
      },
      pageLimit: num(p, 'pageLimit', 'provenance'),
      redacted: bool(p, 'redacted', 'provenance'),
    };
  }
  const drift = json.drift;
  return {
    schemaVersion: version as number,
    url: str(json, 'url', ''),
    ...(provenance && { provenance }),
    errors: problems.filter((x) => x.severity === 'error').length,
    notes: problems.filter((x) => x.severity === 'info').length,
    ...(isObject(drift) && {
      drift: {
        baseline: str(drift, 'baseline', 'drift'),
        new: num(drift, 'new', 'drift'),
        gone: num(drift, 'gone', 'drift'),
        changed: num(drift, 'changed', 'drift'),
      },
    }),
    warnings,
    passes,
    problems,
  };
}
