import { type FSWatcher, watch } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { escapeInvisible } from '@cookie-catalog/catalog';
import {
  type GeneratedFile,
  type Generator,
  generators,
  runGenerator,
} from '@cookie-catalog/codegen';
import pc from 'picocolors';
import type { CliIo } from '../cli-io.js';
import { outputTargetProblem } from '../output-target.js';
import { reportNotes, validCatalog } from './valid-catalog.js';

export interface GenerateOptions {
  readonly catalog: string;
  /** The repository root generators' outDirs are relative to; defaults to the catalog's parent. */
  readonly root: string | undefined;
  /** Generator ids; all when empty. */
  readonly ids: readonly string[];
  /** Compare with the files on disk instead of writing. */
  readonly check: boolean;
  /** Keep running: generate again whenever a file of the catalog changes. */
  readonly watch?: boolean;
}

/**
 * `cookie-catalog generate`: validates, then runs the generators and replaces their output
 * folders. With an invalid catalog nothing is written. With --check nothing is written either;
 * it exits 1 naming every file that differs from what the catalog generates.
 */
export async function generateCommand(options: GenerateOptions, io: CliIo): Promise<number> {
  const selected: Generator<unknown>[] = [];
  for (const id of options.ids) {
    const generator = generators.get(id);
    if (!generator) {
      io.stderr(
        `cookie-catalog: unknown generator "${escapeInvisible(id)}"; known: ${generators
          .list()
          .map((g) => g.id)
          .join(', ')}\n`,
      );
      return 2;
    }
    selected.push(generator);
  }
  if (selected.length === 0) selected.push(...generators.list());
  // The repository the outputs go into: a folder, or a new one generate creates.
  const rootStats =
    options.root === undefined
      ? undefined
      : await stat(resolve(io.cwd, options.root)).catch(() => undefined);
  if (options.root !== undefined && rootStats !== undefined && !rootStats.isDirectory()) {
    io.stderr(
      `cookie-catalog: --root ${escapeInvisible(options.root)} is not a folder; name the repository's root folder (the generated packages go under it), or a new one\n`,
    );
    return 2;
  }
  if (options.watch) return watchCatalog(options, selected, io);
  return generateOnce(options, selected, io);
}

/**
 * `generate --watch`: generates, then again after every change to the catalog's files (changes
 * within 50 ms are one), also when the catalog folder is replaced by another. It exits by itself
 * (1, with one line) only when the folder around the catalog is removed. An invalid catalog prints
 * its problems and writes nothing; the next save tries again. Only files whose contents change are
 * written, so a dev server (the docs site's `npm run dev`) reloads exactly what the edit changed.
 */
async function watchCatalog(
  options: GenerateOptions,
  selected: readonly Generator<unknown>[],
  io: CliIo,
): Promise<number> {
  const c = pc.createColors(io.color);
  const dir = resolve(io.cwd, options.catalog);
  let running: Promise<void> | undefined;
  let again = false;
  const run = async () => {
    const started = performance.now();
    const code = await generateOnce({ ...options, quiet: true }, selected, io);
    const took = Math.round(performance.now() - started);
    const time = new Date().toTimeString().slice(0, 8);
    const shown = escapeInvisible(options.catalog);
    if (code === 0)
      io.stdout(`${c.green('✓')} ${time} generated in ${took} ms; watching ${shown}/\n`);
    else if (!(await stat(dirname(dir)).catch(() => undefined))?.isDirectory()) parentGone();
    else io.stderr(`${c.red('✗')} ${time} waiting for the next change to ${shown}/\n`);
  };
  let stop = (_why: string) => {};
  // The folder around the catalog went too: nothing is left to see the catalog come back.
  const parentGone = () =>
    stop(
      `the folder ${escapeInvisible(relative(io.cwd, dirname(dir)) || dirname(dir))} was removed`,
    );
  const schedule = () => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await run();
      } while (again);
      running = undefined;
    })();
  };
  // Watching starts before the first generation, so a save while it runs is not missed: the
  // "watching" line is only printed once every later save will be seen.
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(schedule, 50);
  };
  // A recursive watcher sees changes inside the catalog folder, not the folder itself being
  // replaced (removed and created again, or another folder moved to its name, as a `git checkout`
  // or a sync tool does): it then watches nothing, and the process would end silently. A second
  // watcher on the parent folder sees the name come and go, and watches the new folder.
  let inside: FSWatcher | undefined;
  const watchInside = () => {
    inside?.close();
    inside = undefined;
    try {
      inside = watch(dir, { recursive: true }, changed);
      inside.on('error', () => {
        // The folder went away under it; the parent's watcher sees it come back.
        inside?.close();
        inside = undefined;
        changed();
      });
    } catch {
      // Not there (between a removal and a new one): the parent's watcher sees it appear.
    }
  };
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) {
    io.stderr(
      `cookie-catalog: ${escapeInvisible(options.catalog)} is not a folder; name the catalog folder with --catalog DIR\n`,
    );
    return 2;
  }
  const name = basename(dir);
  let around: FSWatcher;
  try {
    around = watch(dirname(dir), (_event, filename) => {
      // Another name in the folder, or the folder itself (removed, it reports its own name).
      if (filename !== null && filename !== name) {
        void stat(dirname(dir)).then(
          (stats) => stats.isDirectory() || parentGone(),
          () => parentGone(),
        );
        return;
      }
      watchInside();
      changed();
    });
  } catch (error) {
    io.stderr(
      `cookie-catalog: cannot watch ${escapeInvisible(options.catalog)}/: ${(error as Error).message}\n`,
    );
    return 1;
  }
  watchInside();
  schedule();
  return new Promise((done) => {
    let stopped = false;
    stop = (why) => {
      if (stopped) return;
      stopped = true;
      around.close();
      inside?.close();
      clearTimeout(timer);
      io.stderr(
        `cookie-catalog: stopped watching ${escapeInvisible(options.catalog)}/: ${why}; run generate --watch again\n`,
      );
      done(1);
    };
    around.on('error', (error) => stop(error.message));
  });
}

async function generateOnce(
  options: GenerateOptions & { readonly quiet?: boolean },
  selected: readonly Generator<unknown>[],
  io: CliIo,
): Promise<number> {
  const root =
    options.root === undefined
      ? dirname(resolve(io.cwd, options.catalog))
      : resolve(io.cwd, options.root);
  // Every output folder is checked before anything is read or touched: one behind a symbolic
  // link (or outside the repository) would have generate remove a user's files where it points.
  for (const generator of selected) {
    const problem = await outputTargetProblem(
      { path: join(root, generator.outDir), within: root, kind: 'folder' },
      io.cwd,
    );
    if (problem !== undefined) {
      io.stderr(`cookie-catalog: ${problem}\n`);
      return 2;
    }
  }
  const valid = await validCatalog(options.catalog, io, 'nothing was written');
  if (!valid) return 1;
  const { dir: catalogDir, catalog } = valid;
  const c = pc.createColors(io.color);
  // Every generator runs before anything is written. None refuses a valid catalog: what a format
  // cannot state is left out, and said as a note (validate lists the same notes).
  const outputs = selected.map((generator) => ({
    generator,
    files: runGenerator(generator, catalog),
  }));
  if (!options.quiet)
    await reportNotes(
      catalogDir,
      selected.flatMap((g) => g.notes?.(catalog, g.defaultOptions) ?? []),
      io,
    );
  for (const { generator, files } of outputs) {
    const outDir = join(root, generator.outDir);
    const outside = files.find((f) => !isInside(outDir, join(outDir, f.path)));
    if (outside !== undefined) {
      io.stderr(
        `cookie-catalog: ${generator.id} would write ${escapeInvisible(outside.path)}, outside ${generator.outDir}; nothing was written. Please report it.\n`,
      );
      return 70;
    }
  }
  let differences = 0;
  for (const { generator, files } of outputs) {
    const outDir = join(root, generator.outDir);
    const shown = escapeInvisible(relative(io.cwd, outDir) || '.');
    if (options.check) {
      const stale = await compareWithDisk(outDir, files);
      for (const file of stale)
        io.stderr(
          `${c.red('✗')} ${escapeInvisible(join(shown, file))} differs from what the catalog generates\n`,
        );
      differences += stale.length;
      continue;
    }
    // Only what differs is touched: stray files, links and folders are removed, changed or
    // missing files written. An unchanged file keeps its time stamp (a dev server sees no change),
    // and a changed one is rewritten in place, never deleted first: a watcher (Vite's, in the
    // docs site's npm run dev) that sees it vanish may stop watching it.
    const stale = new Set(await compareWithDisk(outDir, files));
    const expected = new Set(files.map((f) => f.path));
    for (const path of stale) {
      // A hard link would carry the write to its other name: it is replaced, not written through.
      const stats = await lstat(join(outDir, path)).catch(() => undefined);
      const ownFile = stats?.isFile() === true && stats.nlink === 1;
      if (!(expected.has(path) && ownFile))
        await rm(join(outDir, path), { recursive: true, force: true });
    }
    for (const file of files) {
      if (!stale.has(file.path)) continue;
      const path = join(outDir, file.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.contents);
    }
    const written = files.filter((f) => stale.has(f.path)).length;
    const countFiles = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
    if (written > 0)
      io.stdout(
        `${c.green('✓')} ${generator.id}: wrote ${countFiles(written)} to ${shown}${written < files.length ? ` (${files.length - written} unchanged)` : ''}\n`,
      );
    else if (!options.quiet)
      io.stdout(
        `${c.green('✓')} ${generator.id}: ${countFiles(files.length)} in ${shown}, up to date\n`,
      );
  }
  if (options.check) {
    if (differences > 0) {
      io.stderr(
        `Run \`npm run generate\` (or \`npm run build\`) and commit nothing from the generated folders.\n`,
      );
      return 1;
    }
    io.stdout(
      `${c.green('✓')} generated files are up to date (${selected.map((g) => g.id).join(', ')})\n`,
    );
  }
  return 0;
}

/**
 * Paths (relative to outDir) that are missing, different, or on disk but not generated: stray
 * files, links (even a link to identical content is not what generate writes) and folders no
 * generated file lives in.
 */
async function compareWithDisk(outDir: string, files: readonly GeneratedFile[]): Promise<string[]> {
  const differing = new Set<string>();
  const expected = new Set(files.map((f) => f.path));
  const folders = new Set(
    files.flatMap((f) => {
      const parts = f.path.split('/').slice(0, -1);
      return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    }),
  );
  const present = await readdir(outDir, { recursive: true, withFileTypes: true }).catch(() => []);
  const regular = new Set<string>();
  for (const entry of present) {
    const path = relative(outDir, join(entry.parentPath, entry.name)).split('\\').join('/');
    if (entry.isFile()) {
      regular.add(path);
      if (!expected.has(path)) differing.add(path);
    } else if (!(entry.isDirectory() && folders.has(path))) {
      differing.add(entry.isDirectory() ? `${path}/` : path);
    }
  }
  for (const file of files) {
    const onDisk = regular.has(file.path)
      ? await readFile(join(outDir, file.path), 'utf8').catch(() => undefined)
      : undefined;
    if (onDisk !== file.contents) differing.add(file.path);
  }
  return [...differing].sort();
}

function isInside(folder: string, path: string): boolean {
  const inside = relative(folder, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
}
