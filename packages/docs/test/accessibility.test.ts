import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  axeViolations,
  type Browser,
  type LocalServer,
  launchChromium,
  serveStatic,
} from '@cookie-catalog/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locales } from '../src/generated/entry/index.js';

const SCREENSHOTS = new URL('../../../reports/screenshots/', import.meta.url);
const PAGES = new URL('../src/generated/html/', import.meta.url);

describe('the policy pages in headless Chromium, checked by axe-core', () => {
  let server: LocalServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveStatic(fileURLToPath(PAGES));
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(locales.map((locale) => [locale]))(
    '%s has no violations, and its language switch leads to another language',
    async (locale) => {
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}/${locale}.html`);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({
        path: new URL(`policy-${locale}.png`, SCREENSHOTS).pathname,
        fullPage: true,
      });
      const other = locales.find((l) => l !== locale);
      if (other === undefined) return; // one language: nothing to switch to
      await page.click(`a[hreflang="${other}"]`);
      // The other language's page as the reader sees it: its lang and its first heading.
      await page.locator(`html[lang="${other}"]`).waitFor({ state: 'attached' });
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      expect(page.url()).toMatch(new RegExp(`/${other}\\.html$`));
    },
  );
});
