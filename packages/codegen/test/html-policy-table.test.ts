import { fileURLToPath } from 'node:url';
import { loadCatalog } from '@cookie-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { editedCatalog } from '../../catalog/test/catalog-copy.js';
import { runGenerator } from '../src/generator.js';
import { htmlPolicyGenerator, htmlPolicyTableGenerator } from '../src/generators/index.js';
import { loadFixtureCatalog } from './fixture-catalog.js';

const golden = (path: string) => fileURLToPath(new URL(`./golden/${path}`, import.meta.url));

describe('html/policy-table on the basic fixture (three locales, the third added by catalog files only)', () => {
  it.each(['en', 'sv', 'de'])('matches the golden HTML and JSON of %s', async (locale) => {
    const files = runGenerator(htmlPolicyTableGenerator, await loadFixtureCatalog('basic'));
    expect(files.map((f) => f.path)).toEqual([
      'de.html',
      'de.json',
      'en.html',
      'en.json',
      'index.ts',
      'styles.css',
      'sv.html',
      'sv.json',
    ]);
    const html = files.find((f) => f.path === `${locale}.html`)?.contents;
    await expect(html).toMatchFileSnapshot(golden(`basic/policy-table/${locale}.html`));
    await expect(files.find((f) => f.path === `${locale}.json`)?.contents).toMatchFileSnapshot(
      golden(`basic/policy-table/${locale}.json`),
    );
    expect(html).toContain(`lang="${locale}"`);
  });

  it("fills labels in one pass, taking catalog text literally ($&, $', a parameter named meaning)", async () => {
    const dir = await editedCatalog([
      {
        file: 'cookies/pubnub_subscription.yaml',
        find: 'name: sub-{id}',
        with: 'name: sub-{meaning}',
      },
      { file: 'cookies/pubnub_subscription.yaml', find: '  id:\n', with: '  meaning:\n' },
      {
        file: 'cookies/pubnub_subscription.yaml',
        find: 'en: a random id for your browser session',
        with: "en: a random id ($& and $' and $$ and {name})",
      },
    ]);
    const { catalog } = await loadCatalog(dir);
    if (!catalog) throw new Error('the edited catalog should be valid');
    const en = runGenerator(htmlPolicyTableGenerator, catalog).find((f) => f.path === 'en.html');
    expect(en?.contents).toContain(
      '{meaning} is a random id ($&amp; and $&#x27; and $$ and {name})',
    );
    const { policyFacts } = await import('../src/generators/policy-docs/policy-view.js');
    // Validation allows only version numbers; the renderer must not rely on that.
    const facts = policyFacts({ ...catalog, version: '$& {date}' }, 'en');
    expect(`${facts.versionBefore}|${facts.versionAfter}`).toBe(
      'Version $& {date}, last updated |',
    );
  });

  it('says "browsers keep it at most" only when the stated lifetime is longer than that', async () => {
    const dir = await editedCatalog([
      {
        file: 'cookies/pubnub_subscription.yaml',
        find: '  statedByProvider: forever',
        with: '  statedByProvider: 1 day',
      },
    ]);
    const { catalog } = await loadCatalog(dir);
    if (!catalog) throw new Error('the edited catalog should be valid');
    const en = runGenerator(htmlPolicyTableGenerator, catalog).find((f) => f.path === 'en.json');
    const entries: { name: string; lifetime: { text: string } }[] = JSON.parse(
      en?.contents ?? '{}',
    ).entries;
    expect(entries.find((e) => e.name === 'sub-{id}')?.lifetime.text).toBe('1 day');
  });

  it('keeps listing a retired entry, its row saying since when it is no longer set, in every locale', async () => {
    const catalog = await loadFixtureCatalog('basic');
    const files = runGenerator(htmlPolicyTableGenerator, catalog);
    const pages = runGenerator(htmlPolicyGenerator, catalog);
    const words: Record<string, string> = {
      en: '(no longer set since <time datetime="2026-01-01">January 1, 2026</time>)',
      sv: '(sätts inte längre sedan <time datetime="2026-01-01">1 januari 2026</time>)',
      de: '(seit <time datetime="2026-01-01">1. Januar 2026</time> nicht mehr gesetzt)',
    };
    for (const locale of catalog.locales) {
      for (const html of [files, pages].map((f) => f.find((x) => x.path === `${locale}.html`))) {
        const row = /<tr>\s*<th scope="row"><code>cart-\{shop\}<\/code>[\s\S]*?<\/tr>/.exec(
          html?.contents ?? '',
        )?.[0];
        expect(row, locale).toContain(
          `<span class="cookie-table__retired">${words[locale]}</span>`,
        );
        // A row of an entry still set says nothing of the kind.
        expect(html?.contents.match(/cookie-table__retired/g)).toHaveLength(3); // cart, layout, _ads
      }
      const json = JSON.parse(files.find((f) => f.path === `${locale}.json`)?.contents ?? '{}');
      const cart = json.entries.find((e: { id: string }) => e.id === 'cart');
      expect(cart.retired.date).toBe('2026-01-01');
      expect(json.entries.find((e: { id: string }) => e.id === 'theme')).not.toHaveProperty(
        'retired',
      );
    }
  });

  it("says it in the catalog's own words where policy.yaml writes labels.retired", async () => {
    const dir = await editedCatalog([
      {
        file: 'cookies/csrftoken.yaml',
        find: 'lifetime: 1 year\n',
        with: 'lifetime: 1 year\nretired: 2026-11-01\n',
      },
      {
        file: 'policy.yaml',
        find: 'labels:\n',
        with: 'labels:\n  retired: { en: "retired {date}, kept until it expires", sv: "avvecklad {date}" }\n',
      },
    ]);
    const { catalog } = await loadCatalog(dir);
    if (!catalog) throw new Error('the edited catalog should be valid');
    const files = runGenerator(htmlPolicyTableGenerator, catalog);
    expect(files.find((f) => f.path === 'en.html')?.contents).toContain(
      '(retired <time datetime="2026-11-01">November 1, 2026</time>, kept until it expires)',
    );
    expect(files.find((f) => f.path === 'sv.html')?.contents).toContain(
      '(avvecklad <time datetime="2026-11-01">1 november 2026</time>)',
    );
  });

  it('explains pattern names and names the kind of what is not a cookie', async () => {
    const files = runGenerator(htmlPolicyTableGenerator, await loadFixtureCatalog('basic'));
    const de = files.find((f) => f.path === 'de.html')?.contents ?? '';
    expect(de).toContain('<code>shard-{region}-{n}</code>');
    expect(de).toContain('{region} ist ein Regionscode');
    expect(de).toContain('<span class="cookie-table__kind">lokaler Speicher</span>');
    expect(de).toContain('2 Jahre laut Anbieter; Browser behalten es höchstens 400 Tage');
  });

  it('is deterministic', async () => {
    const catalog = await loadFixtureCatalog('basic');
    expect(runGenerator(htmlPolicyTableGenerator, catalog)).toEqual(
      runGenerator(htmlPolicyTableGenerator, catalog),
    );
  });
});

describe('hostile catalog text is rendered inert', () => {
  it('escapes markup, event handlers, pipes and line breaks in every text', async () => {
    const dir = await editedCatalog([
      {
        file: 'cookies/language.yaml',
        find: '  en: Remembers the language you chose for our pages.',
        with: '  en: "<script>alert(1)</script> <img src=x onerror=alert(1)> a|b\\nsecond line \\"quoted\\" & more"',
      },
      {
        file: 'cookies/pubnub_subscription.yaml',
        find: 'name: PubNub Inc.',
        with: 'name: "PubNub <b onmouseover=alert(1)>Inc</b>"',
      },
    ]);
    const { catalog, problems } = await loadCatalog(dir);
    expect(problems.filter((p) => p.severity === 'warning').map((p) => p.rule)).toContain(
      'text/markup',
    );
    if (!catalog)
      throw new Error('the edited catalog should still be valid (markup is only a warning)');
    const en =
      runGenerator(htmlPolicyTableGenerator, catalog).find((f) => f.path === 'en.html')?.contents ??
      '';
    expect(en).not.toMatch(/<script|<img|<b |onerror=|onmouseover=/);
    expect(en).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; a|b\nsecond line &quot;quoted&quot; &amp; more',
    );
    expect(en).toContain('PubNub &lt;b onmouseover&#x3D;alert(1)&gt;Inc&lt;/b&gt;');
  });
});
