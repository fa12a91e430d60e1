import { fileURLToPath } from 'node:url';
import { loadCatalog, MAX_LIFETIME_SECONDS } from '@cookie-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { declarations, html, locales } from '../src/generated/index.js';

const CATALOG = fileURLToPath(new URL('../../../catalog/', import.meta.url));

// Whatever catalog the package was built from: every expectation is derived from it.
const { catalog } = await loadCatalog(CATALOG);
if (!catalog) throw new Error('the catalog does not validate');

describe('@billogram/cookies-policy-table for the catalog it was built from', () => {
  it('has one fragment per configured locale, in the catalog order', () => {
    expect(locales).toEqual(catalog.locales);
    expect(Object.keys(html).sort()).toEqual([...catalog.locales].sort());
  });

  it.each(catalog.locales.map((locale) => [locale]))(
    'html.%s names every entry in one table per category, with caption and column headers',
    (locale) => {
      const fragment = html[locale as keyof typeof html];
      expect(fragment).toContain(`lang="${locale}"`);
      for (const entry of catalog.entries)
        expect(fragment).toContain(`<code>${escapeHtml(entry.name.pattern)}</code>`);
      const used = catalog.categories.filter((c) =>
        catalog.entries.some((e) => e.category === c.id),
      );
      expect(fragment.match(/<caption/g)?.length).toBe(used.length);
      expect(fragment.match(/scope="col"/g)?.length).toBe(4 * used.length);
      expect(fragment.match(/scope="row"/g)?.length).toBe(catalog.entries.length);
      // Categories in the order the catalog declares them, each with its label.
      const positions = used.map((c) => fragment.indexOf(escapeHtml(c.label[locale] ?? '')));
      expect(positions.every((p) => p > -1)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    },
  );

  it('writes lifetimes in words inside <time datetime>, never raw seconds', () => {
    const retiredDays = new Set(catalog.entries.map((e) => e.retired));
    for (const locale of catalog.locales) {
      const fragment = html[locale as keyof typeof html];
      for (const [, datetime = '', words] of fragment.matchAll(
        /<time datetime="([^"]+)">([^<]+)<\/time>/g,
      )) {
        // A lifetime is a duration; the only other <time> is a retired entry's day.
        if (retiredDays.has(datetime)) expect(datetime).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        else expect(datetime).toMatch(/^P(T?\d+[DHMS])+$/);
        expect(words).not.toMatch(/^\d+$/);
      }
    }
  });

  it('links only over https (and mailto:), or to our own preferences page', () => {
    const preferences = catalog.consent?.preferencesUrl;
    for (const locale of catalog.locales) {
      const links = [...html[locale as keyof typeof html].matchAll(/href="([^"]+)"/g)].map(
        (m) => m[1],
      );
      for (const entry of catalog.entries) {
        if (entry.party === 'third' && entry.provider.privacyPolicy)
          expect(links).toContain(escapeHtml(entry.provider.privacyPolicy));
      }
      // Each category that needs consent links to where people give or withdraw it.
      const asking = catalog.categories.filter(
        (c) => c.consentRequired && catalog.entries.some((e) => e.category === c.id),
      );
      if (preferences)
        expect(links.filter((l) => l === escapeHtml(preferences))).toHaveLength(asking.length);
      for (const link of links)
        if (link !== (preferences && escapeHtml(preferences)))
          expect(link).toMatch(/^(https:\/\/|mailto:)/);
    }
  });

  it('declares every catalog entry in JSON, per locale, with the Max-Age browsers keep', () => {
    for (const locale of catalog.locales) {
      const entries = declarations[locale as keyof typeof declarations].entries;
      expect(entries.map((e) => e.id).sort()).toEqual(catalog.entries.map((e) => e.id).sort());
      for (const entry of catalog.entries) {
        const declared = entries.find((e) => e.id === entry.id);
        const category = catalog.categories.find((c) => c.id === entry.category);
        expect(declared).toMatchObject({
          party: entry.party,
          consentRequired: category?.consentRequired,
        });
        const { lifetime } = entry;
        if (lifetime.kind === 'duration')
          expect(declared?.lifetime.seconds).toBe(Math.min(lifetime.seconds, MAX_LIFETIME_SECONDS));
        if (lifetime.kind === 'provider-stated')
          expect(declared?.lifetime.seconds).toBe(lifetime.keptSeconds);
      }
    }
  });
});

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');
}
