import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Catalog, type CatalogEntry, loadCatalog } from '@cookie-catalog/catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editedCatalog } from '../../catalog/test/catalog-copy.js';
import { runCli } from '../../cli/test/run-cli.js';
import { auditSite } from '../src/index.js';
import { UNUSED_BY_TEST_SITES, withoutEntries } from './site-catalog.js';

/*
 * The reject path, Global Privacy Control and the consent question itself, in Chromium against a
 * local site whose banner is the generated one (question.hbs: a form that posts accept or
 * reject). The site's chat script checks only that the visitor answered, not what: it sets its
 * optional cookie after a refusal too (the acceptance), and after "accept all" with GPC
 * on, where its category is advertising (Consent Mode ad_storage).
 */

let catalog: Catalog;
let dir: string;
let server: Server;
let origin: string;
/** What the site was told about GPC: the request header, and what its script read. */
const gpcSeen = { header: [] as string[], script: [] as string[] };

const entry = (id: string) => catalog.entries.find((e) => e.id === id) as CatalogEntry;

/** The generated banner's markup (question.hbs), with extra HTML inside the form. */
const banner = (extra = '', rejectStyle = '') =>
  `<div class="cookie-consent" role="region" aria-label="Cookies" lang="en"><h2 class="cookie-consent-title">Cookies</h2><p>May we?</p><form method="post" action="/consent">${extra}<button type="submit" name="cookies" value="accept">Accept optional cookies</button> <button type="submit" name="cookies" value="reject"${rejectStyle}>Reject optional cookies</button></form></div>`;

const PAGES: Record<string, string> = {
  '/good': banner(),
  // Small and pale, with the optional category ticked; the page's own script claims otherwise.
  '/tiny': `${banner(
    '<label><input type="checkbox" name="help-center" checked> Help centre and chat</label><label><input type="checkbox" name="necessary" checked disabled> Necessary</label>',
    ' style="font-size:7px;padding:0;border:0;color:#bbb;background:#fff"',
  )}<script>
  // A page cannot make its reject button look larger or darker to the audit.
  Element.prototype.getBoundingClientRect = () => ({ x: 0, y: 0, top: 0, left: 0, right: 500, bottom: 500, width: 500, height: 500 });
  window.getComputedStyle = () => ({ color: 'rgb(0, 0, 0)', backgroundColor: 'rgb(255, 255, 255)', display: 'block', visibility: 'visible', opacity: '1' });
</script>`,
  // Another consent tool: accept a button, "reject" a link to its settings.
  '/other': `<div id="cmp" role="dialog"><p>We value your privacy.</p><button id="allow">Allow all</button> <a id="deny" href="/other?settings">Manage settings</a></div>`,
  '/none': `<div class="cookie-consent"><form method="post" action="/consent"><button type="submit" name="cookies" value="accept">OK</button></form></div>`,
};

beforeAll(async () => {
  dir = await editedCatalog([
    // Everything the site does not use, so nothing else is an error.
    ...withoutEntries(UNUSED_BY_TEST_SITES),
    // The chat's category is advertising for Google Consent Mode.
    {
      file: 'policy.yaml',
      find: '    openCookieDatabase: Functional\n',
      with: '    openCookieDatabase: Functional\n    consentMode: [ad_storage]\n',
    },
  ]);
  const loaded = await loadCatalog(dir);
  if (!loaded.catalog) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  catalog = loaded.catalog;
  const consent = entry('billogramGDPR');
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const gpc = request.headers['sec-gpc'];
    if (typeof gpc === 'string') gpcSeen.header.push(gpc);
    if (path === '/gpc') {
      gpcSeen.script.push(new URL(request.url ?? '/', 'http://127.0.0.1').search);
      response.end();
      return;
    }
    if (path === '/consent' && request.method === 'POST') {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        const yes = new URLSearchParams(body).get('cookies') === 'accept';
        const value = encodeURIComponent(JSON.stringify({ version: 3, 'help-center': yes }));
        response.writeHead(303, {
          Location: request.headers.referer ?? '/good',
          'Set-Cookie': `${consent.name.pattern}=${value}; Max-Age=31536000; Path=/; Secure; SameSite=Lax`,
        });
        response.end();
      });
      return;
    }
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(`<!doctype html><html lang="en"><head><title>Shop</title></head><body>
${PAGES[path] ?? ''}<main><h1>Shop</h1></main>
<script>
  fetch('/gpc?' + navigator.globalPrivacyControl);
  // The chat's loader asks whether the visitor answered, not whether they said yes.
  if (document.cookie.includes('${consent.name.pattern}=')) {
    document.cookie = '${entry('zendesk_chat_visitor').name.pattern}=v1; Max-Age=3600; Path=/';
  }
</script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

const errors = (audit: Awaited<ReturnType<typeof auditSite>>) =>
  audit.problems.filter((p) => p.severity === 'error');

describe('the reject pass and the GPC pass', () => {
  it('report an optional cookie set after a refusal, and an advertising one despite GPC', async () => {
    const chat = entry('zendesk_chat_visitor');
    const audit = await auditSite(catalog, {
      url: `${origin}/good`,
      pages: 1,
      passes: ['reject', 'gpc'],
    });
    expect(audit.passes.map((p) => p.name)).toEqual(['after reject', 'gpc, after consent']);
    // The refusal was recorded by the site: its consent cookie says no.
    const reject = audit.passes[0];
    expect(reject?.cookies.find((c) => c.name === 'billogramGDPR')).toBeDefined();
    expect(errors(audit).map((p) => `${p.rule} ${p.file}`)).toEqual([
      `audit/after-reject ${origin}/good`,
      `audit/gpc-advertising ${origin}/good`,
    ]);
    const [afterReject, gpc] = errors(audit);
    expect(afterReject?.message).toMatch(
      new RegExp(
        `^${chat.name.pattern} \\(127\\.0\\.0\\.1/\\) \\(zendesk_chat_visitor, category help-center\\) is stored after the visitor rejected, set by script on ${origin}/good: `,
      ),
    );
    expect(gpc?.message).toContain(
      'an advertising category) is stored although the browser sends Global Privacy Control, set by script',
    );
    // The generated banner passes the supervisor's reading.
    expect(audit.problems.filter((p) => p.rule.startsWith('audit/banner-'))).toEqual([]);
    expect(reject?.banner?.reject).toMatchObject({ kind: 'button', visible: true });
    // GPC reached the site both ways, in the GPC pass only.
    expect(gpcSeen.header.length).toBeGreaterThan(0);
    expect(gpcSeen.header.every((v) => v === '1')).toBe(true);
    expect(gpcSeen.script).toContain('?true');
    expect(gpcSeen.script).toContain('?undefined');
  });
});

describe('the consent question, read as a supervisor would', () => {
  it('a tiny, pale reject button and a preselected optional category are findings', async () => {
    const audit = await auditSite(catalog, {
      url: `${origin}/tiny`,
      pages: 1,
      passes: ['reject'],
    });
    const banner = audit.problems.filter((p) => p.rule.startsWith('audit/banner-'));
    expect(banner.map((p) => p.rule).sort()).toEqual([
      'audit/banner-preselected',
      'audit/banner-reject-prominence',
    ]);
    const prominence = banner.find((p) => p.rule === 'audit/banner-reject-prominence');
    expect(prominence?.severity).toBe('error');
    expect(prominence?.message).toMatch(
      /^rejecting is less prominent than accepting: reject is [\d.]+×[\d.]+ px, \d+ % of accept's [\d.]+×[\d.]+ px \(at least 80 %\); reject's text contrast is 1\.\d+:1 \(at least 4\.5:1\)$/,
    );
    expect(banner.find((p) => p.rule === 'audit/banner-preselected')?.message).toBe(
      'the consent question has optional choices already ticked: "Help centre and chat"',
    );
  });

  it('another site’s banner through --reject-selector: a link is not a button', async () => {
    const audit = await auditSite(catalog, {
      url: `${origin}/other`,
      pages: 1,
      passes: ['reject'],
      rejectSelector: '#deny',
      acceptSelector: '#allow',
    });
    expect(
      audit.problems.filter((p) => p.rule.startsWith('audit/banner-')).map((p) => p.message),
    ).toEqual([
      expect.stringMatching(
        /^rejecting is less prominent than accepting: reject is <a>, accept <button> \(not the same kind of element\)/,
      ),
    ]);
    expect(audit.passes[0]?.banner).toMatchObject({
      acceptSelector: '#allow',
      rejectSelector: '#deny',
      reject: { kind: 'a', text: 'Manage settings', visible: true },
    });
    expect(audit.warnings).toEqual([]);
  });

  it('no reject control on the first layer is a finding', async () => {
    const audit = await auditSite(catalog, { url: `${origin}/none`, pages: 1, passes: ['reject'] });
    expect(
      audit.problems.filter((p) => p.rule.startsWith('audit/banner-')).map((p) => p.message),
    ).toEqual([
      'the first page has no reject control (.cookie-consent button[value="reject"]), but has an accept control (.cookie-consent button[value="accept"])',
    ]);
    expect(audit.warnings.map((w) => w.message)).toContain(
      '.cookie-consent button[value="reject"] could not be clicked',
    );
  });
});

describe('the issue’s acceptance, on the command line', () => {
  it('the reject pass reports the cookie; a second run with the first as baseline, no drift', async () => {
    const out = await mkdtemp(join(tmpdir(), 'audit-reject-'));
    const baseline = join(out, 'first.json');
    const run = (...args: string[]) =>
      runCli(
        [
          'audit',
          `${origin}/good`,
          '--catalog',
          dir,
          '--pages',
          '1',
          '--passes',
          'reject',
          ...args,
        ],
        dir,
      );
    const first = await run('--format', 'json', '--out', baseline);
    expect(first.code).toBe(1);
    const report = JSON.parse(await readFile(baseline, 'utf8'));
    expect(report.passes[0].name).toBe('after reject');
    expect(report.passes[0].banner.reject).toMatchObject({ kind: 'button', visible: true });
    expect(report.problems.map((p: { rule: string }) => p.rule)).toContain('audit/after-reject');
    const second = await run('--baseline', baseline, '--fail-on', 'drift');
    expect(second.stdout).toMatch(/audit\/after-reject/);
    expect(second.stdout).not.toMatch(/audit\/drift-/);
    expect(second.stdout).toMatch(/^no drift since the baseline$/m);
    expect(second.code).toBe(0);
  });
});

describe('choosing passes on the command line', () => {
  it('a pass that does not exist, or --reject-selector without the reject pass: exit 2', async () => {
    const run = (...args: string[]) =>
      runCli(['audit', `${origin}/good`, '--catalog', dir, '--pages', '1', ...args], dir);
    const unknown = await run('--passes', 'before,decline');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'cookie-catalog: audit: --passes takes a list of before, after, reject, gpc, not "decline"\n',
    );
    const selector = await run('--reject-selector', '#no');
    expect(selector.code).toBe(2);
    expect(selector.stderr).toBe(
      'cookie-catalog: audit: --reject-selector is for the reject pass; add reject to --passes\n',
    );
    const none = await run('--consent', 'none', '--passes', 'before,gpc');
    expect(none.code).toBe(2);
  });
});
