import { escapeInvisible } from '../invisible-characters.js';
import type { Problem } from '../problem.js';
import { displayPosition } from './where.js';

export interface MarkdownFormatOptions {
  /** Files are shown relative to this folder (the repository root, for a pull-request comment). */
  readonly cwd?: string | undefined;
}

/*
 * A finding quotes what a catalog file, a code base or a web page holds: cookie names, hosts,
 * addresses. In a pull-request comment such text must stay text. Escaping Markdown character by
 * character is not enough there: GitHub finds @org/team mentions, #12 and GH-12 references and
 * bare www. or https:// addresses in the text of the rendered comment, after the escapes are
 * gone. A code span is the one place where none of that happens (nor emphasis, links, HTML,
 * emoji), so every string of a problem is written as one; only our own words are plain Markdown.
 */

/**
 * `text` as an inline code span that shows exactly it: a fence longer than any run of backticks
 * inside, padded when it starts or ends with a backtick or a space (CommonMark §6.1). Line breaks,
 * controls and bidirectional characters are shown as `\u{…}` (escapeInvisible), so the span stays
 * on one line and reads as it is stored. In a table cell, `|` would end the cell: written `\|`,
 * which GFM tables turn back into `|`, inside code too. Empty text is nothing.
 */
export function markdownCode(
  text: string,
  { inTable = false }: { inTable?: boolean } = {},
): string {
  let content = escapeInvisible(text);
  if (inTable) content = content.replace(/\|/g, '\\|');
  if (content === '') return '';
  let longest = 0;
  for (const run of content.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const fence = '`'.repeat(longest + 1);
  // CommonMark takes one space off each end of a span that has one at both ends (and is not
  // only spaces): a pad on each side keeps a leading or trailing backtick or space as it is.
  const pad = /^[ `]|[ `]$/.test(content) && !/^ +$/.test(content) ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

const SEVERITY = { error: '**error**', warning: 'warning', info: 'note' } as const;

/**
 * A GFM table, one row per problem, for a pull-request comment or a job summary: severity, rule
 * (and where it comes from), place, what is wrong and what to do. Every field of a problem is a
 * code span (see above): it can never become a link, a mention, a reference or HTML. No problems
 * are no table (an empty string); the caller writes what that means.
 */
export function formatProblemsMarkdown(
  problems: readonly Problem[],
  { cwd }: MarkdownFormatOptions = {},
): string {
  if (problems.length === 0) return '';
  const cell = (text: string) => markdownCode(text, { inTable: true });
  const rows = problems.map((p) => {
    const severity = Object.hasOwn(SEVERITY, p.severity)
      ? SEVERITY[p.severity]
      : cell(String(p.severity));
    const citation = p.citation ? ` (${cell(p.citation)})` : '';
    return `| ${severity} | ${cell(p.rule)}${citation} | ${cell(displayPosition(p, cwd))} | ${cell(p.message)} | ${cell(p.fix)} |`;
  });
  return `${['| Severity | Rule | Where | Problem | Fix |', '|---|---|---|---|---|', ...rows].join('\n')}\n`;
}
