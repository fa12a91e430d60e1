import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { escapeInvisible } from '@cookie-catalog/catalog';
import pc from 'picocolors';
import type { CliIo } from '../cli-io.js';
import { loadOptional } from '../optional-package.js';
import { namedTargetWithin, outputTargetProblem } from '../output-target.js';
import { auditReport, parseFailOn, readBaseline } from './audit.js';
import { validCatalog } from './valid-catalog.js';

export interface AuditMergeOptions {
  readonly catalog: string;
  readonly files: readonly string[];
  readonly format: string;
  readonly out: string | undefined;
  readonly baseline?: string | undefined;
  readonly failOn?: string | undefined;
  /** The options given on the command line, each checked against what merge reads. */
  readonly given: readonly string[];
}

const MERGE_OPTIONS = ['catalog', 'format', 'out', 'baseline', 'fail-on'];

/**
 * `cookie-catalog audit merge a.json b.json c.json`: the shards of one run (`audit … --shard i/n
 * --format json`) joined into the result of a single run and judged again against the catalog;
 * reported as `audit` reports (exit 1 on an error finding). Files of different runs, or shards
 * missing or given twice, are refused in one line naming the files (exit 2).
 */
export async function auditMergeCommand(options: AuditMergeOptions, io: CliIo): Promise<number> {
  const c = pc.createColors(io.color);
  const refuse = (message: string) => {
    io.stderr(`cookie-catalog: audit merge: ${escapeInvisible(message)}\n`);
    return 2;
  };
  const stray = options.given.find((option) => !MERGE_OPTIONS.includes(option));
  if (stray !== undefined)
    return refuse(
      `takes --catalog, --format, --out, --baseline and --fail-on, not --${stray} (give it to each shard's audit)`,
    );
  const { format } = options;
  if (format !== 'text' && format !== 'json' && format !== 'markdown')
    return refuse(`--format must be text, json or markdown, not "${format}"`);
  if (options.files.length === 0)
    return refuse(
      'give the JSON reports of the shards to join: audit merge shard-1.json shard-2.json shard-3.json',
    );
  const failOn = parseFailOn(options.failOn);
  if (typeof failOn === 'string') return refuse(failOn);
  if (failOn.has('drift') && options.baseline === undefined)
    return refuse('--fail-on drift needs --baseline, the JSON of an earlier run to compare with');
  const out = options.out === undefined ? undefined : resolve(io.cwd, options.out);
  if (out !== undefined) {
    const unsafe = await outputTargetProblem(
      { path: out, within: namedTargetWithin(out, io.cwd), kind: 'file' },
      io.cwd,
    );
    if (unsafe !== undefined) return refuse(`--out ${unsafe}`);
  }
  const loaded = await loadOptional(
    '@cookie-catalog/audit',
    'audit merge',
    () => import('@cookie-catalog/audit'),
    io,
  );
  if (!loaded) return 2;
  const { AuditInputError, BASELINE_MAX_BYTES, mergeShards, parseBaseline, parseShardResult } =
    loaded;
  const shards: ReturnType<typeof parseShardResult>[] = [];
  let baseline: ReturnType<typeof parseBaseline> | undefined;
  try {
    if (options.baseline !== undefined)
      baseline = await readBaseline(options.baseline, io.cwd, {
        parseBaseline,
        maxBytes: BASELINE_MAX_BYTES,
        AuditInputError,
      });
    for (const file of options.files) {
      const path = resolve(io.cwd, file);
      const stats = await stat(path).catch((error: NodeJS.ErrnoException) => error);
      if (stats instanceof Error)
        return refuse(
          `${file}: ${stats.code === 'ENOENT' ? 'no such file' : `cannot be read (${stats.code})`}; give the JSON report of each shard (--format json --out FILE)`,
        );
      if (!stats.isFile()) return refuse(`${file}: is not a file; give a shard's JSON report`);
      if (stats.size > BASELINE_MAX_BYTES)
        return refuse(
          `${file}: ${stats.size} bytes is more than any run's report (at most ${BASELINE_MAX_BYTES}); give a shard's JSON report`,
        );
      shards.push(parseShardResult(await readFile(path, 'utf8'), file));
    }
  } catch (error) {
    if (error instanceof AuditInputError)
      return refuse(error.message.replace(/^audit merge: /, ''));
    throw error;
  }
  const valid = await validCatalog(
    options.catalog,
    io,
    'audit merge needs the valid catalog the shards were audited against',
  );
  if (!valid) return 1;
  let merged: ReturnType<typeof mergeShards>;
  try {
    merged = mergeShards(valid.catalog, shards, baseline);
  } catch (error) {
    if (error instanceof AuditInputError)
      return refuse(error.message.replace(/^audit merge: /, ''));
    throw error;
  }
  for (const warning of merged.warnings)
    io.stderr(
      `${c.yellow('warning')} ${escapeInvisible(warning.pass)}: ${escapeInvisible(warning.page)}: ${escapeInvisible(warning.message)}\n`,
    );
  const report = auditReport(
    merged.run.start,
    merged,
    format,
    out !== undefined ? { ...io, color: false } : io,
    {},
    loaded,
  );
  if (out !== undefined) {
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, report);
    io.stderr(
      `${c.green('✓')} wrote ${escapeInvisible(relative(io.cwd, out) || out)} (${shards.length} shard${shards.length === 1 ? '' : 's'} joined)\n`,
    );
  } else {
    io.stdout(report);
  }
  const errors = merged.problems.some((p) => p.severity === 'error');
  const drifted = merged.drift ? merged.drift.new + merged.drift.gone + merged.drift.changed : 0;
  return (failOn.has('error') && errors) || (failOn.has('drift') && drifted > 0) ? 1 : 0;
}
