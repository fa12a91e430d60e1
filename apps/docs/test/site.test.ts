import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Catalog, declaredServices, loadCatalog } from '@cookie-catalog/catalog';
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
import { runCli } from '../../../packages/cli/test/run-cli.js';

const exec = promisify(execFile);
const SITE = fileURLToPath(new URL('..', import.meta.url));
const BUILT = join(SITE, '.vitepress', 'dist');
const CATALOG = fileURLToPath(new URL('../../../catalog/', import.meta.url));
const SCREENSHOTS = new URL('../../../reports/screenshots/', import.meta.url);
const VITEPRESS = join(SITE, '..', '..', 'node_modules', 'vitepress', 'bin', 'vitepress.js');

/**
 * The English words VitePress's default theme (the version installed) shows when a setting is
 * left out, read from its source: `theme.x || 'Words'` and `?? "Words"`, and the ones it has no
 * setting for (aria-label="…", visually hidden text). Search and team pages are not used here.
 */
async function vitePressEnglishDefaults(): Promise<string[]> {
  const theme = join(
    dirname(createRequire(import.meta.url).resolve('vitepress')),
    '..',
    'client',
    'theme-default',
  );
  const files = (await readdir(theme, { recursive: true })).filter(
    (file) =>
      /\.(vue|js)$/.test(file) &&
      !/Search|Algolia|Team|Sponsor|Carbon|Home|Hero|Feature/.test(file),
  );
  const words = new Set<string>();
  for (const file of files) {
    const source = await readFile(join(theme, file), 'utf8');
    for (const [, , word] of source.matchAll(/theme[\w.?]*\s*(?:\|\||\?\?)\s*(['"])(.*?)\1/gs))
      if (word && /[A-Za-z]{2}/.test(word)) words.add(word);
    for (const [, word] of source.matchAll(/\saria-label="([^"]*[A-Za-z][^"]*)"/g))
      if (word) words.add(word);
    for (const [, word] of source.matchAll(
      /class="visually-hidden"[^>]*>\s*([^<{]*[A-Za-z][^<{]*)</g,
    ))
      if (word) words.add(word.trim());
  }
  // Sanity: the reading still finds the words this test is about.
  for (const word of ['Skip to content', 'On this page', 'Return to top', 'Change language'])
    if (!words.has(word))
      throw new Error(`VitePress's source no longer has "${word}" as read here`);
  return [...words];
}

/** Where the site serves a locale: the default one at the root. */
const pathOf = (catalog: Catalog, locale: string) =>
  locale === catalog.defaultLocale ? '/' : `/${locale}/`;

async function builtCatalog(dir: string): Promise<Catalog> {
  const { catalog } = await loadCatalog(dir);
  if (!catalog) throw new Error(`${dir} does not validate`);
  return catalog;
}

// The site as `npm run build` built it from catalog/: whatever organisation and languages that is.
const catalog = await builtCatalog(CATALOG);

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

  it.each(catalog.locales.map((locale) => [locale]))(
    '%s: a page with a table row for every catalog entry, no axe violations, and a working language switch',
    async (locale) => {
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}${pathOf(catalog, locale)}`);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      await expect.poll(() => page.title()).toContain(catalog.labels.policyTitle[locale] ?? '');
      const rows = await page.locator('.cookie-table th[scope="row"] code').allTextContents();
      expect(rows.sort()).toEqual(catalog.entries.map((e) => e.name.pattern).sort());
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({
        path: new URL(`docs-site-${locale}.png`, SCREENSHOTS).pathname,
        fullPage: true,
      });
      // Every other language is offered, named in its own language, and leads to its page.
      const switches = page.locator('.cookie-policy-language a');
      const others = catalog.locales.filter((other) => other !== locale);
      expect(
        await switches.evaluateAll((links) => links.map((a) => a.getAttribute('lang'))),
      ).toEqual(others);
      const other = others[0];
      if (other === undefined) return; // a catalog in one language has nothing to switch to
      await switches.first().click();
      // Wait for what a reader sees: the other language's title on the page.
      await page
        .locator('.cookie-policy h1', { hasText: catalog.labels.policyTitle[other] ?? '' })
        .waitFor();
      expect(page.url()).toBe(`${server.origin}${pathOf(catalog, other)}`);
      expect(await page.getAttribute('html', 'lang')).toBe(other);
    },
    30_000,
  );

  // Where the catalog declares services (ours: the platform and the help centre), each has its own
  // page in every locale, beside the whole catalog's, listing what browsers keep for it.
  it.runIf(declaredServices(catalog).length > 0)(
    "each of the catalog's services has its own page in every locale, listing only its entries",
    async () => {
      const page = await browser.context.newPage();
      for (const service of declaredServices(catalog)) {
        const names = catalog.entries
          .filter(
            (e) => (e.services.includes(service.id) || e.reaches?.includes(service.id)) && !e.group,
          )
          .map((e) => e.name.pattern)
          .sort();
        for (const locale of catalog.locales) {
          await page.goto(`${server.origin}${pathOf(catalog, locale)}services/${service.id}/`);
          await page
            .locator('.cookie-policy h1', { hasText: service.name[locale] ?? '' })
            .waitFor();
          expect(await page.getAttribute('html', 'lang')).toBe(locale);
          const rows = await page.locator('.cookie-table th[scope="row"] code').allTextContents();
          expect(rows.sort(), `${service.id} in ${locale}`).toEqual(names);
          expect(await axeViolations(page)).toEqual([]);
        }
      }
      await page.close();
    },
    120_000,
  );

  it.each(catalog.locales.map((locale) => [locale]))(
    "%s: every category's heading comes before its description, inside the category's table",
    async (locale) => {
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}${pathOf(catalog, locale)}`);
      const order = await page.locator('.cookie-policy').evaluate((policy) => {
        const before = (a: Node, b: Node) =>
          (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
        return [...policy.querySelectorAll('.cookie-table__category')].map((category) => {
          const table = category.querySelector('table');
          const heading = category.querySelector('caption .cookie-table__label');
          const description = category.querySelector('.cookie-table__intro');
          const previous = category.previousElementSibling?.querySelector('table');
          return {
            heading: heading?.textContent ?? null,
            // The category's name opens the caption: nothing of it is read before the name.
            headingOpens: !!heading && heading === heading.parentElement?.firstElementChild,
            description: description?.textContent ?? null,
            headingFirst: !!heading && !!description && before(heading, description),
            // Read as this table's introduction, not the end of the one before it.
            inOwnTable: !!table && !!description && table.contains(description),
            afterPrevious: !previous || (!!description && before(previous, description)),
          };
        });
      });
      const used = catalog.categories.filter((category) =>
        catalog.entries.some((entry) => entry.category === category.id),
      );
      expect(order).toHaveLength(used.length);
      for (const [index, category] of used.entries()) {
        expect(order[index]).toMatchObject({
          heading: expect.stringContaining(category.label[locale] ?? ''),
          description: expect.stringContaining(category.description[locale] ?? ''),
          headingFirst: true,
          headingOpens: true,
          inOwnTable: true,
          afterPrevious: true,
        });
      }
    },
  );

  // Every page of a locale other than English, and its 404 page, as a reader and a screen reader
  // meet them: no word of the frame VitePress draws around the policy is its English default.
  it.each(catalog.locales.filter((locale) => !/^en\b/i.test(locale)).map((locale) => [locale]))(
    '%s: no English word of VitePress around the policy, on the page and its 404 page',
    async (locale) => {
      const english = await vitePressEnglishDefaults();
      // Where the catalog's own word for this locale is the same as VitePress's ("Menu" in Danish).
      const own = new Set(
        Object.values(catalog.labels).map((text) => (text[locale] ?? '').toLowerCase()),
      );
      const forbidden = english.filter((word) => !own.has(word.toLowerCase()));
      const notFound = await readFile(join(BUILT, '404.html'), 'utf8');
      const page = await browser.context.newPage();
      // A host serves 404.html for an address it has no file for (as GitHub Pages does).
      await page.route('**/no-such-page', (route) =>
        route.fulfill({ status: 404, contentType: 'text/html', body: notFound }),
      );
      for (const path of [pathOf(catalog, locale), `${pathOf(catalog, locale)}no-such-page`]) {
        await page.goto(`${server.origin}${path}`);
        await page.locator('.VPContent').waitFor();
        expect(await page.getAttribute('html', 'lang'), path).toBe(locale);
        const words = await page.evaluate(() => {
          const found: string[] = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ALL);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node instanceof Element) {
              // The policy itself is the catalog's text, tested elsewhere.
              if (node.closest('.cookie-policy')) continue;
              for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
                const value = node.getAttribute(name);
                if (value) found.push(value);
              }
            } else if (
              node.nodeType === Node.TEXT_NODE &&
              !node.parentElement?.closest('.cookie-policy, script, style')
            ) {
              if (node.textContent?.trim()) found.push(node.textContent.trim());
            }
          }
          return found;
        });
        expect(words.length, path).toBeGreaterThan(0);
        // Whole words only: Danish "Åbn menuen" (open the menu) holds the letters of "Menu".
        const found = words.filter((word) =>
          forbidden.some((english) =>
            new RegExp(
              `(?<![\\p{L}\\p{N}])${english.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`,
              'iu',
            ).test(word),
          ),
        );
        expect(found, path).toEqual([]);
      }
      // The words are the catalog's: its skip link, and its 404 page.
      expect(await page.locator('.VPSkipLink').textContent()).toContain(
        catalog.labels.siteSkipToContent[locale],
      );
      expect(await page.locator('.NotFound h1').textContent()).toBe(
        catalog.labels.siteNotFoundTitle[locale],
      );
      expect(await axeViolations(page)).toEqual([]);
    },
  );

  // Every page the build wrote, as Chromium sees it after VitePress has run: a link to the site
  // itself leads to a file it has (an in-page link to an element on the page), any other link is
  // an absolute https: URL, or mailto: for an address. Nothing on the internet is fetched.
  it('every link on every built page works: files of the site, anchors on the page, https elsewhere', async () => {
    const pages = (await readdir(BUILT, { recursive: true }))
      .filter((file) => file.endsWith('.html'))
      .map((file) => `/${file.replace(/index\.html$/, '')}`);
    expect(pages.length).toBeGreaterThan(catalog.locales.length);
    const page = await browser.context.newPage();
    const dead: string[] = [];
    const seen = new Set<string>();
    for (const path of pages) {
      await page.goto(`${server.origin}${path}`);
      await page.locator('.VPContent').waitFor();
      const links = await page.evaluate(() =>
        [...document.querySelectorAll('[href], [src]')].map((element) => ({
          raw: element.getAttribute('href') ?? element.getAttribute('src') ?? '',
          url: new URL(
            element.getAttribute('href') ?? element.getAttribute('src') ?? '',
            document.baseURI,
          ).href,
          target: (() => {
            const hash = new URL(
              element.getAttribute('href') ?? element.getAttribute('src') ?? '',
              document.baseURI,
            ).hash.slice(1);
            return hash ? document.getElementById(decodeURIComponent(hash)) !== null : true;
          })(),
        })),
      );
      expect(links.length, path).toBeGreaterThan(0);
      for (const { raw, url, target } of links) {
        const parsed = new URL(url);
        if (parsed.origin === server.origin) {
          if (!target) dead.push(`${path}: ${raw} (no element with that id)`);
          const file = `${parsed.origin}${parsed.pathname}`;
          if (seen.has(file)) continue;
          seen.add(file);
          const response = await fetch(file);
          if (response.status !== 200) dead.push(`${path}: ${raw} (${response.status})`);
        } else if (parsed.protocol === 'mailto:') {
          if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(decodeURIComponent(parsed.pathname)))
            dead.push(`${path}: ${raw} (not an address)`);
        } else if (parsed.protocol !== 'https:' || !/^https:\/\//i.test(raw)) {
          dead.push(`${path}: ${raw} (neither a file of the site nor an absolute https: URL)`);
        }
      }
    }
    expect(dead).toEqual([]);
    // The site's icon, in the head of every page, is an SVG the site serves.
    const icon = await page.locator('head link[rel="icon"]').getAttribute('href');
    expect(icon).toBe('/favicon.svg');
    const served = await fetch(`${server.origin}${icon}`);
    expect(served.headers.get('content-type')).toBe('image/svg+xml');
    expect(await served.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // The way back to one's cookie choices leads to our site, where it works (or is left out).
    const preferences = await page
      .locator('a.cookie-table__preferences')
      .evaluateAll((all) => all.map((a) => a.getAttribute('href')));
    const url = catalog.consent?.preferencesUrl;
    for (const href of preferences)
      expect(href).toBe(url ? new URL(url, catalog.controller.website).href : undefined);
  }, 60_000);

  it('serves the exports at stable URLs, as cookie-catalog export writes them', async () => {
    for (const [url, format] of [
      ['/exports/device-storage.json', 'json/tcf-device-storage'],
      ['/exports/open-cookie-database.csv', 'csv/ocd'],
      ['/exports/catalog.json', 'json/catalog'],
      ['/exports/catalog.schema.json', 'json/catalog-schema'],
    ] as const) {
      const response = await fetch(`${server.origin}${url}`);
      expect(response.status, url).toBe(200);
      const exported = await runCli(['export', '--format', format, '--catalog', CATALOG], SITE);
      expect(exported.code).toBe(0);
      expect(await response.text(), url).toBe(exported.stdout);
    }
    const disclosure = (await (
      await fetch(`${server.origin}/exports/device-storage.json`)
    ).json()) as { disclosures: { identifier: string }[] };
    // Not an empty file where the catalog has something the TCF can list: a stored entry with a
    // stated domain and a lifetime in seconds (a page that states no domains gives none).
    const listable = catalog.entries.some(
      (e) =>
        e.kind !== 'pixel' &&
        !e.group &&
        (e.attributes?.domain ?? e.provider.domain) !== undefined &&
        ['duration', 'session', 'persistent', 'none'].includes(e.lifetime.kind),
    );
    if (listable) expect(disclosure.disclosures.length).toBeGreaterThan(0);
  });

  it('a build from a catalog with one extra cookie shows that cookie on every page', async () => {
    const dir = await editedCatalog([
      { file: 'cookies/zz-extra.yaml', copyOf: 'cookies/language.yaml', with: '' },
      { file: 'cookies/zz-extra.yaml', find: 'id: language', with: 'id: extra_cookie' },
      { file: 'cookies/zz-extra.yaml', find: 'name: language', with: 'name: extra_cookie' },
    ]);
    const fixture = await builtCatalog(dir);
    const docs = join(dir, '..', 'docs');
    await mkdir(docs, { recursive: true });
    for (const file of runGenerator(htmlPolicyGenerator, fixture))
      await writeFile(join(docs, file.path), file.contents);
    const out = join(dir, '..', 'site');
    const env = {
      ...process.env,
      COOKIE_POLICY_DOCS: join(docs, 'index.ts'),
      COOKIE_POLICY_PAGES: join(dir, '..', 'pages'),
    };
    await exec(process.execPath, [join(SITE, 'scripts', 'pages.mjs')], { cwd: SITE, env });
    // Pages outside the repository resolve vue and vitepress like the site does.
    await symlink(join(SITE, '..', '..', 'node_modules'), join(dir, '..', 'node_modules'));
    await exec(process.execPath, [VITEPRESS, 'build', '--outDir', out], { cwd: SITE, env });
    for (const locale of fixture.locales) {
      const page = join(out, `${pathOf(fixture, locale)}index.html`);
      expect(await readFile(page, 'utf8')).toContain('<code>extra_cookie</code>');
    }
    expect(await readFile(join(BUILT, 'index.html'), 'utf8')).not.toContain('extra_cookie');
  }, 120_000);
});
