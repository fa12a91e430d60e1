import { relative } from 'node:path';
import { type CatalogResult, escapeInvisible, type Problem } from '@cookie-catalog/catalog';
import pc from 'picocolors';

export interface FormatOptions {
  readonly cwd: string;
  readonly color: boolean;
}

/**
 * `path:line:col  rule-id  message (citation)` and an indented fix, one block per problem,
 * the format editors and CI annotate from. Everything that can carry catalog text (file names
 * too) goes through escapeInvisible: the terminal shows an ESC, it never obeys one.
 */
export function formatProblemsText(
  problems: readonly Problem[],
  { cwd, color }: FormatOptions,
): string {
  const c = pc.createColors(color);
  return problems
    .map((p) => {
      const where = escapeInvisible(
        /^https?:/.test(p.file)
          ? p.file
          : `${relative(cwd, p.file) || p.file}:${p.line}:${p.column}`,
      );
      const rule =
        p.severity === 'error'
          ? c.red(p.rule)
          : p.severity === 'warning'
            ? c.yellow(p.rule)
            : c.blue(p.rule);
      const label =
        p.severity === 'warning'
          ? `${c.yellow('warning:')} `
          : p.severity === 'info'
            ? `${c.blue('note:')} `
            : '';
      const citation = p.citation ? ` ${c.dim(`(${p.citation})`)}` : '';
      return `${c.bold(where)}  ${rule}  ${label}${escapeInvisible(p.message)}${citation}\n    ${c.cyan('fix:')} ${escapeInvisible(p.fix)}\n`;
    })
    .join('');
}

export function formatProblemsJson(
  result: CatalogResult,
  { cwd }: Pick<FormatOptions, 'cwd'>,
): string {
  return `${JSON.stringify(
    {
      valid: result.errorCount === 0,
      errors: result.errorCount,
      warnings: result.warningCount,
      notes: result.problems.filter((p) => p.severity === 'info').length,
      entries: result.catalog?.entries.length ?? null,
      problems: result.problems.map((p) => ({ ...p, file: relative(cwd, p.file) || p.file })),
    },
    null,
    2,
  )}\n`;
}
