import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { postgresReachableFolder } from '../../test-support/src/postgres-server.js';
import { openConsentStore } from '../src/consent-records/index.js';
import { skipPostgres, tempFolder } from './consent-records-support.js';

/*
 * The records bench's --data-dir (issue 30 item 8): a store of 10 million records takes most of
 * an hour to generate, so it is kept and measured again. Here with a few hundred records: the
 * first run generates, the second reuses what the first kept (and leaves it whole: pruning
 * prunes a copy), another --records is refused with the fix. Runs the built package.
 */
const BENCH = fileURLToPath(new URL('../bench/consent-records.bench.mjs', import.meta.url));
const RECORDS = 400;
const run = promisify(execFile);

async function bench(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BENCH, '--answers', '0', ...args], {
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** The number of records a line of the bench's output says it had, and how it got them. */
function reported(stdout: string, store: string): { records: number; how: string; pruned: number } {
  const line = stdout.split('\n').find((l) => l.startsWith(`${store}: `)) ?? '';
  const match =
    /: ([\d,]+) records (generated|kept)\b.*lookup by id .*; verify ok .*prune of ([\d,]+) in/.exec(
      line,
    );
  if (!match) throw new Error(`no ${store} line in: ${stdout}`);
  const number = (text: string | undefined) => Number(text?.replaceAll(',', ''));
  return { records: number(match[1]), how: match[2] ?? '', pruned: number(match[3]) };
}

/** Generates into an empty folder, then reuses it whole; another size is refused. */
async function generatesThenReuses(store: 'embedded' | 'postgres', name: string): Promise<void> {
  // As root, PostgreSQL runs as the postgres user, who must reach the kept folder (a CI run's
  // temporary folder lets nobody else through).
  const data = await postgresReachableFolder('records-bench-data-');
  try {
    await generatesThenReusesIn(data, store, name);
  } finally {
    // A kept PostgreSQL folder is tens of megabytes.
    await rm(data, { recursive: true, force: true });
  }
}

async function generatesThenReusesIn(
  data: string,
  store: 'embedded' | 'postgres',
  name: string,
): Promise<void> {
  const args = ['--records', String(RECORDS), '--stores', store, '--data-dir', data];
  const first = await bench(...args);
  expect(first.stderr).toBe('');
  expect(reported(first.stdout, name)).toEqual({
    records: RECORDS,
    how: 'generated',
    pruned: RECORDS / 2,
  });
  const kept = JSON.parse(await readFile(join(data, `${store}.json`), 'utf8'));
  expect(kept).toMatchObject({ records: RECORDS });
  const second = await bench(...args);
  expect(second.stderr).toBe('');
  // Pruned again by half: the first run's prune did not touch the kept store.
  expect(reported(second.stdout, name)).toEqual({
    records: RECORDS,
    how: 'kept',
    pruned: RECORDS / 2,
  });
  if (store === 'embedded') {
    const opened = await openConsentStore(join(data, 'embedded'));
    try {
      expect(await opened.verify()).toMatchObject({ ok: true, records: RECORDS });
    } finally {
      await opened.close();
    }
  }
  const other = await bench(
    '--records',
    String(RECORDS * 2),
    '--stores',
    store,
    '--data-dir',
    data,
  );
  expect(other.code).toBe(1);
  expect(other.stderr.trim()).toBe(
    `consent-records bench: ${data} holds ${store === 'embedded' ? 'an embedded' : 'a PostgreSQL'} store of ${RECORDS} records, not ${(RECORDS * 2).toLocaleString('en')}: give --records ${RECORDS}, or another --data-dir`,
  );
}

// Three bench processes, each starting PGlite (WebAssembly) several times: 10 s alone, over a
// minute beside a full CI run on two cores. The bound is for a hang.
const BENCH_RUNS_TIMEOUT = 300_000;

describe('the records bench with --data-dir', () => {
  it(
    'embedded: generates into an empty folder, then reuses it whole',
    () => generatesThenReuses('embedded', 'embedded'),
    BENCH_RUNS_TIMEOUT,
  );

  it.skipIf(skipPostgres)(
    'postgres: generates into an empty folder, then reuses it whole',
    () => generatesThenReuses('postgres', 'PostgreSQL'),
    BENCH_RUNS_TIMEOUT,
  );

  it('a folder left by a generation that did not finish is named, not overwritten', async () => {
    const data = await tempFolder('bench-data');
    await mkdir(join(data, 'embedded'));
    await writeFile(join(data, 'embedded', 'half-done'), '');
    const result = await bench('--records', '10', '--stores', 'embedded', '--data-dir', data);
    await rm(data, { recursive: true, force: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${join(data, 'embedded')} holds a store whose generation did not finish (there is no ${join(data, 'embedded.json')}): remove it`,
    );
  });
});
