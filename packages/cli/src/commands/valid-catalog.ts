import { resolve } from 'node:path';
import {
  type Catalog,
  loadCatalog,
  locateProblems,
  type PendingProblem,
  type Problem,
} from '@cookie-catalog/catalog';
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

/**
 * Prints what the exports leave out (notes, never a failure), each at its line and column in the
 * catalog, once per fact however many generators said it.
 */
export async function reportNotes(
  dir: string,
  pending: readonly PendingProblem[],
  io: CliIo,
): Promise<readonly Problem[]> {
  const notes = await locateProblems(dir, pending);
  const seen = new Set<string>();
  const unique = notes.filter((note) => {
    const key = `${note.file}\0${note.line}\0${note.column}\0${note.rule}\0${note.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  io.stderr(formatProblemsText(unique, io));
  return unique;
}
