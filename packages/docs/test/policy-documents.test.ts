import { fileURLToPath } from 'node:url';
import { loadCatalog } from '@cookie-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { html, markdown } from '../src/index.js';

const CATALOG = fileURLToPath(new URL('../../../catalog/', import.meta.url));

describe('@cookie-catalog/docs for the real catalog', async () => {
  const { catalog } = await loadCatalog(CATALOG);
  if (!catalog) throw new Error('the real catalog does not validate');
  const documents = {
    'markdown.en': markdown.en,
    'markdown.sv': markdown.sv,
    'html.en': html.en,
    'html.sv': html.sv,
  };

  it.each(Object.keys(documents))(
    '%s names every catalog entry, the DPO contact and the authorities with their links',
    (key) => {
      const text = documents[key as keyof typeof documents];
      const locale = key.endsWith('sv') ? 'sv' : 'en';
      const shown = (name: string) =>
        key.startsWith('markdown') ? name.replace(/\{/g, '&#123;').replace(/\}/g, '&#125;') : name;
      for (const entry of catalog.entries)
        expect(text, entry.id).toContain(`<code>${shown(entry.name.pattern)}</code>`);
      expect(text).toContain('mailto:dpo@billogram.com');
      for (const authority of catalog.authorities) {
        expect(text).toContain(authority.url[locale]);
        expect(text).toContain(
          locale === 'sv' ? 'Post- och telestyrelsen' : 'Swedish Post and Telecom Authority',
        );
      }
      expect(text).toContain(locale === 'sv' ? '26 november 2026' : 'November 26, 2026');
    },
  );

  it('every locale lists exactly the same entries', () => {
    const rows = (text: string) =>
      [...text.matchAll(/<th scope="row"><code>([^<]+)<\/code>/g)].map((m) => m[1]);
    expect(rows(html.sv)).toEqual(rows(html.en));
    expect(rows(html.en)).toHaveLength(catalog.entries.length);
  });

  it('gives each HTML page its language and links the other languages with hreflang', () => {
    expect(html.sv).toMatch(/^<!doctype html>\n<html lang="sv">/);
    expect(html.sv).toContain('<a href="en.html" hreflang="en" lang="en">English</a>');
    expect(html.en).toContain('<a href="sv.html" hreflang="sv" lang="sv">svenska</a>');
    expect(html.en).toContain('<link rel="stylesheet" href="styles.css">');
  });

  it('has every section of the policy, in the order of policy.yaml', () => {
    const headings = [...html.en.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual([
      'What are cookies?',
      'Why we use cookies',
      'Session cookies and persistent cookies',
      'Choosing and deleting cookies',
      'Our help centre and chat',
      'Questions and complaints',
      'Changes to this policy',
      'Contact us',
    ]);
    expect(html.en.indexOf('Choosing and deleting cookies')).toBeLessThan(
      html.en.indexOf('<table>'),
    );
    expect(html.en.indexOf('<table>')).toBeLessThan(html.en.indexOf('Our help centre and chat'));
  });

  it('gives Markdown front matter a title and language', () => {
    expect(markdown.sv.startsWith('---\ntitle: "Kakpolicy"\nlang: sv\n---\n')).toBe(true);
  });
});
