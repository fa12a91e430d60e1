import { resolve } from 'node:path';
import {
  type Catalog,
  type CatalogResult,
  isFirstPartyCookie,
  loadCatalog,
  locateProblems,
  sortProblems,
} from '@cookie-catalog/catalog';
import { exportNotes } from '@cookie-catalog/codegen/notes';
import pc from 'picocolors';
import type { CliIo } from '../cli-io.js';
import { formatProblemsJson, formatProblemsText } from '../format-problems.js';

export interface ValidateOptions {
  readonly catalog: string;
  readonly format: 'text' | 'json';
  readonly strict: boolean;
}

/**
 * `cookie-catalog validate`: every problem, then one summary line. 0 valid, 1 not. Writes nothing.
 * A valid catalog's notes come with it: what an export leaves out because its format cannot state
 * it (legal sees that here, before any build; notes never fail, not even with --strict).
 */
export async function validateCommand(options: ValidateOptions, io: CliIo): Promise<number> {
  const dir = resolve(io.cwd, options.catalog);
  const result = await withExportNotes(dir, await loadCatalog(dir));
  const failed = result.errorCount > 0 || (options.strict && result.warningCount > 0);
  if (options.format === 'json') {
    io.stdout(formatProblemsJson(result, io));
    return failed ? 1 : 0;
  }
  const c = pc.createColors(io.color);
  const text = formatProblemsText(result.problems, io);
  if (failed) {
    io.stderr(text);
    const counts =
      plural(result.errorCount, 'error') +
      (result.warningCount ? `, ${plural(result.warningCount, 'warning')}` : '');
    const strictNote = result.errorCount === 0 ? ' (--strict treats warnings as errors)' : '';
    io.stderr(`${c.red('✗')} ${options.catalog} is not valid: ${counts}${strictNote}.\n`);
    return 1;
  }
  io.stdout(text);
  const notes = result.problems.filter((p) => p.severity === 'info').length;
  io.stdout(
    `${c.green('✓')} ${options.catalog} is valid: ${summarize(result.catalog as Catalog)}${result.warningCount ? `; ${plural(result.warningCount, 'warning')}` : ''}${notes ? `; ${plural(notes, 'note')} on what the exports leave out` : ''}.\n`,
  );
  return 0;
}

async function withExportNotes(dir: string, result: CatalogResult): Promise<CatalogResult> {
  if (!result.catalog) return result;
  const notes = await locateProblems(dir, exportNotes(result.catalog));
  if (notes.length === 0) return result;
  return { ...result, problems: sortProblems([...result.problems, ...notes]) };
}

function summarize(catalog: Catalog): string {
  const cookies = catalog.entries.filter((e) => e.kind === 'cookie');
  const ours = cookies.filter(isFirstPartyCookie).length;
  const vendors = cookies.filter((e) => e.setBy === 'vendor').length;
  // First-party cookies the page does not say who sets: listed, without generated code.
  const unstated = cookies.filter((e) => e.party === 'first' && e.setBy === undefined).length;
  const thirdParty = cookies.filter((e) => e.party === 'third').length;
  const similar = catalog.entries.length - cookies.length;
  // Retired entries are still listed (browsers may hold them): counted above, and said apart.
  const retired = catalog.entries.filter((e) => e.retired !== undefined).length;
  const parts = [
    plural(ours, 'first-party cookie'),
    ...(vendors > 0 ? [`${plural(vendors, 'cookie')} vendors set on our domain`] : []),
    ...(unstated > 0 ? [`${plural(unstated, 'cookie')} on our domain set by whom not stated`] : []),
    plural(thirdParty, 'third-party cookie'),
    plural(similar, 'similar technology', 'similar technologies'),
    ...(retired > 0 ? [`${retired} of them retired`] : []),
  ];
  return `${plural(catalog.entries.length, 'entry', 'entries')} (${parts.join(', ')}) in ${plural(catalog.locales.length, 'locale')} (${catalog.locales.join(', ')})`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
