#!/usr/bin/env node
// `tsc-native -p tsconfig.json --noEmit`: TypeScript 7's tsc, the Go port of the checker
// TypeScript 6 has, with the arguments given. `npm run typecheck` uses it: it checks every
// package in about a sixth of the CPU time. Builds (`tsc -p tsconfig.build.json`), ts-morph and
// the tests that compile generated code keep TypeScript 6.0.3: TypeScript 7 has no JavaScript
// API yet. This package's own node_modules holds TypeScript 7; the root's `tsc` stays 6.0.3.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
const { status, error } = spawnSync(process.execPath, [tsc, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
if (error) {
  console.error(`tsc-native: could not run ${tsc}: ${error.message}`);
  process.exit(2);
}
process.exit(status ?? 1);
