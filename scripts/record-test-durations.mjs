// Writes scripts/test-durations.json from the durations vitest remembered of the last `npm test`
// (in .cache/vite): the order the longest-first sequencer uses on a fresh clone, CI's case, where
// vitest remembers nothing yet. Run it after an `npm test` when test files were added or became
// much slower or faster; a stale entry only makes one run's order a little worse.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const cacheDir = join(root, '.cache', 'vite', 'vitest');
const durations = {};
for (const hash of readdirSync(cacheDir)) {
  const { results } = JSON.parse(readFileSync(join(cacheDir, hash, 'results.json'), 'utf8'));
  for (const [file, { duration }] of results) durations[file] = Math.round(duration);
}
const sorted = Object.fromEntries(Object.entries(durations).sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync(join(root, 'scripts', 'test-durations.json'), `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`${Object.keys(sorted).length} test files recorded in scripts/test-durations.json`);
