import { fileURLToPath } from 'node:url';
import { isFirstPartyCookie, loadCatalog } from '@cookie-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { declarations, html, locales } from '../src/index.js';

const CATALOG = fileURLToPath(new URL('../../../catalog/', import.meta.url));

describe('@cookie-catalog/policy-table for the real catalog', async () => {
  const { catalog } = await loadCatalog(CATALOG);
  if (!catalog) throw new Error('the real catalog does not validate');

  it('has one fragment per configured locale, the default first', () => {
    expect(locales).toEqual(['en', 'sv']);
    expect(Object.keys(html).sort()).toEqual(['en', 'sv']);
  });

  it.each(['en', 'sv'] as const)(
    'html.%s names every first-party cookie, with caption and column headers',
    (locale) => {
      const fragment = html[locale];
      expect(fragment).toContain(`lang="${locale}"`);
      for (const entry of catalog.entries.filter(isFirstPartyCookie)) {
        expect(fragment).toContain(`<code>${entry.name.pattern}</code>`);
      }
      expect(fragment.match(/<caption/g)?.length).toBe(catalog.categories.length);
      expect(fragment.match(/scope="col"/g)?.length).toBe(4 * catalog.categories.length);
      expect(fragment.match(/scope="row"/g)?.length).toBe(catalog.entries.length);
    },
  );

  it('writes lifetimes in words, in each language, inside <time datetime>', () => {
    expect(html.en).toContain('<time datetime="P365D">1 year</time>');
    expect(html.en).toContain('<time datetime="P30D">30 days</time>');
    expect(html.sv).toContain('<time datetime="P365D">1 år</time>');
    expect(html.sv).toContain('<time datetime="P30D">30 dagar</time>');
    expect(html.sv).toContain('<time datetime="PT5M">5 minuter</time>');
    expect(html.en).toContain('this browser session (usually until you close the browser)');
    // A third party's "forever" is shown with what browsers keep.
    expect(html.en).toContain(
      '<time datetime="P400D">never expires according to the provider; browsers keep it at most 400 days</time>',
    );
    expect(html.sv).toContain(
      'upphör aldrig enligt leverantören; webbläsare sparar den i högst 400 dagar',
    );
  });

  it('puts the strictly necessary table first and marks the optional one', () => {
    const necessary = html.en.indexOf('Strictly necessary');
    const optional = html.en.indexOf('Help centre and chat (optional)');
    expect(necessary).toBeGreaterThan(-1);
    expect(optional).toBeGreaterThan(necessary);
    expect(html.en).toContain('(we ask for your consent first)');
  });

  it('links third parties to their privacy policy over https only', () => {
    const links = [...html.en.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(links).toContain('https://www.pubnub.com/privacy-policy/');
    for (const link of links) expect(link).toMatch(/^https:\/\//);
  });

  it('declares every catalog entry in JSON, per locale', () => {
    for (const locale of locales) {
      const ids = declarations[locale].entries.map((e) => e.id).sort();
      expect(ids).toEqual(catalog.entries.map((e) => e.id).sort());
    }
    const pubnub = declarations.sv.entries.find((e) => e.id === 'pubnub_subscription');
    expect(pubnub).toMatchObject({
      party: 'third',
      consentRequired: false,
      lifetime: { seconds: 34_560_000 },
    });
  });
});
