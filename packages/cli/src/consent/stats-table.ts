import { escapeInvisible } from '@cookie-catalog/catalog';
import type { ConsentAction, ConsentStats } from '@cookie-catalog/runtime/consent-records';

/*
 * `consent stats` as text for legal: how many people answered each version of the consent
 * question, and per category how many said yes and no. Aligned columns, numbers to the right.
 */

export const ACTIONS: readonly ConsentAction[] = ['accept', 'reject', 'save', 'withdraw'];

const number = (n: number) => n.toLocaleString('en');

/** Share of `part` in `whole` as a whole percentage, or an en dash when there is none. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((part / whole) * 100)} %`;
}

/** Rows of cells as aligned lines: the first row a heading, `right` the columns of numbers. */
function table(rows: readonly (readonly string[])[], right: ReadonlySet<number>): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const pad = ' '.repeat((widths[i] ?? 0) - [...cell].length);
          return right.has(i) ? pad + cell : cell + pad;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** What the numbers cover: since when, and what is not counted. */
export function statsScope(stats: ConsentStats): string {
  const since = stats.since === null ? 'all stored answers' : `answers since ${stats.since}`;
  const erased =
    stats.erased === 0
      ? ''
      : `; ${number(stats.erased)} erased on request (GDPR Art. 17) are not counted`;
  return `${since}: ${number(stats.answers)} answer${stats.answers === 1 ? '' : 's'}${erased}`;
}

export function statsText(stats: ConsentStats): string {
  const lines = [`Consent answers, ${statsScope(stats)}.`];
  if (stats.answers === 0) return `${lines[0]}\n`;
  lines.push(
    '',
    'Per consent version',
    table(
      [
        ['version', 'answers', ...ACTIONS],
        ...stats.byConsentVersion.map((v) => [
          String(v.consentVersion),
          number(v.answers),
          ...ACTIONS.map((action) => number(v.byAction[action] ?? 0)),
        ]),
      ],
      new Set([0, 1, 2, 3, 4, 5]),
    ),
    '',
    'Per category: how many answers said yes (accepted) and no (rejected)',
    table(
      [
        ['version', 'category', 'accepted', 'rejected', 'accepted %'],
        ...stats.byCategory.map((c) => [
          String(c.consentVersion),
          escapeInvisible(c.category),
          number(c.accepted),
          number(c.rejected),
          percent(c.accepted, c.accepted + c.rejected),
        ]),
      ],
      new Set([0, 2, 3, 4]),
    ),
  );
  return `${lines.join('\n')}\n`;
}
