// The release loop (issue 27): how long each part takes, from publishing the toolchain to a
// product app's `npm update`. Part of `npm run bench` (after `npm run build`, as test:e2e).
//
// The loop is the end-to-end test packages/cli/test/release-loop.e2e.ts, one step per test: it
// runs once here, and vitest's JSON report gives each step's duration. The test asserts what
// each step does and nothing about time; the times are reported here only.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const folder = await mkdtemp(join(tmpdir(), 'cookie-catalog-release-loop-bench-'));
const report = join(folder, 'vitest.json');

/** The parts of the loop, by the step (test) that does each. */
const PARTS = [
  [/^publishes the toolchain/, 'publish the toolchain (npm publish, 7 packages)'],
  [/^creates a new organisation/, 'init (npx @cookie-catalog/cli init), git init'],
  [/^installs with plain npm install/, 'install (npm install, through the registry)'],
  [/^validates .* builds/, 'validate, build (npm run build)'],
  [/^passes its own tests/, 'test (npm test)'],
  [/^publishes every generated package at 1\.0\.0/, 'release 1.0.0 (commit, changeset publish)'],
  [/^a product app installs/, 'app: npm install ^1.0.0, tsc, run'],
  [/^a new cookie is a minor/, 'new cookie: changeset, version, install, build, publish 1.1.0'],
  [/^the app's npm update takes 1\.1\.0/, 'app: npm update to 1.1.0, tsc, run'],
  [/^a new lifetime is a patch/, 'new lifetime: changeset, version, install, build, publish 1.1.1'],
  [/^after the app's npm update/, 'app: npm update to 1.1.1, tsc, run'],
];

const started = performance.now();
const code = await new Promise((resolve, reject) => {
  const child = spawn(
    join(root, 'node_modules', '.bin', 'vitest'),
    ['run', '--config', 'vitest.e2e.config.mts', 'packages/cli/test/release-loop.e2e.ts'],
    {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, VITEST_JSON_REPORT: report, FORCE_COLOR: '0' },
    },
  );
  child.on('error', reject);
  child.on('exit', resolve);
});
const total = (performance.now() - started) / 1000;

const results = JSON.parse(await readFile(report, 'utf8')).testResults.flatMap(
  (file) => file.assertionResults,
);
await rm(folder, { recursive: true, force: true });
const ran = results.filter((result) => result.status !== 'todo');
const failed = ran.filter((result) => result.status !== 'passed');
if (code !== 0 || failed.length > 0) {
  console.error(
    `The release loop failed (npm run test:e2e shows why): ${failed.map((r) => r.title).join('; ')}`,
  );
  process.exit(1);
}

const rows = ran.map((result) => ({
  part: PARTS.find(([title]) => title.test(result.title))?.[1] ?? result.title,
  seconds: (result.duration / 1000).toFixed(1),
}));
const steps = ran.reduce((sum, result) => sum + result.duration / 1000, 0);
rows.push(
  {
    part: 'vitest; Verdaccio started, stopped; the run folder removed',
    seconds: (total - steps).toFixed(1),
  },
  { part: 'the whole loop', seconds: total.toFixed(1) },
);
console.log('The release loop, through a registry (Verdaccio on 127.0.0.1)');
console.table(rows);
