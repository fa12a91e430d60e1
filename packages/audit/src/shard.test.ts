import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuditInputError } from './errors.js';
import { normaliseUrl, parseShard, shardOf, shareOf, urlSetHash } from './shard.js';

describe('parseShard', () => {
  it.each([
    ['1/3', { index: 1, count: 3 }],
    ['3/3', { index: 3, count: 3 }],
    [' 2 / 5 ', { index: 2, count: 5 }],
    ['1/1', { index: 1, count: 1 }],
  ])('%j is shard %j', (given, want) => {
    expect(parseShard(given)).toEqual(want);
  });

  it.each([
    ['0/3', 'shard 0 is not one of 1 to 3 (shards are counted from 1)'],
    ['4/3', 'shard 4 is not one of 1 to 3'],
    ['1/0', '0 shards is not between 1 and 1000'],
    ['1/1001', '1001 shards is not between 1 and 1000'],
    ['a/b', 'is not of the form i/n'],
    ['1.5/3', 'is not of the form i/n'],
    ['-1/3', 'is not of the form i/n'],
    ['1/3/5', 'is not of the form i/n'],
    ['', 'is not of the form i/n'],
    ['2', 'is not of the form i/n'],
  ])('%j is refused, naming what is wrong and the fix', (given, says) => {
    expect(() => parseShard(given)).toThrow(AuditInputError);
    expect(() => parseShard(given)).toThrow(says);
    expect(() => parseShard(given)).toThrow('--shard 1/3, --shard 2/3, --shard 3/3');
  });
});

describe('normaliseUrl', () => {
  it.each([
    ['HTTPS://Example.COM:443/a#top', 'https://example.com/a'],
    ['http://example.com', 'http://example.com/'],
    ['  http://example.com/a b  ', 'http://example.com/a%20b'],
    ['http://example.com/%7e', 'http://example.com/%7e'],
  ])('%j is %j', (given, want) => {
    expect(normaliseUrl(given)).toBe(want);
  });

  it.each(['javascript:alert(1)', 'ftp://example.com/', '/relative', 'not a url', 'data:,x'])(
    '%j is no page address',
    (given) => {
      expect(normaliseUrl(given)).toBeUndefined();
    },
  );
});

const urls = fc.uniqueArray(
  fc.webUrl().map((u) => normaliseUrl(u) as string),
  { minLength: 1, maxLength: 60 },
);

describe('shareOf', () => {
  it('the shares of n shards hold every address exactly once', () => {
    fc.assert(
      fc.property(urls, fc.integer({ min: 1, max: 12 }), (set, count) => {
        const shares = Array.from({ length: count }, (_, i) =>
          shareOf(set, { index: i + 1, count }),
        );
        expect(shares.flat().sort()).toEqual([...set].sort());
      }),
    );
  });

  it('adding pages moves no page already there to another shard', () => {
    fc.assert(
      fc.property(urls, urls, fc.integer({ min: 1, max: 12 }), (set, added, count) => {
        const before = new Map(set.map((u) => [u, shardOf(u, count)]));
        const grown = [...added, ...set];
        for (let index = 1; index <= count; index++)
          for (const url of shareOf(grown, { index, count }))
            if (before.has(url)) expect(before.get(url)).toBe(index);
      }),
    );
  });

  it('spreads a site evenly enough: 3 shards of 3000 pages, each within 10 % of a third', () => {
    const site = Array.from({ length: 3000 }, (_, n) => `https://shop.example/product/${n}`);
    for (let index = 1; index <= 3; index++)
      expect(Math.abs(shareOf(site, { index, count: 3 }).length - 1000)).toBeLessThan(100);
  });
});

describe('urlSetHash', () => {
  it('is the same set whatever the order and repeats, another for another set', () => {
    const a = ['https://a.example/1', 'https://a.example/2'];
    expect(urlSetHash(a)).toBe(urlSetHash([...a].reverse().concat(a)));
    expect(urlSetHash(a)).not.toBe(urlSetHash(a.slice(0, 1)));
  });
});
