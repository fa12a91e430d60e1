import type { YAMLError } from 'yaml';

/**
 * A YAML syntax error explained for the person who wrote the file: the line where the mistake
 * is (not where the parser gave up), what is wrong in plain words, and the line rewritten.
 */
export interface SyntaxExplanation {
  /** Character offset of the mistake. */
  readonly offset: number;
  readonly message: string;
  readonly fix: string;
}

/**
 * Explains the parser's errors of one file: the first error whose cause is one of the common
 * mistakes (a text containing ": ", an unclosed quote, a tab indent, no space after "-" or ":"),
 * or else the first error, with a general fix.
 */
export function explainSyntaxErrors(
  errors: readonly YAMLError[],
  text: string,
): SyntaxExplanation | undefined {
  const lines = linesOf(text);
  for (const error of errors) {
    const explained = explain(error, text, lines);
    if (explained) return explained;
  }
  const first = errors[0];
  if (!first) return undefined;
  return {
    offset: first.pos[0],
    message: `YAML cannot read this line: ${firstLine(first.message)}`,
    fix: 'write each key as "key: value" with a space after the colon, indent with spaces as the lines around it, and put a text in double quotes when it contains ": ", " #" or starts with a quote or another special character',
  };
}

/**
 * A plain text that starts with "-" and a letter on a line of its own: YAML reads `-en` as text,
 * not as the list item `- en` that was meant. The parser reports nothing, so this is checked
 * on the parsed values. Returns the explanation, or undefined.
 */
export function explainDashWithoutSpace(
  text: string,
  scalarStart: number,
): SyntaxExplanation | undefined {
  const lines = linesOf(text);
  const line = lineAt(lines, scalarStart);
  if (!line) return undefined;
  const match = line.text.match(/^(\s*)-([^\s\d.-].*)$/);
  if (!match || line.start + (match[1]?.length ?? 0) !== scalarStart) return undefined;
  return missingDashSpace(line, match[1] ?? '', match[2] ?? '');
}

interface Line {
  readonly start: number;
  readonly text: string;
}

function explain(
  error: YAMLError,
  text: string,
  lines: readonly Line[],
): SyntaxExplanation | undefined {
  const at = lineAt(lines, error.pos[0]);
  switch (error.code) {
    case 'BLOCK_AS_IMPLICIT_KEY': {
      const colon = at && textWithColon(at);
      if (colon) return colon;
      break;
    }
    case 'MISSING_CHAR': {
      const quote = error.message.match(/Missing closing (["'])quote/)?.[1];
      if (quote) return unclosedQuote(text, lines, error.pos[0], quote);
      break;
    }
    case 'TAB_AS_INDENT':
      if (at) {
        const indent = at.text.match(/^[\t ]*/)?.[0] ?? '';
        const rewritten = indent.replace(/\t/g, '  ') + at.text.slice(indent.length);
        return {
          offset: at.start,
          message: 'this line is indented with a tab; YAML allows only spaces for indentation',
          fix: `indent it with spaces, as many as the lines around it: ${JSON.stringify(rewritten.trimEnd())}`,
        };
      }
      break;
  }
  // Errors the parser reports on, or just after, a line with no space after "-" or ":".
  if (at) return missingSpace(at) ?? missingSpace(previousContentLine(lines, at));
  return undefined;
}

/** `en: Note: keeps you signed in` — the value contains ": ", read as another key. */
function textWithColon(line: Line): SyntaxExplanation | undefined {
  const match = line.text.match(/^(\s*(?:-\s+)?[^\s:#"'][^:#]*?:\s+)([^"'\s|>].*?)\s*$/);
  if (!match?.[2]?.includes(': ')) return undefined;
  const [, key = '', value = ''] = match;
  return {
    offset: line.start,
    message: `the text on this line contains ": ", which YAML reads as the start of another key (${JSON.stringify(value.slice(0, value.indexOf(': ') + 1))})`,
    fix: `put the text in double quotes: ${key.trimStart()}${quoted(value)}`,
  };
}

/**
 * An opening quote never closed: YAML reads on to the next quote or the end of the file, and the
 * parser reports where it gave up. The mistake is on the last line before that which opens a
 * quoted text and does not close it.
 */
function unclosedQuote(
  text: string,
  lines: readonly Line[],
  giveUp: number,
  quote: string,
): SyntaxExplanation | undefined {
  const opening = new RegExp(`^(\\s*(?:-\\s+)?(?:[^\\s:#"'][^:#]*?:\\s+)?)${quote}(.*)$`);
  const candidates = lines.filter((line) => line.start < Math.min(giveUp, text.length));
  for (const line of [...candidates].reverse()) {
    const match = line.text.match(opening);
    if (!match) continue;
    const [, before = '', rest = ''] = match;
    if (closes(rest, quote)) continue;
    const value = rest.trimEnd();
    return {
      offset: line.start + before.length,
      message: `the text that starts with ${quote} on this line is never closed, so YAML reads everything after it as part of the text`,
      fix: `end the text with ${quote} on the same line: ${before.trimStart()}${quote}${value}${quote}`,
    };
  }
  return undefined;
}

/** Whether the rest of a line after an opening quote holds its closing quote. */
function closes(rest: string, quote: string): boolean {
  if (quote === "'") return /(^|[^'])'(''|[^']|$)/.test(rest.replace(/''/g, ''));
  return /(^|[^\\])"/.test(rest.replace(/\\\\/g, ''));
}

/** `kind:cookie` or `-en`: a key or list item without the space YAML needs. */
function missingSpace(line: Line | undefined): SyntaxExplanation | undefined {
  if (!line) return undefined;
  const dash = line.text.match(/^(\s*)-([^\s\d.-].*)$/);
  if (dash) return missingDashSpace(line, dash[1] ?? '', dash[2] ?? '');
  const colon = line.text.match(/^(\s*(?:-\s+)?)([A-Za-z_$][\w$/-]*):(\S.*)$/);
  if (colon && !/^\/\//.test(colon[3] ?? '')) {
    const [, indent = '', key = '', value = ''] = colon;
    return {
      offset: line.start + indent.length,
      message: `there is no space after the ":" in "${key}:${value}", so YAML does not read "${key}" as a key with a value`,
      fix: `put a space after the colon: ${key}: ${value}`,
    };
  }
  return undefined;
}

function missingDashSpace(line: Line, indent: string, item: string): SyntaxExplanation {
  return {
    offset: line.start + indent.length,
    message: `there is no space after the "-" in "-${item}", so YAML reads it as text, not as an item of a list`,
    fix: `put a space after the dash: - ${item}`,
  };
}

function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const part of text.split('\n')) {
    lines.push({ start, text: part.replace(/\r$/, '') });
    start += part.length + 1;
  }
  return lines;
}

function lineAt(lines: readonly Line[], offset: number): Line | undefined {
  let found: Line | undefined;
  for (const line of lines) {
    if (line.start > offset) break;
    found = line;
  }
  return found;
}

function previousContentLine(lines: readonly Line[], line: Line): Line | undefined {
  const index = lines.indexOf(line);
  for (let i = index - 1; i >= 0; i--) {
    const text = lines[i]?.text ?? '';
    if (text.trim() !== '' && !text.trim().startsWith('#')) return lines[i];
  }
  return undefined;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+.*$/, '');
}
