import { lstat, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, parse, relative, resolve, sep } from 'node:path';
import {
  type Catalog,
  draftEntryYaml,
  draftId,
  escapeInvisible,
  formatProblemsMarkdown,
  markdownCode,
  type Problem,
} from '@cookie-catalog/catalog';
import pc from 'picocolors';
import type { CliIo } from '../cli-io.js';
import { formatProblemsText } from '../format-problems.js';
import { loadOptional } from '../optional-package.js';
import { namedTargetWithin, outputTargetProblem } from '../output-target.js';
import { readOrganisations, writeReport } from './audit-report.js';
import { validCatalog } from './valid-catalog.js';

export interface AuditCommandOptions {
  readonly catalog: string;
  readonly url: string | undefined;
  readonly pages: string | undefined;
  readonly consent: string | undefined;
  readonly format: 'text' | 'json' | 'markdown' | 'html';
  readonly propose: string | undefined;
  readonly storageState: string | undefined;
  readonly consentCookie: string | undefined;
  readonly acceptSelector: string | undefined;
  readonly rejectSelector: string | undefined;
  readonly passes: string | undefined;
  readonly baseline: string | undefined;
  readonly failOn: string | undefined;
  readonly out: string | undefined;
  /** Leave query strings and screenshots out of the report (a logged-in run). */
  readonly redact: boolean;
  /** html: a JSON file from host name to organisation, before the Open Cookie Database's. */
  readonly organisations: string | undefined;
  readonly concurrency?: string | undefined;
  readonly shard?: string | undefined;
  readonly sitemap?: string | undefined;
  readonly urls?: string | undefined;
  readonly lateStorageMs?: string | undefined;
}

/** What makes the exit code 1: error findings, drift findings, or either. */
export type FailOn = ReadonlySet<'error' | 'drift'>;

export function parseFailOn(text: string | undefined): FailOn | string {
  const kinds = (text ?? 'error').split(',').map((k) => k.trim());
  const wrong = kinds.find((k) => k !== 'error' && k !== 'drift');
  if (wrong !== undefined) return `--fail-on takes error, drift or error,drift, not "${wrong}"`;
  return new Set(kinds as ('error' | 'drift')[]);
}

/**
 * `cookie-catalog audit <url>`: a real Chromium crawls the site before and after consent; what it
 * stores is held against the catalog. Exit 1 when a finding is an error, so it can gate CI.
 */
export async function auditCommand(options: AuditCommandOptions, io: CliIo): Promise<number> {
  const c = pc.createColors(io.color);
  if (!options.url || !/^https?:\/\//i.test(options.url)) {
    io.stderr(
      'cookie-catalog: audit needs the http(s) address of a page: audit https://example.com\n',
    );
    return 2;
  }
  if (!URL.canParse(options.url)) {
    io.stderr(
      `cookie-catalog: audit: "${escapeInvisible(options.url)}" is not a valid address; give the http(s) address of a page, e.g. https://example.com\n`,
    );
    return 2;
  }
  const pages = options.pages === undefined ? 20 : Number(options.pages);
  if (!Number.isSafeInteger(pages) || pages < 1) {
    io.stderr(`cookie-catalog: --pages must be a whole number of pages, not "${options.pages}"\n`);
    return 2;
  }
  // playwright-core loads only for this command (the audit package holds it).
  const loaded = await loadOptional(
    '@cookie-catalog/audit',
    'audit',
    () => import('@cookie-catalog/audit'),
    io,
  );
  if (!loaded) return 2;
  const {
    auditSite,
    AuditInputError,
    StartPageError,
    parseConsentCookie,
    readStorageState,
    parseBaseline,
    BASELINE_MAX_BYTES,
    PASSES,
    redactUrls,
    LIMITS,
    parseShard,
    readSitemap,
    readUrlList,
  } = loaded;
  const usage = (error: unknown): number => {
    if (!(error instanceof AuditInputError)) throw error;
    io.stderr(`cookie-catalog: audit: ${escapeInvisible(error.message)}\n`);
    return 2;
  };
  // Every mistake in the arguments is said before the browser starts, and nothing is written.
  const storageState = options.storageState && resolve(io.cwd, options.storageState);
  const failOn = parseFailOn(options.failOn);
  if (typeof failOn === 'string') {
    io.stderr(`cookie-catalog: audit: ${escapeInvisible(failOn)}\n`);
    return 2;
  }
  if (failOn.has('drift') && options.baseline === undefined) {
    io.stderr(
      'cookie-catalog: audit: --fail-on drift needs --baseline, the JSON of an earlier run to compare with\n',
    );
    return 2;
  }
  const passes = options.passes?.split(',').map((p) => p.trim());
  if (passes) {
    const wrong = passes.find((p) => !(PASSES as readonly string[]).includes(p));
    if (wrong !== undefined || passes.length === 0) {
      io.stderr(
        `cookie-catalog: audit: --passes takes a list of ${PASSES.join(', ')}, not "${escapeInvisible(wrong ?? '')}"\n`,
      );
      return 2;
    }
    if (options.consent === 'none' && passes.some((p) => p === 'after' || p === 'gpc')) {
      io.stderr(
        'cookie-catalog: audit: --consent none makes no after-consent pass; leave after and gpc out of --passes, or --consent out\n',
      );
      return 2;
    }
  }
  if (options.rejectSelector !== undefined && !passes?.includes('reject')) {
    io.stderr(
      'cookie-catalog: audit: --reject-selector is for the reject pass; add reject to --passes\n',
    );
    return 2;
  }
  if (options.format === 'html' && options.out === undefined) {
    io.stderr('cookie-catalog: audit: --format html writes one file; add --out report.html\n');
    return 2;
  }
  if (options.organisations !== undefined && options.format !== 'html') {
    io.stderr(
      'cookie-catalog: audit: --organisations names hosts in the HTML report; add --format html --out report.html\n',
    );
    return 2;
  }
  const out = options.out === undefined ? undefined : resolve(io.cwd, options.out);
  if (out !== undefined) {
    // Not through a symbolic link, not onto a folder (as export --out).
    const unsafe = await outputTargetProblem(
      { path: out, within: namedTargetWithin(out, io.cwd), kind: 'file' },
      io.cwd,
    );
    if (unsafe !== undefined) {
      io.stderr(`cookie-catalog: audit: --out ${unsafe}\n`);
      return 2;
    }
  }
  const concurrency = options.concurrency === undefined ? undefined : Number(options.concurrency);
  if (
    concurrency !== undefined &&
    (!Number.isSafeInteger(concurrency) || concurrency < 1 || concurrency > LIMITS.maxTabs)
  ) {
    io.stderr(
      `cookie-catalog: audit: --concurrency "${escapeInvisible(options.concurrency ?? '')}" is not a whole number of pages from 1 to ${LIMITS.maxTabs}; give e.g. --concurrency 4\n`,
    );
    return 2;
  }
  const lateStorageMs =
    options.lateStorageMs === undefined ? undefined : Number(options.lateStorageMs);
  if (
    lateStorageMs !== undefined &&
    (!Number.isSafeInteger(lateStorageMs) || lateStorageMs < 0 || lateStorageMs > 60_000)
  ) {
    io.stderr(
      `cookie-catalog: audit: --late-storage-ms "${escapeInvisible(options.lateStorageMs ?? '')}" is not a whole number of milliseconds from 0 to 60000; give e.g. --late-storage-ms 6000\n`,
    );
    return 2;
  }
  if (options.shard !== undefined && options.baseline !== undefined) {
    io.stderr(
      'cookie-catalog: audit: --baseline compares a whole run, and a shard is part of one; give --baseline to audit merge, which joins the shards\n',
    );
    return 2;
  }
  if (options.sitemap !== undefined && options.urls !== undefined) {
    io.stderr(
      'cookie-catalog: audit: --sitemap and --urls each give the pages; give one of them\n',
    );
    return 2;
  }
  let baseline: ReturnType<typeof parseBaseline> | undefined;
  let organisations: Awaited<ReturnType<typeof readOrganisations>> | undefined;
  let shard: ReturnType<typeof parseShard> | undefined;
  let urlSet: Awaited<ReturnType<typeof readUrlList>> | undefined;
  try {
    if (options.format === 'html')
      organisations = await readOrganisations(options.organisations, io.cwd, loaded);
    if (options.shard !== undefined) shard = parseShard(options.shard);
    if (options.sitemap !== undefined)
      urlSet = await readSitemap(
        /^https?:\/\//i.test(options.sitemap) ? options.sitemap : resolve(io.cwd, options.sitemap),
        new URL(options.url).href,
      );
    if (options.urls !== undefined)
      urlSet = await readUrlList(resolve(io.cwd, options.urls), new URL(options.url).href);
    if (options.consentCookie !== undefined) parseConsentCookie(options.consentCookie);
    if (storageState) await readStorageState(storageState);
    if (options.baseline !== undefined)
      baseline = await readBaseline(options.baseline, io.cwd, {
        parseBaseline,
        maxBytes: BASELINE_MAX_BYTES,
        AuditInputError,
      });
  } catch (error) {
    return usage(error);
  }
  const proposeDir = options.propose && resolve(io.cwd, options.propose);
  if (proposeDir) {
    const link = await symbolicLinkOnTheWay(proposeDir, io.cwd);
    if (link) {
      io.stderr(
        `cookie-catalog: audit: --propose ${escapeInvisible(options.propose ?? '')}: ${escapeInvisible(relative(io.cwd, link) || link)} is a symbolic link; drafts are written only into a real folder (give its real path)\n`,
      );
      return 2;
    }
    const stats = await lstat(proposeDir).catch(() => undefined);
    if (stats && !stats.isDirectory()) {
      io.stderr(
        `cookie-catalog: audit: --propose ${escapeInvisible(options.propose ?? '')} is a file, not a folder; give a folder for the drafts\n`,
      );
      return 2;
    }
  }
  const valid = await validCatalog(options.catalog, io, 'audit needs a valid catalog');
  if (!valid) return 1;
  const { catalog } = valid;
  const consent =
    options.consent === undefined || options.consent === 'all'
      ? 'all'
      : options.consent === 'none'
        ? 'none'
        : options.consent.split(',').map((id) => id.trim());
  if (Array.isArray(consent)) {
    const known = catalog.categories.filter((cat) => cat.consentRequired).map((cat) => cat.id);
    const unknown = consent.filter((id) => !known.includes(id));
    if (unknown.length > 0) {
      io.stderr(
        `cookie-catalog: --consent names ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not a category that needs consent (${known.join(', ') || 'none'})\n`,
      );
      return 2;
    }
  }
  let audit: Awaited<ReturnType<typeof auditSite>>;
  try {
    audit = await auditSite(catalog, {
      url: options.url,
      // With a sitemap or a list, every page of it unless --pages is given.
      ...((options.pages !== undefined || !urlSet) && { pages }),
      consent,
      ...(concurrency !== undefined && { concurrency }),
      ...(lateStorageMs !== undefined && { lateStorageMs }),
      ...(shard && { shard }),
      ...(urlSet && { urlSet }),
      ...(options.consentCookie !== undefined && { consentCookie: options.consentCookie }),
      ...(options.acceptSelector && { acceptSelector: options.acceptSelector }),
      ...(options.rejectSelector && { rejectSelector: options.rejectSelector }),
      ...(passes && { passes: passes as (typeof PASSES)[number][] }),
      ...(storageState && { storageState }),
      ...(baseline && { baseline }),
      ...(options.redact && { redact: true }),
      tool: `cookie-catalog ${(await import('../../package.json', { with: { type: 'json' } })).default.version}`,
      progress: (line) => io.stderr(`${c.dim(escapeInvisible(line))}\n`),
    });
  } catch (error) {
    if (error instanceof StartPageError) {
      // Neither a finding (1) nor a usage error (2): the site could not be audited at all.
      io.stderr(
        `cookie-catalog: audit: ${escapeInvisible(error.message)}; check the address and that the site is up (nothing was audited)\n`,
      );
      return 3;
    }
    return usage(error);
  }
  const errors = audit.problems.filter((p) => p.severity === 'error').length;
  // --redact: the warnings on stderr lose query strings too (auditReport redacts the report).
  const warnings = options.redact
    ? audit.warnings.map((w) => ({
        ...w,
        page: redactUrls(w.page),
        message: redactUrls(w.message),
      }))
    : audit.warnings;
  for (const warning of warnings)
    io.stderr(
      `${c.yellow('warning')} ${escapeInvisible(warning.pass)}: ${escapeInvisible(warning.page)}: ${escapeInvisible(warning.message)}\n`,
    );
  const drifted = audit.drift ? audit.drift.new + audit.drift.gone + audit.drift.changed : 0;
  const report = auditReport(
    options.url,
    audit,
    options.format,
    out !== undefined ? { ...io, color: false } : io,
    { redact: options.redact, ...(organisations && { organisations }) },
    loaded,
  );
  if (out !== undefined) {
    await writeReport(out, report);
    io.stderr(
      `${c.green('✓')} wrote ${escapeInvisible(relative(io.cwd, out) || out)}${audit.drift ? ` (${escapeInvisible(driftSummary(audit.drift))})` : ''}\n`,
    );
  } else {
    io.stdout(report);
  }
  // After the report, so a folder that cannot be written loses no finding.
  if (proposeDir) {
    try {
      const written = await propose(catalog, audit, proposeDir, options.url);
      io.stderr(
        `${c.green('✓')} drafted ${written.length} entr${written.length === 1 ? 'y' : 'ies'} in ${escapeInvisible(relative(io.cwd, proposeDir) || '.')}${written.length ? `: ${written.join(', ')}` : ''}\n`,
      );
    } catch (error) {
      const { code, path } = error as NodeJS.ErrnoException;
      if (!code) throw error;
      io.stderr(
        `cookie-catalog: audit: --propose ${escapeInvisible(options.propose ?? '')}: cannot write ${escapeInvisible(path ? relative(io.cwd, path) : proposeDir)} (${code}); give a folder you can write\n`,
      );
      return 2;
    }
  }
  return (failOn.has('error') && errors > 0) || (failOn.has('drift') && drifted > 0) ? 1 : 0;
}

/**
 * The report of a run in a format (the JSON, the Markdown of a pull-request comment, or text for
 * people): of an audit, or of shards merged (`audit merge`).
 */
export function auditReport(
  url: string,
  audit: Awaited<ReturnType<typeof import('@cookie-catalog/audit')['auditSite']>>,
  format: 'text' | 'json' | 'markdown' | 'html',
  io: CliIo,
  options: {
    readonly redact?: boolean;
    readonly organisations?: import('@cookie-catalog/audit').Organisations;
  },
  loaded: Pick<
    typeof import('@cookie-catalog/audit'),
    'auditJson' | 'auditJsonText' | 'renderAuditHtml' | 'redactUrls'
  >,
): string {
  let report: string;
  // --redact: the text and Markdown reports lose query strings too; auditJson redacts the JSON
  // itself (and needs the findings as the run made them, to place them in the HTML).
  const problems = options.redact
    ? audit.problems.map((p) => ({
        ...p,
        file: loaded.redactUrls(p.file),
        message: loaded.redactUrls(p.message),
      }))
    : audit.problems;
  const warnings = options.redact
    ? audit.warnings.map((w) => ({
        ...w,
        page: loaded.redactUrls(w.page),
        message: loaded.redactUrls(w.message),
      }))
    : audit.warnings;
  if (format === 'json' || format === 'html') {
    const json = loaded.auditJson(url, audit, { redact: options.redact === true });
    report = loaded.auditJsonText(json);
    // The page states the SHA-256 of exactly the text --format json writes.
    if (format === 'html')
      report = loaded.renderAuditHtml(json, {
        jsonText: report,
        ...(options.organisations && { organisations: options.organisations }),
      });
  } else if (format === 'markdown') {
    report = auditMarkdown(
      url,
      problems,
      audit.passes.map((p) => p.pages.length),
      audit.passes.map((p) => p.name),
      warnings,
      audit.drift,
    );
  } else {
    // Grouped for people: errors first, then by rule and page.
    const order = { error: 0, warning: 1, info: 2 } as const;
    const grouped = [...problems].sort(
      (a, b) =>
        order[a.severity] - order[b.severity] ||
        (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
        (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
    );
    report = formatProblemsText(grouped, io);
    const byRule = new Map<string, number>();
    for (const p of grouped) byRule.set(p.rule, (byRule.get(p.rule) ?? 0) + 1);
    if (byRule.size > 0)
      report += `${[...byRule].map(([rule, n]) => `  ${String(n).padStart(3)}  ${rule}`).join('\n')}\n`;
    report += `${summary(problems, audit.passes.map((p) => `${p.name}: ${p.pages.length} page${p.pages.length === 1 ? '' : 's'}`).join(', '), warnings.length)}\n`;
    if (audit.drift) report += `${driftSummary(audit.drift)}\n`;
  }
  return report;
}

/**
 * The baseline, read and checked before a browser starts: a missing, huge or foreign file is the
 * user's mistake (exit 2), said in one line.
 */
export async function readBaseline<B>(
  given: string,
  cwd: string,
  audit: {
    parseBaseline: (text: string, label: string) => B;
    maxBytes: number;
    AuditInputError: new (message: string) => Error;
  },
): Promise<B> {
  const path = resolve(cwd, given);
  const stats = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new audit.AuditInputError(
      `--baseline ${given}: ${error.code === 'ENOENT' ? 'no such file' : `cannot be read (${error.code})`}; give the JSON of an earlier run (--format json --out FILE)`,
    );
  });
  if (!stats.isFile())
    throw new audit.AuditInputError(
      `--baseline ${given}: is not a file; give the JSON of an earlier run`,
    );
  if (stats.size > audit.maxBytes)
    throw new audit.AuditInputError(
      `--baseline ${given}: ${stats.size} bytes is more than any run's report (at most ${audit.maxBytes}); give the JSON of an earlier run`,
    );
  return audit.parseBaseline(await readFile(path, 'utf8'), given);
}

function driftSummary(drift: { new: number; gone: number; changed: number }): string {
  const total = drift.new + drift.gone + drift.changed;
  return total === 0
    ? 'no drift since the baseline'
    : `drift since the baseline: ${drift.new} new, ${drift.gone} gone, ${drift.changed} changed`;
}

/**
 * The first symbolic link on the way to `dir` (the folder itself, or a folder it is inside),
 * below `cwd` when it is inside it: drafts are never written into or through a link, which could
 * lead anywhere on the machine.
 */
async function symbolicLinkOnTheWay(dir: string, cwd: string): Promise<string | undefined> {
  const inside = dir.startsWith(cwd.endsWith(sep) ? cwd : `${cwd}${sep}`);
  const stop = inside ? cwd : parse(dir).root;
  const ways: string[] = [];
  for (let path = dir; path !== stop && path !== dirname(path); path = dirname(path))
    ways.unshift(path);
  for (const path of ways) {
    const stats = await lstat(path).catch(() => undefined);
    if (!stats) return undefined; // the rest is created by mkdir, as real folders
    if (stats.isSymbolicLink()) return path;
  }
  return undefined;
}

function count(problems: readonly Problem[], severity: Problem['severity']): number {
  return problems.filter((p) => p.severity === severity).length;
}

function summary(problems: readonly Problem[], passes: string, warnings: number): string {
  const errors = count(problems, 'error');
  const text = `${errors} error${errors === 1 ? '' : 's'}, ${count(problems, 'info')} note${count(problems, 'info') === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'} (pages not fully seen)` : ''} (${passes})`;
  return errors > 0 ? `✗ ${text}` : `✓ the site stores what the catalog declares: ${text}`;
}

/** For a pull-request comment: the findings by rule, page addresses and names as code. */
function auditMarkdown(
  url: string,
  problems: readonly Problem[],
  pages: readonly number[],
  passNames: readonly string[],
  warnings: readonly { pass: string; page: string; message: string }[],
  drift: { new: number; gone: number; changed: number } | undefined,
): string {
  const errors = count(problems, 'error');
  const lines = [
    `### Cookie audit of ${markdownCode(url)}`,
    '',
    errors > 0
      ? `**${errors} error${errors === 1 ? '' : 's'}** in ${pages.join(' + ')} pages (${passNames.join(', ')}).`
      : `No errors in ${pages.join(' + ')} pages (${passNames.join(', ')}).`,
    '',
    ...(drift ? [`${driftSummary(drift).replace(/^./, (l) => l.toUpperCase())}.`, ''] : []),
    ...(warnings.length > 0
      ? [
          `Pages not fully seen (${warnings.length}):`,
          '',
          ...warnings.map(
            (w) => `- ${markdownCode(w.pass)} ${markdownCode(w.page)}: ${markdownCode(w.message)}`,
          ),
          '',
        ]
      : []),
  ];
  // The findings as every command writes them for a pull request: each string a code span.
  return `${lines.join('\n')}\n${formatProblemsMarkdown(problems)}`;
}

/** How much of a name a draft's id (its file name) keeps: far below any file system's limit. */
const ID_BASE_LENGTH = 64;

/** One draft entry file per undeclared cookie or storage key, with what the browser saw. */
async function propose(
  catalog: Catalog,
  audit: Awaited<ReturnType<typeof import('@cookie-catalog/audit')['auditSite']>>,
  dir: string,
  url: string,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const taken = new Set([
    ...catalog.entries.map((e) => e.id),
    ...(await readdir(dir)).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)),
  ]);
  const site = new URL(url).hostname;
  const ownDomain = catalog.entries.find((e) => e.party === 'first')?.provider.domain ?? site;
  const written: string[] = [];
  for (const item of audit.undeclared) {
    if (item.kind === 'request') {
      const host = new URL(item.request.url).hostname;
      const id = draftId(`${host.slice(0, ID_BASE_LENGTH)} pixel`, taken);
      const draft = draftEntryYaml(
        {
          id,
          name: `${host} pixel`,
          kind: 'pixel',
          category: undefined,
          party: 'third',
          setBy: 'provider',
          provider: { name: 'TODO: the company that receives it', domain: host },
          lifetime: 'none',
          comments: [
            `Drafted by \`cookie-catalog audit ${url}\`: a ${item.request.type === 'image' ? 'tracking image' : item.request.type} sent from ${item.request.page}.`,
            `Request: ${item.request.url.slice(0, 200)}`,
            'Check every fact, then write each TODO; `cookie-catalog validate` lists what is left.',
          ],
        },
        catalog.locales,
      );
      await writeFile(join(dir, `${id}.yaml`), draft, { flag: 'wx' });
      written.push(id);
      continue;
    }
    const isCookie = item.kind === 'cookie';
    const name = isCookie ? item.cookie.name : item.storage.key;
    const host = isCookie
      ? item.cookie.domain.replace(/^\./, '')
      : new URL(item.storage.origin).hostname;
    const firstParty = host === site || host.endsWith(`.${site}`) || site.endsWith(`.${host}`);
    // A name becomes a file name: capped, so a 300-character cookie name still gets its draft.
    const id = draftId(name.slice(0, ID_BASE_LENGTH), taken);
    const lifetime = isCookie
      ? observedLifetime(item.cookie.expires, item.cookie.seenAt)
      : undefined;
    const comments = isCookie
      ? [
          `Drafted by \`cookie-catalog audit ${url}\`: seen on ${item.cookie.page}.`,
          `Set by ${item.cookie.setBy ?? 'an unknown source'}.`,
          `Stored on ${item.cookie.domain}${item.cookie.path}${item.cookie.httpOnly ? ', HttpOnly' : ''}${item.cookie.secure ? ', Secure' : ''}, SameSite=${item.cookie.sameSite}${item.cookie.expires === -1 ? ', for the session' : `, kept ${lifetime ?? 'for a while'}`}.`,
          'Check every fact, then write each TODO; `cookie-catalog validate` lists what is left.',
        ]
      : [
          `Drafted by \`cookie-catalog audit ${url}\`: ${item.storage.kind} of ${item.storage.origin}, seen on ${item.storage.page}.`,
          'Check every fact, then write each TODO; `cookie-catalog validate` lists what is left.',
        ];
    const draft = draftEntryYaml(
      {
        id,
        name,
        kind: isCookie ? 'cookie' : item.storage.kind,
        category: undefined,
        party: firstParty ? 'first' : 'third',
        setBy: firstParty ? 'vendor' : 'provider',
        provider: {
          name: 'TODO: the company whose software sets it',
          domain: firstParty ? ownDomain : host,
        },
        lifetime: isCookie
          ? item.cookie.expires === -1
            ? { statedByProvider: 'session' }
            : lifetime && { statedByProvider: lifetime }
          : item.storage.kind === 'sessionStorage'
            ? 'session'
            : 'persistent',
        comments,
      },
      catalog.locales,
    );
    await writeFile(join(dir, `${id}.yaml`), draft, { flag: 'wx' });
    written.push(id);
  }
  return written;
}

/** What the browser keeps, in whole days (or hours, minutes) as an entry file writes it. */
function observedLifetime(expires: number, seenAt: number): string | undefined {
  const seconds = Math.max(0, expires - seenAt);
  for (const [unit, size] of [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ] as const) {
    const amount = Math.round(seconds / size);
    if (amount >= 1) return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
  }
  return undefined;
}
