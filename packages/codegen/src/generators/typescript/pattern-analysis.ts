/*
 * What generation time can learn from a catalog regular expression, so the generated code does
 * less per call: whether it needs the (slower) `u` flag, and whether every string it accepts is
 * already made of cookie-octets, in which case the separate octet check is redundant.
 */

const COOKIE_OCTET = (code: number) =>
  code === 0x21 ||
  (code >= 0x23 && code <= 0x2b) ||
  (code >= 0x2d && code <= 0x3a) ||
  (code >= 0x3c && code <= 0x5b) ||
  (code >= 0x5d && code <= 0x7e);

/**
 * Flags to compile a catalog pattern with. The catalog validates patterns with `u`; for a pattern
 * of plain ASCII without `\p{…}` or `\u{…}`, matching is the same without it, and faster.
 */
export function regexFlags(pattern: string): string {
  return /[^\x20-\x7e]|\\[pP]|\\u\{/.test(pattern) ? 'u' : '';
}

/**
 * True when the pattern is provably `^…$` over character classes and literals that are all
 * cookie-octets (RFC 6265bis §4.1.1), e.g. `^[A-Za-z0-9_.-]{1,64}$`. Anything it does not
 * understand answers false, which only costs the extra run-time check.
 */
export function patternImpliesCookieOctets(pattern: string): boolean {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return false;
  const body = pattern.slice(1, -1);
  let index = 0;
  const atom = (): boolean => {
    const char = body[index];
    if (char === undefined) return false;
    if (char === '[') {
      index++;
      if (body[index] === '^') return false;
      let previous: number | undefined;
      while (index < body.length && body[index] !== ']') {
        let code: number;
        if (body[index] === '\\') {
          const escaped = body[index + 1] ?? '';
          if (escaped === 'd' || escaped === 'w') {
            index += 2;
            previous = undefined;
            continue;
          }
          if (/[A-Za-z0-9]/.test(escaped)) return false; // \s, \b, \x41 and friends
          code = escaped.charCodeAt(0);
          index += 2;
        } else if (body[index] === '-' && previous !== undefined && body[index + 1] !== ']') {
          const end = body.charCodeAt(index + 1);
          if (body[index + 1] === '\\') return false;
          for (let c = previous; c <= end; c++) if (!COOKIE_OCTET(c)) return false;
          index += 2;
          previous = undefined;
          continue;
        } else {
          code = body.charCodeAt(index);
          index++;
        }
        if (!COOKIE_OCTET(code)) return false;
        previous = code;
      }
      if (body[index] !== ']') return false;
      index++;
      return true;
    }
    if (char === '\\') {
      const escaped = body[index + 1] ?? '';
      index += 2;
      if (escaped === 'd' || escaped === 'w') return true;
      return !/[A-Za-z0-9]/.test(escaped) && COOKIE_OCTET(escaped.charCodeAt(0));
    }
    if ('.()|^$*+?{}'.includes(char)) return false;
    index++;
    return COOKIE_OCTET(char.charCodeAt(0));
  };
  while (index < body.length) {
    if (!atom()) return false;
    const quantifier = /^(?:[*+?]|\{\d+(?:,\d*)?\})/.exec(body.slice(index));
    if (quantifier) index += quantifier[0].length;
  }
  return true;
}

/** A pattern of one character class and a length range, such as `^[A-Za-z0-9]{32,64}$`. */
export interface SingleClassPattern {
  /** The class's source between the brackets, e.g. `A-Za-z0-9`. */
  readonly source: string;
  readonly min: number;
  readonly max: number | undefined;
}

/**
 * Recognizes `^[…]{n,m}$`, `^[…]+$`, `^[…]*$`, `^[…]{n}$` over ASCII literals and ranges, so the
 * generator can check the length apart from the characters. Anything else answers undefined.
 */
export function singleClassPattern(pattern: string): SingleClassPattern | undefined {
  const match = /^\^\[([^\]^\\]+)\](\{(\d+)(,(\d*))?\}|\+|\*)\$$/.exec(pattern);
  if (!match) return undefined;
  const [, body = '', quantifier = '', exact, comma, upper] = match;
  for (let index = 0; index < body.length; index++) {
    const start = body.charCodeAt(index);
    if (start < 0x20 || start > 0x7e) return undefined;
    if (body[index + 1] === '-' && index + 2 < body.length) {
      const end = body.charCodeAt(index + 2);
      if (end < start || end > 0x7e) return undefined;
      index += 2;
    }
  }
  if (quantifier === '+') return { source: body, min: 1, max: undefined };
  if (quantifier === '*') return { source: body, min: 0, max: undefined };
  const min = Number(exact);
  const max = comma === undefined ? min : upper === '' ? undefined : Number(upper);
  return max !== undefined && max < min ? undefined : { source: body, min, max };
}
