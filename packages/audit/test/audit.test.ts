import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Catalog, type CatalogEntry, loadCatalog } from '@cookie-catalog/catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editedCatalog } from '../../catalog/test/catalog-copy.js';
import { runCli } from '../../cli/test/run-cli.js';
import { auditSite } from '../src/index.js';
import { UNUSED_BY_TEST_SITES, withoutEntries } from './site-catalog.js';

/*
 * A site of our own that misbehaves in six ways, served on 127.0.0.1 with a second local host
 * (localhost: another site to the browser) for the third party. Each misdeed must be reported
 * exactly once, with its rule, and nothing else.
 */

/** The frozen fixture catalog, trimmed to what the site uses, so nothing else is "not seen". */
async function fixture(): Promise<{ dir: string; catalog: Catalog }> {
  const dir = await editedCatalog(withoutEntries(UNUSED_BY_TEST_SITES));
  const { catalog, problems } = await loadCatalog(dir);
  if (!catalog) throw new Error(problems.map((p) => `${p.file}: ${p.message}`).join('\n'));
  return { dir, catalog };
}

/** A Set-Cookie line with the entry's declared attributes, optionally with one of them changed. */
function declaredLine(
  entry: CatalogEntry,
  value: string,
  change: { maxAge?: number; httpOnly?: boolean } = {},
): string {
  const a = entry.attributes;
  const maxAge =
    change.maxAge ?? (entry.lifetime.kind === 'duration' ? entry.lifetime.seconds : undefined);
  return [
    `${entry.name.pattern}=${value}`,
    ...(maxAge === undefined ? [] : [`Max-Age=${maxAge}`]),
    `Path=${a?.path ?? '/'}`,
    ...(a?.secure ? ['Secure'] : []),
    ...((change.httpOnly ?? a?.httpOnly) ? ['HttpOnly'] : []),
    `SameSite=${a?.sameSite ?? 'Lax'}`,
  ].join('; ');
}

describe('cookie-catalog audit of a misbehaving site, in Chromium', () => {
  let catalog: Catalog;
  let dir: string;
  let site: Server;
  let tracker: Server;
  let origin: string;
  const entry = (id: string) => catalog.entries.find((e) => e.id === id) as CatalogEntry;

  beforeAll(async () => {
    ({ catalog, dir } = await fixture());
    tracker = createServer((_request, response) => {
      response.setHeader('Content-Type', 'image/gif');
      response.end(
        Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'),
      );
    });
    await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve));
    const pixel = `http://localhost:${(tracker.address() as AddressInfo).port}/p.gif?e=open`;
    site = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      if (path === '/') {
        response.appendHeader('Set-Cookie', [
          declaredLine(entry('csrftoken'), 'Tok3n'), // as declared: no finding
          declaredLine(entry('language'), 'sv', { maxAge: 90 * 86_400 }), // 1: kept longer
          declaredLine(entry('access_token'), 'a.b.c', { httpOnly: false }), // 2: HttpOnly dropped
          // 3: an optional category's cookie before anyone answered
          `${entry('zendesk_chat_visitor').name.pattern}=v1; Max-Age=3600; Path=/`,
        ]);
      }
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(`<!doctype html><html lang="en"><head><title>Shop</title></head><body>
<main><h1>Shop</h1><a href="/about">About</a>
<img src="${pixel}" width="1" height="1" alt="">
<script>
  document.cookie = 'undeclared_js=1; path=/'; // 4: a cookie nobody declared, from a script
  localStorage.setItem('cart_draft', '[]'); // 5: a storage key nobody declared
</script></main></body></html>`); // 6: the pixel above, to another site
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => site?.close(resolve));
    await new Promise((resolve) => tracker?.close(resolve));
  });

  it('reports each misdeed exactly once with its rule, and nothing else', async () => {
    const audit = await auditSite(catalog, { url: `${origin}/`, pages: 5 });
    const found = audit.problems.map(
      (p) => `${p.rule} ${p.message.split(' ').slice(0, 3).join(' ')}`,
    );
    expect(found.sort()).toEqual(
      [
        `audit/attributes ${entry('access_token').name.pattern} is stored`,
        `audit/before-consent ${entry('zendesk_chat_visitor').name.pattern} (127.0.0.1/) (${entry('zendesk_chat_visitor').id},`,
        `audit/lifetime ${entry('language').name.pattern} is kept`,
        'audit/undeclared-cookie the cookie undeclared_js',
        'audit/undeclared-request the page sends',
        'audit/undeclared-storage the localStorage key',
      ].sort(),
    );
    // Who set the undeclared cookie: the page's own script, with where it ran.
    const undeclared = audit.problems.find((p) => p.rule === 'audit/undeclared-cookie');
    expect(undeclared?.message).toMatch(/set by script on http:\/\/127\.0\.0\.1:\d+\//);
    expect(undeclared?.file).toBe(`${origin}/`);
    // Both passes crawled both pages; the after-consent pass had the consent cookie.
    expect(audit.passes.map((p) => p.pages.length)).toEqual([2, 2]);
    const after = audit.passes[1];
    expect(after?.cookies.map((c) => c.name)).toContain(entry('billogramGDPR').name.pattern);
  }, 60_000);

  it('the CLI exits 1, and --propose drafts entries that validate once legal writes the TODOs', async () => {
    const drafts = join(dir, 'cookies');
    const { code, stdout, stderr } = await runCli(
      ['audit', `${origin}/`, '--catalog', dir, '--pages', '2', '--propose', drafts],
      dir,
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /✗ 6 errors, 0 notes \(before consent: 2 pages, after consent: 2 pages\)/,
    );
    expect(stderr).toMatch(
      /drafted 3 entries in cookies: undeclared_js, cart_draft, localhost_pixel/,
    );
    const before = await runCli(['validate', '--catalog', dir, '--format', 'json'], dir);
    const report = JSON.parse(before.stdout) as { problems: { rule: string; severity: string }[] };
    expect(
      new Set(report.problems.filter((p) => p.severity === 'error').map((p) => p.rule)),
      // Only the TODOs, and the tracker's host "localhost", which is no domain a catalog accepts.
    ).toEqual(new Set(['text/todo', 'cookie/domain']));
    for (const file of await readdir(drafts)) {
      if (!['undeclared_js.yaml', 'cart_draft.yaml', 'localhost_pixel.yaml'].includes(file))
        continue;
      const path = join(drafts, file);
      await writeFile(
        path,
        (await readFile(path, 'utf8'))
          .replace(/^category: "TODO.*$/m, 'category: necessary')
          // The draft keeps the host the browser saw; the test's tracker is "localhost", which no
          // catalog accepts as a domain: legal writes the provider's real one.
          .replace('domain: "localhost"', 'domain: "tracker.example"')
          .replace(/privacyPolicy: "TODO.*$/m, 'privacyPolicy: "https://tracker.example/privacy"')
          .replace(/^(\s*[\w-]+: )"TODO.*$/gm, '$1"Written by legal."'),
      );
    }
    const after = await runCli(['validate', '--catalog', dir], dir);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
  }, 60_000);

  it('markdown for a pull request, JSON with what each pass saw', async () => {
    const { dir } = await fixture(); // without the drafts the test above added
    const markdown = await runCli(
      [
        'audit',
        `${origin}/`,
        '--catalog',
        dir,
        '--pages',
        '1',
        '--consent',
        'none',
        '--format',
        'markdown',
      ],
      dir,
    );
    expect(markdown.stdout).toMatch(/^### Cookie audit of `http:\/\/127\.0\.0\.1:\d+\/`\n/);
    expect(markdown.stdout).toMatch(/^\| \*\*error\*\* \| `audit\/undeclared-cookie` /m);
    const json = await runCli(
      [
        'audit',
        `${origin}/`,
        '--catalog',
        dir,
        '--pages',
        '1',
        '--consent',
        'none',
        '--format',
        'json',
      ],
      dir,
    );
    const report = JSON.parse(json.stdout);
    expect(report.schemaVersion).toBe(2);
    expect(report.passes.map((p: { name: string }) => p.name)).toEqual(['before consent']);
    expect(report.passes[0].cookies.map((c: { name: string }) => c.name)).toContain(
      'undeclared_js',
    );
    expect(report.problems[0]).toMatchObject({ page: `${origin}/` });
  }, 60_000);
});

describe('cookie-catalog audit behind a login (--storage-state)', () => {
  it('visits what a signed-in visitor sees', async () => {
    const { dir, catalog } = await fixture();
    const site = createServer((request, response) => {
      const signedIn = /(?:^|; )auth=yes/.test(request.headers.cookie ?? '');
      if (request.url === '/account') response.setHeader('Set-Cookie', 'account_pref=1; Path=/');
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(
        `<!doctype html><html lang="en"><title>Shop</title><h1>Shop</h1>${signedIn ? '<a href="/account">Your account</a>' : ''}`,
      );
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    try {
      const state = join(dir, '..', 'state.json');
      await writeFile(
        state,
        JSON.stringify({
          cookies: [
            {
              name: 'auth',
              value: 'yes',
              domain: '127.0.0.1',
              path: '/',
              expires: -1,
              httpOnly: true,
              secure: false,
              sameSite: 'Lax',
            },
          ],
          origins: [],
        }),
      );
      const names = (audit: Awaited<ReturnType<typeof auditSite>>) =>
        audit.problems.filter((p) => p.rule === 'audit/undeclared-cookie').map((p) => p.message);
      const anonymous = await auditSite(catalog, { url: `${origin}/`, consent: 'none' });
      expect(names(anonymous).join()).not.toContain('account_pref');
      const signedIn = await auditSite(catalog, {
        url: `${origin}/`,
        consent: 'none',
        storageState: state,
      });
      expect(signedIn.passes[0]?.pages).toContain(`${origin}/account`);
      expect(names(signedIn).join()).toContain('account_pref');
    } finally {
      await new Promise((resolve) => site.close(resolve));
    }
  }, 60_000);
});
