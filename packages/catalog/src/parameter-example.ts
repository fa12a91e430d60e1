import { firstNonTokenChar } from './cookie-grammar.js';

/*
 * An example for a name parameter the catalog gives none for: cookie pages write `_hjSession_{id}`
 * without saying what an id looks like, and inventing one in the catalog would put a made-up fact
 * in legal's file. Tests need a concrete name, so one is derived from the declaration: the
 * shortest text the pattern accepts, built from the first choice of each part.
 */

/** Token characters to pick from, in order of preference, for a class or `.`. */
const PREFERRED = 'a1bcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0234567890_-.';

/**
 * A value of the parameter that its declaration accepts, or undefined when none can be derived
 * (a pattern using constructs this does not follow: then the catalog must give `example`).
 */
export function deriveParameterExample(spec: {
  readonly type?: 'string' | 'integer' | undefined;
  readonly pattern?: string | undefined;
  readonly maxLength?: number | undefined;
}): string | number | undefined {
  if (spec.type === 'integer') return 1;
  const candidate = spec.pattern === undefined ? 'example' : sample(spec.pattern);
  if (candidate === undefined) return undefined;
  const text =
    spec.pattern === undefined && spec.maxLength !== undefined
      ? candidate.slice(0, spec.maxLength)
      : candidate;
  if (text.length === 0 || firstNonTokenChar(text)) return undefined;
  if (spec.maxLength !== undefined && text.length > spec.maxLength) return undefined;
  if (spec.pattern !== undefined) {
    try {
      if (!new RegExp(spec.pattern, 'u').test(text)) return undefined;
    } catch {
      return undefined;
    }
  }
  return text;
}

/** The shortest text the pattern's first alternatives give, at least one character per part. */
function sample(pattern: string): string | undefined {
  const state = { pattern, at: 0 };
  try {
    const text = alternatives(state);
    return state.at === pattern.length ? text : undefined;
  } catch {
    return undefined;
  }
}

interface State {
  readonly pattern: string;
  at: number;
}

function alternatives(state: State): string {
  const first = sequence(state);
  while (state.pattern[state.at] === '|') {
    state.at++;
    sequence(state); // later alternatives are parsed, not used
  }
  return first;
}

function sequence(state: State): string {
  let text = '';
  while (state.at < state.pattern.length) {
    const char = state.pattern[state.at];
    if (char === '|' || char === ')') break;
    if (char === '^' || char === '$') {
      state.at++;
      continue;
    }
    const atom = atomOf(state);
    const times = quantifier(state);
    text += atom.repeat(times);
  }
  return text;
}

function atomOf(state: State): string {
  const char = state.pattern[state.at] ?? '';
  if (char === '(') {
    state.at++;
    if (state.pattern.startsWith('?:', state.at)) state.at += 2;
    else if (state.pattern[state.at] === '?') throw new Error('lookaround or named group');
    const inner = alternatives(state);
    if (state.pattern[state.at] !== ')') throw new Error('unclosed group');
    state.at++;
    return inner;
  }
  if (char === '[') return characterClass(state);
  if (char === '\\') return escaped(state, false);
  if (char === '.') {
    state.at++;
    return 'a';
  }
  if ('*+?{'.includes(char)) throw new Error('quantifier without an atom');
  state.at++;
  return char;
}

function escaped(state: State, inClass: boolean): string {
  const next = state.pattern[state.at + 1];
  if (next === undefined) throw new Error('trailing backslash');
  state.at += 2;
  if (next === 'd') return '1';
  if (next === 'w') return 'a';
  if (next === 'D' || next === 'W' || next === 'S') return next === 'D' ? 'a' : '-';
  if (next === 's' || next === 'b' || next === 'B') throw new Error('not in a cookie name');
  if (/[0-9a-zA-Z]/.test(next) && !(inClass && next === '-')) throw new Error(`\\${next}`);
  return next;
}

function characterClass(state: State): string {
  state.at++;
  const negated = state.pattern[state.at] === '^';
  if (negated) state.at++;
  const members: ((c: string) => boolean)[] = [];
  let first = true;
  while (state.pattern[state.at] !== ']' || first) {
    first = false;
    if (state.at >= state.pattern.length) throw new Error('unclosed class');
    const start = state.pattern[state.at] === '\\' ? escapeMember(state) : literalMember(state);
    if (
      typeof start === 'string' &&
      state.pattern[state.at] === '-' &&
      state.pattern[state.at + 1] !== ']'
    ) {
      state.at++;
      const end = state.pattern[state.at] === '\\' ? escapeMember(state) : literalMember(state);
      if (typeof end !== 'string') throw new Error('range to a class');
      members.push((c) => c >= start && c <= end);
    } else {
      members.push(typeof start === 'string' ? (c) => c === start : start);
    }
  }
  state.at++;
  const inClass = (c: string) => members.some((member) => member(c));
  const pick = [...PREFERRED].find((c) => inClass(c) !== negated);
  if (pick === undefined) throw new Error('no token character in the class');
  return pick;
}

function literalMember(state: State): string {
  const char = state.pattern[state.at] ?? '';
  state.at++;
  return char;
}

function escapeMember(state: State): string | ((c: string) => boolean) {
  const next = state.pattern[state.at + 1] ?? '';
  const shorthand = /^[dwsDWS]$/.test(next) ? new RegExp(`\\${next}`) : undefined;
  if (shorthand) {
    state.at += 2;
    return (c) => shorthand.test(c);
  }
  return escaped(state, true);
}

/** How many times the atom repeats in the shortest match, at least once where it may be left out. */
function quantifier(state: State): number {
  const char = state.pattern[state.at];
  let times = 1;
  if (char === '?' || char === '*' || char === '+') {
    state.at++;
    times = 1;
  } else if (char === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(state.pattern.slice(state.at));
    if (!match) throw new Error('malformed repetition');
    state.at += match[0].length;
    times = Math.max(Number(match[1]), Number(match[1]) === 0 ? (match[2] ? 1 : 0) : 0);
    if (Number(match[1]) === 0 && match[3] === '0') times = 0;
  }
  if (state.pattern[state.at] === '?') state.at++; // lazy
  return times;
}
