export type NamePart =
  | { readonly type: 'literal'; readonly text: string }
  | { readonly type: 'parameter'; readonly name: string };

export type ParsedNamePattern =
  | { readonly ok: true; readonly parts: readonly NamePart[] }
  | { readonly ok: false; readonly index: number; readonly reason: string; readonly fix: string };

const PARAMETER_NAME = /^[a-z][A-Za-z0-9]*$/;

/**
 * Splits a cookie name such as `sub-{id}` into literal text and `{parameter}` placeholders.
 * A name without braces is a single literal part.
 */
export function parseNamePattern(name: string): ParsedNamePattern {
  const parts: NamePart[] = [];
  let literal = '';
  let index = 0;
  while (index < name.length) {
    const char = name[index];
    if (char === '}') {
      return {
        ok: false,
        index,
        reason: 'a "}" without a matching "{"',
        fix: 'write parameters as {name}',
      };
    }
    if (char !== '{') {
      literal += char;
      index++;
      continue;
    }
    const close = name.indexOf('}', index);
    if (close === -1) {
      return {
        ok: false,
        index,
        reason: 'a "{" is never closed',
        fix: 'close the parameter with "}"',
      };
    }
    const parameter = name.slice(index + 1, close);
    if (!PARAMETER_NAME.test(parameter)) {
      return {
        ok: false,
        index,
        reason: `"{${parameter}}" is not a valid parameter name`,
        fix: 'name parameters with letters and digits, starting with a lowercase letter, e.g. {id}',
      };
    }
    if (literal === '' && parts.at(-1)?.type === 'parameter') {
      return {
        ok: false,
        index,
        reason: 'two parameters follow each other, so a name could be split in more than one way',
        fix: 'put fixed text between parameters, e.g. {a}-{b}',
      };
    }
    if (literal) parts.push({ type: 'literal', text: literal });
    literal = '';
    parts.push({ type: 'parameter', name: parameter });
    index = close + 1;
  }
  if (literal) parts.push({ type: 'literal', text: literal });
  return { ok: true, parts };
}

/**
 * A regular expression (source, anchored) that a cookie or key name matches exactly when it can be
 * this name: fixed text as it is, an integer parameter as digits, any other parameter as one or
 * more characters a cookie name can hold. What scan, audit and consent withdrawal match names by.
 */
export function nameMatcherSource(name: {
  readonly parts: readonly NamePart[];
  readonly parameters: readonly { readonly name: string; readonly type: 'string' | 'integer' }[];
}): string {
  const parts = name.parts.map((part) => {
    if (part.type === 'literal') return part.text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    const parameter = name.parameters.find((p) => p.name === part.name);
    return parameter?.type === 'integer' ? '-?[0-9]+' : '[^=;\\s]+';
  });
  return `^${parts.join('')}$`;
}
