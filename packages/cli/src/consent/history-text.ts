import { escapeInvisible } from '@cookie-catalog/catalog';
import type {
  ConsentEntry,
  ConsentHistory,
  ConsentRecord,
  Rendering,
} from '@cookie-catalog/runtime/consent-records';
import { renderingWords } from './rendering-text.js';

/*
 * `consent show` as text: what a supervisor asks for (EDPB Guidelines 05/2020 on consent,
 * "Demonstrate consent"): when the person answered, what they answered, under which version of
 * the question and the policy, and a copy of the words they were shown, in their language.
 * Everything here was read from a database: each line is escaped for the terminal (ESC, BEL,
 * bidirectional controls shown as \u{…}), after HTML entities are decoded.
 */

const QUOTE = '    │ ';

/**
 * One stored value as one line, safe to print. A record's content is JSON someone may have
 * edited (verify says so): a field of another type is shown as JSON, never trusted as a string.
 */
function safe(value: unknown): string {
  return escapeInvisible(typeof value === 'string' ? value : (JSON.stringify(value) ?? 'none'));
}

/** The entries of a stored object, or none when the field is not one. */
function entriesOf(value: unknown): [string, unknown][] {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.entries(value)
    : [];
}

function when(iso: unknown): string {
  return safe(iso)
    .replace('T', ' ')
    .replace(/\.\d+Z$|Z$/, ' UTC');
}

function yesNo(value: unknown): string {
  return value === true ? 'yes' : value === false ? 'no' : safe(value);
}

/** Words shown, one quoted line per line, each escaped. */
function quoted(words: string): string[] {
  return words === ''
    ? [`${QUOTE}(no words)`]
    : words.split('\n').map((line) => QUOTE + safe(line));
}

function renderingLines(
  label: string,
  hash: string | null,
  history: ConsentHistory,
  showText: boolean,
  hint: string,
): string[] {
  if (hash === null) return [`  ${label}: not recorded with this answer`];
  const rendering: Rendering | undefined = history.renderings[hash];
  if (rendering === undefined)
    return [
      `  ${label}: sha256 ${safe(hash)}`,
      `    the store does not hold this text: it was never stored, or was removed. The package version above names the release that served it.`,
    ];
  const head = `  ${label}: ${safe(rendering.kind)} (${safe(rendering.locale)}, ${safe(rendering.format)}) from ${safe(rendering.source)}`;
  const hashLine = `    sha256 ${safe(hash)}`;
  if (!showText) return [head, hashLine, `    ${hint}`];
  return [head, hashLine, ...quoted(renderingWords(rendering.format, rendering.text))];
}

function recordLines(
  record: ConsentRecord,
  entry: ConsentEntry,
  history: ConsentHistory,
  withPolicy: boolean,
): string[] {
  const categories = entriesOf(record.categories)
    .map(([name, value]) => `${safe(name)} ${yesNo(value)}`)
    .join(', ');
  const packages = entriesOf(record.packages)
    .map(([name, version]) => `${safe(name)}@${safe(version)}`)
    .join(', ');
  const slots: unknown[] = Array.isArray(record.slots) ? record.slots : [];
  return [
    `  categories: ${categories || '(none)'}`,
    `  consent version ${safe(record.consentVersion)}, policy version ${safe(record.policyVersion)}`,
    `  packages: ${packages || '(none recorded)'}`,
    `  locale ${safe(record.locale ?? '(none)')}, service ${safe(record.service ?? '(none)')}, Global Privacy Control ${record.gpc === true ? 'sent (Sec-GPC: 1)' : 'not sent'}`,
    `  filled per request (not part of the text's hash): ${slots.length === 0 ? 'nothing' : slots.map(safe).join(', ')}`,
    `  chain: writer ${safe(entry.writer)}, seq ${entry.seq}, hash ${safe(entry.hash)}`,
    ...renderingLines('shown', record.shown, history, true, ''),
    // The policy is long and the same for many records: printed once, after them, on request.
    ...renderingLines(
      'policy in force',
      record.policy,
      history,
      false,
      withPolicy
        ? 'printed in full below'
        : `add --policy to print it: cookie-catalog consent show ${history.consentId} --policy`,
    ),
  ];
}

/** The person's records, oldest first, each with the words shown. */
export function historyText(history: ConsentHistory, withPolicy: boolean): string {
  const count = history.entries.length;
  const lines = [
    `Consent id ${safe(history.consentId)}: ${count} record${count === 1 ? '' : 's'}, oldest first.`,
  ];
  history.entries.forEach((entry, index) => {
    lines.push('');
    const record = entry.record;
    if (record === null) {
      lines.push(
        `${index + 1}. ${when(entry.at)}  erased`,
        `  erased on request (GDPR Art. 17) at ${when(entry.erasedAt ?? entry.at)}: what was answered and shown is no longer stored; the chain keeps its hash (${safe(entry.contentHash)})`,
        `  chain: writer ${safe(entry.writer)}, seq ${entry.seq}`,
      );
      return;
    }
    lines.push(
      `${index + 1}. ${when(entry.at)}  ${safe(record.action)}`,
      ...recordLines(record, entry, history, withPolicy),
    );
  });
  if (history.missingRenderings.length > 0)
    lines.push(
      '',
      `${history.missingRenderings.length} text${history.missingRenderings.length === 1 ? '' : 's'} the records name ${history.missingRenderings.length === 1 ? 'is' : 'are'} not in the store: ${history.missingRenderings.map(safe).join(', ')}`,
    );
  return `${lines.join('\n')}\n`;
}
