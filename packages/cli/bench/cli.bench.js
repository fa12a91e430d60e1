// npm run bench -w @cookie-catalog/cli
// Legal's loop and the generate step, as a user runs them: the installed binary in a fresh
// process (npx alone adds ~0.5 s before our code runs, so the bench calls node_modules/.bin).
// Targets (issue #19):
//   - `validate` on the real catalog within 4× the wall time of `node -e 0`, measured
//     interleaved in the same run;
//   - `validate` of a synthetic 1,000-entry catalog in under 2 s;
//   - `generate` on the real catalog in under 1 s (written to a scratch copy of the repository);
//   - `import` linear in rows that all name the same cookie (issue #29: 40,000 took 245 s): 40,000
//     rows within 6× the time of 10,000 (quadratic would be 16×).
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = 9;
const BIN = fileURLToPath(new URL('../bin/cookie-catalog.js', import.meta.url));
const REAL = fileURLToPath(new URL('../../../catalog/', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../../catalog/test/fixtures/invoicing/', import.meta.url));

function wall(args, cwd) {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stderr}`);
  return elapsed;
}

const median = (times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

// A 1,000-entry catalog: the fixture's entries plus 1,000 copies of one, each its own cookie,
// with the translations marked reviewed (so it is valid without a warning per entry).
const large = join(await mkdtemp(join(tmpdir(), 'cookie-catalog-bench-')), 'catalog');
await cp(FIXTURE, large, { recursive: true });
const template = await readFile(join(large, 'cookies', 'language.yaml'), 'utf8');
for (let i = 0; i < 1_000; i++) {
  await writeFile(
    join(large, 'cookies', `bench_${i}.yaml`),
    template
      .replace('id: language', `id: bench_${i}`)
      .replace('name: language', `name: bench_${i}`),
  );
}
wall([BIN, 'translations', 'reviewed', '--catalog', large], REAL);

// generate writes into the repository beside the catalog: a scratch copy of the catalog alone
// (generators create their folders).
const scratch = await mkdtemp(join(tmpdir(), 'cookie-catalog-bench-'));
await cp(REAL, join(scratch, 'catalog'), { recursive: true });

const times = { node: [], validate: [], large: [], generate: [] };
for (let run = 0; run < RUNS; run++) {
  times.node.push(wall(['-e', '0']));
  times.validate.push(wall([BIN, 'validate', '--catalog', REAL]));
  times.large.push(wall([BIN, 'validate', '--catalog', large]));
  times.generate.push(wall([BIN, 'generate', '--skip-unknown'], scratch));
}
const ms = (t) => `${Math.round(median(t))} ms`;
const ratio = median(times.validate) / median(times.node);
console.log(`CLI wall time, median of ${RUNS} interleaved runs`);
console.table([
  { task: 'node -e 0', measured: ms(times.node) },
  {
    task: 'validate (the real catalog)',
    measured: `${ms(times.validate)} = ${ratio.toFixed(1)}× node -e 0`,
    target: '≤ 4× node -e 0',
    met: ratio <= 4 ? 'YES' : 'NO',
  },
  {
    task: 'validate (1,000 entries)',
    measured: ms(times.large),
    target: '< 2000 ms',
    met: median(times.large) < 2000 ? 'YES' : 'NO',
  },
  {
    task: 'generate (the real catalog)',
    measured: ms(times.generate),
    target: '< 1000 ms',
    met: median(times.generate) < 1000 ? 'YES' : 'NO',
  },
]);

// import: rows that all name the same cookie, in the Open Cookie Database's columns (our export's
// header), each imported into a new folder.
const header = (
  await readFile(
    (() => {
      const out = join(scratch, 'ocd.csv');
      wall([BIN, 'export', '--format', 'csv/ocd', '--catalog', FIXTURE, '--out', out], scratch);
      return out;
    })(),
    'utf8',
  )
).split('\r\n')[0];
const importTimes = {};
for (const rows of [10_000, 40_000]) {
  const csv = join(scratch, `same-${rows}.csv`);
  let text = `${header}\r\n`;
  for (let i = 0; i < rows; i++)
    text += `r${i},Vendor,Analytics,same,example.com (3rd party),Counts visits,1 year,Vendor Inc,,0\r\n`;
  await writeFile(csv, text);
  importTimes[rows] = [];
  for (let run = 0; run < 3; run++) {
    const out = join(scratch, `drafts-${rows}-${run}`);
    importTimes[rows].push(
      wall([BIN, 'import', '--from', 'ocd-csv', csv, '--catalog', FIXTURE, '--out', out], scratch),
    );
    await rm(out, { recursive: true });
  }
}
const importRatio = median(importTimes[40_000]) / median(importTimes[10_000]);
console.log('import of rows that all name the same cookie, median of 3 runs');
console.table([
  { task: 'import 10,000 equal names', measured: ms(importTimes[10_000]) },
  {
    task: 'import 40,000 equal names',
    measured: `${ms(importTimes[40_000])} = ${importRatio.toFixed(1)}× 10,000`,
    target: '≤ 6× 10,000 (linear)',
    met: importRatio <= 6 ? 'YES' : 'NO',
  },
]);
