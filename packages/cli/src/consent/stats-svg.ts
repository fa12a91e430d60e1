import { escapeInvisible } from '@cookie-catalog/catalog';
import type { ConsentStats } from '@cookie-catalog/runtime/consent-records';
import { escapeUTF8 } from 'entities/escape';
import { ACTIONS, percent, statsScope } from './stats-table.js';

/*
 * `consent stats --format svg`: the same numbers as a bar chart legal can put in a report. One
 * file, nothing loaded from elsewhere, no script; an image to assistive technology (role="img")
 * with a <title> and a <desc> that say every number, and every number also written beside its
 * bar, so the colours are never the only way to read it (WCAG 1.4.1). Category names come from
 * the store: each is escaped for XML, and characters XML 1.0 cannot hold (controls) are shown
 * as \u{…} first.
 */

const WIDTH = 760;
const LABEL_X = 16;
const BAR_X = 250;
const BAR_WIDTH = 300;
const ROW = 30;
const BAR_HEIGHT = 18;
/** Dark green and grey: each at least 4.5:1 against white, and apart in lightness for greyscale. */
const ACCEPTED = '#1d6b34';
const REJECTED = '#757575';
const TEXT = '#1a1a1a';
const MAX_LABEL = 30;

/** Text for XML content and attribute values alike. */
function xml(text: string): string {
  return escapeUTF8(escapeInvisible(text));
}

function shortened(text: string): string {
  const chars = [...text];
  return chars.length <= MAX_LABEL ? text : `${chars.slice(0, MAX_LABEL - 1).join('')}…`;
}

function count(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

function versionLine(version: ConsentStats['byConsentVersion'][number]): string {
  const actions = ACTIONS.filter((action) => (version.byAction[action] ?? 0) > 0)
    .map((action) => `${(version.byAction[action] ?? 0).toLocaleString('en')} ${action}`)
    .join(', ');
  return `Consent version ${version.consentVersion}: ${count(version.answers, 'answer')}${actions ? ` (${actions})` : ''}`;
}

function categoryLine(category: ConsentStats['byCategory'][number]): string {
  return `${category.category}: ${category.accepted.toLocaleString('en')} accepted, ${category.rejected.toLocaleString('en')} rejected (${percent(category.accepted, category.accepted + category.rejected)} accepted)`;
}

export function statsSvg(stats: ConsentStats): string {
  const title = 'Consent answers per consent version and category';
  const scope = statsScope(stats);
  const descLines = [`${scope.charAt(0).toUpperCase()}${scope.slice(1)}.`];
  const body: string[] = [];
  let y = 94;
  body.push(
    `<text x="${LABEL_X}" y="52">${xml(descLines[0] ?? '')}</text>`,
    `<rect x="${LABEL_X}" y="66" width="14" height="14" fill="${ACCEPTED}"/>`,
    `<text x="${LABEL_X + 20}" y="78">accepted (yes)</text>`,
    `<rect x="${LABEL_X + 140}" y="66" width="14" height="14" fill="${REJECTED}"/>`,
    `<text x="${LABEL_X + 160}" y="78">rejected (no)</text>`,
  );
  for (const version of stats.byConsentVersion) {
    y += 24;
    const line = versionLine(version);
    descLines.push(`${line}.`);
    body.push(`<text x="${LABEL_X}" y="${y}" font-weight="bold">${xml(line)}</text>`);
    y += 10;
    for (const category of stats.byCategory.filter(
      (c) => c.consentVersion === version.consentVersion,
    )) {
      const total = category.accepted + category.rejected;
      const accepted = total === 0 ? 0 : Math.round((category.accepted / total) * BAR_WIDTH);
      const line = categoryLine(category);
      descLines.push(`Version ${version.consentVersion}, ${line}.`);
      body.push(
        `<g><title>${xml(`Version ${version.consentVersion}, ${line}`)}</title>`,
        `<text x="${LABEL_X}" y="${y + 14}">${xml(shortened(category.category))}</text>`,
        `<rect x="${BAR_X}" y="${y}" width="${accepted}" height="${BAR_HEIGHT}" fill="${ACCEPTED}"/>`,
        `<rect x="${BAR_X + accepted}" y="${y}" width="${BAR_WIDTH - accepted}" height="${BAR_HEIGHT}" fill="${REJECTED}"/>`,
        `<text x="${BAR_X + BAR_WIDTH + 10}" y="${y + 14}">${xml(`${category.accepted.toLocaleString('en')} yes, ${category.rejected.toLocaleString('en')} no (${percent(category.accepted, total)} yes)`)}</text></g>`,
      );
      y += ROW;
    }
  }
  if (stats.byConsentVersion.length === 0) {
    y += 24;
    body.push(`<text x="${LABEL_X}" y="${y}">No answers recorded.</text>`);
  }
  const height = y + 24;
  return `${[
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="consent-stats-title consent-stats-desc" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="14" fill="${TEXT}">`,
    `<title id="consent-stats-title">${xml(title)}</title>`,
    `<desc id="consent-stats-desc">${xml(descLines.join(' '))}</desc>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${LABEL_X}" y="28" font-size="18" font-weight="bold">${xml(title)}</text>`,
    ...body,
    '</svg>',
  ].join('\n')}\n`;
}
