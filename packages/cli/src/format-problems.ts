import {
  type CatalogResult,
  type Problem,
  formatProblemsJson as problemsAsJson,
  formatProblemsText as problemsAsText,
} from '@cookie-catalog/catalog';
import pc from 'picocolors';

/*
 * Every command prints findings through the catalog package's formatters (one shape, one place
 * that escapes): validate, generate's and export's notes, import, scan and audit alike.
 */

export interface FormatOptions {
  readonly cwd: string;
  readonly color: boolean;
}

/** `path:line:col  rule-id  message (citation)` and an indented fix, coloured on a terminal. */
export function formatProblemsText(problems: readonly Problem[], io: FormatOptions): string {
  return problemsAsText(problems, {
    cwd: io.cwd,
    color: io.color ? pc.createColors(true) : undefined,
  });
}

/** validate --format json: the verdict and counts, then every problem. */
export function formatProblemsJson(
  result: CatalogResult,
  { cwd }: Pick<FormatOptions, 'cwd'>,
): string {
  return problemsAsJson(result.problems, {
    cwd,
    fields: {
      valid: result.errorCount === 0,
      errors: result.errorCount,
      warnings: result.warningCount,
      notes: result.problems.filter((p) => p.severity === 'info').length,
      entries: result.catalog?.entries.length ?? null,
    },
  });
}
