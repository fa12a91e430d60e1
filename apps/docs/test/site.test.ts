import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadCatalog } from '@cookie-catalog/catalog';
import { htmlPolicyGenerator, runGenerator } from '@cookie-catalog/codegen';
import {
  axeViolations,
  type Browser,
  type LocalServer,
  launchChromium,
  serveStatic,
} from '@cookie-catalog/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editedCatalog } from '../../../packages/catalog/test/catalog-copy.js';

const exec = promisify(execFile);
const SITE = fileURLToPath(new URL('..', import.meta.url));
const BUILT = join(SITE, '.vitepress', 'dist');
const CATALOG = fileURLToPath(new URL('../../../catalog/', import.meta.url));
const SCREENSHOTS = new URL('../../../reports/screenshots/', import.meta.url);
const VITEPRESS = join(SITE, '..', '..', 'node_modules', 'vitepress', 'bin', 'vitepress.js');

describe('the docs site (built by the README build command), in headless Chromium', () => {
  let server: LocalServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveStatic(BUILT);
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([
    ['en', '/', '/sv/'],
    ['sv', '/sv/', '/'],
  ])(
    '%s shows a table row for every catalog entry, has no axe violations, and switches language',
    async (locale, path, other) => {
      const { catalog } = await loadCatalog(CATALOG);
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}${path}`);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      const rows = await page.locator('.cookie-table th[scope="row"] code').allTextContents();
      expect(rows.sort()).toEqual((catalog?.entries ?? []).map((e) => e.name.pattern).sort());
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({
        path: new URL(`docs-site-${locale}.png`, SCREENSHOTS).pathname,
        fullPage: true,
      });
      await page.click('.cookie-policy-language a');
      await page.waitForURL(`${server.origin}${other}`);
      expect(await page.getAttribute('html', 'lang')).toBe(locale === 'en' ? 'sv' : 'en');
    },
  );

  it('a build from a catalog with one extra cookie shows that cookie on the site', async () => {
    const dir = await editedCatalog([
      { file: 'cookies/zz-extra.yaml', copyOf: 'cookies/language.yaml', with: '' },
      { file: 'cookies/zz-extra.yaml', find: 'id: language', with: 'id: extra_cookie' },
      { file: 'cookies/zz-extra.yaml', find: 'name: language', with: 'name: extra_cookie' },
    ]);
    const { catalog } = await loadCatalog(dir);
    if (!catalog) throw new Error('the edited catalog does not validate');
    const docs = join(dir, '..', 'docs');
    await mkdir(docs, { recursive: true });
    for (const file of runGenerator(htmlPolicyGenerator, catalog))
      await writeFile(join(docs, file.path), file.contents);
    const out = join(dir, '..', 'site');
    await exec(process.execPath, [VITEPRESS, 'build', '--outDir', out], {
      cwd: SITE,
      env: { ...process.env, COOKIE_POLICY_DOCS: join(docs, 'index.ts') },
    });
    for (const page of ['index.html', 'sv/index.html']) {
      expect(await readFile(join(out, page), 'utf8')).toContain('<code>extra_cookie</code>');
    }
    expect(await readFile(join(BUILT, 'index.html'), 'utf8')).not.toContain('extra_cookie');
  }, 120_000);
});
