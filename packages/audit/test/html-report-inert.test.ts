import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { escapeInvisible } from '@cookie-catalog/catalog';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/test/run-cli.js';
import {
  type AuditJson,
  auditJsonText,
  CHROMIUM,
  CHROMIUM_ARGS,
  parseAuditJson,
  renderAuditHtml,
} from '../src/index.js';

/*
 * The report is inert whatever the site put in it: names, keys, addresses and stacks from the
 * hardening issue's hostile list (script and style tags, attribute breakouts, javascript:
 * addresses, bidirectional overrides, very long strings) are text in the page. Chromium opens
 * the report as it is and again with its Content-Security-Policy taken out, so that the
 * escaping alone is tested: no script runs either way, and each hostile string reads as text.
 */

const HOSTILE = [
  '<script>window.pwned = 1</script>',
  '</style><script>window.pwned = 2</script>',
  '"onload="window.pwned = 3',
  "' onerror='window.pwned = 4' x='",
  '<img src=x onerror="window.pwned = 5">',
  'javascript:window.pwned = 6',
  '</textarea><svg onload="window.pwned = 7">',
  '<!-- --><a href="https://evil.example/">x</a>',
  'invoice\u202Efdp.exe',
  `${'A'.repeat(20_000)}<b>long</b>`,
] as const;

const at = (i: number) => HOSTILE[i % HOSTILE.length] as string;
const page = (i: number) => `https://shop.example/${encodeURIComponent(at(i))}?q=${at(i + 1)}`;

/** A saved run whose every page-controlled field holds a hostile string. */
function hostileRun(): AuditJson {
  const cookies = HOSTILE.map((name, i) => ({
    name,
    domain: i % 2 ? `.${at(i + 2)}` : 'shop.example',
    path: `/${at(i + 3)}`,
    expires: -1,
    httpOnly: false,
    secure: true,
    sameSite: 'Lax' as const,
    partitionKey: undefined,
    seenAt: 1_764_979_200,
    page: 'https://shop.example/',
    setBy: `script on ${page(i)}: at x (${at(i + 4)}:1:2) | at ${at(i + 5)}`,
  }));
  return {
    schemaVersion: 2,
    url: 'https://shop.example/',
    provenance: {
      startedAt: '2026-12-06T10:00:00.000Z',
      finishedAt: '2026-12-06T10:01:00.000Z',
      tool: 'cookie-catalog 0.1.0',
      auditVersion: '0.1.0',
      catalogVersion: at(0),
      browser: {
        version: at(1),
        userAgent: at(2),
        viewport: { width: 1280, height: 720 },
        thirdPartyCookies: 'allowed',
      },
      pageLimit: 20,
      redacted: false,
    },
    errors: HOSTILE.length,
    notes: 0,
    warnings: HOSTILE.map((message, i) => ({ pass: 'before consent', page: page(i), message })),
    passes: [
      {
        name: 'before consent',
        pages: ['https://shop.example/', ...HOSTILE.map((_, i) => page(i))],
        cookies,
        storage: HOSTILE.map((key, i) => ({
          kind: 'localStorage' as const,
          origin: `https://${at(i + 1)}`,
          key,
          page: page(i),
        })),
        requests: HOSTILE.map((_, i) => ({
          url: `https://tracker.example/${at(i)}`,
          host: at(i + 6),
          type: at(i + 7),
          invisible: true,
          page: page(i),
        })),
        popups: 0,
        notes: HOSTILE.map((message, i) => ({ page: page(i), message })),
      },
    ],
    problems: HOSTILE.map((text, i) => ({
      page: page(i),
      line: 0,
      column: 0,
      rule: 'audit/undeclared-cookie',
      severity: 'error' as const,
      message: `the cookie ${text} is stored`,
      fix: `stop ${at(i + 1)}`,
      pass: 'before consent' as const,
      subject: {
        kind: 'cookie' as const,
        name: text,
        domain: cookies[i]?.domain ?? '',
        path: cookies[i]?.path ?? '',
      },
    })),
  };
}

let html: string;
let json: AuditJson;
let jsonText: string;

beforeAll(() => {
  jsonText = auditJsonText(hostileRun());
  // Through the reader, as `audit report` takes a saved file.
  json = parseAuditJson(jsonText, 'hostile.json');
  html = renderAuditHtml(json, { jsonText });
});

describe('the HTML report with hostile names, addresses and stacks', () => {
  it.each([
    ['as written', (text: string) => text],
    [
      'without its Content-Security-Policy',
      (text: string) => text.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
    ],
  ])('runs no script and shows each string as text (%s)', async (_, edit) => {
    const file = join(await mkdtemp(join(tmpdir(), 'report-inert-')), 'report.html');
    const written = edit(html);
    if (written === html) expect(html).toContain('Content-Security-Policy');
    else expect(written).not.toContain('Content-Security-Policy');
    await writeFile(file, written);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS],
    });
    try {
      const tab = await browser.newPage();
      const dialogs: string[] = [];
      tab.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const requests: string[] = [];
      tab.on('request', (r) => requests.push(r.url()));
      await tab.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const seen = await tab.evaluate(() => ({
        pwned: (window as unknown as { pwned?: number }).pwned,
        scripts: document.scripts.length,
        styles: document.querySelectorAll('style').length,
        handlers: [...document.querySelectorAll('*')].flatMap((e) =>
          [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name),
        ),
        links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? ''),
        images: [...document.images].map((i) => i.getAttribute('src') ?? ''),
        text: document.body.textContent ?? '',
        elements: [...new Set([...document.querySelectorAll('body *')].map((e) => e.localName))],
      }));
      expect(seen.pwned).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(seen.scripts).toBe(0);
      expect(seen.styles).toBe(1);
      expect(seen.handlers).toEqual([]);
      expect(seen.images).toEqual([]);
      for (const href of seen.links)
        expect(href).toMatch(/^(#[a-z0-9-]+|data:application\/json;base64,[A-Za-z0-9+/=]+)$/);
      // Only the report's own markup: no svg, textarea, img or b from the site.
      expect(
        seen.elements.filter((e) =>
          ['svg', 'textarea', 'img', 'b', 'script', 'iframe'].includes(e),
        ),
      ).toEqual([]);
      expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
      for (const hostile of HOSTILE) expect(seen.text).toContain(escapeInvisible(hostile));
      // The override is shown as \u{202E}, never obeyed.
      expect(seen.text).not.toContain('\u202E');
      expect(seen.text).toContain('invoice\\u{202E}fdp.exe');
      for (const problem of json.problems)
        expect(seen.text).toContain(escapeInvisible(problem.message));
    } finally {
      await browser.close();
    }
  });
});

describe('reading a saved JSON run', () => {
  const v1 = fileURLToPath(new URL('./fixtures/baseline-v1.json', import.meta.url));

  it('a screenshot that is not base64 cannot reach the page', () => {
    const run = hostileRun();
    const bad = {
      ...run,
      passes: run.passes.map((p) => ({
        ...p,
        firstView: {
          screenshot: { mediaType: 'image/jpeg', base64: 'AAAA" onerror="window.pwned=1' },
          viewport: { width: 1, height: 1 },
          browserVersion: 'x',
          userAgent: 'x',
        },
      })),
    };
    expect(() => parseAuditJson(JSON.stringify(bad), 'bad.json')).toThrow(
      'bad.json: passes[0].firstView.screenshot.base64 is not base64; give the JSON of a run (cookie-catalog audit URL --format json --out FILE)',
    );
  });

  it('a version-1 run makes a report that says what it lacks', async () => {
    const text = await readFile(v1, 'utf8');
    const parsed = parseAuditJson(text, 'v1.json');
    const page = renderAuditHtml(parsed, { jsonText: text });
    expect(page).toContain('not recorded: the JSON was written by a version without provenance');
    for (const problem of parsed.problems) expect(page).toContain(problem.rule);
  });

  it.each([
    ['{', 'x.json: the file is not JSON'],
    ['[]', 'x.json: the file is not a JSON object'],
    ['{"schemaVersion": 9}', 'x.json: schemaVersion is 9, not one this version reads (1, 2)'],
    [
      '{"schemaVersion": 2, "url": "u", "passes": [{"name": "later", "pages": []}]}',
      'x.json: passes[0].name is not one of before consent, after consent, after reject, gpc, after consent',
    ],
  ])('%s is refused: %s', (text, message) => {
    expect(() => parseAuditJson(text, 'x.json')).toThrow(message);
  });
});

describe('audit report on the command line', () => {
  it('writes FILE.html beside a saved run; a mistake is one line and exit 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-cli-'));
    await writeFile(join(dir, 'run.json'), jsonText);
    const ok = await runCli(['audit', 'report', 'run.json'], dir);
    expect(ok).toMatchObject({ code: 0, stdout: '' });
    expect(ok.stderr).toBe(`✓ wrote run.html (${json.errors} errors, 1 pass)\n`);
    expect(await readFile(join(dir, 'run.html'), 'utf8')).toBe(html);

    await writeFile(join(dir, 'orgs.json'), '{"tracker..example": "X"}');
    await writeFile(join(dir, 'latin1.json'), Buffer.from([0x7b, 0xe9, 0x7d]));
    const cases: [string[], string][] = [
      [
        ['audit', 'report'],
        'cookie-catalog: audit report: needs the JSON of a run: cookie-catalog audit report audit.json --out report.html (make it with audit URL --format json --out audit.json)\n',
      ],
      [
        ['audit', 'report', 'gone.json'],
        'cookie-catalog: audit report: gone.json: no such file; give the JSON of a run (audit URL --format json --out FILE)\n',
      ],
      [
        ['audit', 'report', 'run.json', '--organisations', 'orgs.json'],
        'cookie-catalog: audit report: --organisations orgs.json: "tracker..example" is not a host name (letters, digits, hyphens and dots, e.g. cdn.example.net); write a JSON object from host name to organisation, e.g. {"cdn.example.net": "Example AB"}\n',
      ],
      [
        ['audit', 'report', 'latin1.json'],
        'cookie-catalog: audit report: latin1.json is not UTF-8 text; give the JSON of a run as --format json wrote it\n',
      ],
      [
        ['audit', 'https://shop.example/', '--organisations', 'orgs.json'],
        'cookie-catalog: audit: --organisations names hosts in the HTML report; add --format html --out report.html\n',
      ],
      [
        ['audit', 'report', 'run.json', '--pages', '2'],
        'cookie-catalog: audit report does not take --pages; run `cookie-catalog --help` for the commands and options\n',
      ],
      [
        ['audit', 'https://shop.example/', '--format', 'html'],
        'cookie-catalog: audit: --format html writes one file; add --out report.html\n',
      ],
    ];
    for (const [args, stderr] of cases) {
      const run = await runCli(args, dir);
      expect(run).toEqual({ code: 2, stdout: '', stderr });
    }
  });

  it('--organisations names a host by the user’s list before the Open Cookie Database', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-orgs-'));
    const run = hostileRun();
    const host = 'cdn.tracker-co.example';
    const withHost = {
      ...run,
      passes: run.passes.map((p) => ({
        ...p,
        requests: [
          {
            url: `https://${host}/p.gif`,
            host,
            type: 'image',
            invisible: true,
            page: 'https://shop.example/',
          },
        ],
      })),
    };
    await writeFile(join(dir, 'run.json'), JSON.stringify(withHost));
    await writeFile(
      join(dir, 'orgs.json'),
      JSON.stringify({ 'tracker-co.example': 'Tracker & Co <AB>' }),
    );
    const result = await runCli(
      ['audit', 'report', 'run.json', '--organisations', 'orgs.json', '--out', 'r.html'],
      dir,
    );
    expect(result.code).toBe(0);
    const page = await readFile(join(dir, 'r.html'), 'utf8');
    expect(page).toContain('Tracker &#38; Co &#60;AB&#62; <span class="muted">(your list)</span>');
    expect(page).toContain('orgs.json (1 hosts)');
  });
});
