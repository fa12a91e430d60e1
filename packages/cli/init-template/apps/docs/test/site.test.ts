import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '@cookie-catalog/catalog';
import { describe, expect, it } from 'vitest';

/**
 * The built docs site (npm run build): a page per language of the catalog, each with the
 * catalog's controller and every entry's name in its cookie table.
 */
const { catalog } = await loadCatalog(fileURLToPath(new URL('../../../catalog/', import.meta.url)));
if (!catalog) throw new Error('catalog/ does not validate: run npx cookie-catalog validate');
const built = new URL('../.vitepress/dist/', import.meta.url);

describe('the built docs site', () => {
  it.each(catalog.locales.map((locale) => [locale]))(
    'has the %s policy with every entry of the catalog',
    async (locale) => {
      const page = locale === catalog.defaultLocale ? 'index.html' : `${locale}/index.html`;
      const html = await readFile(new URL(page, built), 'utf8');
      expect(html).toContain(`lang="${locale}"`);
      for (const entry of catalog.entries) {
        const shown = entry.name.pattern.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
        expect(html).toContain(shown);
      }
    },
  );
});
