import { resolve } from 'node:path';
import { type Catalog, loadCatalog, locateProblems } from '@cookie-catalog/catalog';
import type { ExportRefused } from '@cookie-catalog/codegen';
import pc from 'picocolors';
import type { CliIo } from '../cli-io.js';
import { formatProblemsText } from '../format-problems.js';

/**
 * The catalog a command works from, validated. When it is not valid, every problem is printed
 * with what the command therefore did not do ("nothing was written"), and the result is undefined.
 */
export async function validCatalog(
  catalog: string,
  io: CliIo,
  consequence: string,
): Promise<{ readonly dir: string; readonly catalog: Catalog } | undefined> {
  const dir = resolve(io.cwd, catalog);
  const result = await loadCatalog(dir);
  if (result.catalog) return { dir, catalog: result.catalog };
  const c = pc.createColors(io.color);
  io.stderr(formatProblemsText(result.problems, io));
  io.stderr(
    `${c.red('✗')} ${catalog} is not valid (${result.errorCount} error${result.errorCount === 1 ? '' : 's'}); ${consequence}.\n`,
  );
  return undefined;
}

/** Prints why export generators refused, each problem at its line and column in the catalog. */
export async function reportRefusals(
  dir: string,
  refusals: readonly ExportRefused[],
  io: CliIo,
  consequence: string,
): Promise<void> {
  const problems = await locateProblems(
    dir,
    refusals.flatMap((r) => r.problems),
  );
  const c = pc.createColors(io.color);
  io.stderr(formatProblemsText(problems, io));
  io.stderr(
    `${c.red('✗')} ${refusals.map((r) => r.format).join(', ')} cannot be written from this catalog (${problems.length} problem${problems.length === 1 ? '' : 's'}); ${consequence}.\n`,
  );
}
