/*
 * What can be learnt from a catalog regular expression without running it. Generation time uses
 * it so the generated code does less per call: whether it needs the (slower) `u` flag, and whether
 * every string it accepts is already made of cookie-octets, in which case the separate octet
 * check is redundant. `cookie-catalog diff` uses it to tell a wider value rule from a narrower one.
 */

const COOKIE_OCTET = (code: number) =>
  code === 0x21 ||
  (code >= 0x23 && code <= 0x2b) ||
  (code >= 0x2d && code <= 0x3a) ||
  (code >= 0x3c && code <= 0x5b) ||
  (code >= 0x5d && code <= 0x7e);

/**
 * Flags to compile a catalog pattern with: the catalog validates patterns with `u`, and generated
 * code must accept exactly what validation accepted. Without `u`, anything that matches "any one
 * character" matches half of an astral character instead (`^.{1,2}$` rejects "😀😀"), so `u` is
 * left out only for patterns provably free of such constructs: plain ASCII, no `.`, no negated
 * class, no `\S`/`\W`/`\D`/`\B`, no `\p{…}` or `\u{…}`. Matching is then the same, and faster.
 */
export function regexFlags(pattern: string): string {
  return /[^\x20-\x7e]|\.|\[\^|\\[pPSWDBu]/.test(pattern) ? 'u' : '';
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

/** What a string value rule accepts: its pattern (if any) together with its maxLength. */
export interface StringRule {
  readonly pattern?: string | undefined;
  readonly maxLength?: number | undefined;
}

/**
 * How the set of strings `after` accepts relates to the set `before` accepts: `same`, `wider`
 * (every value accepted before still is), `narrower` (every value accepted now was before), or
 * `different` (neither, or a pattern this analysis does not understand changed).
 *
 * Understood exactly: no pattern, and single-class patterns (`^[A-Za-z0-9]{32,64}$`), each with
 * an optional maxLength. Such a rule accepts every string over its characters whose length lies
 * in a range, so one rule includes another exactly when its characters and its length range both
 * include the other's. An unchanged pattern of any other form compares by maxLength alone.
 */
export function compareStringRules(
  before: StringRule,
  after: StringRule,
): 'same' | 'wider' | 'narrower' | 'different' {
  const a = ruleShape(before);
  const b = ruleShape(after);
  if (!a || !b) {
    if (before.pattern !== after.pattern) return 'different';
    const lengths = { characters: undefined, min: 0 };
    return relation(
      { ...lengths, max: before.maxLength ?? Infinity },
      { ...lengths, max: after.maxLength ?? Infinity },
    );
  }
  return relation(a, b);
}

/**
 * The change between two string rules in words a reader of the catalog follows without reading
 * regular expressions: characters allowed now or no longer, and the length range. Empty when a
 * pattern is not one this analysis understands (the caller then shows the patterns).
 */
export function describeStringRuleChange(before: StringRule, after: StringRule): string[] {
  const a = ruleShape(before);
  const b = ruleShape(after);
  if (!a || !b) return [];
  const words: string[] = [];
  const gained = characterDifference(b.characters, a.characters);
  const lost = characterDifference(a.characters, b.characters);
  if (gained) words.push(`now also allows ${gained}`);
  if (lost) words.push(`no longer allows ${lost}`);
  const lengthBefore = lengthWords(a);
  const lengthAfter = lengthWords(b);
  if (lengthBefore !== lengthAfter) words.push(`length ${lengthBefore} → ${lengthAfter}`);
  return words;
}

/** The characters of `set` that `other` lacks, as ranges (`A–Z, _`); '' when none. */
function characterDifference(
  set: ReadonlySet<number> | undefined,
  other: ReadonlySet<number> | undefined,
): string {
  if (set === other) return '';
  if (set === undefined) return 'any character';
  const codes = [...set]
    .filter((code) => other !== undefined && !other.has(code))
    .sort((x, y) => x - y);
  const ranges: string[] = [];
  for (let index = 0; index < codes.length; ) {
    let end = index;
    while (end + 1 < codes.length && codes[end + 1] === (codes[end] ?? 0) + 1) end++;
    const first = String.fromCharCode(codes[index] ?? 0);
    const last = String.fromCharCode(codes[end] ?? 0);
    ranges.push(end - index >= 2 ? `${first}–${last}` : end > index ? `${first}, ${last}` : first);
    index = end + 1;
  }
  return ranges.join(', ');
}

function lengthWords(shape: RuleShape): string {
  if (shape.max === Infinity) return shape.min === 0 ? 'any' : `at least ${shape.min}`;
  return shape.min === shape.max ? `exactly ${shape.min}` : `${shape.min}–${shape.max}`;
}

interface RuleShape {
  /** Char codes allowed; undefined for any character. */
  readonly characters: ReadonlySet<number> | undefined;
  readonly min: number;
  readonly max: number;
}

function ruleShape(rule: StringRule): RuleShape | undefined {
  const limit = rule.maxLength ?? Infinity;
  if (rule.pattern === undefined) return { characters: undefined, min: 0, max: limit };
  const single = singleClassPattern(rule.pattern);
  if (!single) return undefined;
  return {
    characters: classCharacters(single.source),
    min: single.min,
    max: Math.min(single.max ?? Infinity, limit),
  };
}

function relation(a: RuleShape, b: RuleShape): 'same' | 'wider' | 'narrower' | 'different' {
  const widens = includes(b, a);
  const narrows = includes(a, b);
  if (widens && narrows) return 'same';
  if (widens) return 'wider';
  if (narrows) return 'narrower';
  return 'different';
}

/** Whether every string `inner` accepts, `outer` accepts too (classes are never empty). */
function includes(outer: RuleShape, inner: RuleShape): boolean {
  if (inner.min > inner.max) return true; // accepts nothing
  const lengths = outer.min <= inner.min && inner.max <= outer.max;
  if (!lengths) return false;
  if (inner.max === 0 || outer.characters === undefined) return true;
  if (inner.characters === undefined) return false;
  for (const code of inner.characters) if (!outer.characters.has(code)) return false;
  return true;
}

/** The char codes of a class body singleClassPattern accepted (ASCII literals and ranges). */
function classCharacters(source: string): Set<number> {
  const codes = new Set<number>();
  for (let index = 0; index < source.length; index++) {
    const start = source.charCodeAt(index);
    if (source[index + 1] === '-' && index + 2 < source.length) {
      for (let code = start; code <= source.charCodeAt(index + 2); code++) codes.add(code);
      index += 2;
    } else {
      codes.add(start);
    }
  }
  return codes;
}
