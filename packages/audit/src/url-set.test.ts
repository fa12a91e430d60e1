import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditInputError } from './errors.js';
import { readSitemap, readUrlList } from './url-set.js';

/*
 * URL sets as users give them: a list file, a sitemap file, a sitemap index on a server whose
 * sitemaps are plain and gzipped; and the mistakes, each named with where it is.
 */

let dir: string;
let server: Server;
let origin: string;
const START = 'http://127.0.0.1/';

const urlset = (...locs: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs
    .map((loc) => `<url><loc>${loc}</loc><lastmod>2026-01-01</lastmod></url>`)
    .join('')}</urlset>`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shards-url-set-'));
  server = createServer((request, response) => {
    const at = (path: string) => `${origin}${path}`;
    switch (request.url) {
      case '/sitemap_index.xml':
        response.end(
          `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${at('/pages.xml')}</loc></sitemap><sitemap><loc>${at('/posts.xml.gz')}</loc></sitemap></sitemapindex>`,
        );
        return;
      case '/pages.xml':
        response.end(urlset(at('/'), at('/about?a=1&amp;b=2'), at('/about?a=1&amp;b=2#team')));
        return;
      case '/posts.xml.gz':
        response.setHeader('Content-Type', 'application/gzip');
        response.end(gzipSync(urlset(at('/posts/1'), at('/posts/2'))));
        return;
      case '/nested.xml':
        response.end(
          `<sitemapindex><sitemap><loc>${at('/sitemap_index.xml')}</loc></sitemap></sitemapindex>`,
        );
        return;
      default:
        response.statusCode = 404;
        response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('readUrlList', () => {
  it('one address a line, normalised and once each; blank lines and # comments skipped', async () => {
    const path = await file(
      'list.txt',
      '# the shop\r\nhttp://127.0.0.1/a\n\nHTTP://127.0.0.1:80/b#x\nhttp://127.0.0.1/a\n   \n',
    );
    expect(await readUrlList(path, START)).toEqual({
      source: `urls ${path}`,
      urls: ['http://127.0.0.1/a', 'http://127.0.0.1/b'],
    });
  });

  it.each([
    [
      'bad.txt',
      'http://127.0.0.1/a\njavascript:alert(1)\n',
      ':2: "javascript:alert(1)" is not an http(s) address',
    ],
    [
      'other.txt',
      'https://evil.example/\n',
      ':1: https://evil.example/ is not on the audited site (127.0.0.1)',
    ],
    ['empty.txt', '# nothing\n\n', 'lists no address'],
  ])('%s is refused, naming the line', async (name, text, says) => {
    const path = await file(name, text);
    await expect(readUrlList(path, START)).rejects.toThrow(AuditInputError);
    await expect(readUrlList(path, START)).rejects.toThrow(
      `--urls ${path}${says.startsWith(':') ? '' : ': '}${says}`,
    );
  });

  it('a missing file, a folder', async () => {
    await expect(readUrlList(join(dir, 'none.txt'), START)).rejects.toThrow('no such file');
    await mkdir(join(dir, 'folder.txt'));
    await expect(readUrlList(join(dir, 'folder.txt'), START)).rejects.toThrow('is not a file');
  });
});

describe('readSitemap', () => {
  it('an index over the network, its sitemaps plain and gzipped, entities decoded', async () => {
    const set = await readSitemap(`${origin}/sitemap_index.xml`, `${origin}/`);
    expect(set.urls).toEqual([
      `${origin}/`,
      `${origin}/about?a=1&b=2`,
      `${origin}/posts/1`,
      `${origin}/posts/2`,
    ]);
  });

  it('a file, with a gzipped twin', async () => {
    const text = urlset('http://127.0.0.1/x', 'http://127.0.0.1/y');
    const plain = await file('sitemap.xml', text);
    const packed = join(dir, 'sitemap.xml.gz');
    await writeFile(packed, gzipSync(text));
    for (const path of [plain, packed])
      expect((await readSitemap(path, START)).urls).toEqual([
        'http://127.0.0.1/x',
        'http://127.0.0.1/y',
      ]);
  });

  it.each([
    ['broken.xml', '<urlset><url><loc>http://127.0.0.1/</loc></url>', 'is not XML'],
    ['html.xml', '<html><body>hi</body></html>', 'neither a <urlset> nor a <sitemapindex>'],
    ['none.xml', '<urlset></urlset>', 'lists no page'],
    [
      'off-site.xml',
      urlset('https://evil.example/'),
      'https://evil.example/ is not on the audited site',
    ],
    [
      'script.xml',
      urlset('javascript:alert(1)'),
      '"javascript:alert(1)" is not an http(s) address',
    ],
  ])('%s is refused', async (name, text, says) => {
    const path = await file(name, text);
    await expect(readSitemap(path, START)).rejects.toThrow(AuditInputError);
    await expect(readSitemap(path, START)).rejects.toThrow(`--sitemap ${path}`);
    await expect(readSitemap(path, START)).rejects.toThrow(says);
  });

  it('an index of indexes, a sitemap that is not there, a server that is not there', async () => {
    await expect(readSitemap(`${origin}/nested.xml`, `${origin}/`)).rejects.toThrow(
      'is itself an index; a sitemap index names sitemaps, not other indexes',
    );
    await expect(readSitemap(`${origin}/gone.xml`, `${origin}/`)).rejects.toThrow(
      'answered HTTP 404; check the address of the sitemap',
    );
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await expect(readSitemap(`http://127.0.0.1:${port}/sitemap.xml`, START)).rejects.toThrow(
      'could not be fetched (ECONNREFUSED)',
    );
  });
});
