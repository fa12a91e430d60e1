import { isSafePattern } from 'redos-detector';
import { describe, expect, it } from 'vitest';
import { catastrophicBacktracking, hasOneQuantifierAtMost } from './pattern-safety.js';

const redosSafe = (pattern: string) => isSafePattern(pattern, { unicode: true }).safe;

/** Deterministic pseudo-random patterns of the shape the fast path accepts. */
function* simplePatterns(count: number): Generator<string> {
  const atoms = [
    'a',
    'b',
    '-',
    '_',
    '\\.',
    '\\d',
    '\\w',
    '\\s',
    '[a-z]',
    '[A-Za-z0-9_.-]',
    '[^;]',
    '.',
  ];
  const quantifiers = ['*', '+', '?', '{32}', '{1,64}', '{2,}'];
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (let i = 0; i < count; i++) {
    const parts = Array.from({ length: 1 + next(4) }, () => atoms[next(atoms.length)] as string);
    const at = next(parts.length + 1);
    if (at < parts.length) parts[at] = `${parts[at]}${quantifiers[next(quantifiers.length)]}`;
    yield `^${parts.join('')}${next(2) ? '$' : ''}`;
  }
}

describe('the fast path for one-quantifier patterns', () => {
  it('takes the patterns catalogs use, and redos-detector agrees that each is safe', () => {
    const taken = [
      '^[A-Za-z0-9]{32,64}$',
      '^[A-Za-z0-9_.-]+$',
      '^[a-f0-9]{32}$',
      '^GA1\\.\\d\\.\\d+$',
      ...simplePatterns(300),
    ];
    for (const pattern of taken) {
      expect(hasOneQuantifierAtMost(pattern), pattern).toBe(true);
      expect(redosSafe(pattern), pattern).toBe(true);
      expect(catastrophicBacktracking(pattern)).toBeUndefined();
    }
  });

  it('leaves every pattern with a group, an alternation or a second quantifier to redos-detector', () => {
    for (const pattern of [
      '^(a+)+$',
      '^(a|a)*$',
      '^[a-z]*[a-z]*$',
      '^\\d+\\.\\d+$',
      '^a+?b$',
      '^(?:ab)$',
      '^\\1$',
      '^\\u{61}+$',
      'a+$',
      '[a-z]+b',
    ]) {
      expect(hasOneQuantifierAtMost(pattern), pattern).toBe(false);
    }
    expect(catastrophicBacktracking('^(a+)+$')).toBeDefined();
    expect(catastrophicBacktracking('^(a|a)*$')).toBeDefined();
  });
});
