import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { editedCatalog } from '../../catalog/test/catalog-copy.js';
import { runCli } from '../../cli/test/run-cli.js';

/*
 * Mistakes in what a large-site run is asked to do: each one line, exit 2, said before a browser
 * starts and before anything is written (no server runs here: a browser that started would fail
 * with exit 3, not 2).
 */

let dir: string;
let work: string;
const START = 'http://127.0.0.1:9/';

beforeAll(async () => {
  dir = await editedCatalog([]);
  work = await mkdtemp(join(tmpdir(), 'shards-arguments-'));
  await writeFile(join(work, 'list.txt'), `${START}a\n\nhttps://evil.example/b\n`);
});

async function refused(args: string[], says: string) {
  const result = await runCli([...args, '--catalog', dir, '--out', 'report.json'], work);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toEqual([says]);
  expect(result.code).toBe(2);
  expect(await readdir(work)).not.toContain('report.json');
}

describe('audit: --shard, --concurrency, --sitemap, --urls, --late-storage-ms', () => {
  it.each([
    ['0/3', 'shard 0 is not one of 1 to 3 (shards are counted from 1)'],
    ['4/3', 'shard 4 is not one of 1 to 3 (shards are counted from 1)'],
    ['x/3', 'is not of the form i/n'],
  ])('--shard %s', async (shard, says) => {
    await refused(
      ['audit', START, '--shard', shard],
      `cookie-catalog: audit: --shard "${shard}"${says.startsWith('is') ? ' ' : ': '}${says}; give it as i/n, the i-th of n shards counted from 1: --shard 1/3, --shard 2/3, --shard 3/3`,
    );
  });

  it.each(['0', '33', '1.5', 'four'])('--concurrency %s', async (n) => {
    await refused(
      ['audit', START, '--concurrency', n],
      `cookie-catalog: audit: --concurrency "${n}" is not a whole number of pages from 1 to 32; give e.g. --concurrency 4`,
    );
  });

  it.each(['1.5', '60001', 'soon'])('--late-storage-ms %s', async (ms) => {
    await refused(
      ['audit', START, `--late-storage-ms=${ms}`],
      `cookie-catalog: audit: --late-storage-ms "${ms}" is not a whole number of milliseconds from 0 to 60000; give e.g. --late-storage-ms 6000`,
    );
  });

  it('--baseline with --shard: drift is judged over the joined shards', async () => {
    await refused(
      ['audit', START, '--shard', '1/2', '--baseline', 'old.json'],
      'cookie-catalog: audit: --baseline compares a whole run, and a shard is part of one; give --baseline to audit merge, which joins the shards',
    );
  });

  it('--sitemap and --urls at once; a list with a page of another site', async () => {
    await refused(
      ['audit', START, '--sitemap', 'sitemap.xml', '--urls', 'list.txt'],
      'cookie-catalog: audit: --sitemap and --urls each give the pages; give one of them',
    );
    await refused(
      ['audit', START, '--urls', 'list.txt'],
      `cookie-catalog: audit: --urls ${join(work, 'list.txt')}:3: https://evil.example/b is not on the audited site (127.0.0.1); list only pages of the site the audit starts on`,
    );
  });
});

describe('audit merge', () => {
  it('an option it does not read, no files, a format it does not write', async () => {
    await refused(
      ['audit', 'merge', 'a.json', '--pages', '3'],
      "cookie-catalog: audit merge: takes --catalog, --format, --out, --baseline and --fail-on, not --pages (give it to each shard's audit)",
    );
    await refused(
      ['audit', 'merge'],
      'cookie-catalog: audit merge: give the JSON reports of the shards to join: audit merge shard-1.json shard-2.json shard-3.json',
    );
    await refused(
      ['audit', 'merge', 'a.json', '--fail-on', 'drift'],
      'cookie-catalog: audit merge: --fail-on drift needs --baseline, the JSON of an earlier run to compare with',
    );
    await refused(
      ['audit', 'merge', 'a.json', '--format', 'sarif'],
      'cookie-catalog: audit merge: --format must be text, json or markdown, not "sarif"',
    );
  });
});
