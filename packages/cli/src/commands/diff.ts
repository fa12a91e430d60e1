import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { type Catalog, escapeInvisible, loadCatalog } from '@cookie-catalog/catalog';
import {
  changesetFileName,
  changesetsSince,
  formatChangeset,
  formatDiffMarkdown,
  gitRoot,
  type ReleasePlan,
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
 * to each generated package's version. With --require-changeset, exit 1 when the catalog changed
 * and no changeset was added since --base.
 */
export async function diffCommand(options: DiffOptions, io: CliIo): Promise<number> {
  const compared = await compare(options, io);
  if (typeof compared === 'number') return compared;
  const { diff, against } = compared;
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
          ? `${c.red('✗')} the catalog changed but no changeset was added: run \`${command}\` and commit the file it writes.\n`
          : `${c.red('✗')} the changesets added (${changesets.map((s) => s.file).join(', ')}) do not cover what the catalog change needs:\n${missing
              .map(
                (m) =>
                  `    ${m.name}: needs ${m.bump}, ${m.declared === 'none' ? 'not bumped' : `only ${m.declared}`}\n`,
              )
              .join('')}  run \`${command}\` and commit the file it writes.\n`,
      );
      return 1;
    }
  }
  return 0;
}

/** `cookie-catalog changeset`: writes .changeset/catalog-<hash>.md with exactly the diff's bumps. */
export async function changesetCommand(options: DiffOptions, io: CliIo): Promise<number> {
  const compared = await compare(options, io);
  if (typeof compared === 'number') return compared;
  const { diff } = compared;
  const c = pc.createColors(io.color);
  if (Object.keys(diff.bumps).length === 0) {
    io.stdout(
      `${c.green('✓')} ${diff.changes.length === 0 ? 'the catalog did not change' : 'no generated package changed'}; no changeset needed.\n`,
    );
    return 0;
  }
  const text = formatChangeset(diff);
  const root =
    (await gitRoot(resolve(io.cwd, options.catalog))) ?? dirname(resolve(io.cwd, options.catalog));
  const file = join(root, '.changeset', changesetFileName(text));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  io.stdout(`${c.green('✓')} wrote ${relative(io.cwd, file)}\n`);
  return 0;
}

async function compare(
  options: DiffOptions,
  io: CliIo,
): Promise<{ diff: ReleasePlan; against: string } | number> {
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
  // Base and head rendered with this toolchain, each generated package's API compared.
  return { diff: releasePlan(before, after), against: options.from ?? options.base ?? '' };
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
