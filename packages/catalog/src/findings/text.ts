import { escapeInvisible } from '../invisible-characters.js';
import type { Problem } from '../problem.js';
import { displayPosition } from './where.js';

/**
 * The colours the text form uses, injected so that this package needs no terminal library:
 * picocolors' `createColors(enabled)` fits as it is.
 */
export interface TextColors {
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly blue: (text: string) => string;
  readonly cyan: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
}

export interface TextFormatOptions {
  /** Colours for a terminal; without them, plain text. */
  readonly color?: TextColors | undefined;
  /** Files are shown relative to this folder (the working directory); absolute without it. */
  readonly cwd?: string | undefined;
}

const plain = (text: string) => text;
const NO_COLORS: TextColors = {
  red: plain,
  yellow: plain,
  blue: plain,
  cyan: plain,
  bold: plain,
  dim: plain,
};

/**
 * `path:line:col  rule-id  message (citation)` and an indented fix, one block per problem,
 * the format editors and CI annotate from. Everything that can carry catalog or page text (file
 * names too) goes through escapeInvisible: the terminal shows an ESC, it never obeys one.
 */
export function formatProblemsText(
  problems: readonly Problem[],
  { color: c = NO_COLORS, cwd }: TextFormatOptions = {},
): string {
  return problems
    .map((p) => {
      const where = escapeInvisible(displayPosition(p, cwd));
      const id = escapeInvisible(p.rule);
      const rule =
        p.severity === 'error' ? c.red(id) : p.severity === 'warning' ? c.yellow(id) : c.blue(id);
      const label =
        p.severity === 'warning'
          ? `${c.yellow('warning:')} `
          : p.severity === 'info'
            ? `${c.blue('note:')} `
            : '';
      const citation = p.citation ? ` ${c.dim(`(${escapeInvisible(p.citation)})`)}` : '';
      return `${c.bold(where)}  ${rule}  ${label}${escapeInvisible(p.message)}${citation}\n    ${c.cyan('fix:')} ${escapeInvisible(p.fix)}\n`;
    })
    .join('');
}
