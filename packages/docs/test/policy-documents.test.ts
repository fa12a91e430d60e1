import { fileURLToPath } from 'node:url';
import { loadCatalog, TABLE_SECTION } from '@cookie-catalog/catalog';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { html, languageNames, locales, markdown, titles } from '../src/generated/entry/index.js';

const CATALOG = fileURLToPath(new URL('../../../catalog/', import.meta.url));

// Whatever catalog the package was built from: every expectation is derived from it.
const { catalog } = await loadCatalog(CATALOG);
if (!catalog) throw new Error('the catalog does not validate');
const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');
/**
 * What a Markdown-based site shows of a Markdown document: rendered as GitHub would, with the
 * brace entities (which keep Vue away from catalog text) read as the browser reads them.
 */
const rendered = (text: string) =>
  new MarkdownIt({ html: true })
    .render(text.replace(/^---\n[\s\S]*?\n---\n/, ''))
    .replace(/&#123;/g, '{')
    .replace(/&#125;/g, '}');
const date = (locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${catalog.lastUpdated}T00:00:00Z`),
  );

describe('@billogram/cookies-docs for the catalog it was built from', () => {
  it('has a Markdown document and an HTML page for every locale', () => {
    expect(locales).toEqual(catalog.locales);
    expect(Object.keys(markdown).sort()).toEqual([...catalog.locales].sort());
    expect(Object.keys(html).sort()).toEqual([...catalog.locales].sort());
  });

  describe.each(catalog.locales.map((locale) => [locale]))('%s', (locale) => {
    const page = html[locale as keyof typeof html];
    const documents = { html: page, markdown: rendered(markdown[locale as keyof typeof markdown]) };

    it.each(Object.keys(documents))(
      '%s names every entry, the DPO contact, the authorities with their links, and the date',
      (kind) => {
        const text = documents[kind as keyof typeof documents];
        for (const entry of catalog.entries)
          expect(text, entry.id).toContain(`<code>${escapeHtml(entry.name.pattern)}</code>`);
        expect(text).toContain(`mailto:${catalog.dpo.email}`);
        for (const authority of catalog.authorities) {
          expect(text).toContain(escapeHtml(authority.url[locale] ?? ''));
          expect(text).toContain(escapeHtml(authority.name[locale] ?? ''));
        }
        expect(text).toContain(date(locale));
      },
    );

    it('gives the page its language and title, and links every other language with hreflang', () => {
      expect(page).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${locale}">`));
      expect(page).toContain(`<title>${escapeHtml(titles[locale as keyof typeof titles])}`);
      for (const other of catalog.locales.filter((l) => l !== locale)) {
        const name = escapeHtml(languageNames[other as keyof typeof languageNames]);
        expect(page).toContain(
          `<a href="${other}.html" hreflang="${other}" lang="${other}">${name}</a>`,
        );
      }
    });

    it('has every section, in the order of policy.yaml, and the tables where cookie-table stands', () => {
      let at = 0;
      for (const section of catalog.sections) {
        const marker =
          section.id === TABLE_SECTION
            ? '<div class="cookie-table"'
            : (new MarkdownIt().render(section.markdown[locale] ?? '').split('\n')[0] ?? '');
        const found = page.indexOf(marker, at);
        expect(found, section.id).toBeGreaterThanOrEqual(at);
        at = found;
      }
    });

    it('gives the Markdown front matter the title and language', () => {
      expect(markdown[locale as keyof typeof markdown]).toMatch(
        new RegExp(
          `^---\\ntitle: ${escapeRegExp(JSON.stringify(titles[locale as keyof typeof titles]))}\\nlang: ${locale}\\n---\\n`,
        ),
      );
    });
  });

  it('lists exactly the same entries in every locale', () => {
    const rows = (text: string) =>
      [...text.matchAll(/<th scope="row"><code>([^<]+)<\/code>/g)].map((m) => m[1]);
    for (const locale of catalog.locales) {
      expect(rows(html[locale as keyof typeof html])).toHaveLength(catalog.entries.length);
      expect(rows(html[locale as keyof typeof html])).toEqual(
        rows(html[catalog.defaultLocale as keyof typeof html]),
      );
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
