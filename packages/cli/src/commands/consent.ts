import { constants } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { escapeInvisible, parseDuration } from '@cookie-catalog/catalog';
import type { ConsentStore } from '@cookie-catalog/runtime/consent-records';
import pc from 'picocolors';
import type { CliIo } from '../cli-io.js';
import { CONSENT_SUBCOMMANDS, CONSENT_USAGE } from '../consent/consent-usage.js';
import { historyText } from '../consent/history-text.js';
import { renderingWords } from '../consent/rendering-text.js';
import { safeJson } from '../consent/safe-json.js';
import { statsSvg } from '../consent/stats-svg.js';
import { statsText } from '../consent/stats-table.js';
import { namedTargetWithin, outputTargetProblem } from '../output-target.js';
import { validCatalog } from './valid-catalog.js';

export const CONSENT_STORE_VARIABLE = 'COOKIE_CATALOG_CONSENT_STORE';

export interface ConsentCommandOptions {
  readonly subcommand: string | undefined;
  /** What follows the subcommand: the consent id of show, export and erase. */
  readonly args: readonly string[];
  /** The options given, by name: each subcommand refuses those it does not read. */
  readonly given: readonly string[];
  readonly help: boolean;
  readonly store: string | undefined;
  readonly format: string | undefined;
  readonly out: string | undefined;
  readonly policy: boolean;
  readonly since: string | undefined;
  readonly before: string | undefined;
  readonly olderThan: string | undefined;
  readonly catalog: string | undefined;
  /** prune: say how many would be deleted, delete nothing. */
  readonly dryRun: boolean;
}

/** The options each subcommand reads. */
const OPTIONS: Readonly<Record<string, readonly string[]>> = {
  show: ['store', 'format', 'policy'],
  export: ['store', 'out'],
  verify: ['store'],
  erase: ['store'],
  prune: ['store', 'older-than', 'before', 'catalog', 'dry-run'],
  stats: ['store', 'since', 'format', 'out'],
};
const TAKES_ID = new Set(['show', 'export', 'erase']);

/** A consent id as the runtime makes them: 128 random bits, 32 lowercase hex characters. */
const CONSENT_ID = /^[0-9a-f]{32}$/;
/* ISO 8601 as people write a day or a time: 2026-01-01, 2026-01-01T12:00, …Z or …+02:00. */
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

class UsageMistake extends Error {}

function usage(message: string): never {
  throw new UsageMistake(message);
}

/**
 * `cookie-catalog consent show|export|verify|erase|prune|stats`: proof of consent, read from
 * the store the servers record into (issue #30). What the store holds was written by others and
 * read back from a database: every word of it is escaped before it reaches the terminal.
 */
export async function consentCommand(options: ConsentCommandOptions, io: CliIo): Promise<number> {
  const { subcommand } = options;
  if (subcommand === undefined) {
    (options.help ? io.stdout : io.stderr)(CONSENT_USAGE);
    return options.help ? 0 : 2;
  }
  const help = CONSENT_SUBCOMMANDS[subcommand];
  if (help === undefined) {
    io.stderr(
      `cookie-catalog: consent has no subcommand "${escapeInvisible(subcommand)}"; it has ${Object.keys(CONSENT_SUBCOMMANDS).join(', ')}\n\n${CONSENT_USAGE}`,
    );
    return 2;
  }
  if (options.help) {
    io.stdout(help);
    return 0;
  }
  let store: ConsentStore | undefined;
  try {
    const allowed = OPTIONS[subcommand] ?? [];
    const stray = options.given.find((option) => !allowed.includes(option));
    if (stray) usage(`consent ${subcommand} does not take --${stray}`);
    const id = consentIdOf(subcommand, options.args);
    const opened = await openStore(options.store, io);
    if (typeof opened === 'number') return opened;
    store = opened;
    switch (subcommand) {
      case 'show':
        return await show(store, id as string, options, io);
      case 'export':
        return await exportRecords(store, id as string, options, io);
      case 'verify':
        return await verify(store, io);
      case 'erase':
        return await erase(store, id as string, io);
      case 'prune':
        return await prune(store, options, io);
      default:
        return await stats(store, options, io);
    }
  } catch (error) {
    if (store !== undefined && isStoreFailure(error)) {
      io.stderr(
        `cookie-catalog: the consent store ${escapeInvisible(store.location)} failed: ${escapeInvisible(describe(error))}; nothing more was done\n`,
      );
      return 2;
    }
    if (!(error instanceof UsageMistake)) throw error;
    io.stderr(
      `cookie-catalog: ${escapeInvisible(error.message)}; run \`cookie-catalog consent ${subcommand} --help\`\n`,
    );
    return 2;
  } finally {
    await store?.close().catch(() => {});
  }
}

/** The id of show, export and erase, checked before the store is opened. */
function consentIdOf(subcommand: string, args: readonly string[]): string | undefined {
  if (!TAKES_ID.has(subcommand)) {
    if (args.length > 0) usage(`consent ${subcommand} takes no argument "${args[0]}"`);
    return undefined;
  }
  if (args.length !== 1)
    usage(
      args.length === 0
        ? `consent ${subcommand} needs the person's consent id`
        : `consent ${subcommand} takes one consent id, not ${args.length}`,
    );
  const id = (args[0] as string).trim().toLowerCase();
  if (!CONSENT_ID.test(id))
    usage(
      `"${args[0]}" is not a consent id: it is 32 hexadecimal characters (0-9, a-f), as in the consent cookie`,
    );
  return id;
}

/** The URL without its password, for messages. */
function redacted(location: string): string {
  try {
    const url = new URL(location);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return location.replace(/\/\/[^@/]*@/, '//…@');
  }
}

const POSTGRES = /^postgres(?:ql)?:\/\//i;

/**
 * The store named by --store or the environment, opened; or the exit code after one line that
 * says what to do. A folder must already hold a store: these commands read what servers wrote,
 * and an empty store made here would answer "no records" for a mistyped path.
 */
async function openStore(given: string | undefined, io: CliIo): Promise<ConsentStore | number> {
  const env = io.env ?? process.env;
  const location = given ?? env[CONSENT_STORE_VARIABLE];
  const fail = (message: string) => {
    io.stderr(`cookie-catalog: ${escapeInvisible(message)}\n`);
    return 2;
  };
  if (location === undefined || location.trim() === '')
    return fail(
      `consent needs the store the servers record into: --store <folder | postgres://…>, or set ${CONSENT_STORE_VARIABLE}`,
    );
  const postgres = POSTGRES.test(location);
  // Another scheme (mysql://…) is the runtime's to refuse, never a folder to create.
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
  if (!url) {
    const folder = resolve(io.cwd, location);
    const data = await stat(join(folder, 'pgdata')).catch(() => undefined);
    if (!data?.isDirectory())
      return fail(
        `there is no consent store in ${relative(io.cwd, folder) || folder}: point --store (or ${CONSENT_STORE_VARIABLE}) at the folder your servers record consent into, or at a postgres:// URL`,
      );
  }
  const { openConsentStore } = await import('@cookie-catalog/runtime/consent-records');
  try {
    return await openConsentStore(url ? location : resolve(io.cwd, location));
  } catch (error) {
    const message = describe(error);
    // The runtime names the package to install; the rest needs the reason and what to check.
    if (/is not installed: npm install /.test(message)) return fail(message);
    return fail(
      postgres
        ? `cannot open the consent store ${redacted(location)}: ${message.replace(/^cannot open the consent store \S+: /, '')}; check that the PostgreSQL server is running and that the URL (--store or ${CONSENT_STORE_VARIABLE}) names its database`
        : message,
    );
  }
}

/**
 * What the database refused or a lost connection (a server restarted mid-command), as opposed to
 * a bug of ours: PostgreSQL's errors (pg's and PGlite's alike) carry the protocol's `severity`.
 */
function isStoreFailure(error: unknown): boolean {
  const { severity, code } = (error ?? {}) as { severity?: unknown; code?: unknown };
  return (
    typeof severity === 'string' ||
    (typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT)$/.test(code)) ||
    (error instanceof Error && /Connection terminated|connection timeout/i.test(error.message))
  );
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return error.message || code || error.name;
  }
  return String(error);
}

async function show(
  store: ConsentStore,
  id: string,
  options: ConsentCommandOptions,
  io: CliIo,
): Promise<number> {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    usage(`--format must be text or json, not "${format}"`);
  const history = await store.show(id);
  if (history.entries.length === 0) return noRecords(id, store, io);
  const policies = options.policy
    ? history.entries.flatMap((entry) => entry.record?.policy ?? [])
    : [];
  if (format === 'json') {
    io.stdout(
      safeJson({
        consentId: history.consentId,
        records: history.entries,
        renderings: Object.fromEntries(
          Object.entries(history.renderings).map(([hash, rendering]) => [
            hash,
            { ...rendering, words: renderingWords(rendering.format, rendering.text) },
          ]),
        ),
        missingRenderings: history.missingRenderings,
      }),
    );
    return 0;
  }
  io.stdout(historyText(history, options.policy));
  for (const hash of [...new Set(policies)]) {
    const policy = history.renderings[hash];
    if (policy === undefined) continue;
    io.stdout(
      `\nPolicy in force, ${escapeInvisible(policy.locale)}, sha256 ${escapeInvisible(hash)}, from ${escapeInvisible(policy.source)}:\n\n`,
    );
    io.stdout(
      `${renderingWords(policy.format, policy.text).split('\n').map(escapeInvisible).join('\n')}\n`,
    );
  }
  return 0;
}

function noRecords(id: string, store: ConsentStore, io: CliIo): number {
  io.stderr(
    `cookie-catalog: ${escapeInvisible(store.location)} holds no consent records for ${id}: check the id (it is in the person's consent cookie), or the records were pruned after the period they are kept for\n`,
  );
  return 1;
}

/**
 * Writes a file the user named, never through a symbolic link: the path is checked first
 * (output-target.ts), and the file is opened with O_NOFOLLOW so a link put there since is
 * refused too. `personal`: an export holds one person's data, so only its owner may read it.
 */
async function writeNamedFile(
  path: string,
  contents: string,
  io: CliIo,
  personal: boolean,
): Promise<number> {
  const out = resolve(io.cwd, path);
  const unsafe = await outputTargetProblem(
    { path: out, within: namedTargetWithin(out, io.cwd), kind: 'file' },
    io.cwd,
  );
  if (unsafe !== undefined) {
    io.stderr(`cookie-catalog: --out ${unsafe}\n`);
    return 2;
  }
  await mkdir(dirname(out), { recursive: true });
  const file = await open(
    out,
    constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
    personal ? 0o600 : 0o644,
  );
  try {
    await file.writeFile(contents);
  } finally {
    await file.close();
  }
  const c = pc.createColors(io.color);
  io.stderr(`${c.green('✓')} wrote ${escapeInvisible(relative(io.cwd, out) || out)}\n`);
  return 0;
}

async function exportRecords(
  store: ConsentStore,
  id: string,
  options: ConsentCommandOptions,
  io: CliIo,
): Promise<number> {
  const exported = await store.export(id);
  if (exported.records.length === 0) return noRecords(id, store, io);
  const json = safeJson(exported);
  if (options.out === undefined) {
    io.stdout(json);
    return 0;
  }
  return writeNamedFile(options.out, json, io, true);
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

async function verify(store: ConsentStore, io: CliIo): Promise<number> {
  const c = pc.createColors(io.color);
  const report = await store.verify();
  for (const problem of report.problems)
    io.stdout(`${c.red('✗')} ${escapeInvisible(problem.message)} (${problem.kind})\n`);
  const scope = `${plural(report.writers, 'writer')}, ${plural(report.records, 'record')} in ${escapeInvisible(store.location)}`;
  io.stdout(
    report.ok
      ? `${c.green('✓')} every chain holds: ${scope}\n`
      : `${c.red('✗')} ${plural(report.problems.length, 'problem')}: ${scope}; the records named were edited, removed or reordered after they were written\n`,
  );
  return report.ok ? 0 : 1;
}

async function erase(store: ConsentStore, id: string, io: CliIo): Promise<number> {
  // Checked first: erasing an id the store does not know would still record an erasure request.
  const history = await store.show(id);
  if (history.entries.length === 0) return noRecords(id, store, io);
  const c = pc.createColors(io.color);
  const result = await store.erase(id);
  const already =
    result.alreadyErased > 0 ? ` (${plural(result.alreadyErased, 'record')} erased before)` : '';
  io.stdout(
    `${c.green('✓')} erased ${plural(result.erased, 'record')} of ${id}${already}: their contents are gone, tombstones keep the chain verifiable (GDPR Art. 17)\n`,
  );
  return 0;
}

/** A day or time given on the command line, or a usage mistake naming the option. */
function dateOption(option: string, value: string): Date {
  const time = ISO_DATE.test(value.trim()) ? Date.parse(value.trim()) : Number.NaN;
  if (Number.isNaN(time))
    usage(
      `--${option} "${value}" is not a date: write it as ISO 8601, e.g. 2026-01-01 or 2026-01-01T12:00Z`,
    );
  return new Date(time);
}

async function prune(
  store: ConsentStore,
  options: ConsentCommandOptions,
  io: CliIo,
): Promise<number> {
  if (options.olderThan !== undefined && options.before !== undefined)
    usage('give --older-than or --before, not both');
  const c = pc.createColors(io.color);
  const now = Date.now();
  let before: Date;
  let why: string;
  if (options.before !== undefined) {
    before = dateOption('before', options.before);
    why = `before ${before.toISOString()}`;
  } else if (options.olderThan !== undefined) {
    const parsed = parseDuration(options.olderThan);
    if (!parsed.ok)
      usage(`--older-than: ${parsed.reason}; ${parsed.fix.replace(/, or `session`$/, '')}`);
    before = new Date(now - parsed.duration.seconds * 1000);
    why = `older than ${options.olderThan.trim()} (before ${before.toISOString()})`;
  } else {
    const valid = await validCatalog(
      options.catalog ?? 'catalog',
      io,
      'nothing was pruned (give --older-than or --before to prune without it)',
    );
    if (!valid) return 1;
    const keep = valid.catalog.consent?.keepRecords;
    if (!keep) {
      io.stderr(
        'policy.yaml asks for no consent (no consent:), so it states no period to keep records for; nothing was pruned (give --older-than or --before)\n',
      );
      return 1;
    }
    before = new Date(now - keep.seconds * 1000);
    why = `older than the ${keep.written ?? `${Math.round(keep.seconds / 86_400).toLocaleString('en')} days`} the policy keeps them${keep.origin === 'default' ? ' (the consent cookie’s lifetime plus three years: policy.yaml states no consent.keepRecords)' : ''} (before ${before.toISOString()})`;
  }
  if (before.getTime() > now)
    usage(
      `--before ${before.toISOString()} is in the future: that would delete records just written`,
    );
  if (options.dryRun) {
    // The store counts by time; prune keeps each chain whole after its first record at or after
    // the date, so a record written out of time order may stay: hence "about".
    const all = await store.stats();
    const kept = await store.stats({ since: before });
    const older = all.answers + all.erased - (kept.answers + kept.erased);
    io.stdout(
      `would delete about ${plural(older, 'record')} ${why}; nothing was deleted (--dry-run)\n`,
    );
    return 0;
  }
  const result = await store.prune(before);
  io.stdout(`${c.green('✓')} deleted ${plural(result.deleted, 'record')} ${why}\n`);
  for (const checkpoint of result.checkpoints)
    io.stdout(
      `  writer ${escapeInvisible(checkpoint.writer)} now verifies from its checkpoint at seq ${checkpoint.seq}\n`,
    );
  return 0;
}

async function stats(
  store: ConsentStore,
  options: ConsentCommandOptions,
  io: CliIo,
): Promise<number> {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'svg')
    usage(`--format must be text, json or svg, not "${format}"`);
  const since = options.since === undefined ? undefined : dateOption('since', options.since);
  const numbers = await store.stats(since === undefined ? {} : { since });
  const contents =
    format === 'json'
      ? safeJson(numbers)
      : format === 'svg'
        ? statsSvg(numbers)
        : statsText(numbers);
  if (options.out === undefined) {
    io.stdout(contents);
    return 0;
  }
  return writeNamedFile(options.out, contents, io, false);
}
