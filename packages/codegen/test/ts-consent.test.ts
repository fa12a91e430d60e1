import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Catalog, loadCatalog } from '@cookie-catalog/catalog';
import { describe, expect, it } from 'vitest';
import {
  type Edit,
  editedCatalog,
  FIXTURE_CATALOG,
  REAL_CATALOG,
} from '../../catalog/test/catalog-copy.js';
import { runGenerator } from '../src/generator.js';
import { mdPolicyGenerator } from '../src/generators/policy-docs/md-policy-generator.js';
import { tsConsentGenerator } from '../src/generators/ts-consent/consent-generator.js';
import { tsServerGenerator } from '../src/generators/ts-server/server-generator.js';
import { COMPILE_TIMEOUT, compileStrict } from './compile-strict.js';

const REPO = dirname(REAL_CATALOG);
const EXAMPLES = join(REPO, 'examples');

async function valid(dir: string): Promise<Catalog> {
  const { catalog, problems } = await loadCatalog(dir);
  if (!catalog) throw new Error(problems.map((p) => p.message).join('\n'));
  return catalog;
}

/** An entry in page storage: `provider` decides its party. */
const inStorage = (
  id: string,
  name: string,
  kind: string,
  category: string,
  provider: string,
  more: readonly string[] = [],
): Edit => ({
  file: `cookies/${id}.yaml`,
  with: [
    `id: ${id}`,
    `name: "${name}"`,
    ...more,
    `kind: ${kind}`,
    `category: ${category}`,
    `provider: ${provider}`,
    `lifetime: ${kind === 'sessionStorage' ? 'session' : 'persistent'}`,
    'purpose: { en: Test., sv: Test. }',
  ].join('\n'),
});
const OURS = '{ party: first, domain: billogram.com }';

/**
 * Local and session storage and IndexedDB of the optional category in our own origin (ours, by
 * name and by pattern, and a vendor's on our domain), beside what withdrawal must leave: another
 * site's, and a necessary key.
 */
const PAGE_STORAGE: readonly Edit[] = [
  inStorage('chat_draft', 'chat_draft', 'localStorage', 'help-center', OURS, ['setBy: client']),
  inStorage('chat_tab', 'chat_tab_{n}', 'sessionStorage', 'help-center', OURS, [
    'setBy: client',
    'nameParameters:',
    '  n: { type: integer, example: 2, description: { en: a tab, sv: en flik } }',
  ]),
  inStorage('chat_history', 'chat-history', 'indexedDB', 'help-center', OURS, ['setBy: client']),
  inStorage(
    'zendesk_store',
    'ZD-store',
    'localStorage',
    'help-center',
    '{ name: "Zendesk, Inc.", domain: billogram.com }',
    ['setBy: vendor'],
  ),
  inStorage(
    'widget_state',
    'widget_state',
    'localStorage',
    'help-center',
    '{ party: third, name: Widget AB, domain: widgetab.se, privacyPolicy: "https://widgetab.se/privacy" }',
  ),
  inStorage('ui_theme', 'ui_theme', 'localStorage', 'necessary', OURS, ['setBy: client']),
];

/**
 * A catalog whose optional category holds cookies we can delete (ours, and a vendor's with a
 * path) and page storage (PAGE_STORAGE).
 */
async function withFirstPartyOptional(): Promise<Catalog> {
  return valid(
    await editedCatalog([
      ...PAGE_STORAGE,
      {
        file: 'cookies/chat_pref.yaml',
        with: [
          'id: chat_pref',
          'name: chat_pref',
          'kind: cookie',
          'category: help-center',
          'provider: { party: first, domain: billogram.com }',
          'setBy: server',
          'lifetime: 30 days',
          'purpose: { en: Remembers the chat window., sv: Kommer ihåg chattfönstret. }',
          'attributes: { path: /help, sameSite: Strict }',
          'value: { type: enum, values: [open, closed] }',
        ].join('\n'),
      },
      {
        file: 'cookies/widget_ab.yaml',
        with: [
          'id: widget_ab',
          'name: wab_{n}',
          'nameParameters:',
          '  n: { type: integer, example: 3, description: { en: a test, sv: ett test } }',
          'kind: cookie',
          'category: help-center',
          'provider: { party: first, name: Widget AB, domain: billogram.com }',
          'setBy: vendor',
          'lifetime: { statedByProvider: 1 day }',
          'purpose: { en: Tries widget variants., sv: Provar widgetvarianter. }',
          'attributes: { path: /, domain: billogram.com }',
        ].join('\n'),
      },
    ]),
  );
}

/** PAGE_STORAGE in a catalog whose policy.yaml names no consent cookie. */
async function withStorageWithoutConsentCookie(): Promise<Catalog> {
  return valid(
    await editedCatalog([
      ...PAGE_STORAGE,
      {
        file: 'policy.yaml',
        find: 'consent:\n  cookie: billogramGDPR\n  version: 3\n  preferencesUrl: /cookies\n',
        with: '',
      },
    ]),
  );
}

/**
 * The consent package generated from `catalog` beside its own server package, type-checked with
 * the repository's strict options, as files that never touch the disk.
 */
function consentFiles(catalog: Catalog, slot: number): Record<string, string> {
  const server = join(REPO, 'packages', 'server', 'src', `__consent_test_${slot}__`);
  const consent = join(REPO, 'packages', 'consent', 'src', `__consent_test_${slot}__`);
  const files: Record<string, string> = {};
  for (const file of runGenerator(tsServerGenerator, catalog))
    files[join(server, file.path)] = file.contents;
  // The policy in force, which consent records keep: the docs package's Markdown.
  for (const file of runGenerator(mdPolicyGenerator, catalog).filter((f) => f.path.endsWith('.ts')))
    files[join(consent, 'policy', file.path)] = file.contents;
  for (const file of runGenerator(tsConsentGenerator, catalog, {
    serverImport: `../../../server/src/__consent_test_${slot}__/index.js`,
    docsImport: './policy/index.js',
  }))
    files[join(consent, file.path)] = file.contents;
  files[join(consent, 'use.ts')] = [
    "import * as server from './server.js';",
    "import * as browser from './browser.js';",
    "import * as banner from './banner.js';",
    "import * as entry from './index.js';",
    'export const used = [server, browser, banner, entry];',
  ].join('\n');
  return files;
}

describe('ts/consent', () => {
  it(
    'compiles in strict mode for every catalog, with or without a consent cookie',
    async () => {
      const examples = (await readdir(EXAMPLES)).map((name) => join(EXAMPLES, name));
      const catalogs = [
        await valid(FIXTURE_CATALOG),
        await withFirstPartyOptional(),
        await withStorageWithoutConsentCookie(),
        ...(await Promise.all(examples.map(valid))),
      ];
      expect(catalogs.some((c) => c.consent === undefined)).toBe(true); // one without consent
      // One program for all of them (files that never touch the disk): the type checker's work,
      // not a timing target, so the time allowed is generous.
      const files = Object.assign(
        {},
        ...catalogs.map((catalog, slot) => consentFiles(catalog, slot)),
      );
      expect(compileStrict([], files, { dom: true })).toEqual([]);
    },
    COMPILE_TIMEOUT,
  );

  it('escapes catalog words in the banner and the form: markup and braces stay text', async () => {
    const evil = '<img src=x onerror=alert(1)>{{ 7*7 }}';
    const catalog = await valid(
      await editedCatalog([
        {
          file: 'policy.yaml',
          find: '      en: Help centre and chat (optional)',
          with: `      en: ${JSON.stringify(evil)}`,
        },
      ]),
    );
    const banner = runGenerator(tsConsentGenerator, catalog).find((f) => f.path === 'banner.ts');
    expect(banner?.contents).toContain(
      '&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;&#123;&#123; 7*7 &#125;&#125;',
    );
    expect(banner?.contents).not.toContain('<img');
    expect(banner?.contents).not.toContain('{{');
  });

  it('withdrawing a category deletes our cookies with their own attributes, and a vendor’s where it lives', async () => {
    const catalog = await withFirstPartyOptional();
    const server = runGenerator(tsConsentGenerator, catalog).find((f) => f.path === 'server.ts');
    expect(server?.contents).toContain(
      "{ name: 'chat_pref', attributes: '; Max-Age=0; Path=/help; Secure; SameSite=Strict' }",
    );
    expect(server?.contents).toContain(
      "{ name: 'wab_{n}', pattern: '^wab_-?[0-9]+$', attributes: '; Max-Age=0; Path=/; Domain=billogram.com' }",
    );
    // A vendor's cookie on our domain is deleted where the catalog says it lives.
    expect(server?.contents).toContain(
      "{ name: '__zlcmid', attributes: '; Max-Age=0; Path=/; Domain=billogram.com' }",
    );
  });

  it('withdrawing a category still deletes its retired cookies, which browsers may hold', async () => {
    const catalog = await valid(
      await editedCatalog([
        {
          file: 'cookies/chat_old.yaml',
          with: [
            'id: chat_old',
            'name: chat_old',
            'kind: cookie',
            'category: help-center',
            'provider: { party: first, domain: billogram.com }',
            'setBy: server',
            'lifetime: 30 days',
            'retired: 2026-11-20',
            'purpose: { en: Remembered the old chat window., sv: Kom ihåg det gamla chattfönstret. }',
            'attributes: { path: /help, sameSite: Strict }',
            'value: { type: enum, values: [open, closed] }',
          ].join('\n'),
        },
      ]),
    );
    const server = runGenerator(tsConsentGenerator, catalog).find((f) => f.path === 'server.ts');
    expect(server?.contents).toContain(
      "{ name: 'chat_old', attributes: '; Max-Age=0; Path=/help; Secure; SameSite=Strict' }",
    );
  });

  it('withdrawal reaches page storage: browser.ts lists the category’s own storage in our origin, nothing of another category or another site', async () => {
    const catalog = await withFirstPartyOptional();
    const browser = runGenerator(tsConsentGenerator, catalog).find((f) => f.path === 'browser.ts');
    expect(browser?.contents).toContain(
      "const STORAGE: Readonly<Record<ConsentCategory, readonly DeclaredStorage[]>> = { 'help-center': [",
    );
    const table = /const STORAGE[^=]*= (.*);\n/.exec(browser?.contents ?? '')?.[1] ?? '';
    for (const declared of [
      "{ kind: 'localStorage', name: 'chat_draft' }",
      "{ kind: 'sessionStorage', name: 'chat_tab_{n}', pattern: '^chat_tab_-?[0-9]+$' }",
      "{ kind: 'indexedDB', name: 'chat-history' }",
      // A vendor's storage on our domain is in our origin: the page can remove it.
      "{ kind: 'localStorage', name: 'ZD-store' }",
    ])
      expect(table).toContain(declared);
    // Another site's storage lives in its origin; a necessary key is never withdrawn; cookies are
    // the server's part.
    for (const absent of ['widget_state', 'ui_theme', 'chat_pref', '__zlcmid'])
      expect(table).not.toContain(absent);
    expect(table.match(/kind:/g)).toHaveLength(4);
    expect(browser?.contents).toMatch(/^export async function removeWithdrawnStorage\(/m);
  });

  it('a catalog that declares no page storage for a category that needs consent: removeWithdrawnStorage removes nothing and costs nothing', async () => {
    const catalog = await valid(FIXTURE_CATALOG);
    const optional = new Set(catalog.categories.filter((c) => c.consentRequired).map((c) => c.id));
    const storage = catalog.entries.filter(
      (e) => optional.has(e.category) && e.kind !== 'cookie' && e.kind !== 'pixel',
    );
    expect(storage).toEqual([]); // the fixture as this test needs it
    const browser = runGenerator(tsConsentGenerator, catalog).find((f) => f.path === 'browser.ts');
    const removal = /export async function removeWithdrawnStorage[\s\S]*?\n\}/.exec(
      browser?.contents ?? '',
    )?.[0];
    expect(removal).toBe(
      'export async function removeWithdrawnStorage(_consent?: Consent): Promise<string[]> {\n  return [];\n}',
    );
    expect(browser?.contents).not.toContain('const STORAGE');
  });

  it('without a consent cookie nothing is granted: the storage of every category that needs consent is withdrawn', async () => {
    const catalog = await withStorageWithoutConsentCookie();
    expect(catalog.consent).toBeUndefined();
    const browser = runGenerator(tsConsentGenerator, catalog).find((f) => f.path === 'browser.ts');
    expect(browser?.contents).toContain(
      "const STORAGE: Readonly<Record<'help-center', readonly DeclaredStorage[]>> = { 'help-center': [{ kind: 'localStorage', name: 'chat_draft' }",
    );
    expect(browser?.contents).toContain(
      'const declared: readonly DeclaredStorage[] = Object.values<readonly DeclaredStorage[]>(STORAGE).flat();',
    );
    expect(browser?.contents).not.toContain('ui_theme');
  });

  it('is deterministic', async () => {
    const catalog = await withFirstPartyOptional();
    expect(runGenerator(tsConsentGenerator, catalog)).toEqual(
      runGenerator(tsConsentGenerator, await withFirstPartyOptional()),
    );
  });
});

describe('the controller’s name in each locale', () => {
  it('titles each locale’s banner with the name policy.yaml gives for it', async () => {
    const catalog = await valid(
      await editedCatalog([
        {
          file: 'policy.yaml',
          find: '  name: Billogram AB\n',
          with: '  name: { en: Billogram Ltd, sv: Billogram AB }\n',
        },
      ]),
    );
    expect(catalog.controller.names).toEqual({ en: 'Billogram Ltd', sv: 'Billogram AB' });
    const files = runGenerator(tsConsentGenerator, catalog);
    const banners = files.map((f) => f.contents).join('\n');
    for (const locale of catalog.locales) {
      const title = (catalog.labels.consentBannerTitle[locale] ?? '').replace(
        '{controller}',
        catalog.controller.names[locale] ?? '',
      );
      expect(banners).toContain(title);
    }
  });

  it('needs the name in every locale, like every other text', async () => {
    const { problems, catalog } = await loadCatalog(
      await editedCatalog([
        {
          file: 'policy.yaml',
          find: '  name: Billogram AB\n',
          with: '  name: { en: Billogram Ltd }\n',
        },
      ]),
    );
    expect(catalog).toBeUndefined();
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.rule)).toEqual([
      'i18n/missing-translation',
    ]);
  });
});
