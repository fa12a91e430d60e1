import { describe, expect, it } from 'vitest';
import { parseDuration, parseStatedDuration } from './lifetime.js';

describe('parseDuration', () => {
  it.each([
    ['1 year', 31_536_000],
    ['30 days', 2_592_000],
    ['1 hour', 3_600],
    ['5 minutes', 300],
    ['2 weeks', 1_209_600],
    ['400 days', 34_560_000],
    ['1 month', 2_592_000],
    ['45 seconds', 45],
  ])('%s is %i seconds', (given, want) => {
    expect(parseDuration(given)).toEqual({
      ok: true,
      duration: expect.objectContaining({ seconds: want }),
    });
  });

  it.each([
    ['-1 days', /negative/],
    ['1.5 days', /whole number/],
    ['NaN days', /not a number/],
    ['Infinity days', /not a number/],
    ['0x10 days', /not a number/],
    ['3 fortnights', /not a unit/],
    ['0 days', /zero/],
    ['forever', /not a lifetime/],
    ['', /not a lifetime/],
    ['99999999999999999999 years', /far too long/],
  ])('%s is refused', (given, reason) => {
    const parsed = parseDuration(given);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it('suggests a smaller unit for fractions', () => {
    expect(parseDuration('1.5 days')).toMatchObject({ ok: false, fix: 'write "36 hours"' });
  });
});

describe('lifetimes as cookie pages write them', () => {
  const loose = (locales: string[]) => ({ locales, exact: false });

  it.each([
    ['30 dagar', ['sv', 'en'], 30 * 86_400],
    ['1 dygn', ['sv'], 86_400],
    ['13 kuukautta', ['fi', 'sv', 'en'], 13 * 2_592_000],
    ['2 døgn', ['nb', 'en'], 2 * 86_400],
    ['1 Jahr', ['de'], 31_536_000],
    ['2 jours', ['fr'], 2 * 86_400],
    ['3 maanden', ['nl'], 3 * 2_592_000],
    ['1 año', ['es'], 31_536_000],
    ['6 mnd', ['nb'], 6 * 2_592_000],
    ['30d', [], 30 * 86_400],
    ['1 YEAR', [], 31_536_000],
  ])('%s in a catalog in %j is %i seconds, exactly', (text, locales, seconds) => {
    expect(parseDuration(text, { locales })).toMatchObject({ ok: true, duration: { seconds } });
  });

  it('reads unit words only of the catalog’s own languages, and says which it reads', () => {
    const parsed = parseDuration('30 dagar', { locales: ['en', 'fi'] });
    expect(parsed).toMatchObject({
      ok: false,
      reason: '"dagar" is not a unit of time the catalog knows',
    });
    if (!parsed.ok) expect(parsed.fix).toMatch(/or the same in fi$/);
  });

  it('refuses an abbreviation two of the catalog’s languages read differently, naming both', () => {
    const parsed = parseDuration('2 v', { locales: ['sv', 'fi'] });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toBe(
        '"v" means week in Swedish ("vecka") and year in Finnish ("vuosi")',
      );
      expect(parsed.fix).toMatch(/write the unit in full/);
    }
    // In one of them alone, it is that language's unit.
    expect(parseDuration('2 v', { locales: ['sv'] })).toMatchObject({
      ok: true,
      duration: { unit: 'week' },
    });
  });

  it('a decimal comma or point, below a second too, where no code depends on it; whole seconds for exports', () => {
    expect(parseDuration('2,7 years', loose([]))).toMatchObject({
      ok: true,
      duration: { amount: 2.7, unit: 'year', seconds: 85_147_200 },
    });
    expect(parseDuration('0,1 sekund', loose(['nb']))).toMatchObject({
      ok: true,
      duration: { amount: 0.1, unit: 'second', seconds: 1 },
    });
  });

  it('for a cookie our code sets: whole amounts only, and a fix that exists', () => {
    const tenth = parseDuration('0.1 seconds');
    expect(tenth).toMatchObject({ ok: false });
    if (!tenth.ok)
      expect(tenth.fix).toBe(
        'write a whole number of seconds, at least 1: Max-Age has no smaller unit',
      );
    expect(parseDuration('about 2 years')).toMatchObject({ ok: false, reason: /not exact/ });
  });

  it.each([
    ['about 2 years', [], { kind: 'duration', amount: 2, approximate: true }],
    ['Approx. 2,7 years', [], { kind: 'duration', amount: 2.7, approximate: true }],
    ['noin 2 vuotta', ['fi'], { kind: 'duration', unit: 'year', approximate: true }],
    ['1–4 weeks', [], { kind: 'range', from: { amount: 1, unit: 'week' }, to: { amount: 4 } }],
    [
      'usually 1-4 weeks',
      [],
      { kind: 'range', from: { approximate: true }, to: { approximate: true } },
    ],
    ['1 day – 2 years', [], { kind: 'range', from: { unit: 'day' }, to: { unit: 'year' } }],
    ['1 till 4 veckor', ['sv'], { kind: 'range', to: { amount: 4, unit: 'week' } }],
  ])('states %s (locales %j)', (text, locales, expected) => {
    expect(parseStatedDuration(text, { locales })).toMatchObject({ ok: true, value: expected });
  });

  it('refuses a range that ends before it starts', () => {
    expect(parseStatedDuration('4–1 weeks')).toMatchObject({
      ok: false,
      reason: /starts after it ends/,
    });
  });
});

describe('Nynorsk, which has no built-in labels, has its unit words', () => {
  it.each([
    ['30 dagar', 30 * 86_400],
    ['2 timar', 2 * 3_600],
    ['6 månader', 6 * 2_592_000],
    ['2 veker', 2 * 604_800],
    ['1 år', 31_536_000],
    ['30 dager', 30 * 86_400], // Bokmål's form, which Nynorsk pages also write
  ])('%s', (text, seconds) => {
    expect(parseDuration(text, { locales: ['nn'] })).toMatchObject({
      ok: true,
      duration: { seconds },
    });
  });

  it('and its words for "about"', () => {
    expect(parseStatedDuration('om lag 2 år', { locales: ['nn'] })).toMatchObject({
      ok: true,
      value: { kind: 'duration', amount: 2, approximate: true },
    });
  });
});
