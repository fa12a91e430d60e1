import { readFile, stat } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { getDomain } from 'tldts';
import { AuditInputError } from './errors.js';
import { normaliseUrl } from './shard.js';

/*
 * A URL set known before the crawl starts, so that every shard splits the same set: a sitemap
 * (sitemaps.org protocol 0.9: a <urlset> of <url><loc>, or a <sitemapindex> of <sitemap><loc>
 * naming more sitemaps, plain or gzipped) or a list with one address a line. Only pages of the
 * audited site count; anything else is the user's mistake, named with where it is.
 */

/** sitemaps.org: at most 50,000 URLs and 50 MB (uncompressed) per sitemap; an index as many. */
export const SITEMAP_LIMITS = {
  urls: 50_000,
  bytes: 50 * 1024 * 1024,
  /** Sitemaps read through one index (each up to 50,000 URLs). */
  sitemaps: 200,
  /** Addresses in a set, all sitemaps together. */
  total: 1_000_000,
  fetchMs: 30_000,
} as const;

export interface UrlSet {
  /** `sitemap <url or file>` or `urls <file>`: where the set came from, for messages. */
  readonly source: string;
  /** Normalised (normaliseUrl), without duplicates, in the order the source lists them. */
  readonly urls: readonly string[];
}

function siteOf(url: string): string {
  const { hostname } = new URL(url);
  return getDomain(hostname, { allowPrivateDomains: true }) ?? hostname;
}

/** An address of the list, checked: http(s), and of the audited site. */
function checked(text: string, where: string, site: string, fix: string): string {
  const url = normaliseUrl(text);
  if (url === undefined)
    throw new AuditInputError(
      `${where}: "${text.slice(0, 200)}" is not an http(s) address; ${fix}`,
    );
  if (siteOf(url) !== site)
    throw new AuditInputError(
      `${where}: ${url.slice(0, 200)} is not on the audited site (${site}); list only pages of the site the audit starts on`,
    );
  return url;
}

/** `--urls FILE`: one address a line; blank lines and lines starting with # are skipped. */
export async function readUrlList(file: string, start: string): Promise<UrlSet> {
  const text = await readBounded(file, `--urls ${file}`);
  const site = siteOf(start);
  const urls = new Set<string>();
  for (const [index, raw] of text.split(/\r\n|\r|\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    urls.add(
      checked(
        line,
        `--urls ${file}:${index + 1}`,
        site,
        'give one http(s) address a line (a # starts a comment line)',
      ),
    );
    if (urls.size > SITEMAP_LIMITS.total)
      throw new AuditInputError(
        `--urls ${file}: more than ${SITEMAP_LIMITS.total} addresses; split the site by --shard over a shorter list`,
      );
  }
  if (urls.size === 0)
    throw new AuditInputError(`--urls ${file}: lists no address; give one http(s) address a line`);
  return { source: `urls ${file}`, urls: [...urls] };
}

/**
 * `--sitemap URL|FILE`: the pages a sitemap lists, following a sitemap index one level down (the
 * protocol allows no deeper). A file's index may name sitemaps by URL; they are fetched.
 */
export async function readSitemap(where: string, start: string): Promise<UrlSet> {
  const site = siteOf(start);
  const urls = new Set<string>();
  const label = `--sitemap ${where}`;
  const root = await loadSitemap(where, label);
  const sitemaps = root.kind === 'index' ? root.locs : [];
  if (root.kind === 'urlset') addAll(root.locs, label);
  if (sitemaps.length > SITEMAP_LIMITS.sitemaps)
    throw new AuditInputError(
      `${label}: the index names ${sitemaps.length} sitemaps, more than ${SITEMAP_LIMITS.sitemaps}; give one of them, or a shorter index`,
    );
  for (const loc of sitemaps) {
    const child = normaliseUrl(loc);
    if (child === undefined)
      throw new AuditInputError(
        `${label}: the index names "${loc.slice(0, 200)}", which is not an http(s) address of a sitemap; correct the index`,
      );
    const inner = await loadSitemap(child, `${label}: ${child}`);
    if (inner.kind === 'index')
      throw new AuditInputError(
        `${label}: ${child} is itself an index; a sitemap index names sitemaps, not other indexes (sitemaps.org)`,
      );
    addAll(inner.locs, `${label}: ${child}`);
  }
  if (urls.size === 0)
    throw new AuditInputError(
      `${label}: lists no page (no <url><loc>); check it is the site's sitemap`,
    );
  return { source: `sitemap ${where}`, urls: [...urls] };

  function addAll(locs: readonly string[], from: string) {
    for (const loc of locs) {
      urls.add(checked(loc, from, site, 'correct the sitemap'));
      if (urls.size > SITEMAP_LIMITS.total)
        throw new AuditInputError(
          `${label}: more than ${SITEMAP_LIMITS.total} pages; give one sitemap of the index at a time`,
        );
    }
  }
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'url' || name === 'sitemap' || name === 'loc',
});

async function loadSitemap(
  where: string,
  label: string,
): Promise<{ kind: 'urlset' | 'index'; locs: string[] }> {
  const bytes = /^https?:\/\//i.test(where)
    ? await fetchBounded(where, label)
    : Buffer.from(await readBounded(where, label, 'binary'), 'binary');
  // gzip's magic number: a sitemap.xml.gz, or a server that sends one without Content-Encoding.
  let text: string;
  try {
    text = (
      bytes[0] === 0x1f && bytes[1] === 0x8b
        ? gunzipSync(bytes, { maxOutputLength: SITEMAP_LIMITS.bytes })
        : bytes
    ).toString('utf8');
  } catch {
    throw new AuditInputError(
      `${label}: is gzipped but cannot be unpacked within ${SITEMAP_LIMITS.bytes / 1024 / 1024} MB; give a sitemap of the protocol's size`,
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new AuditInputError(
      `${label}: is not XML (line ${valid.err.line}: ${valid.err.msg.slice(0, 160)}); give a sitemap.xml (sitemaps.org)`,
    );
  const document = parser.parse(text) as Record<string, unknown>;
  const list = (node: unknown, child: 'url' | 'sitemap'): string[] => {
    const items = (node as Record<string, unknown> | undefined)?.[child];
    if (!Array.isArray(items)) return [];
    return items.flatMap((item) => {
      const loc = (item as Record<string, unknown> | undefined)?.loc;
      return Array.isArray(loc) && typeof loc[0] === 'string' ? [loc[0]] : [];
    });
  };
  if (document.urlset !== undefined) {
    const locs = list(document.urlset, 'url');
    if (locs.length > SITEMAP_LIMITS.urls)
      throw new AuditInputError(
        `${label}: lists ${locs.length} pages, more than the ${SITEMAP_LIMITS.urls} a sitemap may (sitemaps.org); split it with a sitemap index`,
      );
    return { kind: 'urlset', locs };
  }
  if (document.sitemapindex !== undefined)
    return { kind: 'index', locs: list(document.sitemapindex, 'sitemap') };
  throw new AuditInputError(
    `${label}: is XML but neither a <urlset> nor a <sitemapindex>; give the site's sitemap.xml (sitemaps.org)`,
  );
}

async function readBounded(
  file: string,
  label: string,
  encoding: 'utf8' | 'binary' = 'utf8',
): Promise<string> {
  const stats = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new AuditInputError(
      `${label}: ${error.code === 'ENOENT' ? 'no such file' : `cannot be read (${error.code})`}; give the path of the file`,
    );
  });
  if (!stats.isFile())
    throw new AuditInputError(`${label}: is not a file; give the path of a file`);
  if (stats.size > SITEMAP_LIMITS.bytes)
    throw new AuditInputError(
      `${label}: ${stats.size} bytes is more than ${SITEMAP_LIMITS.bytes} (the sitemap protocol's limit); split it`,
    );
  return readFile(file, encoding);
}

async function fetchBounded(url: string, label: string): Promise<Buffer> {
  let response: globalThis.Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(SITEMAP_LIMITS.fetchMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new AuditInputError(
      `${label}: could not be fetched (${cause ?? (error as Error).name}); check the address and that the site is up`,
    );
  }
  if (!response.ok)
    throw new AuditInputError(
      `${label}: answered HTTP ${response.status}; check the address of the sitemap (often /sitemap.xml, or the Sitemap: line of /robots.txt)`,
    );
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += (chunk as Uint8Array).byteLength;
    if (size > SITEMAP_LIMITS.bytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new AuditInputError(
        `${label}: is larger than ${SITEMAP_LIMITS.bytes} bytes (the sitemap protocol's limit); give one sitemap of an index`,
      );
    }
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks);
}
