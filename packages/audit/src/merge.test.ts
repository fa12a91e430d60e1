import { type Catalog, loadCatalog } from '@cookie-catalog/catalog';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CATALOG } from '../../catalog/test/catalog-copy.js';
import { AuditInputError } from './errors.js';
import { judge, type RunFacts } from './judge.js';
import { mergeShards, parseShardResult, type ShardResult } from './merge.js';
import type { ObservedCookie, Pass } from './observe.js';
import { orderedPass } from './pass-order.js';
import { shardOf, urlSetHash } from './shard.js';

/*
 * The merge's contract, over many generated runs: what shards of a run see, joined, is what the
 * single run saw — judged the same — apart from which page saw a thing first and who set it.
 * Shards are made as the crawl makes them: each visits the start page first (its cookies and
 * storage in every shard's jar) and records the pages of its share.
 */

let catalog: Catalog;
beforeAll(async () => {
  const loaded = await loadCatalog(FIXTURE_CATALOG);
  if (!loaded.catalog) throw new Error('test bug: the fixture catalog does not load');
  catalog = loaded.catalog;
});

const START = 'http://127.0.0.1/';
const page = (n: number) => (n === 0 ? START : `http://127.0.0.1/p/${n}`);

interface Sighting {
  readonly page: number;
  readonly name: string;
}

const run = fc.record({
  pages: fc.integer({ min: 1, max: 40 }),
  cookies: fc.array(
    fc.record({
      page: fc.nat(39),
      name: fc.constantFrom('csrftoken', 'language', 'a', 'b', '_ga'),
    }),
    { maxLength: 30 },
  ),
  keys: fc.array(fc.record({ page: fc.nat(39), name: fc.constantFrom('x', 'y', 'z') }), {
    maxLength: 10,
  }),
  requests: fc.array(
    fc.record({ page: fc.nat(39), name: fc.constantFrom('t.example', 'u.example') }),
    {
      maxLength: 10,
    },
  ),
  count: fc.integer({ min: 1, max: 5 }),
});

/** What a pass over `pages` sees when each sighting happens on its page (start page always). */
function passOver(
  pages: readonly string[],
  all: { cookies: Sighting[]; keys: Sighting[]; requests: Sighting[] },
  recorded: (url: string) => boolean,
): Pass {
  const on = (s: Sighting) => pages.includes(page(s.page));
  const cookie = (s: Sighting): ObservedCookie => ({
    name: s.name,
    domain: '127.0.0.1',
    path: '/',
    expires: 2_000_000_000,
    httpOnly: false,
    secure: false,
    sameSite: 'Lax',
    partitionKey: undefined,
    seenAt: 1_900_000_000,
    page: page(s.page),
    setBy: `response ${page(s.page)}`,
  });
  const once = <T>(items: T[], key: (item: T) => string) => [
    ...new Map(items.map((item) => [key(item), item] as const).reverse()).values(),
  ];
  return orderedPass({
    name: 'before consent',
    pages: pages.filter(recorded),
    cookies: once(all.cookies.filter(on).map(cookie), (c) => c.name),
    storage: once(
      all.keys.filter(on).map((s) => ({
        kind: 'localStorage' as const,
        origin: 'http://127.0.0.1',
        key: s.name,
        page: page(s.page),
      })),
      (s) => s.key,
    ),
    requests: all.requests
      .filter((s) => on(s) && recorded(page(s.page)))
      .map((s) => ({
        url: `https://${s.name}/p.gif`,
        host: s.name,
        type: 'image',
        invisible: true,
        page: page(s.page),
      })),
    popups: 0,
    notes: [],
  });
}

const facts = (pages: readonly string[]): Omit<RunFacts, 'shard'> => ({
  catalogVersion: '2.0',
  start: START,
  passes: ['before consent'],
  consent: 'none',
  urlSet: { source: 'discovery', pages: pages.length, sha256: urlSetHash(pages) },
});

/** The result without what may differ: the first page and who set it. */
function comparable(result: ReturnType<typeof judge>) {
  // Which finding is about which pass and thing (the HTML report's placing), keyed by the finding
  // itself, whose page differs: compared through the findings' order instead.
  const { sources, ...rest } = result;
  return {
    ...rest,
    sources: result.problems.map((p) => {
      const source = sources.get(p);
      return source && { pass: source.pass, subject: source.subject?.kind };
    }),
    passes: result.passes.map((p) => ({
      ...p,
      cookies: p.cookies.map(({ page: _p, setBy: _s, ...c }) => c),
      storage: p.storage.map(({ page: _p, ...s }) => s),
    })),
    problems: result.problems.map(({ file: _f, message, ...p }) => ({
      ...p,
      message: message.replace(/, set by response \S+/, ''),
    })),
    undeclared: result.undeclared.length,
  };
}

describe('mergeShards', () => {
  it('the shards of any run, joined, are the single run, judged the same', () => {
    fc.assert(
      fc.property(run, ({ pages: n, cookies, keys, requests, count }) => {
        const all = { cookies, keys, requests };
        const pages = Array.from({ length: n }, (_, i) => page(i));
        const single = judge(catalog, facts(pages), [passOver(pages, all, () => true)]);
        const shards: ShardResult[] = Array.from({ length: count }, (_, i) => {
          const share = pages.filter((url) => shardOf(url, count) === i + 1);
          // The start page first, in every shard: what it stores is in every jar.
          const visited = [...new Set([START, ...share])];
          return {
            label: `shard-${i + 1}.json`,
            run: { ...facts(pages), shard: { index: i + 1, count } } as ShardResult['run'],
            passes: [passOver(visited, all, (url) => share.includes(url))],
          };
        });
        const merged = mergeShards(catalog, [...shards].reverse());
        expect(merged.run).toEqual(facts(pages));
        expect(comparable(merged)).toEqual(comparable(single));
      }),
      { numRuns: 200 },
    );
  });
});

/** An audit's provenance, as the JSON carries it. */
function provenanceAt(startedAt: string, finishedAt: string) {
  return {
    startedAt,
    finishedAt,
    tool: 'cookie-catalog 0.1.0',
    auditVersion: '0.1.0',
    catalogVersion: facts([START]).catalogVersion,
    browser: {
      version: 'Chrome/141.0.0.0',
      userAgent: 'Mozilla/5.0',
      viewport: { width: 1280, height: 720 },
      thirdPartyCookies: 'allowed',
    },
    pageLimit: 20,
    redacted: false,
  };
}

describe('parseShardResult', () => {
  // As `audit … --shard 1/1 --format json` writes it.
  const shard = JSON.stringify({
    schemaVersion: 2,
    url: START,
    provenance: provenanceAt('2026-12-06T10:00:00.000Z', '2026-12-06T10:01:00.000Z'),
    run: { ...facts([START]), shard: { index: 1, count: 1 } },
    errors: 0,
    notes: 0,
    warnings: [],
    passes: [
      {
        ...passOver(
          [START],
          { cookies: [{ page: 0, name: 'a' }], keys: [], requests: [] },
          () => true,
        ),
        firstView: {
          screenshot: { mediaType: 'image/jpeg', base64: '/9j/4AAQ' },
          viewport: { width: 1280, height: 720 },
          browserVersion: 'Chrome/141.0.0.0',
          userAgent: 'Mozilla/5.0',
        },
      },
    ],
    problems: [],
  });

  it('reads what the audit wrote, and it merges', () => {
    const read = parseShardResult(shard, 'a.json');
    expect(read.run.shard).toEqual({ index: 1, count: 1 });
    expect(mergeShards(catalog, [read]).passes[0]?.cookies.map((c) => c.name)).toEqual(['a']);
  });

  it("carries the shards' provenance (first start, last finish) and the start page's screenshot", () => {
    const half = (index: number, start: string, finish: string) =>
      parseShardResult(
        shard
          .replace('"index":1,"count":1', `"index":${index},"count":2`)
          .replace('2026-12-06T10:00:00.000Z', start)
          .replace('2026-12-06T10:01:00.000Z', finish),
        `${index}.json`,
      );
    const merged = mergeShards(catalog, [
      half(2, '2026-12-06T09:59:00.000Z', '2026-12-06T10:00:30.000Z'),
      half(1, '2026-12-06T10:00:00.000Z', '2026-12-06T10:02:00.000Z'),
    ]);
    expect(merged.provenance).toMatchObject({
      startedAt: '2026-12-06T09:59:00.000Z',
      finishedAt: '2026-12-06T10:02:00.000Z',
      catalogVersion: facts([START]).catalogVersion,
    });
    expect(merged.passes[0]?.firstView?.screenshot?.base64).toBe('/9j/4AAQ');
  });

  it.each([
    ['{', 'the file is not JSON'],
    ['[]', 'the file is not a JSON object'],
    ['{}', 'says nothing of its run (no "run"): it was written by an older version'],
    [
      shard.replace('"shard":{"index":1,"count":1}', '"x":1'),
      "is not a shard's report (run without --shard i/n)",
    ],
    [
      shard.replace('"sameSite":"Lax"', '"sameSite":"lax"'),
      'passes[0].cookies[0].sameSite is not one of Strict, Lax, None',
    ],
    [shard.replace('"popups":0', '"popups":"0"'), 'passes[0].popups is not a number'],
    [shard.replace('"name":"before consent"', '"name":"during"'), 'passes[0].name is not one of'],
  ])('%s is refused, naming the file and the field', (text, says) => {
    expect(() => parseShardResult(text, 'a.json')).toThrow(AuditInputError);
    expect(() => parseShardResult(text, 'a.json')).toThrow(`audit merge: a.json: `);
    expect(() => parseShardResult(text, 'a.json')).toThrow(says);
  });

  it('shards audited against another catalog version than the one given', () => {
    const read = parseShardResult(
      shard.replaceAll('"catalogVersion":"2.0"', '"catalogVersion":"1.0"'),
      'a.json',
    );
    expect(() => mergeShards(catalog, [read])).toThrow(
      'a.json was audited against catalog version "1.0", but the catalog here is version "2.0"; merge with the catalog the shards were run with (--catalog DIR)',
    );
  });
});
