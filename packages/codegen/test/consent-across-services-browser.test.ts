import { type ChildProcess, spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCatalog } from '@cookie-catalog/catalog';
import { type Browser, launchChromium } from '@cookie-catalog/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACME_PACKAGES,
  editedCatalog,
  STATISTICS,
  THREE_SERVICES_SHARED,
} from '../../catalog/test/catalog-copy.js';
import { type BuiltPackages, buildPackages } from './built-packages.js';
import { COMPILE_TIMEOUT } from './compile-strict.js';

/*
 * Issue #31's acceptance in Chromium: one answer holds across the services that share it and not
 * across those that do not. The fixture as three services, moved to names Chromium sends to
 * 127.0.0.1 and treats as secure (`*.localhost`; ports do not separate cookies): the platform
 * (app.billogram.localhost) and the help centre (help.billogram.localhost) under
 * consent.sharedAcross: billogram.localhost, and the Swedish site (www.billogramse.localhost)
 * outside it. The help centre's chat is on the platform's pages too (its category, help-center,
 * is asked about there). One small server answers for all three hosts with the generated consent
 * package, built as a product team installs it.
 */

let built: BuiltPackages;
let server: ChildProcess;
let port: number;
let browser: Browser;
const hosts = {
  platform: 'app.billogram.localhost',
  help: 'help.billogram.localhost',
  se: 'www.billogramse.localhost',
} as const;

beforeAll(async () => {
  const dir = await editedCatalog([
    ...THREE_SERVICES_SHARED,
    ...STATISTICS,
    ACME_PACKAGES,
    // The chat loads on the platform's pages too, as our source policy says.
    ...['zendesk_chat_privacy', 'zendesk_chat_visitor'].map((id) => ({
      file: `cookies/${id}.yaml`,
      find: 'services: [help]',
      with: 'services: [platform, help]',
    })),
  ]);
  for (const file of await readdir(dir, { recursive: true })) {
    if (!/\.(ya?ml|md)$/.test(file)) continue;
    const text = await readFile(join(dir, file), 'utf8');
    await writeFile(
      join(dir, file),
      text
        .replaceAll('billogram.com', 'billogram.localhost')
        .replaceAll('billogram.se', 'billogramse.localhost'),
    );
  }
  const loaded = await loadCatalog(dir);
  if (!loaded.catalog)
    throw new Error(loaded.problems.map((p) => `${p.rule} ${p.message}`).join('\n'));
  const catalog = loaded.catalog;
  built = await buildPackages(catalog, ['server', 'docs', 'consent']);
  const script = join(built.root, 'site.mjs');
  await writeFile(
    script,
    `import { createServer } from 'node:http';
import { applyConsentForm, consentBanner, needsAnswer, readConsent } from '${catalog.packages.consent}';
const services = ${JSON.stringify(Object.fromEntries(Object.entries(hosts).map(([id, host]) => [host, id])))};
createServer((request, response) => {
  const service = services[(request.headers.host ?? '').replace(/:\\d+$/, '')];
  if (!service) { response.writeHead(404).end(); return; }
  if (request.method === 'POST') {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', async () => {
      await applyConsentForm(response, new URLSearchParams(body), { records: null, cookieHeader: request.headers.cookie, service });
      response.writeHead(303, { Location: '/' }).end();
    });
    return;
  }
  const consent = readConsent(request.headers.cookie ?? '');
  const question = needsAnswer(consent, service) ? consentBanner('en', { action: '/consent' }, service) : '<p id="answered">No question: answered.</p>';
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.end('<!doctype html><html lang="en"><head><title>' + service + '</title></head><body><main><h1>' + service + '</h1></main>' + question + '</body></html>');
}).listen(0, '127.0.0.1', function () { console.log(this.address().port); });
`,
  );
  server = spawn(process.execPath, [script], {
    cwd: built.root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  port = await new Promise<number>((resolve, reject) => {
    server.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    server.once('exit', (code) => reject(new Error(`the site exited (${code})`)));
  });
  browser = await launchChromium();
}, COMPILE_TIMEOUT * 2);

afterAll(async () => {
  await browser?.close();
  server?.kill();
  await built?.remove();
});

const url = (service: keyof typeof hosts) => `http://${hosts[service]}:${port}/`;

describe('one answer across the services that share it, in Chromium', () => {
  it('answered once on the platform: not asked again on the help centre; asked on the Swedish site', async () => {
    const { context } = browser;
    const page = await context.newPage();
    await page.goto(url('platform'));
    await page.getByRole('button', { name: /accept/i }).click();
    await page.locator('#answered').waitFor();
    // The browser kept one cookie of the parent domain, which Chromium accepted on this host.
    const cookies = (await context.cookies(url('platform'))).filter(
      (c) => c.name === 'billogramGDPR',
    );
    expect(cookies.map((c) => c.domain)).toEqual(['.billogram.localhost']);

    await page.goto(url('help'));
    await page.locator('h1', { hasText: 'help' }).waitFor();
    expect(await page.locator('#answered').count()).toBe(1);
    expect(await page.locator('.cookie-consent').count()).toBe(0);

    await page.goto(url('se'));
    await page.locator('h1', { hasText: 'se' }).waitFor();
    expect(await page.locator('.cookie-consent').count()).toBe(1);
    await page.close();
  }, 60_000);
});
