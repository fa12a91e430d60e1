// The team's loop (issue #19): `npm test` under 2 minutes and a cold `npm run typecheck` under
// 45 s, on this machine. Part of `npm run bench`; TEAM_LOOP_SKIP_TEST=1 leaves out the test run.
//
// Cold typecheck: a turbo cache of its own, empty; the build goes into it first (what
// `npm run build` leaves on a fresh clone), then `turbo run typecheck` is timed. Beside it, the
// same packages checked by TypeScript 6's tsc and by TypeScript 7's (what typecheck runs), two at a
// time, as the ratio between the two compilers.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', FORCE_COLOR: '0' };

function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: root, env, stdio: 'ignore', ...options });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve((performance.now() - started) / 1000)
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** Runs every package's tsconfig through `tsc`, as many at a time as there are cores. */
async function checkAll(tsc, projects) {
  const started = performance.now();
  const queue = [...projects];
  const worker = async () => {
    for (let project = queue.shift(); project; project = queue.shift())
      await run(process.execPath, [tsc, '-p', project, '--noEmit']);
  };
  await Promise.all(Array.from({ length: cpus().length }, worker));
  return (performance.now() - started) / 1000;
}

const projects = [];
for (const folder of ['packages', 'apps'])
  for (const name of await readdir(join(root, folder))) {
    const manifest = await readFile(join(root, folder, name, 'package.json'), 'utf8').catch(
      () => undefined,
    );
    if (manifest && JSON.parse(manifest).scripts?.typecheck)
      projects.push(join(root, folder, name, 'tsconfig.json'));
  }

const cache = await mkdtemp(join(tmpdir(), 'cookie-catalog-turbo-cold-'));
const turbo = join(root, 'node_modules', '.bin', 'turbo');
await run(turbo, ['run', 'build', '--cache-dir', cache]);
const typecheck = await run(turbo, ['run', 'typecheck', '--cache-dir', cache]);
await rm(cache, { recursive: true, force: true });
const tsc6 = await checkAll(join(root, 'node_modules', 'typescript', 'bin', 'tsc'), projects);
const tsc7 = await checkAll(
  join(root, 'packages', 'typescript-native', 'bin', 'tsc-native.js'),
  projects,
);

const rows = [
  {
    measure: 'npm run typecheck, cold (build cached)',
    seconds: typecheck.toFixed(1),
    target: '< 45 s',
    met: typecheck < 45 ? 'YES' : 'NO',
  },
  {
    measure: `${projects.length} packages with tsc 6.0.3`,
    seconds: tsc6.toFixed(1),
  },
  {
    measure: `${projects.length} packages with tsc 7 (tsc-native)`,
    seconds: tsc7.toFixed(1),
    target: `${(tsc6 / tsc7).toFixed(1)}× faster than tsc 6`,
  },
];
// biome-ignore lint/suspicious/noUndeclaredEnvVars: a root script run by node, not a turbo task
if (!process.env.TEAM_LOOP_SKIP_TEST) {
  const report = join(await mkdtemp(join(tmpdir(), 'cookie-catalog-bench-')), 'vitest.json');
  const test = await run(join(root, 'node_modules', '.bin', 'vitest'), ['run'], {
    env: { ...env, VITEST_JSON_REPORT: report },
  });
  rows.unshift({
    measure: 'npm test (the main suite)',
    seconds: test.toFixed(1),
    target: '< 120 s',
    met: test < 120 ? 'YES' : 'NO',
  });
}
console.log("The team's loop");
console.table(rows);
