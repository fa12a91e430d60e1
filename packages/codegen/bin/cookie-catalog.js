#!/usr/bin/env node
// The committed entry point: npm links it on install, before anything is built.
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: process.stdout.isTTY === true && !('NO_COLOR' in process.env),
});
