import { mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import {
  createProblem,
  draftEntryYaml,
  ENTRIES_DIR,
  escapeInvisible,
  loadCatalog,
  POLICY_FILE,
  parseYamlSource,
} from '@cookie-catalog/catalog';
import { importOcdCsv, type OcdImportContext } from '@cookie-catalog/codegen';
import pc from 'picocolors';
import type { CliIo } from '../cli-io.js';
import { formatProblemsText } from '../format-problems.js';
import { namedTargetWithin, outputTargetProblem } from '../output-target.js';

export interface ImportOptions {
  readonly catalog: string;
  readonly from: string | undefined;
  readonly file: string | undefined;
  readonly platforms: readonly string[];
  /** Where the drafts go; default: the catalog's cookies/ folder. */
  readonly out: string | undefined;
}

/**
 * `cookie-catalog import --from ocd-csv FILE`: one draft entry file per chosen row, never over an
 * existing file. The drafts carry TODOs that validate reports until legal writes them.
 */
export async function importCommand(options: ImportOptions, io: CliIo): Promise<number> {
  if (options.from !== 'ocd-csv') {
    io.stderr(
      `cookie-catalog: import reads --from ocd-csv (an Open Cookie Database CSV)${options.from ? `, not "${options.from}"` : ''}\n`,
    );
    return 2;
  }
  if (options.file === undefined) {
    io.stderr('cookie-catalog: say which file to import: import --from ocd-csv FILE\n');
    return 2;
  }
  const c = pc.createColors(io.color);
  const catalogDir = resolve(io.cwd, options.catalog);
  const outDir =
    options.out === undefined ? join(catalogDir, ENTRIES_DIR) : resolve(io.cwd, options.out);
  // Drafts go into a real folder: never through a symbolic link, never over a file.
  const unsafe = await outputTargetProblem(
    {
      path: outDir,
      within: options.out === undefined ? catalogDir : namedTargetWithin(outDir, io.cwd),
      kind: 'folder',
    },
    io.cwd,
  );
  if (unsafe !== undefined) {
    io.stderr(`cookie-catalog: ${options.out === undefined ? '' : '--out '}${unsafe}\n`);
    return 2;
  }
  const context = await catalogContext(catalogDir);
  if (typeof context === 'string') {
    io.stderr(`cookie-catalog: ${escapeInvisible(context)}\n`);
    return 1;
  }
  const file = resolve(io.cwd, options.file);
  const read = await readLimited(file, MAX_IMPORT_BYTES);
  if (typeof read !== 'string') {
    io.stderr(`cookie-catalog: ${unreadable(escapeInvisible(options.file), read)}\n`);
    return 2;
  }
  const text = read;
  const existing = await readdir(outDir).catch(() => [] as string[]);
  const taken = new Set([
    ...context.ids,
    ...existing.filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)),
  ]);
  const imported = importOcdCsv(
    text,
    {
      categories: context.categories,
      takenIds: taken,
      ownDomain: context.ownDomain,
      sourceName: relative(io.cwd, file) || file,
    },
    { platforms: options.platforms },
  );
  if (!imported.ok) {
    const problem = createProblem(
      'import/ocd-csv',
      { file, ...imported },
      imported.reason,
      imported.fix,
    );
    io.stderr(formatProblemsText([problem], io));
    io.stderr(`${c.red('✗')} nothing was imported.\n`);
    return 1;
  }
  if (imported.drafts.length === 0) {
    io.stderr(
      `${c.yellow('!')} no row matched${options.platforms.length > 0 ? ` --platform ${escapeInvisible(options.platforms.join(', '))}` : ''} (${imported.rowsRead} rows read); nothing was written.\n`,
    );
    return 1;
  }
  await mkdir(outDir, { recursive: true });
  // A few writes at a time: one after another, tens of thousands of drafts wait on the disk.
  for (let start = 0; start < imported.drafts.length; start += 32) {
    await Promise.all(
      imported.drafts.slice(start, start + 32).map((draft) =>
        writeFile(join(outDir, `${draft.id}.yaml`), draftEntryYaml(draft, context.locales), {
          flag: 'wx',
        }),
      ),
    );
  }
  const shown = escapeInvisible(relative(io.cwd, outDir) || '.');
  const ids = imported.drafts.map((d) => d.id);
  const listed = `${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ` and ${ids.length - 20} more` : ''}`;
  io.stdout(
    `${c.green('✓')} wrote ${imported.drafts.length} draft entr${imported.drafts.length === 1 ? 'y' : 'ies'} to ${shown}: ${listed}\n` +
      `  Each has TODOs only legal can fill (purpose${imported.drafts.some((d) => d.lifetime === undefined) ? ', lifetime' : ''}${imported.drafts.some((d) => d.category === undefined) ? ', category' : ''}); \`cookie-catalog validate\` lists them (rule text/todo).\n`,
  );
  return 0;
}

/**
 * The most import reads. The Open Cookie Database's whole CSV is under 1 MB; 32 MB is room for
 * any real export, and it bounds what a wrong file (a disk image, /dev/zero, a pipe that never
 * ends) costs before the error.
 */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

/**
 * The file's text, decoded as UTF-8 (a byte order mark kept for the CSV reader), reading at most
 * `limit` bytes: a regular file larger than that is refused from its size, and anything else (a
 * device, a pipe) once it has given more.
 */
async function readLimited(
  path: string,
  limit: number,
): Promise<
  | string
  | { readonly problem: 'unreadable' }
  | { readonly problem: 'folder' }
  | { readonly problem: 'too-large'; readonly size: number | undefined }
> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (handle === undefined) return { problem: 'unreadable' };
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) return { problem: 'folder' };
    if (stats.isFile() && stats.size > limit) return { problem: 'too-large', size: stats.size };
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= limit) {
      const { bytesRead, buffer } = await handle.read({ buffer: Buffer.alloc(1 << 16) });
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      length += bytesRead;
    }
    if (length > limit) return { problem: 'too-large', size: stats.isFile() ? length : undefined };
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(Buffer.concat(chunks));
  } catch {
    return { problem: 'unreadable' };
  } finally {
    await handle.close();
  }
}

function unreadable(shown: string, read: Exclude<Awaited<ReturnType<typeof readLimited>>, string>) {
  if (read.problem === 'unreadable')
    return `cannot read ${shown}; name the Open Cookie Database CSV file`;
  if (read.problem === 'folder')
    return `${shown} is a folder; name the Open Cookie Database CSV file`;
  const size = read.size === undefined ? 'larger than' : `${formatBytes(read.size)}, more than`;
  return `${shown} is ${size} the ${formatBytes(MAX_IMPORT_BYTES)} import reads (the whole Open Cookie Database is under 1 MB); nothing was imported. Import the CSV itself, or a file cut down to the rows you need`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`
    : `${new Intl.NumberFormat('en').format(bytes)} bytes`;
}

interface ImportContext {
  readonly locales: readonly string[];
  readonly categories: OcdImportContext['categories'];
  readonly ids: readonly string[];
  readonly ownDomain: string;
}

/**
 * What drafts need from the catalog. A valid catalog gives it directly; one that is not valid
 * (drafts with TODOs in it, say) still has a readable policy.yaml, which is enough.
 */
async function catalogContext(catalogDir: string): Promise<ImportContext | string> {
  const result = await loadCatalog(catalogDir);
  if (result.catalog) {
    const { catalog } = result;
    return {
      locales: catalog.locales,
      categories: catalog.categories.map((c) => ({
        id: c.id,
        ...(c.openCookieDatabase && { openCookieDatabase: c.openCookieDatabase }),
      })),
      ids: catalog.entries.map((e) => e.id),
      ownDomain: hostOf(catalog.controller.website),
    };
  }
  const path = join(catalogDir, POLICY_FILE);
  const text = await readFile(path, 'utf8').catch(() => undefined);
  const data = text === undefined ? undefined : parseYamlSource(path, text).data;
  const policy = (data ?? {}) as {
    locales?: unknown;
    categories?: unknown;
    controller?: { website?: unknown };
  };
  if (!Array.isArray(policy.locales) || !policy.locales.every((l) => typeof l === 'string')) {
    return `${relative(process.cwd(), path)} has no readable list of locales; run \`cookie-catalog validate\` and fix it first`;
  }
  const categories = Array.isArray(policy.categories)
    ? policy.categories.flatMap((c: { id?: unknown; openCookieDatabase?: unknown }) =>
        typeof c?.id === 'string'
          ? [
              {
                id: c.id,
                ...(typeof c.openCookieDatabase === 'string' && {
                  openCookieDatabase: c.openCookieDatabase,
                }),
                ...(c.openCookieDatabase === undefined &&
                  (c as { consentRequired?: unknown }).consentRequired === false && {
                    openCookieDatabase: 'Functional',
                  }),
              },
            ]
          : [],
      )
    : [];
  const website = typeof policy.controller?.website === 'string' ? policy.controller.website : '';
  return { locales: policy.locales as string[], categories, ids: [], ownDomain: hostOf(website) };
}

function hostOf(website: string): string {
  try {
    return new URL(website).hostname.replace(/^www\./, '') || 'example.com';
  } catch {
    return 'example.com';
  }
}
