import { createHash } from 'node:crypto';
import { AuditInputError } from './errors.js';

/*
 * A large site split across runners: `--shard i/n` audits the pages whose normalised address
 * hashes to i (of n). A hash, not a position in a list, so adding pages to the site moves none of
 * the pages already there to another shard (only the new ones land somewhere), and every runner
 * computes the same share without talking to the others.
 */

export interface Shard {
  /** 1-based, as people count: the first of three shards is 1/3. */
  readonly index: number;
  readonly count: number;
}

/** Shards beyond this are no plan (a runner per page is not a shard). */
const MAX_SHARDS = 1000;

/** `i/n`, checked: whole numbers, 1 ≤ i ≤ n ≤ 1000. Throws AuditInputError naming the fix. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const fix =
    'give it as i/n, the i-th of n shards counted from 1: --shard 1/3, --shard 2/3, --shard 3/3';
  if (!match) throw new AuditInputError(`--shard "${text}" is not of the form i/n; ${fix}`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS)
    throw new AuditInputError(
      `--shard "${text}": ${count} shards is not between 1 and ${MAX_SHARDS}; ${fix}`,
    );
  if (index < 1 || index > count)
    throw new AuditInputError(
      `--shard "${text}": shard ${index} is not one of 1 to ${count} (shards are counted from 1); ${fix}`,
    );
  return { index, count };
}

/**
 * The address as the crawl keys pages: parsed by the WHATWG URL parser (scheme and host in lower
 * case, the default port dropped, percent-encoding normalised) and without its fragment, which
 * never reaches the server. Undefined for what is no http(s) address.
 */
export function normaliseUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  return url.href;
}

/** The shard (1-based) a normalised address belongs to: SHA-256's first 32 bits, mod n. */
export function shardOf(url: string, count: number): number {
  return (createHash('sha256').update(url).digest().readUInt32BE(0) % count) + 1;
}

/** The addresses of `urls` that are this shard's, in the order given. */
export function shareOf(urls: readonly string[], shard: Shard): string[] {
  return urls.filter((url) => shardOf(url, shard.count) === shard.index);
}

/**
 * A fingerprint of a URL set (sorted, so the order a sitemap lists them in does not matter):
 * shard results are joined only when they split the same set.
 */
export function urlSetHash(urls: readonly string[]): string {
  return createHash('sha256')
    .update([...new Set(urls)].sort().join('\n'))
    .digest('hex');
}
