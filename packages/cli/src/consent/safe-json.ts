/*
 * JSON of what the consent store holds, safe to print on a terminal. JSON.stringify already
 * writes C0 controls (ESC, BEL) and lone surrogates as \u escapes; this also escapes what it
 * leaves as it is and a terminal or a reader could act on: DEL and the C1 controls (U+009B is
 * a one-byte CSI), bidirectional overrides and isolates (Trojan Source, CVE-2021-42574),
 * zero-width and other invisible format characters, the Unicode line separators and tag
 * characters. The JSON means the same: a parser reads back the very same strings.
 */
const UNSAFE =
  /[\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;

function unicodeEscape(text: string): string {
  let escaped = '';
  for (let i = 0; i < text.length; i++)
    escaped += `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return escaped;
}

/** `JSON.stringify(value, null, 2)` and a line break, with every invisible or control character escaped. */
export function safeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(UNSAFE, unicodeEscape)}\n`;
}
