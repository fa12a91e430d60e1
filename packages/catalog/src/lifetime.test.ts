import { describe, expect, it } from 'vitest';
import { parseDuration } from './lifetime.js';

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
