import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { type Catalog, escapeInvisible, loadCatalog } from '@cookie-catalog/catalog';
import {
  changesetFileName,
  changesetsSince,
  type Fingerprints,
  formatChangeset,
  formatDiffMarkdown,
  gitRoot,
  OUTPUT_LOCK_FILE,
  outputLockPath,
  outputLocksAtRef,
  outputLockText,
  type ReleasePlan,
  readOutputLocks,
  releasePlan,
  uncoveredBumps,
  withCatalogAtRef,
} from '@cookie-catalog/release';
import pc from 'picocolors';
import type { CliIo } from '../cli-io.js';
import { formatProblemsText } from '../format-problems.js';

export interface DiffOptions {
  readonly catalog: string;
  /** Compare with the catalog at this git ref… */
  readonly base: string | undefined;
  /** …or with the catalog in this directory. */
  readonly from: string | undefined;
  readonly format: 'text' | 'markdown' | 'json';
  readonly requireChangeset: boolean;
}

/**
 * `cookie-catalog diff`: what changed since an earlier catalog, in plain words, and what it does
 * to each generated package's version. With --require-changeset, exit 1 when a package changed
 * and no changeset added since --base covers its bump, or when the output locks are stale.
 */
export async function diffCommand(options: DiffOptions, io: CliIo): Promise<number> {
  const compared = await compare(options, io);
  if (typeof compared === 'number') return compared;
  const { diff, against, root: repositoryRoot } = compared;
  if (options.format === 'json') io.stdout(`${JSON.stringify({ against, ...diff }, null, 2)}\n`);
  else if (options.format === 'markdown') io.stdout(formatDiffMarkdown(diff, against));
  else io.stdout(formatText(diff, against, io.color));
  if (options.requireChangeset && Object.keys(diff.bumps).length > 0) {
    const root = await gitRoot(resolve(io.cwd, options.catalog));
    const changesets = root && options.base ? await changesetsSince(root, options.base) : [];
    const missing = uncoveredBumps(diff.bumps, changesets);
    if (missing.length > 0) {
      const c = pc.createColors(io.color);
      const command = `npx cookie-catalog changeset${options.base ? ` --base ${options.base}` : ''}`;
      io.stderr(
        changesets.length === 0
          ? `${c.red('✗')} ${diff.changes.some((ch) => ch.subject !== 'toolchain') ? 'the catalog changed' : 'the generated code changed'} but no changeset was added:\n${missing
              .map((m) => `    ${m.name}: needs ${m.bump}, not bumped\n`)
              .join('')}  run \`${command}\` and commit the file it writes.\n`
          : `${c.red('✗')} the changesets added (${changesets.map((s) => s.file).join(', ')}) do not cover what the change needs:\n${missing
              .map(
                (m) =>
                  `    ${m.name}: needs ${m.bump}, ${m.declared === 'none' ? 'not bumped' : `only ${m.declared}`}\n`,
              )
              .join('')}  run \`${command}\` and commit the file it writes.\n`,
      );
      return 1;
    }
  }
  if (options.requireChangeset) {
    // The head's locks must be what the head generates: the change is accounted for, and the
    // next pull request can tell a toolchain change from a catalog change.
    const locks = await readOutputLocks(repositoryRoot);
    const stale = (Object.keys(diff.fingerprints) as (keyof Fingerprints)[]).filter(
      (key) => locks[key] !== diff.fingerprints[key],
    );
    if (stale.length > 0) {
      const c = pc.createColors(io.color);
      const command = `npx cookie-catalog changeset${options.base ? ` --base ${options.base}` : ''}`;
      io.stderr(
        `${c.red('✗')} the output locks (${OUTPUT_LOCK_FILE}) of ${stale.map((key) => `packages/${key}`).join(', ')} are not what the catalog generates now: run \`${command}\` and commit what it writes.\n`,
      );
      return 1;
    }
  }
  return 0;
}

/**
 * `cookie-catalog changeset`: writes .changeset/catalog-<hash>.md with exactly the diff's bumps,
 * and locks each generated package's output (packages/<package>/generated-output.json) as now
 * accounted for.
 */
export async function changesetCommand(options: DiffOptions, io: CliIo): Promise<number> {
  const compared = await compare(options, io);
  if (typeof compared === 'number') return compared;
  const { diff, root } = compared;
  const c = pc.createColors(io.color);
  const locked = await writeOutputLocks(root, diff.fingerprints);
  const locks =
    locked.length > 0
      ? `the output lock${locked.length === 1 ? '' : 's'} of ${locked.join(', ')} (${OUTPUT_LOCK_FILE}; commit ${locked.length === 1 ? 'it' : 'them'} too)`
      : '';
  if (Object.keys(diff.bumps).length === 0) {
    io.stdout(
      `${c.green('✓')} ${diff.changes.length === 0 ? 'the catalog did not change' : 'no generated package changed'}; no changeset needed${locks ? `; wrote ${locks}` : ''}.\n`,
    );
    return 0;
  }
  // Changesets already added since the base (written by hand, or by an earlier run) that cover
  // every bump need no other.
  if (options.base !== undefined) {
    const added = await changesetsSince(root, options.base);
    if (added.length > 0 && uncoveredBumps(diff.bumps, added).length === 0) {
      io.stdout(
        `${c.green('✓')} the changesets added (${added.map((a) => a.file).join(', ')}) cover every bump${locks ? `; wrote ${locks}` : ''}.\n`,
      );
      return 0;
    }
  }
  const text = formatChangeset(diff);
  // Named by its content; a file of that name that says something else (a changeset edited by
  // hand after it was written) is never overwritten.
  let file = join(root, '.changeset', changesetFileName(text));
  for (let n = 2; ; n++) {
    const existing = await readFile(file, 'utf8').catch(() => undefined);
    if (existing === undefined || existing === text) break;
    file = join(root, '.changeset', changesetFileName(text).replace(/\.md$/, `-${n}.md`));
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  io.stdout(`${c.green('✓')} wrote ${relative(io.cwd, file)}${locks ? ` and ${locks}` : ''}\n`);
  return 0;
}

/** Writes each package's lock whose fingerprint differs; returns the packages' folders written. */
async function writeOutputLocks(root: string, fingerprints: Fingerprints): Promise<string[]> {
  const current = await readOutputLocks(root);
  const written: string[] = [];
  for (const [key, sha] of Object.entries(fingerprints) as [keyof Fingerprints, string][]) {
    if (current[key] === sha) continue;
    const path = join(root, outputLockPath(key));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, outputLockText(sha));
    written.push(`packages/${key}`);
  }
  return written;
}

async function compare(
  options: DiffOptions,
  io: CliIo,
): Promise<{ diff: ReleasePlan; against: string; root: string } | number> {
  if ((options.base === undefined) === (options.from === undefined)) {
    io.stderr('cookie-catalog: say what to compare with: --base GITREF or --from DIR\n');
    return 2;
  }
  const after = await load(resolve(io.cwd, options.catalog), options.catalog, io);
  if (typeof after === 'number') return after;
  const loadBefore = (dir: string | undefined) =>
    dir === undefined
      ? Promise.resolve(emptyLike(after))
      : load(dir, options.from ?? `the catalog at ${options.base}`, io);
  let before: Catalog | number;
  try {
    before =
      options.from !== undefined
        ? await loadBefore(resolve(io.cwd, options.from))
        : await withCatalogAtRef(resolve(io.cwd, options.catalog), options.base ?? '', loadBefore);
  } catch (error) {
    io.stderr(`cookie-catalog: ${(error as Error).message}\n`);
    return 2;
  }
  if (typeof before === 'number') return before;
  const catalogDir = resolve(io.cwd, options.catalog);
  const root = (await gitRoot(catalogDir)) ?? dirname(catalogDir);
  // What the base's toolchain generated, as locked at the base: a toolchain change shows there.
  const baseLocks =
    options.base === undefined ? undefined : await outputLocksAtRef(root, options.base);
  // Base and head rendered with this toolchain, each generated package's API compared.
  const diff = releasePlan(before, after, baseLocks ? { baseLocks } : {});
  return { diff, against: options.from ?? options.base ?? '', root };
}

async function load(dir: string, shown: string, io: CliIo): Promise<Catalog | number> {
  const result = await loadCatalog(dir);
  if (result.catalog) return result.catalog;
  io.stderr(formatProblemsText(result.problems, io));
  io.stderr(
    `${pc.createColors(io.color).red('✗')} ${shown} is not valid, so it cannot be compared.\n`,
  );
  return 1;
}

/** A catalog with nothing in it, for a base where the catalog did not exist yet. */
function emptyLike(catalog: Catalog): Catalog {
  return { ...catalog, entries: [], sections: [], categories: [] };
}

function formatText(diff: ReleasePlan, against: string, color: boolean): string {
  const c = pc.createColors(color);
  if (diff.changes.length === 0 && diff.packageBumps.length === 0)
    return `${c.green('✓')} no catalog changes since ${against}\n`;
  const shown = 3;
  return [
    `Catalog changes since ${against}:`,
    ...diff.changes.map((change) => `  - ${escapeInvisible(change.description)}`),
    ...(diff.changes.length === 0 ? ['  (none in the catalog; the generated output changed)'] : []),
    '',
    'Version bumps (what each package’s users see change):',
    ...diff.packageBumps.flatMap(({ name, bump, reasons }) => [
      `  ${name.padEnd(30)} ${bump === 'major' ? c.red(bump) : bump}`,
      ...reasons.slice(0, shown).map((reason) => c.dim(`      ${escapeInvisible(reason)}`)),
      ...(reasons.length > shown ? [c.dim(`      … and ${reasons.length - shown} more`)] : []),
    ]),
    '',
    ...diff.warnings.map((warning) => `${c.yellow('warning:')} ${escapeInvisible(warning)}\n`),
  ].join('\n');
}
