import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { type Problem, toSarif } from '@cookie-catalog/catalog';
import pc from 'picocolors';
import type { CliIo } from '../cli-io.js';
import { formatProblemsText } from '../format-problems.js';
import { loadOptional } from '../optional-package.js';
import { validCatalog } from './valid-catalog.js';

export interface ScanOptions {
  readonly catalog: string;
  readonly paths: readonly string[];
  readonly tsconfig: string | undefined;
  readonly format: 'text' | 'json' | 'sarif';
  /** Also scan `*.min.js` files and `vendor/`, `public/`, `static/` folders. */
  readonly includeVendored?: boolean;
  /** The size budget per file, as written (`5MB`, `800kB`, bytes). */
  readonly maxFileSize?: string | undefined;
  /** Hold the code against this service's entries (policy.yaml `services`). */
  readonly service?: string | undefined;
}

/**
 * `cookie-catalog scan [paths…]`: every hand-written cookie or storage access in a code base,
 * held against the catalog. Exit 1 when a finding is an error, 2 for a usage mistake.
 */
export async function scanCommand(options: ScanOptions, io: CliIo): Promise<number> {
  const c = pc.createColors(io.color);
  // ts-morph loads only for this command (the scan package holds it).
  const loaded = await loadOptional(
    '@cookie-catalog/scan',
    'scan',
    () => import('@cookie-catalog/scan'),
    io,
  );
  if (!loaded) return 2;
  const { scanProject, ScanInputError, shapeText, parseSize } = loaded;
  const maxFileSize =
    options.maxFileSize === undefined ? undefined : parseSize(options.maxFileSize);
  if (options.maxFileSize !== undefined && maxFileSize === undefined) {
    io.stderr(
      `cookie-catalog: --max-file-size "${options.maxFileSize}" is not a size; write it like 5MB, 800kB or 1048576 (bytes)\n`,
    );
    return 2;
  }
  if (!(await isFolder(resolve(io.cwd, options.catalog)))) {
    io.stderr(
      `cookie-catalog: the catalog folder ${options.catalog} does not exist; point --catalog at the folder that holds policy.yaml\n`,
    );
    return 2;
  }
  const valid = await validCatalog(options.catalog, io, 'scan needs a valid catalog');
  if (!valid) return 1;
  let scanned: Awaited<ReturnType<typeof scanProject>>;
  try {
    scanned = await scanProject(valid.catalog, {
      cwd: io.cwd,
      paths: options.paths,
      tsconfig: options.tsconfig,
      includeVendored: options.includeVendored ?? false,
      maxFileSize,
      service: options.service,
    });
  } catch (error) {
    if (!(error instanceof ScanInputError)) throw error;
    io.stderr(`cookie-catalog: ${error.message}\n`);
    return 2;
  }
  const { problems, calls, filesScanned } = scanned;
  const vendored = scanned.vendored ?? [];
  const shownPath = (path: string) =>
    `${relative(io.cwd, path) || path}${path.endsWith(sep) ? '/' : ''}`;
  const errors = count(problems, 'error');
  const failed = errors > 0 ? 1 : 0;
  if (options.format === 'sarif') {
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
    const tool = {
      name: 'cookie-catalog scan',
      version,
      informationUri: 'https://github.com/cookie-catalog/cookie-catalog#scan',
    };
    io.stdout(`${JSON.stringify(toSarif(problems, { tool, root: io.cwd }), null, 2)}\n`);
    return failed;
  }
  if (options.format === 'json') {
    const file = (path: string) => relative(io.cwd, path) || path;
    io.stdout(
      `${JSON.stringify(
        {
          filesScanned,
          errors,
          warnings: count(problems, 'warning'),
          notes: count(problems, 'info'),
          vendoredSkipped: vendored.map(shownPath),
          problems: problems.map((p) => ({ ...p, file: file(p.file) })),
          calls: calls.map((call) => ({
            ...call,
            file: file(call.file),
            name: call.name === undefined ? null : shapeText(call.name),
          })),
        },
        null,
        2,
      )}\n`,
    );
    return failed;
  }
  io.stdout(formatProblemsText(problems, io));
  if (vendored.length > 0) {
    // A folder keeps its slash: `public/`, not `public`.
    const shown = vendored.slice(0, 3).map(shownPath);
    const more = vendored.length > 3 ? ` and ${vendored.length - 3} more` : '';
    io.stdout(
      `${c.dim(`vendored code not scanned: ${shown.join(', ')}${more} (--include-vendored scans it)`)}\n`,
    );
  }
  const files = `${filesScanned} file${filesScanned === 1 ? '' : 's'}`;
  if (problems.length === 0) {
    io.stdout(`${c.green('✓')} no hand-written cookie or storage access in ${files}.\n`);
  } else {
    const summary = `${plural(errors, 'error')}, ${plural(count(problems, 'warning'), 'warning')}, ${plural(count(problems, 'info'), 'note')} in ${files}`;
    io.stdout(
      errors > 0 ? `${c.red('✗')} ${summary}.\n` : `${c.green('✓')} no errors: ${summary}.\n`,
    );
  }
  return failed;
}

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

function count(problems: readonly Problem[], severity: Problem['severity']): number {
  return problems.filter((p) => p.severity === severity).length;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
