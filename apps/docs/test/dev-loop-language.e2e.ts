import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '@cookie-catalog/catalog';
import { type Browser, launchChromium } from '@cookie-catalog/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isScalar, parseDocument, visit } from 'yaml';
import { type DevSite, startDevSite } from '../scripts/dev-site.mjs';

/*
 * `npm run dev` of the docs site while legal adds a language to (a scratch copy of) the catalog.
 * In `npm run test:e2e`, not `npm test`: the site starts a second time, and Vite bundles its
 * dependencies again for the new configuration (about ten seconds of two busy cores).
 */
const CATALOG = fileURLToPath(new URL('../../../catalog/', import.meta.url));
const { catalog } = await loadCatalog(CATALOG);
if (!catalog) throw new Error('catalog/ does not validate');

let dev: DevSite | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  dev = await startDevSite(CATALOG);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await dev?.stop();
}, 60_000);

/**
 * What legal does to add a language, done by machine: every text of `from` copied as `locale`
 * (the validator then warns that they were never reviewed, which does not stop generation), the
 * sections copied, and the locale added to policy.yaml.
 */
async function addLocale(catalogDir: string, locale: string, from: string): Promise<void> {
  const files = (await readdir(catalogDir, { recursive: true })).filter((f) => f.endsWith('.yaml'));
  for (const file of files) {
    const path = join(catalogDir, file);
    const doc = parseDocument(await readFile(path, 'utf8'));
    visit(doc, {
      Map(_, map) {
        if (map.has(from) && isScalar(map.get(from, true))) map.set(locale, map.get(from));
      },
    });
    if (file === 'policy.yaml') {
      const locales = doc.get('locales') as { toJSON(): string[] };
      doc.set('locales', [...locales.toJSON(), locale]);
    }
    await writeFile(path, doc.toString());
  }
  await cp(join(catalogDir, 'sections', from), join(catalogDir, 'sections', locale), {
    recursive: true,
  });
}

describe('a language added while the docs site runs (npm run dev)', () => {
  it('gets its own page, at the same address, without restarting npm run dev by hand', async () => {
    const site = dev as DevSite;
    const locale = ['de', 'fi', 'nl', 'pl'].find((l) => !catalog.locales.includes(l)) as string;
    await addLocale(site.catalog, locale, catalog.defaultLocale);
    const page = await (browser as Browser).context.newPage();
    // The site starts again once the languages changed; until then /<locale>/ shows the site as
    // it was (a page not found, in the default language). Reload until the page is the new one.
    let lang: string | null = null;
    for (let i = 0; i < 60 && lang !== locale; i++) {
      await page.goto(`${site.origin}/${locale}/`).catch(() => undefined);
      await page
        .getByRole('heading', { level: 1 })
        .first()
        .waitFor({ timeout: 5_000 })
        .catch(() => undefined);
      lang = await page
        .locator('html')
        .getAttribute('lang')
        .catch(() => null);
      if (lang !== locale) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(lang, site.output()).toBe(locale);
    // The page is the policy, at the address the site had before.
    await page.getByRole('table').first().waitFor();
    expect(site.output()).toMatch(/languages changed/);
  }, 120_000);
});
