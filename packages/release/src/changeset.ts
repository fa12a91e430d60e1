import { createHash } from 'node:crypto';
import { escapeInvisible, markdownCode } from '@cookie-catalog/catalog';
import type { Bump, CatalogDiff } from './catalog-diff.js';
import type { PackageBump } from './output-bumps.js';

/** A diff, with each package's bump and its reasons where the release plan found them. */
type Diff = CatalogDiff & { readonly packageBumps?: readonly PackageBump[] };

/** Each generated package a diff bumps, by npm name, in the catalog's package order. */
export function bumpLines(diff: CatalogDiff): [name: string, bump: Bump][] {
  return diff.packages.flatMap((name) => {
    const bump = diff.bumps[name];
    return bump ? [[name, bump] as [string, Bump]] : [];
  });
}

/** The changeset (`.changeset/*.md`) that gives each package exactly the bump the diff needs. */
export function formatChangeset(diff: Diff): string {
  const body =
    diff.changes.length > 0
      ? [
          'Cookie catalog changes:',
          '',
          ...diff.changes.map((change) => `- ${escapeMarkdown(change.description)}`),
        ]
      : [
          'The generated code changed without a catalog change:',
          '',
          ...(diff.packageBumps ?? []).flatMap(({ name, reasons }) =>
            reasons.slice(0, 3).map((reason) => `- ${escapeMarkdown(`${name}: ${reason}`)}`),
          ),
        ];
  return [
    '---',
    ...bumpLines(diff).map(([name, bump]) => `"${name}": ${bump}`),
    '---',
    '',
    ...body,
    '',
  ].join('\n');
}

/** The changeset's file name: named by its content, so writing it twice writes one file. */
export function changesetFileName(changeset: string): string {
  return `catalog-${createHash('sha256').update(changeset).digest('hex').slice(0, 8)}.md`;
}

/** The diff for a pull request comment: changes as a list, bumps as a table, warnings quoted. */
export function formatDiffMarkdown(diff: Diff, against: string): string {
  if (diff.changes.length === 0 && bumpLines(diff).length === 0)
    return `### Cookie catalog\n\nNo catalog changes since ${inlineCode(against)}.\n`;
  const why = new Map((diff.packageBumps ?? []).map((p) => [p.name, p.reasons]));
  return [
    '### Cookie catalog changes',
    '',
    `Compared with ${inlineCode(against)}:`,
    '',
    ...(diff.changes.length > 0
      ? diff.changes.map((change) => `- ${escapeMarkdown(change.description)}`)
      : ['- No change in the catalog; the generated code changed.']),
    '',
    '| Package | Version bump | Why |',
    '|---|---|---|',
    ...bumpLines(diff).map(([name, bump]) => {
      const reasons = why.get(name) ?? [];
      const shown = reasons
        .slice(0, 3)
        .map((reason) => markdownCode(reason, { inTable: true }))
        .join('<br>');
      const more = reasons.length > 3 ? `<br>… and ${reasons.length - 3} more` : '';
      return `| ${inlineCode(name)} | ${bump === 'major' ? '**major**' : bump} | ${shown}${more} |`;
    }),
    '',
    ...diff.warnings.map((warning) => `> **Warning:** ${escapeMarkdown(warning)}\n`),
  ].join('\n');
}

/**
 * Catalog text (names, patterns such as `^[A-Za-z0-9_-]+$`) as literal Markdown text on one line
 * (CommonMark §2.4): a line break in a name must not start a heading or a link in a PR comment.
 */
export function escapeMarkdown(text: string): string {
  return escapeInvisible(text.replace(/[\r\n\u2028\u2029]+/g, ' ')).replace(
    /[\\`*_[\]<>|~&#!{}()]/g,
    '\\$&',
  );
}

/** A git ref or package name as inline code, with a fence longer than any backtick run in it. */
function inlineCode(text: string): string {
  const flat = escapeInvisible(text.replace(/[\r\n\u2028\u2029]+/g, ' '));
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
