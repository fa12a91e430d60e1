import { fileURLToPath } from 'node:url';
import { loadCatalog } from '@cookie-catalog/catalog';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { editedCatalog } from '../../catalog/test/catalog-copy.js';
import { runGenerator } from '../src/generator.js';
import {
  htmlPolicyGenerator,
  mdPolicyGenerator,
  renderPolicyTable,
} from '../src/generators/index.js';
import { loadFixtureCatalog } from './fixture-catalog.js';

const golden = (path: string) => fileURLToPath(new URL(`./golden/${path}`, import.meta.url));

describe('md/policy and html/policy on the basic fixture (three locales)', () => {
  it.each(['en', 'sv', 'de'])('match the golden documents of %s', async (locale) => {
    const catalog = await loadFixtureCatalog('basic');
    const md = runGenerator(mdPolicyGenerator, catalog).find(
      (f) => f.path === `${locale}.md`,
    )?.contents;
    const html = runGenerator(htmlPolicyGenerator, catalog).find(
      (f) => f.path === `${locale}.html`,
    )?.contents;
    await expect(md).toMatchFileSnapshot(golden(`basic/policy/${locale}.md`));
    await expect(html).toMatchFileSnapshot(golden(`basic/policy/${locale}.html`));
  });

  it('lists exactly the catalog entries in every locale', async () => {
    const catalog = await loadFixtureCatalog('basic');
    const files = runGenerator(htmlPolicyGenerator, catalog);
    for (const locale of catalog.locales) {
      const page = files.find((f) => f.path === `${locale}.html`)?.contents ?? '';
      const rows = [...page.matchAll(/<th scope="row"><code>([^<]+)<\/code>/g)]
        .map((m) => m[1])
        .sort();
      expect(rows).toEqual(catalog.entries.map((e) => e.name.pattern).sort());
    }
  });
});

describe('hostile Markdown and catalog text in the policy documents', () => {
  it('renders raw HTML, template braces and Markdown punctuation inert', async () => {
    const dir = await editedCatalog([
      {
        file: 'sections/en/contact.md',
        find: 'Questions about our cookies',
        with: '<script>alert(1)</script> <img src=x onerror=alert(1)> {{ constructor.constructor("alert(1)")() }} Questions about our cookies',
      },
      {
        file: 'policy.yaml',
        find: 'name: Billogram AB',
        with: 'name: "Billogram AB](javascript:alert(1)) *bold* {{x}}"',
      },
    ]);
    const { catalog } = await loadCatalog(dir);
    if (!catalog)
      throw new Error('the edited catalog should be valid: raw HTML in Markdown is only a warning');
    const html =
      runGenerator(htmlPolicyGenerator, catalog).find((f) => f.path === 'en.html')?.contents ?? '';
    const md =
      runGenerator(mdPolicyGenerator, catalog).find((f) => f.path === 'en.md')?.contents ?? '';
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).not.toMatch(/<script|<img|\{|\}|href="javascript/i);
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).toContain('&#123;&#123; constructor.constructor');
    expect(md).toContain(
      '<a href="https://billogram.com">Billogram AB](javascript:alert(1)) *bold* &#123;&#123;x&#125;&#125;</a>',
    );
  });

  it('stays inert where GitHub-style Markdown (CommonMark, raw HTML on) renders it', async () => {
    const dir = await editedCatalog([
      {
        file: 'sections/en/contact.md',
        with: '# Injected heading\n\n[link](https://example.com)\n\n<img src=x onerror=alert(1)>\n\n```\n\n\n# after a blank line\n```\n',
      },
      {
        file: 'policy.yaml',
        find: 'name: Billogram AB',
        with: 'name: "Billogram AB\\n\\n# Heading from a name\\n\\n[x](https://evil.example)"',
      },
    ]);
    const { catalog } = await loadCatalog(dir);
    if (!catalog) throw new Error('the edited catalog should be valid');
    const md =
      runGenerator(mdPolicyGenerator, catalog).find((f) => f.path === 'en.md')?.contents ?? '';
    const body = md.replace(/^---\n[\s\S]*?\n---\n/, '');
    const html = new MarkdownIt({ html: true }).render(body);
    // Everything after the language links is one raw HTML block: markdown-it adds nothing to it.
    expect(html).toContain(body.slice(body.indexOf('<h1>')).trim());
    expect(html).not.toMatch(/<img|href="https:\/\/evil|<h1>Heading/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('# after a blank line');
    expect(html).toContain('Billogram AB\n# Heading from a name');
  });

  it('leaves links that are not https: or mailto: as text even if validation were bypassed', async () => {
    const catalog = await loadFixtureCatalog('basic');
    const tampered = {
      ...catalog,
      sections: catalog.sections.map((s) =>
        s.id === 'contact'
          ? {
              ...s,
              markdown: { ...s.markdown, en: '[x](javascript:alert(1)) [y](data:text/html,1)' },
            }
          : s,
      ),
    };
    const html =
      runGenerator(htmlPolicyGenerator, tampered).find((f) => f.path === 'en.html')?.contents ?? '';
    expect(html).toContain('[x](javascript:alert(1))');
    expect(html).not.toMatch(/href="(javascript|data):/);
  });
});

describe("site.json: the docs site's own words per locale", () => {
  it('are the built-in labels, and a catalog overrides any of them under labels', async () => {
    const site = (catalog: Awaited<ReturnType<typeof loadCatalog>>['catalog']) => {
      if (!catalog) throw new Error('the catalog does not validate');
      const file = runGenerator(htmlPolicyGenerator, catalog).find((f) => f.path === 'site.json');
      return JSON.parse(file?.contents ?? '{}') as {
        locales: { locale: string; frame: Record<string, string> }[];
      };
    };
    const dir = await editedCatalog([
      {
        file: 'policy.yaml',
        find: '\nlabels:\n',
        with: '\nlabels:\n  siteSkipToContent: { en: "Straight to the policy", sv: "Direkt till policyn" }\n',
      },
    ]);
    const edited = site((await loadCatalog(dir)).catalog);
    const frames = Object.fromEntries(edited.locales.map((l) => [l.locale, l.frame]));
    expect(frames.sv?.siteSkipToContent).toBe('Direkt till policyn');
    expect(frames.en?.siteSkipToContent).toBe('Straight to the policy');
    expect(frames.sv?.siteOutline).toBe('På den här sidan');
    // Every word the site needs, in every locale, never empty.
    for (const { frame } of edited.locales) {
      expect(Object.keys(frame).length).toBeGreaterThanOrEqual(14);
      for (const [key, text] of Object.entries(frame)) expect(text, key).not.toBe('');
    }
  });
});

describe('the link to change cookie settings', () => {
  const preferenceLinks = (html: string) =>
    [...html.matchAll(/<a class="cookie-table__preferences" href="([^"]*)"/g)].map((m) => m[1]);

  it('is absolute in the policy documents (read away from our site), a path in the table package', async () => {
    const { catalog } = await loadCatalog(await editedCatalog([]));
    if (!catalog?.consent?.preferencesUrl) throw new Error('the catalog names no preferences page');
    const absolute = new URL(catalog.consent.preferencesUrl, catalog.controller.website).href;
    expect(absolute).toMatch(/^https:\/\//);
    for (const locale of catalog.locales) {
      const page = runGenerator(htmlPolicyGenerator, catalog).find(
        (f) => f.path === `${locale}.html`,
      )?.contents;
      expect(preferenceLinks(page ?? '').length).toBeGreaterThan(0);
      expect(new Set(preferenceLinks(page ?? ''))).toEqual(new Set([absolute]));
      expect(new Set(preferenceLinks(renderPolicyTable(catalog, locale)))).toEqual(
        new Set([catalog.consent.preferencesUrl]),
      );
    }
  });

  it('is left out when the catalog names no preferences page', async () => {
    const { catalog } = await loadCatalog(
      await editedCatalog([
        { file: 'policy.yaml', find: '  preferencesUrl: /cookies\n', with: '' },
      ]),
    );
    if (!catalog) throw new Error('the catalog does not validate without preferencesUrl');
    for (const file of runGenerator(htmlPolicyGenerator, catalog))
      expect(file.contents, file.path).not.toContain('cookie-table__preferences');
  });
});
