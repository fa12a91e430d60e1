import { escapeLoneSurrogates } from '../invisible-characters.js';
import type { Problem } from '../problem.js';
import { displayFile } from './where.js';

export interface JsonFormatOptions {
  /** Files are written relative to this folder (the working directory); absolute without it. */
  readonly cwd?: string | undefined;
  /** What the command knows besides its findings (`valid`, counts…): written before `problems`. */
  readonly fields?: Readonly<Record<string, unknown>> & { readonly problems?: never };
}

/** The problems as plain objects for a JSON report: every field of each, files as a reader finds them. */
export function problemsJson(
  problems: readonly Problem[],
  { cwd }: Pick<JsonFormatOptions, 'cwd'> = {},
): Problem[] {
  return problems.map((p) => ({ ...p, file: displayFile(p.file, cwd) }));
}

/*
 * Characters JSON may carry raw but a terminal or an editor would act on or hide: C1 controls
 * (U+009B starts an escape sequence), bidirectional and invisible format characters, and the
 * line separators older JavaScript parsers choke on. Written as \u escapes they parse back the same.
 */
const UNSAFE_IN_JSON_TEXT =
  /[\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu;

/**
 * `{ ...fields, problems: [...] }`, indented, with a final newline: what `--format json` prints.
 * JSON.parse gives back exactly the problems (files relative to `cwd`), except that a lone
 * surrogate, which no UTF-8 text can hold, reads `\u{D800}`.
 */
export function formatProblemsJson(
  problems: readonly Problem[],
  { cwd, fields = {} }: JsonFormatOptions = {},
): string {
  // A lone surrogate would be written as `\ud800`, which strict parsers reject (RFC 8259 §8.2
  // leaves it undefined): it is shown as the text `\u{D800}` instead, as the text form shows it.
  const text = JSON.stringify(
    { ...fields, problems: problemsJson(problems, { cwd }) },
    (_key, value: unknown) => (typeof value === 'string' ? escapeLoneSurrogates(value) : value),
    2,
  );
  return `${text.replace(UNSAFE_IN_JSON_TEXT, jsonEscape)}\n`;
}

/** `\u009b`; a character beyond U+FFFF as its two UTF-16 halves, as JSON writes them. */
function jsonEscape(char: string): string {
  let escaped = '';
  for (let i = 0; i < char.length; i++)
    escaped += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return escaped;
}
