// Vitest global setup for `npm test`: the run gets a temporary folder of its own, and every
// temporary file a test, npm, git or Chromium makes goes in it (TMPDIR is set before the test
// workers start, and they pass it on). It is removed when the run ends, so repeated runs do not
// fill the disk: the install tests alone leave hundreds of megabytes each.
// KEEP_TEST_TMP=1 keeps it (its path is printed) for looking at what a test wrote.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'cookie-catalog-test-run-'));
  process.env.TMPDIR = dir;
  // Named too, for what tests share within one run (the packed toolchain).
  process.env.COOKIE_CATALOG_TEST_TMP = dir;
  return () => {
    if (process.env.KEEP_TEST_TMP) console.log(`temporary files kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
}
