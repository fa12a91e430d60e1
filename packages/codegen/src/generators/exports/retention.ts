import type { DraftLifetime } from '@cookie-catalog/catalog';

/*
 * Free-text retention periods as cookie databases write them ("2 years", "End of session
 * (browser)", "30 seconds till 1 year", "180 days after last activity"), read into what an entry
 * file writes for a lifetime another company states. English only; anything else is left for
 * legal (undefined), never guessed.
 */

const UNIT = '(second|minute|hour|day|week|month|year)s?';
const DURATION = new RegExp(`^(\\d{1,3}(?:,\\d{3})+|\\d+|an?|one)\\s+${UNIT}$`, 'i');
const SESSION =
  /^(?:(?:the\s+)?end\s+of\s+(?:the\s+)?(?:browser\s+)?session(?:\s*\(browser\))?|(?:browser\s+)?session(?:\s+cookie)?|this\s+browser\s+session(?:\s*\(.*\))?|until\s+the\s+browser\s+(?:is\s+)?closed?)$/i;
const FOREVER = /^(?:never\s+expires|forever|never)$/i;
const UNKNOWN = /^(?:unknown|not\s+stated(?:\s+by\s+the\s+provider)?)$/i;

export type ParsedRetention = 'unknown' | DraftLifetime;

/** A duration as an entry file writes it ("2 years"), or undefined. */
export function durationWords(text: string): string | undefined {
  const match = DURATION.exec(text.trim().replace(/\s+/g, ' '));
  if (!match) return undefined;
  const [, amountText = '', unit = ''] = match;
  const digits = amountText.replaceAll(',', '');
  const amount = /^\d+$/.test(digits) ? Number(digits) : 1;
  if (!Number.isSafeInteger(amount) || amount < 1) return undefined;
  const singular = unit.toLowerCase();
  return `${amount} ${singular}${amount === 1 ? '' : 's'}`;
}

export function parseRetention(text: string): ParsedRetention | undefined {
  let rest = text.trim().replace(/\s+/g, ' ').replace(/\.$/, '');
  // Our own export's words: "{stated} according to the provider; browsers keep it at most {kept}".
  rest = rest.replace(/\s+according to the provider;.*$/i, '');
  if (rest === '') return undefined;
  if (UNKNOWN.test(rest)) return 'unknown';
  if (SESSION.test(rest)) return { statedByProvider: 'session' };
  if (FOREVER.test(rest)) return { statedByProvider: 'forever' };
  const stated = statedPart(rest);
  if (stated) return { statedByProvider: stated };
  // "{stated}, or {inactive} without activity"
  const inactive = /^(.*?),?\s+or\s+(.+?)\s+(?:without|of\s+no)\s+activity$/i.exec(rest);
  if (inactive) {
    const first = SESSION.test(inactive[1] ?? '') ? 'session' : statedPart(inactive[1] ?? '');
    const idle = durationWords(inactive[2] ?? '');
    if (first && idle) return { statedByProvider: first, orInactiveFor: idle };
  }
  return undefined;
}

function statedPart(text: string): DraftLifetime['statedByProvider'] | undefined {
  const plain = durationWords(text);
  if (plain) return plain;
  // "180 days after last activity": a lifetime renewed on each visit, as stated.
  const afterActivity = /^(.+?)\s+(?:after\s+(?:the\s+)?last\s+(?:activity|visit|use))$/i.exec(
    text,
  );
  if (afterActivity) return durationWords(afterActivity[1] ?? '');
  const range = /^(?:from\s+)?(.+?)\s+(?:till|until|to|-|–)\s+(.+)$/i.exec(text);
  if (range) {
    const from = durationWords(range[1] ?? '');
    const to = durationWords(range[2] ?? '');
    if (from && to) return { from, to };
  }
  return undefined;
}
