import { describe, expect, it } from 'vitest';
import { seededRandom as random } from '../../catalog/test/seeded-random.js';
import { loadFixtureCatalog } from './fixture-catalog.js';
import * as client from './golden/basic/client/cookies.js';
import * as server from './golden/basic/server/cookies.js';

/*
 * Fuzzing the generated readers: random Cookie headers built from the pieces that break parsers
 * (separators, blanks that are not SP/HTAB, broken escapes, quotes, prototype names, long runs),
 * around the fixture's own cookie names and example values. A reader never throws, and the
 * browser reader and the server reader give the same answer for the same string. FUZZ_RUNS raises
 * the count (`npm run fuzz`); FUZZ_SEED replays a failure.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 100_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);

const catalog = await loadFixtureCatalog('basic');
const NAMES = [
  ...catalog.entries.map((e) => e.name.pattern.replace(/\{\w+\}/g, 'x')),
  'shard-se-7',
  '__proto__',
  'constructor',
  '',
];
const PIECES = [
  '=',
  ';',
  '; ',
  ' ',
  '\t',
  '\u00a0',
  '\ufeff',
  '\u3000',
  '"',
  ',',
  '%',
  '%E0%A4%A',
  '%7B',
  '%22',
  'true',
  'false',
  '0',
  '-0',
  '01',
  '1e3',
  '1000',
  '1001',
  'light',
  'dark',
  'abc123',
  'eyJmb250U2l6ZSI6MTR9',
  '{"fontSize":1}',
  '\\',
  '\u0000',
  '😀',
  '\ud800',
  'x'.repeat(5000),
];

function header(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const parts: string[] = [];
  const count = 1 + Math.floor(next() * 6);
  for (let i = 0; i < count; i++) {
    const roll = next();
    if (roll < 0.6) parts.push(`${pick(NAMES)}=${pick(PIECES)}${next() < 0.3 ? pick(PIECES) : ''}`);
    else if (roll < 0.8) parts.push(`${pick(PIECES)}${pick(NAMES)}${pick(PIECES)}`);
    else parts.push(pick(PIECES));
  }
  return parts.join(next() < 0.8 ? '; ' : pick([';', ' ; ', '\t;']));
}

/** Each server reader with the matching browser reader, where script may read the cookie. */
const pairs: [string, (h: string) => unknown, ((h: string) => unknown) | undefined][] =
  Object.entries(server)
    .filter(([name, fn]) => name.startsWith('read') && typeof fn === 'function')
    .map(([name, fn]) => {
      const from = (client as Record<string, unknown>)[`${name}From`];
      const params = name === 'readShard' ? [{ region: 'se', n: 7 }] : [];
      return [
        name,
        (h: string) => (fn as (...args: unknown[]) => unknown)(h, ...params),
        typeof from === 'function'
          ? (h: string) => (from as (...args: unknown[]) => unknown)(h, ...params)
          : undefined,
      ];
    });

describe('generated readers on random Cookie headers', () => {
  it(`never throw and agree between browser and server over ${RUNS.toLocaleString('en')} headers`, () => {
    // A reader for every cookie of ours but the retired ones, which keep only their deleter.
    expect(pairs.length).toBeGreaterThanOrEqual(
      catalog.entries.filter((e) => e.attributes && e.retired === undefined).length,
    );
    const next = random(SEED);
    let found = 0;
    for (let run = 0; run < RUNS; run++) {
      const cookies = header(next);
      for (const [name, read, readInBrowser] of pairs) {
        let answer: unknown;
        let browserAnswer: unknown;
        try {
          answer = read(cookies);
          browserAnswer = readInBrowser?.(cookies);
        } catch (error) {
          throw new Error(
            `${name} threw on ${JSON.stringify(cookies)} (FUZZ_SEED=${SEED}): ${error}`,
          );
        }
        if (answer !== undefined) found++;
        if (readInBrowser && JSON.stringify(answer) !== JSON.stringify(browserAnswer)) {
          throw new Error(
            `${name}: server ${JSON.stringify(answer)}, browser ${JSON.stringify(browserAnswer)} for ${JSON.stringify(cookies)}`,
          );
        }
      }
    }
    // The headers are close enough to real ones that readers do find values.
    expect(found).toBeGreaterThan(RUNS / 20);
  }, 60_000);
});
