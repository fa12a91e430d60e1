import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editedCatalog } from '../../catalog/test/catalog-copy.js';
import { runCli } from '../../cli/test/run-cli.js';

/*
 * A large site split across runners, for real: a 60-page site on 127.0.0.1 (pages linking to each
 * other, some setting cookies from the server or a script, local and session storage, an optional
 * cookie only after consent) with a third party on another site (localhost, another port: a
 * tracking pixel and a frame that stores a key). Three shards joined by `audit merge` are the
 * single run, and --concurrency 2 is --concurrency 1, apart from what may differ: which page saw
 * a thing first, who set it, and times.
 */

const PAGES = 60;
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const servers: Server[] = [];

async function serve(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Page n links to the next page and to two further ones, so every page is reachable from 0. */
const linksOf = (n: number) => [(n + 1) % PAGES, (n * 7 + 3) % PAGES, (n * 13 + 5) % PAGES];

let dir: string;
let work: string;
let start: string;

beforeAll(async () => {
  dir = await editedCatalog([]);
  work = await mkdtemp(join(tmpdir(), 'shards-test-'));
  const third = await serve((request, response) => {
    if (request.url?.startsWith('/pixel.gif')) {
      response.setHeader('Content-Type', 'image/gif');
      response.end(GIF);
      return;
    }
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(
      "<!doctype html><title>widget</title><script>localStorage.setItem('widget_seen', '1')</script>",
    );
  });
  let port = 0;
  port = await serve((request, response) => {
    if (request.url === '/sitemap.xml') {
      // Every page, the last first: --pages N takes the first N the sitemap lists.
      const locs = Array.from(
        { length: PAGES },
        (_, i) => `<url><loc>/page/${PAGES - 1 - i}</loc></url>`,
      );
      response.setHeader('Content-Type', 'application/xml');
      response.end(
        `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.join('').replaceAll('<loc>/', `<loc>http://127.0.0.1:${port}/`)}</urlset>`,
      );
      return;
    }
    const n = Number(/^\/page\/(\d+)$/.exec(request.url ?? '')?.[1] ?? Number.NaN);
    if (!Number.isInteger(n) || n >= PAGES) {
      response.statusCode = 404;
      response.end('not found');
      return;
    }
    if (n % 5 === 0) response.setHeader('Set-Cookie', `srv_${n}=1; Max-Age=3600; Path=/`);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    const scripts = [
      n % 7 === 0 && `document.cookie = 'js_${n}=1; path=/; max-age=600';`,
      n % 6 === 0 && `localStorage.setItem('ls_${n}', '1');`,
      n % 9 === 0 && `sessionStorage.setItem('ss_${n}', '1');`,
      // Optional, and only after the visitor accepted (the catalog's consent cookie).
      n % 10 === 0 &&
        `if (document.cookie.includes('billogramGDPR=')) document.cookie = 'optional_${n}=1; path=/; max-age=600';`,
    ].filter(Boolean);
    response.end(
      [
        `<!doctype html><html lang="en"><title>Page ${n}</title><h1>Page ${n}</h1>`,
        ...linksOf(n).map((m) => `<a href="/page/${m}">page ${m}</a>`),
        n % 4 === 0 &&
          `<img src="http://localhost:${third}/pixel.gif?p=${n}" width="1" height="1" alt="">`,
        n % 15 === 0 && `<iframe src="http://localhost:${third}/widget" title="widget"></iframe>`,
        scripts.length > 0 && `<script>${scripts.join(' ')}</script>`,
      ]
        .filter(Boolean)
        .join('\n'),
    );
  });
  start = `http://127.0.0.1:${port}/page/0`;
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A run of the CLI whose JSON report is written to `name` in the work folder. */
async function audit(name: string, ...args: string[]): Promise<Report> {
  const out = join(work, name);
  const result = await runCli(
    [
      'audit',
      start,
      '--catalog',
      dir,
      '--format',
      'json',
      '--out',
      out,
      '--pages',
      String(PAGES),
      '--late-storage-ms',
      '0',
      ...args,
    ],
    work,
  );
  // Exit 1: the site's cookies are not in the catalog (findings, as intended).
  expect(result.stderr).not.toMatch(/internal error|^\s+at /m);
  expect(result.code).toBe(1);
  return JSON.parse(await readFile(out, 'utf8')) as Report;
}

interface Report {
  url: string;
  run: Record<string, unknown> & { urlSet?: { pages: number; sha256: string; source: string } };
  passes: {
    name: string;
    pages: string[];
    cookies: Record<string, unknown>[];
    storage: Record<string, unknown>[];
    requests: Record<string, unknown>[];
    popups: number;
    notes: { page: string; message: string }[];
  }[];
  problems: { rule: string; severity: string; message: string; page: string; fix: string }[];
  warnings: unknown[];
  errors: number;
  notes: number;
}

/**
 * The report without what may differ between equal runs: the page that saw a thing first, who
 * set a cookie (its evidence in a message too), when the jar was read and so the expiry, the
 * split (the URL set a shard run records; a single run follows links), and the run's provenance
 * and first-page screenshots.
 */
function comparable(report: Report & { provenance?: unknown }) {
  const { shard: _shard, urlSet: _urlSet, ...run } = report.run;
  // When and with which browser a run was made, and the screenshot of its first page: an audit's
  // own record, which shards joined do not have (the evidence is in each shard's report).
  const { provenance: _provenance, ...rest } = report;
  return {
    ...rest,
    run,
    passes: report.passes.map(
      ({
        firstView: _view,
        ...pass
      }: { firstView?: unknown } & (typeof report.passes)[number]) => ({
        ...pass,
        cookies: pass.cookies.map(({ page: _p, setBy: _s, seenAt: _t, expires, ...cookie }) => ({
          ...cookie,
          session: expires === -1,
        })),
        storage: pass.storage.map(({ page: _p, ...item }) => item),
      }),
    ),
    problems: report.problems.map(({ page: _p, ...problem }) => ({
      ...problem,
      message: problem.message
        .replace(/, set by .*?(?=, but the catalog does not declare it$)/, '')
        .replace(/ \(found in the cookie jar; who set it was not seen\)(?=, but)/, '')
        .replace(/kept \d+ s/, 'kept … s'),
    })),
  };
}

describe('a 60-page site', () => {
  let single: Report;

  it('a single run (4 pages at a time) sees every page, and what the site stores', async () => {
    single = await audit('single.json');
    const [before, after] = single.passes;
    expect(single.passes.map((p) => p.name)).toEqual(['before consent', 'after consent']);
    const every = Array.from({ length: PAGES }, (_, n) => new URL(`/page/${n}`, start).href);
    for (const pass of single.passes) expect(pass.pages).toEqual([...every].sort());
    const names = (pass: Report['passes'][number] | undefined) =>
      new Set(pass?.cookies.map((c) => c.name));
    for (let n = 0; n < PAGES; n++) {
      if (n % 5 === 0) expect(names(before)).toContain(`srv_${n}`);
      if (n % 7 === 0) expect(names(before)).toContain(`js_${n}`);
      if (n % 10 === 0) {
        expect(names(before)).not.toContain(`optional_${n}`);
        expect(names(after)).toContain(`optional_${n}`);
      }
      if (n % 6 === 0)
        expect(before?.storage).toContainEqual(expect.objectContaining({ key: `ls_${n}` }));
      if (n % 4 === 0)
        expect(before?.requests).toContainEqual(
          expect.objectContaining({
            url: expect.stringContaining(`pixel.gif?p=${n}`),
            invisible: true,
          }),
        );
    }
    expect(before?.storage).toContainEqual(
      expect.objectContaining({ kind: 'localStorage', key: 'widget_seen' }),
    );
  });

  it('three shards joined by audit merge are the single run', { timeout: 240_000 }, async () => {
    const files = ['1/3', '2/3', '3/3'].map((shard, i) => ({ shard, file: `shard-${i + 1}.json` }));
    // At once, as a CI matrix runs them (each repeats the discovery pass).
    const shards = await Promise.all(
      files.map(({ shard, file }) => audit(file, '--concurrency', '2', '--shard', shard)),
    );
    // Each shard audited a share: together every page once, none twice.
    const shares = shards.map((s) => s.passes[0]?.pages ?? []);
    for (const share of shares) {
      expect(share.length).toBeGreaterThan(0);
      expect(share.length).toBeLessThan(PAGES);
    }
    expect(shares.flat().sort()).toEqual(single.passes[0]?.pages);
    // Every shard discovered the same set, the pages the single run visited.
    const set = single.passes[0]?.pages.join('\n') ?? '';
    for (const s of shards)
      expect(s.run.urlSet).toEqual({
        source: 'discovery',
        pages: PAGES,
        sha256: createHash('sha256').update(set).digest('hex'),
      });

    const merged = await runCli(
      ['audit', 'merge', ...files.map((f) => f.file), '--catalog', dir, '--format', 'json'],
      work,
    );
    expect(merged.stderr).not.toMatch(/internal error|^\s+at /m);
    expect(merged.code).toBe(1);
    const joined = JSON.parse(merged.stdout) as Report;
    expect(joined.run.shard).toBeUndefined();
    expect(comparable(joined)).toEqual(comparable(single));
  });

  it('--concurrency 1 and 2 visit the same pages and see the same, also when the page limit cuts the crawl', async () => {
    const args = ['--consent', 'none', '--pages', '25'];
    const one = await audit('one.json', '--concurrency', '1', ...args);
    const two = await audit('two.json', '--concurrency', '2', ...args);
    expect(one.passes[0]?.pages).toHaveLength(25);
    expect(comparable(two)).toEqual(comparable(one));
  });
});

describe('a sitemap', () => {
  it('--pages takes the first pages it lists; two shards of it joined are the single run', async () => {
    const sitemap = new URL('/sitemap.xml', start).href;
    const args = ['--sitemap', sitemap, '--pages', '20', '--consent', 'none'];
    const single = await audit('sitemap.json', ...args);
    const listed = Array.from(
      { length: 19 },
      (_, i) => new URL(`/page/${PAGES - 1 - i}`, start).href,
    );
    expect(single.passes[0]?.pages).toEqual([start, ...listed].sort());
    expect(single.run.urlSet).toMatchObject({ source: `sitemap ${sitemap}`, pages: 20 });
    const shards = await Promise.all(
      ['1/2', '2/2'].map((shard, i) => audit(`sitemap-${i + 1}.json`, ...args, '--shard', shard)),
    );
    for (const shard of shards) expect(shard.passes[0]?.pages.length).toBeLessThan(20);
    const merged = await runCli(
      ['audit', 'merge', 'sitemap-1.json', 'sitemap-2.json', '--catalog', dir, '--format', 'json'],
      work,
    );
    expect(merged.code).toBe(1);
    const joined = JSON.parse(merged.stdout) as Report;
    // Here the run facts are the same too: the single run split nothing, but read the same set.
    expect(joined.run).toEqual(single.run);
    expect(comparable(joined)).toEqual(comparable(single));
  });
});

describe('audit merge refuses what is not every shard of one run', () => {
  /** Shard reports edited as another run's would differ. */
  async function edited(name: string, edit: (report: Report) => void): Promise<string> {
    const report = JSON.parse(await readFile(join(work, 'shard-3.json'), 'utf8')) as Report;
    edit(report);
    await writeFile(join(work, name), JSON.stringify(report));
    return name;
  }
  const merge = (...files: string[]) =>
    runCli(['audit', 'merge', ...files, '--catalog', dir, '--format', 'json'], work);

  /** One line, naming the files, and nothing written. */
  async function refused(files: string[], says: RegExp) {
    const result = await merge(...files);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(says);
  }

  it('a shard missing, or one given twice', async () => {
    await refused(
      ['shard-1.json', 'shard-2.json'],
      /^cookie-catalog: audit merge: shard 3\/3 is missing from shard-1\.json and shard-2\.json; give the reports of all 3 shards\n$/,
    );
    await refused(
      ['shard-1.json', 'shard-2.json', 'shard-2.json'],
      /shard-2\.json and shard-2\.json are the same shard 2\/3; give each shard's report once/,
    );
  });

  it('another catalog version, another URL set, other passes, another split', async () => {
    const version = await edited('other-version.json', (r) => {
      r.run.catalogVersion = '9.9';
    });
    await refused(
      ['shard-1.json', 'shard-2.json', version],
      /the files are of different runs: shard-1\.json and shard-2\.json have catalog version "2\.0"; other-version\.json has catalog version "9\.9"/,
    );
    const pages = await edited('other-pages.json', (r) => {
      if (r.run.urlSet) r.run.urlSet = { ...r.run.urlSet, pages: 59, sha256: 'f'.repeat(64) };
    });
    await refused(
      ['shard-1.json', 'shard-2.json', pages],
      /other-pages\.json has the URL set of 59 pages/,
    );
    const passes = await edited('other-passes.json', (r) => {
      r.run.passes = ['before consent'];
      r.passes = r.passes.slice(0, 1);
    });
    await refused(
      ['shard-1.json', 'shard-2.json', passes],
      /other-passes\.json has passes before consent/,
    );
    const split = await edited('other-split.json', (r) => {
      r.run.shard = { index: 3, count: 4 };
    });
    await refused(
      ['shard-1.json', 'shard-2.json', split],
      /other-split\.json has a split into 4 shards/,
    );
  });

  it('--baseline: against the single run no drift; against a smaller run, what is new', async () => {
    const shards = ['shard-1.json', 'shard-2.json', 'shard-3.json'];
    const same = await runCli(
      [
        'audit',
        'merge',
        ...shards,
        '--catalog',
        dir,
        '--baseline',
        'single.json',
        '--fail-on',
        'drift',
      ],
      work,
    );
    expect(same.stderr).not.toMatch(/internal error|^\s+at /m);
    expect(same.stdout).toContain('no drift since the baseline');
    expect(same.code).toBe(0);
    // one.json: 25 pages, before consent only.
    const grown = await runCli(
      [
        'audit',
        'merge',
        ...shards,
        '--catalog',
        dir,
        '--baseline',
        'one.json',
        '--fail-on',
        'drift',
      ],
      work,
    );
    expect(grown.stdout).toMatch(/drift since the baseline: [1-9]\d* new, 0 gone, 0 changed/);
    expect(grown.stderr).toContain('the baseline one.json has no after consent pass');
    expect(grown.code).toBe(1);
  });

  it('a single run (no --shard), a file that is no report', async () => {
    await refused(
      ['single.json'],
      /single\.json: the file is not a shard's report \(run without --shard i\/n\)/,
    );
    await writeFile(join(work, 'broken.json'), '{"run": ');
    await refused(['broken.json', 'shard-1.json'], /broken\.json: the file is not JSON/);
    await refused(['nowhere.json'], /nowhere\.json: no such file/);
  });
});
