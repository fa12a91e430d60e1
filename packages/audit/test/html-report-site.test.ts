import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type Catalog,
  type CatalogEntry,
  escapeInvisible,
  loadCatalog,
} from '@cookie-catalog/catalog';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editedCatalog } from '../../catalog/test/catalog-copy.js';
import { runCli } from '../../cli/test/run-cli.js';
import { type AuditJson, CHROMIUM, CHROMIUM_ARGS } from '../src/index.js';
import { axeViolations } from './axe.js';
import { UNUSED_BY_TEST_SITES, withoutEntries } from './site-catalog.js';

/*
 * The issue's acceptance for the HTML report, in Chromium against a local site: the site's chat
 * script sets its optional cookie once the visitor answered, whatever the answer, so the reject
 * pass reports it; the report shows the finding beside that cookie, with the script that set it,
 * and the first page's screenshot with the banner; axe finds nothing; every finding of the JSON
 * is in the page; `audit report` of the attached JSON makes the same file.
 */

let catalog: Catalog;
let dir: string;
let server: Server;
let origin: string;
let out: string;
const entry = (id: string) => catalog.entries.find((e) => e.id === id) as CatalogEntry;

const BANNER = `<div class="cookie-consent" role="region" aria-label="Cookies" lang="en" style="background:#fde68a;padding:2rem"><h2>Cookies</h2><p>May we?</p><form method="post" action="/consent"><button type="submit" name="cookies" value="accept">Accept optional cookies</button> <button type="submit" name="cookies" value="reject">Reject optional cookies</button></form></div>`;

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Names a page can give its cookies and keys (no `=` or `;`, which end a cookie's name). */
const HOSTILE_COOKIES = ['<script>window.pwned++</script>', 'javascript:alert(5)'] as const;
const HOSTILE_KEYS = [
  '</style><script>window.pwned = 2</script>',
  '"onload="window.pwned = 3',
  'invoice\u202Efdp.exe',
] as const;

/** A value as a script literal inside <script> (its `</script>` must not end the element). */
const inScript = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** A page whose cookies, keys, addresses and script URL are written to break out of HTML. */
const HOSTILE_PAGE = (
  tracker: string,
) => `<!doctype html><html lang="en"><head><title>Shop</title></head><body><main><h1>Shop</h1></main>
<img alt="" width="1" height="1" src="${tracker}/p.gif?u=%22%3E%3Csvg%20onload=window.pwned=4%3E">
<script>
  document.cookie = ${inScript(`${HOSTILE_COOKIES[0]}=1; Path=/`)};
  for (const key of ${inScript(HOSTILE_KEYS)}) localStorage.setItem(key, '1');
</script>
<script src="/x.js?a=%22%3E%3C/code%3E%3Cscript%3Ewindow.pwned=6%3C/script%3E"></script></body></html>`;

beforeAll(async () => {
  dir = await editedCatalog(withoutEntries(UNUSED_BY_TEST_SITES));
  const loaded = await loadCatalog(dir);
  if (!loaded.catalog) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  catalog = loaded.catalog;
  out = await mkdtemp(join(tmpdir(), 'report-html-'));
  const consent = entry('billogramGDPR');
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/consent' && request.method === 'POST') {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        const yes = new URLSearchParams(body).get('cookies') === 'accept';
        const value = encodeURIComponent(JSON.stringify({ version: 3, 'help-center': yes }));
        response.writeHead(303, {
          Location: request.headers.referer ?? '/',
          'Set-Cookie': `${consent.name.pattern}=${value}; Max-Age=31536000; Path=/; SameSite=Lax`,
        });
        response.end();
      });
      return;
    }
    if (path === '/p.gif') {
      response.setHeader('Content-Type', 'image/gif');
      response.end(GIF);
      return;
    }
    if (path === '/hostile') {
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(HOSTILE_PAGE(origin.replace('127.0.0.1', 'tracker.localhost')));
      return;
    }
    if (path === '/x.js') {
      response.setHeader('Content-Type', 'text/javascript');
      response.end(`document.cookie = ${JSON.stringify(`${HOSTILE_COOKIES[1]}=1; Path=/`)};`);
      return;
    }
    if (path === '/chat.js') {
      response.setHeader('Content-Type', 'text/javascript');
      // The chat's loader asks whether the visitor answered, not whether they said yes.
      response.end(`function startChat() {
  if (document.cookie.includes('${consent.name.pattern}=')) {
    document.cookie = '${entry('zendesk_chat_visitor').name.pattern}=v1; Max-Age=3600; Path=/';
  }
}
startChat();`);
      return;
    }
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    const answered = (request.headers.cookie ?? '').includes(`${consent.name.pattern}=`);
    response.end(`<!doctype html><html lang="en"><head><title>Shop</title></head><body>
${answered ? '' : BANNER}<main><h1>Shop</h1></main><script src="/chat.js"></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

/** The report as Chromium shows it (from its file, as a reader opens it). */
async function open<T>(file: string, look: (page: Page) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    const result = await look(page);
    // One file: nothing else is loaded to show it.
    expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual(
      [],
    );
    return result;
  } finally {
    await browser.close();
  }
}

/** The JSON the report attached (its download link), and the hash the report states for it. */
async function attached(page: Page) {
  const href = (await page.locator('a[download]').getAttribute('href')) ?? '';
  const text = Buffer.from(href.replace(/^data:application\/json;base64,/, ''), 'base64').toString(
    'utf8',
  );
  const stated = await page.locator('dt:text-is("SHA-256 of the JSON") + dd code').textContent();
  return { text, stated };
}

describe('the HTML report of a site that sets an optional cookie after a refusal', () => {
  it('shows the finding beside the cookie, the script that set it and the screenshot; axe finds nothing', async () => {
    const chat = entry('zendesk_chat_visitor');
    const html = join(out, 'report.html');
    const run = await runCli(
      [
        'audit',
        `${origin}/`,
        '--catalog',
        dir,
        '--pages',
        '1',
        '--passes',
        'before,reject',
        '--format',
        'html',
        '--out',
        html,
      ],
      dir,
    );
    expect(run.stderr).toMatch(/wrote /);
    expect(run.code).toBe(1);
    const seen = await open(html, async (page) => {
      const { text, stated } = await attached(page);
      const json = JSON.parse(text) as AuditJson;
      const body = await page.locator('body').textContent();
      const reject = page.locator('section', { has: page.locator('h2:text("after reject")') });
      const row = reject.locator('tr', {
        has: page.locator(`th code:text-is("${chat.name.pattern}")`),
      });
      const image = reject.locator('figure img');
      return {
        json,
        text,
        stated,
        body,
        violations: await axeViolations(page),
        row: await row.textContent(),
        image: await image.evaluate((img: HTMLImageElement) => {
          // The banner's background, where the screenshot shows the top of the page.
          const canvas = document.createElement('canvas');
          canvas.width = img.naturalWidth;
          canvas.height = img.naturalHeight;
          const context = canvas.getContext('2d') as CanvasRenderingContext2D;
          context.drawImage(img, 0, 0);
          return {
            src: img.src.slice(0, 23),
            width: img.naturalWidth,
            height: img.naturalHeight,
            banner: [...context.getImageData(40, 20, 1, 1).data.slice(0, 3)],
          };
        }),
        scripts: await page.locator('script').count(),
      };
    });
    expect(seen.violations).toEqual([]);
    expect(seen.scripts).toBe(0);
    // The hash the page states is the attached JSON's; every finding of it is in the page.
    expect(seen.stated).toBe(createHash('sha256').update(seen.text).digest('hex'));
    expect(seen.json.problems.length).toBeGreaterThan(0);
    for (const problem of seen.json.problems) {
      expect(seen.body).toContain(escapeInvisible(problem.message));
      expect(seen.body).toContain(escapeInvisible(problem.fix));
    }
    // The refusal's finding sits in the chat cookie's row, with the script that set it.
    const afterReject = seen.json.problems.find((p) => p.rule === 'audit/after-reject');
    expect(afterReject?.pass).toBe('after reject');
    expect(seen.row).toContain(afterReject?.message);
    expect(seen.row).toMatch(new RegExp(`script on ${origin}/: .*startChat.*${origin}/chat\\.js`));
    // The screenshot: a JPEG of the viewport, taken on the first page before the click.
    const view = seen.json.passes.find((p) => p.name === 'after reject')?.firstView;
    expect(seen.image).toMatchObject({
      src: 'data:image/jpeg;base64,',
      width: view?.viewport.width,
      height: view?.viewport.height,
    });
    // #fde68a, the banner's background, within JPEG's error: the banner was on screen.
    const [r, g, b] = seen.image.banner as [number, number, number];
    expect(Math.abs(r - 0xfd) + Math.abs(g - 0xe6) + Math.abs(b - 0x8a)).toBeLessThan(30);
    expect(view?.screenshot?.base64.length).toBeLessThan(200_000);
    // The provenance a supervisor asks for.
    const provenance = seen.json.provenance;
    expect(provenance?.catalogVersion).toBe(catalog.version);
    expect(provenance?.browser.thirdPartyCookies).toBe('allowed');
    expect(provenance?.browser.version).toMatch(/^(Headless)?Chrome\/\d+/);
    expect(provenance?.pageLimit).toBe(1);
    for (const fact of [
      provenance?.startedAt,
      provenance?.tool,
      provenance?.browser.userAgent,
      `${view?.viewport.width} × ${view?.viewport.height}`,
      'third-party cookies allowed',
    ])
      expect(seen.body).toContain(fact);

    // From the saved JSON, the same file.
    const saved = join(out, 'audit.json');
    await writeFile(saved, seen.text);
    const again = await runCli(['audit', 'report', saved, '--out', join(out, 'again.html')], dir);
    expect(again).toMatchObject({ code: 0, stdout: '' });
    expect(await readFile(join(out, 'again.html'), 'utf8')).toBe(await readFile(html, 'utf8'));
  });

  it('is inert with the hostile names, keys and addresses a site gives it; --organisations names its tracker', async () => {
    const html = join(out, 'hostile.html');
    await writeFile(
      join(out, 'orgs.json'),
      JSON.stringify({ 'tracker.localhost': 'Tracker <Ltd>' }),
    );
    const run = await runCli(
      [
        'audit',
        `${origin}/hostile`,
        '--catalog',
        dir,
        '--pages',
        '1',
        '--passes',
        'before',
        '--format',
        'html',
        '--out',
        html,
        '--organisations',
        join(out, 'orgs.json'),
      ],
      dir,
    );
    expect(run.stderr).toMatch(/wrote /);
    // Without the page's Content-Security-Policy: the escaping alone keeps it inert.
    const bare = join(out, 'hostile-without-csp.html');
    await writeFile(
      bare,
      (await readFile(html, 'utf8')).replace(
        /<meta http-equiv="Content-Security-Policy"[^>]*>/,
        '',
      ),
    );
    const seen = await open(bare, async (page) => ({
      pwned: await page.evaluate(() => (window as unknown as { pwned?: number }).pwned),
      scripts: await page.locator('script').count(),
      svg: await page.locator('svg').count(),
      body: (await page.locator('body').textContent()) ?? '',
      tracker:
        (await page
          .locator('tr', {
            has: page.locator(`th code:text-is("tracker.localhost:${new URL(origin).port}")`),
          })
          .textContent()) ?? '',
      ...(await attached(page)),
      // With storage keys and requests to other sites too, still nothing for axe.
      violations: await axeViolations(page),
    }));
    expect(seen).toMatchObject({ pwned: undefined, scripts: 0, svg: 0, violations: [] });
    const json = JSON.parse(seen.text) as AuditJson;
    const pass = json.passes[0];
    // What the browser stored is what the page shows, as text.
    expect(pass?.cookies.map((c) => c.name)).toEqual(expect.arrayContaining([...HOSTILE_COOKIES]));
    for (const name of [...HOSTILE_COOKIES, ...HOSTILE_KEYS])
      expect(seen.body).toContain(escapeInvisible(name));
    expect(seen.body).not.toContain('\u202E');
    for (const request of pass?.requests ?? []) expect(seen.body).toContain(request.url);
    expect(seen.tracker).toContain('Tracker <Ltd> (your list)');
    expect(seen.body).toMatch(/script on .*\/x\.js\?a=%22%3E%3C\/code%3E/);
  });

  it('--redact leaves query strings and screenshots out of the report and the JSON', async () => {
    const state = join(out, 'state.json');
    await writeFile(state, JSON.stringify({ cookies: [], origins: [] }));
    const html = join(out, 'redacted.html');
    const run = await runCli(
      [
        'audit',
        `${origin}/account?session=s3cr3t-token#inbox`,
        '--catalog',
        dir,
        '--pages',
        '1',
        '--passes',
        'before',
        '--storage-state',
        state,
        '--redact',
        '--format',
        'html',
        '--out',
        html,
      ],
      dir,
    );
    expect(run.stderr).toMatch(/wrote /);
    const file = await readFile(html, 'utf8');
    const { text, body, images } = await open(html, async (page) => ({
      ...(await attached(page)),
      body: await page.locator('body').textContent(),
      images: await page.locator('img').count(),
    }));
    expect(images).toBe(0);
    for (const shown of [file, text, body]) {
      expect(shown).not.toContain('s3cr3t');
      expect(shown).not.toContain('#inbox');
    }
    expect(body).toContain(`${origin}/account`);
    const json = JSON.parse(text) as AuditJson;
    expect(json.provenance?.redacted).toBe(true);
    expect(json.passes[0]?.firstView?.screenshot).toBeUndefined();
    expect(json.passes[0]?.pages).toEqual([`${origin}/account`]);
    // Redacted, each finding still says which pass it is of (where the report places it).
    expect(json.problems.length).toBeGreaterThan(0);
    for (const problem of json.problems.filter((p) => p.rule !== 'audit/not-seen'))
      expect(problem.pass, problem.message).toBe('before consent');
    // The text report of such a run too (the progress lines are the user's own terminal).
    const plain = await runCli(
      [
        'audit',
        `${origin}/account?session=s3cr3t-token#inbox`,
        '--catalog',
        dir,
        '--pages',
        '1',
        '--passes',
        'before',
        '--redact',
      ],
      dir,
    );
    expect(plain.stdout).toContain(`${origin}/account`);
    expect(plain.stdout).not.toContain('s3cr3t');
  });
});
