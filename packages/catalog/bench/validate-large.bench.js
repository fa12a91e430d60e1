// npm run bench -w @cookie-catalog/catalog
// Validating catalogs far larger than any organisation has, to show that every check is linear:
// one entry whose purpose has 40,000 keys (each an unknown-locale error, each located), and a
// catalog of 1,000 entries. Target (issue #13): 40,000 keys in under 2 s.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../dist/index.js';

const FIXTURE = fileURLToPath(new URL('../test/fixtures/invoicing/', import.meta.url));

async function copy() {
  const dir = join(await mkdtemp(join(tmpdir(), 'cookie-catalog-bench-')), 'catalog');
  await cp(FIXTURE, dir, { recursive: true });
  return dir;
}

async function timed(label, dir, target) {
  const runs = [];
  let result;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    result = await loadCatalog(dir);
    runs.push(performance.now() - start);
  }
  const best = Math.min(...runs);
  const verdict = target === undefined ? '' : best < target ? '  YES' : '  NO';
  console.log(
    `${label.padEnd(52)} ${(best / 1000).toFixed(2)} s (best of 3; ${result.problems.length.toLocaleString('en')} problems)${target === undefined ? '' : ` target < ${target / 1000} s${verdict}`}`,
  );
}

const keys = await copy();
const language = join(keys, 'cookies', 'language.yaml');
const lines = Array.from({ length: 40_000 }, (_, i) => `  k${i}: text\n`).join('');
await writeFile(
  language,
  (await readFile(language, 'utf8')).replace('purpose:\n', `purpose:\n${lines}`),
);
await timed('40,000 keys in one purpose', keys, 2_000);

const many = await copy();
const template = await readFile(join(many, 'cookies', 'language.yaml'), 'utf8');
for (let i = 0; i < 1_000; i++) {
  await writeFile(
    join(many, 'cookies', `bench_${i}.yaml`),
    template
      .replace('id: language', `id: bench_${i}`)
      .replace('name: language', `name: bench_${i}`),
  );
}
await timed('1,000 more entries', many, undefined);
