import { execFile } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Catalog, loadCatalog } from '@cookie-catalog/catalog';
import {
  htmlPolicyGenerator,
  ocdCsvGenerator,
  runGenerator,
  tcfDeviceStorageGenerator,
} from '@cookie-catalog/codegen';
import {
  axeViolations,
  type Browser,
  type LocalServer,
  launchChromium,
  serveStatic,
} from '@cookie-catalog/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editedCatalog, THREE_SERVICES } from '../../../packages/catalog/test/catalog-copy.js';

/*
 * Issue #31, item 2, on the docs site: a catalog that declares services gets a page listing them
 * and each service's own policy in every locale, beside the whole catalog's pages (which stay at
 * / and /<locale>/), and each service's exports beside the whole catalog's. Built with VitePress
 * from the fixture as three services, and read in Chromium as a visitor would.
 */

const exec = promisify(execFile);
const SITE = fileURLToPath(new URL('..', import.meta.url));
const VITEPRESS = join(SITE, '..', '..', 'node_modules', 'vitepress', 'bin', 'vitepress.js');

async function write(folder: string, files: readonly { path: string; contents: string }[]) {
  for (const file of files) {
    await mkdir(dirname(join(folder, file.path)), { recursive: true });
    await writeFile(join(folder, file.path), file.contents);
  }
}

describe('the docs site of a catalog with three services, in headless Chromium', () => {
  let catalog: Catalog;
  let server: LocalServer;
  let browser: Browser;
  let exportsDir: string;

  beforeAll(async () => {
    const dir = await editedCatalog(THREE_SERVICES);
    const loaded = await loadCatalog(dir);
    if (!loaded.catalog) throw new Error('test bug: THREE_SERVICES validates');
    catalog = loaded.catalog;
    const root = join(dir, '..');
    await write(join(root, 'docs'), runGenerator(htmlPolicyGenerator, catalog));
    exportsDir = join(root, 'exports');
    await write(exportsDir, [
      ...runGenerator(tcfDeviceStorageGenerator, catalog),
      ...runGenerator(ocdCsvGenerator, catalog),
    ]);
    const out = join(root, 'site');
    const env = {
      ...process.env,
      COOKIE_POLICY_DOCS: join(root, 'docs', 'index.ts'),
      COOKIE_POLICY_PAGES: join(root, 'pages'),
      COOKIE_POLICY_EXPORTS: exportsDir,
    };
    await exec(process.execPath, [join(SITE, 'scripts', 'pages.mjs')], { cwd: SITE, env });
    // Pages outside the repository resolve vue and vitepress like the site does.
    await symlink(join(SITE, '..', '..', 'node_modules'), join(root, 'node_modules'));
    await exec(process.execPath, [VITEPRESS, 'build', '--outDir', out], { cwd: SITE, env });
    server = await serveStatic(out);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const declared = () => catalog.services.filter((s) => !s.implicit);
  const base = (locale: string) => (locale === catalog.defaultLocale ? '/' : `/${locale}/`);
  const namesOn = (id: string) =>
    catalog.entries
      .filter((e) => (e.services.includes(id) || e.reaches?.includes(id)) && !e.group)
      .map((e) => e.name.pattern)
      .sort();

  it('each service has its own page in every locale, listing only its entries, with no axe violations', async () => {
    const page = await browser.context.newPage();
    for (const service of declared()) {
      for (const locale of catalog.locales) {
        await page.goto(`${server.origin}${base(locale)}services/${service.id}/`);
        const name = service.name[locale] ?? '';
        await page.locator('.cookie-policy h1', { hasText: name }).waitFor();
        expect(await page.getAttribute('html', 'lang')).toBe(locale);
        expect(await page.title()).toContain(name);
        const rows = await page.locator('.cookie-table th[scope="row"] code').allTextContents();
        expect(rows.sort(), `${service.id} in ${locale}`).toEqual(namesOn(service.id));
        expect(await page.locator('.policy-scope').textContent()).toContain(name);
        expect(await axeViolations(page)).toEqual([]);
      }
    }
    await page.close();
  }, 120_000);

  it("a service page's language switch leads to the same service in the other language", async () => {
    const page = await browser.context.newPage();
    const [service] = declared();
    const [from, to] = catalog.locales;
    if (!service || !from || !to)
      throw new Error('test bug: the fixture has services and two locales');
    await page.goto(`${server.origin}${base(from)}services/${service.id}/`);
    await page.locator(`.cookie-policy-language a[lang="${to}"]`).click();
    await page.locator('.cookie-policy h1', { hasText: service.name[to] ?? '' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`${base(to)}services/${service.id}/`);
    await page.close();
  }, 60_000);

  it('the whole catalog keeps its page, which leads to a list of the services, each to its page', async () => {
    const page = await browser.context.newPage();
    for (const locale of catalog.locales) {
      await page.goto(`${server.origin}${base(locale)}`);
      await page.locator('.cookie-table').first().waitFor();
      const rows = await page.locator('.cookie-table th[scope="row"] code').allTextContents();
      expect(rows.sort()).toEqual(
        catalog.entries
          .filter((e) => !e.group)
          .map((e) => e.name.pattern)
          .sort(),
      );
      await page.getByRole('link', { name: catalog.labels.servicesTitle[locale] ?? '' }).click();
      await page.locator('h1', { hasText: catalog.labels.servicesTitle[locale] ?? '' }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`${base(locale)}services/`);
      const links = page.locator('.cookie-policy-service-list a');
      expect(await links.allTextContents()).toEqual(declared().map((s) => s.name[locale]));
      expect(await axeViolations(page)).toEqual([]);
      const last = declared().at(-1);
      if (!last) throw new Error('test bug');
      await links.last().click();
      await page.locator('.cookie-policy h1', { hasText: last.name[locale] ?? '' }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`${base(locale)}services/${last.id}/`);
    }
    await page.close();
  }, 120_000);

  it("serves each service's exports beside the whole catalog's, which stay at their URLs", async () => {
    const paths = [
      'device-storage.json',
      'open-cookie-database.csv',
      ...declared().flatMap((s) => [
        `services/${s.id}/device-storage.json`,
        `services/${s.id}/open-cookie-database.csv`,
      ]),
    ];
    for (const path of paths) {
      const response = await fetch(`${server.origin}/exports/${path}`);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toBe(await readFile(join(exportsDir, path), 'utf8'));
    }
  });
});
