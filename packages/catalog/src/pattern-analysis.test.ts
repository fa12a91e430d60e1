import { describe, expect, it } from 'vitest';
import {
  compareStringRules,
  describeStringRuleChange,
  patternImpliesCookieOctets,
  regexFlags,
  singleClassPattern,
} from './pattern-analysis.js';

describe('patternImpliesCookieOctets', () => {
  it.each([
    '^[A-Za-z0-9]{32,64}$',
    '^[A-Za-z0-9_.-]+$',
    '^[a-f0-9]{32}$',
    '^v1\\.[0-9]+$',
    '^\\d{4}-\\w+$',
    '^[A-Za-z0-9-]{1,64}$',
  ])('%s only accepts cookie-octets', (pattern) => {
    expect(patternImpliesCookieOctets(pattern)).toBe(true);
  });

  it.each([
    '[A-Z]+', // not anchored
    '^[A-Z]+', // not anchored at the end
    '^.+$', // any character
    '^[^;]+$', // negated class
    '^[A-Za-z ]+$', // space
    '^[a-z;]+$', // semicolon
    '^[+-/]+$', // a range over the comma
    '^a|b$', // alternation
    '^\\s+$', // whitespace escape
    '^(ab)+$', // groups are not analysed
    '^[\\x00-\\x7f]+$', // escapes inside a class
    '^ä+$', // not ASCII
    '^a"b$', // double quote
  ])('%s may accept other characters', (pattern) => {
    expect(patternImpliesCookieOctets(pattern)).toBe(false);
  });
});

describe('regexFlags', () => {
  it('drops the u flag only where matching is the same without it', () => {
    expect(regexFlags('^[A-Za-z0-9]{32}$')).toBe('');
    expect(regexFlags('^\\p{L}+$')).toBe('u');
    expect(regexFlags('^\\u{1F600}$')).toBe('u');
    expect(regexFlags('^ä$')).toBe('u');
    // Whatever matches "any one character" matches half an astral character without u.
    for (const pattern of ['^.{1,2}$', '^[^;]{1,4}$', '^\\S+$', '^\\W$', '^\\D{2}$']) {
      expect(regexFlags(pattern), pattern).toBe('u');
      expect(new RegExp(pattern, regexFlags(pattern)).test('😀'), pattern).toBe(
        new RegExp(pattern, 'u').test('😀'),
      );
    }
  });
});

describe('singleClassPattern', () => {
  it('reads a class and a length range', () => {
    expect(singleClassPattern('^[A-Za-z0-9]{32,64}$')).toEqual({
      source: 'A-Za-z0-9',
      min: 32,
      max: 64,
    });
    expect(singleClassPattern('^[a-f0-9]{32}$')).toMatchObject({ min: 32, max: 32 });
    expect(singleClassPattern('^[A-Za-z0-9_.-]+$')).toEqual({
      source: 'A-Za-z0-9_.-',
      min: 1,
      max: undefined,
    });
    expect(singleClassPattern('^[ab]{2,}$')).toMatchObject({ min: 2, max: undefined });
  });

  it.each(['^[^a]+$', '^[a\\]]+$', '^[a-z]+', '^[a-z]+x$', '^[a-z]{3,1}$', '^[é]+$', '^(a)+$'])(
    'leaves %s to RegExp',
    (pattern) => {
      expect(singleClassPattern(pattern)).toBeUndefined();
    },
  );
});

describe('compareStringRules', () => {
  const token = '^[A-Za-z0-9]{32,64}$';
  it.each([
    [{ pattern: token }, { pattern: token, maxLength: 64 }, 'same'], // the pattern bounds it already
    [{ pattern: token }, { pattern: '^[A-Za-z0-9_-]{32,64}$' }, 'wider'],
    [{ pattern: token }, { pattern: '^[A-Za-z0-9]{16,128}$' }, 'wider'],
    [{ pattern: token }, { pattern: '^[A-Za-z0-9]+$' }, 'wider'],
    [{ pattern: token }, {}, 'wider'],
    [{ pattern: token, maxLength: 40 }, { pattern: token }, 'wider'],
    [{ pattern: token }, { pattern: '^[a-z0-9]{32,64}$' }, 'narrower'],
    [{ pattern: token }, { pattern: '^[A-Za-z0-9]{32}$' }, 'narrower'],
    [{ pattern: token }, { pattern: token, maxLength: 40 }, 'narrower'],
    [{}, { maxLength: 100 }, 'narrower'],
    [{}, { pattern: token }, 'narrower'],
    [{ pattern: token }, { pattern: '^[a-z_]{32,64}$' }, 'different'], // gains _ and loses A-Z
    [{ pattern: token }, { pattern: '^[A-Za-z0-9]{16,32}$' }, 'different'], // overlapping lengths
    [{ pattern: '^v1\\.[0-9]+$' }, { pattern: '^v2\\.[0-9]+$' }, 'different'], // not understood
    [{ pattern: '^v1\\.[0-9]+$', maxLength: 10 }, { pattern: '^v1\\.[0-9]+$' }, 'wider'],
    [{ pattern: '^v1\\.[0-9]+$' }, { pattern: '^v1\\.[0-9]+$', maxLength: 10 }, 'narrower'],
    [{ maxLength: 10 }, { maxLength: 10 }, 'same'],
  ] as const)('%j → %j is %s', (before, after, expected) => {
    expect(compareStringRules(before, after)).toBe(expected);
  });
});

describe('describeStringRuleChange', () => {
  it.each([
    ['^[A-Za-z0-9]{32,64}$', '^[A-Za-z0-9_.-]{32,64}$', ['now also allows -, ., _']],
    [
      '^[A-Za-z0-9]{32,64}$',
      '^[a-z]{32}$',
      ['no longer allows 0–9, A–Z', 'length 32–64 → exactly 32'],
    ],
    ['^[a-f0-9]{32}$', '^[a-z0-9]+$', ['now also allows g–z', 'length exactly 32 → at least 1']],
    ['^[ab]*$', '^[abcd]*$', ['now also allows c, d']],
    ['^v1\\.[0-9]+$', '^v2\\.[0-9]+$', []],
  ])('%s → %s', (before, after, words) => {
    expect(describeStringRuleChange({ pattern: before }, { pattern: after })).toEqual(words);
  });

  it('speaks of any character when a pattern goes away', () => {
    expect(describeStringRuleChange({ pattern: '^[a-z]{3}$' }, {})).toEqual([
      'now also allows any character',
      'length exactly 3 → any',
    ]);
  });
});
