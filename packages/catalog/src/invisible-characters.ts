/**
 * Characters that make text display differently from what it is: bidirectional marks, overrides
 * and isolates (Trojan Source, CVE-2021-42574; U+061C ARABIC LETTER MARK among them), zero-width
 * and other invisible format characters, tag characters (U+E0000–U+E007F, which smuggle hidden
 * ASCII), and C0/C1 controls other than tab and line break.
 */
const INVISIBLE_CLASS =
  '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb\\u{e0000}-\\u{e007f}';
const INVISIBLE = new RegExp(`[${INVISIBLE_CLASS}]`, 'u');
/**
 * The same, the line breaks a one-line terminal or comment must not act on, and lone surrogates
 * (half of a UTF-16 pair: in `u` mode the class matches only those, never a whole pair), which no
 * UTF-8 output can hold: written out, each would become U+FFFD, or JSON strict parsers reject.
 */
const UNPRINTABLE = new RegExp(
  `[${INVISIBLE_CLASS}\\t\\n\\r\\u2028\\u2029\\u{d800}-\\u{dfff}]`,
  'gu',
);
const LONE_SURROGATE = /[\u{d800}-\u{dfff}]/gu;

/**
 * Catalog text (or a file name) made safe to print where it could act: in a terminal, ESC and
 * BEL would be obeyed; in one line of a report, a line break would start another. Each such
 * character is shown as `\u{1B}` instead.
 */
export function escapeInvisible(text: string): string {
  return text.replace(
    UNPRINTABLE,
    (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`,
  );
}

/** Text as it can be written to UTF-8: each lone surrogate shown as `\u{D800}`, all else as it is. */
export function escapeLoneSurrogates(text: string): string {
  return text.isWellFormed()
    ? text
    : text.replace(
        LONE_SURROGATE,
        (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`,
      );
}

export function findInvisibleCharacter(text: string): { char: string; index: number } | undefined {
  const match = INVISIBLE.exec(text);
  return match ? { char: match[0], index: match.index } : undefined;
}
