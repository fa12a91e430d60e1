import { mkdir, readFile } from 'node:fs/promises';
import {
  axeViolations,
  type Browser,
  type LocalServer,
  launchChromium,
  startLocalServer,
} from '@cookie-catalog/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html, type Locale, locales } from '../src/generated/index.js';

const SCREENSHOTS = new URL('../../../reports/screenshots/', import.meta.url);

/** A minimal page holding the table the way a docs site would: lang, title, heading, stylesheet. */
function page(locale: Locale, css: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cookies</title><style>${css}</style></head>
<body><main><h1>Cookies</h1>${html[locale]}</main></body>
</html>`;
}

describe('the policy table in headless Chromium, checked by axe-core', () => {
  let server: LocalServer;
  let browser: Browser;

  beforeAll(async () => {
    const css = await readFile(new URL('../src/generated/styles.css', import.meta.url), 'utf8');
    server = await startLocalServer((request, response) => {
      const locale = (request.url ?? '/').slice(1) as Locale;
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(page(locales.includes(locale) ? locale : (locales[0] as Locale), css));
    });
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(locales.map((locale) => [locale]))(
    '%s has no accessibility violations (WCAG 2.2 A and AA), wide and on a phone',
    async (locale) => {
      const tab = await browser.context.newPage();
      for (const viewport of [
        { width: 1200, height: 900, name: 'wide' },
        { width: 375, height: 800, name: 'phone' },
      ]) {
        await tab.setViewportSize(viewport);
        await tab.goto(`${server.origin}/${locale}`);
        expect(await axeViolations(tab), `${locale} ${viewport.name}`).toEqual([]);
        await tab.screenshot({
          path: new URL(`policy-table-${locale}-${viewport.name}.png`, SCREENSHOTS).pathname,
          fullPage: true,
        });
      }
      // The scrollable regions can be reached with the keyboard.
      await tab.keyboard.press('Tab');
      expect(await tab.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('region');
    },
  );

  it.each(locales.map((locale) => [locale]))(
    '%s on a phone: each row a labelled card, nothing scrolls sideways, captions whole, no name broken',
    async (locale) => {
      const tab = await browser.context.newPage();
      await tab.setViewportSize({ width: 375, height: 800 });
      await tab.goto(`${server.origin}/${locale}`);
      const regions = await tab.locator('.cookie-table__scroll').evaluateAll((all) =>
        all.map((region) => {
          const box = region.getBoundingClientRect();
          const caption = region.querySelector('caption') as HTMLElement;
          const captionBox = caption.getBoundingClientRect();
          const line = Number.parseFloat(
            getComputedStyle(region.querySelector('code') as Element).lineHeight,
          );
          const headings = [...region.querySelectorAll('thead th')].map((th) => th.textContent);
          return {
            caption: caption.textContent,
            // A card, not a wide table: the region holds everything without scrolling.
            scrollsSideways: region.scrollWidth > region.clientWidth + 1,
            // Each value shows its column's heading before it (for eyes; screen readers have thead).
            unlabelled: [...region.querySelectorAll('tbody td')]
              .filter(
                (td) =>
                  !headings.includes(
                    getComputedStyle(td, '::before').content.replace(/^"|: "$/g, ''),
                  ),
              )
              .map((td) => td.textContent),
            inView: captionBox.left >= box.left - 0.5 && captionBox.right <= box.right + 0.5,
            clipped: caption.scrollWidth > caption.clientWidth,
            brokenNames: [...region.querySelectorAll('code')]
              .filter(
                (code) =>
                  code.getClientRects().length > 1 ||
                  code.getBoundingClientRect().height > line * 1.5,
              )
              .map((code) => code.textContent),
          };
        }),
      );
      expect(regions.length).toBeGreaterThan(0);
      for (const region of regions) {
        expect(region, region.caption ?? '').toMatchObject({
          scrollsSideways: false,
          unlabelled: [],
          inView: true,
          clipped: false,
          brokenNames: [],
        });
      }
    },
  );
});
