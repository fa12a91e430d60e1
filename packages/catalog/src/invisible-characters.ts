/**
 * Characters that make text display differently from what it is: bidirectional overrides and
 * isolates (Trojan Source, CVE-2021-42574), zero-width characters, and C0/C1 controls other
 * than tab and line break.
 */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

export function findInvisibleCharacter(text: string): { char: string; index: number } | undefined {
  const match = INVISIBLE.exec(text);
  return match ? { char: match[0], index: match.index } : undefined;
}
