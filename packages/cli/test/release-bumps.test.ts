import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GENERATED_PACKAGES, loadCatalog } from '@cookie-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import { type Edit, editedCatalog } from '../../catalog/test/catalog-copy.js';
import { runCli } from './run-cli.js';

/*
 * Bumps from what each generated package's users see change (issue #27, item 3). Every case edits
 * the fixture catalog the way legal or engineering would, and asserts two things:
 *  - exactly the packages whose generated files changed get a bump: the oracle is `generate`
 *    itself, run for base and head into two folders whose files are compared;
 *  - the size: an export removed, a parameter narrowed or a result widened → major; an export
 *    added or a parameter widened → minor; data, texts and JSDoc → patch; a value check that
 *    accepts less → major.
 */

type Size = 'major' | 'minor' | 'patch';
type Key = (typeof GENERATED_PACKAGES)[number];

/** A vendor's cookie on our domain, whose location withdrawal must delete it from. */
const vendorCookie: Edit[] = [
  { file: 'cookies/zz_vendor.yaml', copyOf: 'cookies/zendesk_chat_visitor.yaml', with: '' },
  { file: 'cookies/zz_vendor.yaml', find: 'id: zendesk_chat_visitor', with: 'id: zz_vendor' },
  { file: 'cookies/zz_vendor.yaml', find: 'name: __zlcmid', with: 'name: zz_widget' },
];

interface Case {
  readonly title: string;
  readonly base?: readonly Edit[];
  /** The base catalog in fewer languages: this locale's texts and sections taken out. */
  readonly baseWithout?: string;
  readonly head: readonly Edit[];
  readonly bumps: Partial<Record<Key, Size>>;
}

/**
 * The catalog as it was before a language was added: the locale out of `locales`, out of every
 * text (a mapping that has the default locale's key too), its sections and translation records.
 */
async function withoutLocale(dir: string, locale: string): Promise<void> {
  const policyText = await readFile(join(dir, 'policy.yaml'), 'utf8');
  const defaultLocale = /^defaultLocale: (\S+)$/m.exec(policyText)?.[1] ?? 'en';
  const yamlFiles = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.yaml'));
  for (const file of yamlFiles) {
    const path = join(dir, file);
    const document = parseDocument(await readFile(path, 'utf8'));
    if (file === 'translations.yaml') document.delete(locale);
    visit(document, {
      Map(_key, map) {
        // A text (en and sv), or something per locale (durationWords: { sv: … }).
        const perLocale =
          isMap(map) &&
          map.has(locale) &&
          (map.has(defaultLocale) ||
            map.items.every((pair) => /^[a-z]{2,3}(-[A-Za-z]+)?$/.test(String(pair.key))));
        if (perLocale) map.delete(locale);
      },
      Pair(_key, pair) {
        // locales: [en, sv] → [en]
        if (file === 'policy.yaml' && String(pair.key) === 'locales' && isSeq(pair.value))
          pair.value.items = pair.value.items.filter(
            (item) => !(isScalar(item) && item.value === locale),
          );
      },
    });
    await writeFile(path, document.toString());
  }
  await rm(join(dir, 'sections', locale), { recursive: true });
}

const CASES: readonly Case[] = [
  {
    title: 'a longer lifetime: data in the server declaration, texts in the table and policy',
    head: [
      { file: 'cookies/access_token.yaml', find: 'lifetime: 1 hour', with: 'lifetime: 2 hours' },
    ],
    bumps: { server: 'patch', 'policy-table': 'patch', docs: 'patch' },
  },
  {
    title: 'a text only (a Swedish purpose)',
    head: [
      {
        file: 'cookies/language.yaml',
        find: 'sv: Kommer ihåg vilket språk du valde för våra sidor.',
        with: 'sv: Kommer ihåg ditt språk.',
      },
    ],
    bumps: { 'policy-table': 'patch', docs: 'patch' },
  },
  {
    title: 'a label override',
    head: [{ file: 'policy.yaml', find: 'name: { en: Name,', with: 'name: { en: Cookie name,' }],
    bumps: { 'policy-table': 'patch', docs: 'patch' },
  },
  {
    title: "a category's consentMode",
    head: [
      {
        file: 'policy.yaml',
        find: '    consentRequired: true\n    openCookieDatabase: Functional\n',
        with: '    consentRequired: true\n    openCookieDatabase: Functional\n    consentMode: [functionality_storage]\n',
      },
    ],
    bumps: { consent: 'patch', docs: 'patch' },
  },
  {
    title: 'a new locale (en only → en and sv): new pages, and the locale type widens',
    baseWithout: 'sv',
    head: [],
    bumps: { 'policy-table': 'minor', docs: 'minor', consent: 'minor' },
  },
  {
    title: 'a pattern widened: setters accept more at run time',
    head: [
      {
        file: 'cookies/csrftoken.yaml',
        find: 'pattern: "^[A-Za-z0-9]{32,64}$"',
        with: 'pattern: "^[A-Za-z0-9_-]{32,64}$"',
      },
    ],
    bumps: { server: 'minor', client: 'minor', docs: 'patch' },
  },
  {
    title: 'a pattern narrowed (a shorter maxLength): readers accept less at run time',
    head: [{ file: 'cookies/csrftoken.yaml', find: 'maxLength: 64', with: 'maxLength: 40' }],
    bumps: { server: 'major', client: 'major', docs: 'patch' },
  },
  {
    title: 'a pattern narrowed (fewer characters): readers accept less at run time',
    head: [
      {
        file: 'cookies/csrftoken.yaml',
        find: 'pattern: "^[A-Za-z0-9]{32,64}$"',
        with: 'pattern: "^[a-z0-9]{32,64}$"',
      },
      {
        file: 'cookies/csrftoken.yaml',
        find: 'example: "kP3xV9qLm2Zt7RbW4nYc8sHd6JfG1aQe"',
        with: 'example: "kp3xv9qlm2zt7rbw4nyc8shd6jfg1aqe"',
      },
    ],
    bumps: { server: 'major', client: 'major', docs: 'patch' },
  },
  {
    title: 'an enum widened: setters accept more, but readers can return a new value',
    head: [
      { file: 'cookies/language.yaml', find: 'values: [en, sv]', with: 'values: [en, sv, fi]' },
    ],
    bumps: { server: 'major', client: 'major', docs: 'patch' },
  },
  {
    title: 'a new cookie of our own: new setters and readers',
    head: [
      { file: 'cookies/zz-new.yaml', copyOf: 'cookies/language.yaml', with: '' },
      { file: 'cookies/zz-new.yaml', find: 'id: language', with: 'id: theme' },
      { file: 'cookies/zz-new.yaml', find: 'name: language', with: 'name: theme' },
    ],
    bumps: { server: 'minor', client: 'minor', 'policy-table': 'patch', docs: 'patch' },
  },
  {
    title: 'a new vendor cookie in a consent category: withdrawal deletes it too',
    head: [
      { file: 'cookies/zz_chat.yaml', copyOf: 'cookies/zendesk_chat_visitor.yaml', with: '' },
      { file: 'cookies/zz_chat.yaml', find: 'id: zendesk_chat_visitor', with: 'id: zz_chat' },
      { file: 'cookies/zz_chat.yaml', find: 'name: __zlcmid', with: 'name: __zlnew' },
    ],
    bumps: { consent: 'patch', 'policy-table': 'patch', docs: 'patch' },
  },
  {
    title: "a vendor cookie's attributes.path: withdrawal deletes it elsewhere",
    base: vendorCookie,
    head: [{ file: 'cookies/zz_vendor.yaml', find: '  path: /', with: '  path: /app' }],
    bumps: { consent: 'patch', docs: 'patch' },
  },
  {
    title: 'a cookie removed: its setters and readers go',
    head: [{ file: 'cookies/language.yaml', with: null }],
    bumps: { server: 'major', client: 'major', 'policy-table': 'patch', docs: 'patch' },
  },
  {
    title: 'a cookie retired: its setters and readers go, its deleter and its row stay',
    head: [
      {
        file: 'cookies/language.yaml',
        find: 'lifetime: 30 days\n',
        with: 'lifetime: 30 days\nretired: "2026-11-01"\n',
      },
    ],
    bumps: { server: 'major', client: 'major', 'policy-table': 'patch', docs: 'patch' },
  },
  {
    title: 'a cookie made HttpOnly: its client reader goes',
    head: [{ file: 'cookies/csrftoken.yaml', find: 'httpOnly: false', with: 'httpOnly: true' }],
    bumps: { server: 'patch', client: 'major', 'policy-table': 'patch', docs: 'patch' },
  },
  {
    title: 'the consent version raised',
    head: [{ file: 'policy.yaml', find: '  version: 3', with: '  version: 4' }],
    bumps: { consent: 'patch', docs: 'patch' },
  },
  {
    title: 'a new example value: only the catalog JSON export carries it',
    head: [
      {
        file: 'cookies/csrftoken.yaml',
        find: 'example: "kP3xV9qLm2Zt7RbW4nYc8sHd6JfG1aQe"',
        with: 'example: "Zt7RbW4nYc8sHd6JfG1aQekP3xV9qLm2"',
      },
    ],
    bumps: { docs: 'patch' },
  },
];

/** Every file under `dir`, by path relative to it. */
async function files(dir: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const names = (await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])) as {
    name: string;
    parentPath: string;
    isFile(): boolean;
  }[];
  for (const entry of names) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    found.set(path.slice(dir.length), await readFile(path, 'utf8'));
  }
  return found;
}

/** The generated packages whose files differ between two `generate` runs: the oracle. */
async function changedPackages(before: string, after: string): Promise<Key[]> {
  const changed: Key[] = [];
  for (const key of GENERATED_PACKAGES) {
    const a = await files(join(before, 'packages', key));
    const b = await files(join(after, 'packages', key));
    const same = a.size === b.size && [...a].every(([path, text]) => b.get(path) === text);
    if (!same) changed.push(key);
  }
  return changed;
}

async function generated(catalog: string): Promise<string> {
  const root = join(catalog, '..', 'root');
  const result = await runCli(['generate', '--catalog', catalog, '--root', root], catalog);
  expect(result.code, result.stderr).toBe(0);
  return root;
}

describe('diff bumps exactly the packages whose generated files changed, by what their users see', () => {
  it.each(CASES)('$title', async ({ base = [], baseWithout, head, bumps }) => {
    const before = await editedCatalog(base);
    const after = await editedCatalog([...base, ...head]);
    if (baseWithout) {
      await withoutLocale(before, baseWithout);
      const { problems } = await loadCatalog(before);
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    }
    const { catalog } = await loadCatalog(after);
    if (!catalog) throw new Error('test bug: the edited catalog is not valid');
    const result = await runCli(
      ['diff', '--from', before, '--catalog', after, '--format', 'json'],
      after,
    );
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout) as {
      bumps: Record<string, Size>;
      packageBumps: { name: string; bump: Size; reasons: string[] }[];
    };
    const changed = await changedPackages(await generated(before), await generated(after));
    // Exactly the packages whose generated files changed…
    expect(Object.keys(json.bumps).sort()).toEqual(changed.map((k) => catalog.packages[k]).sort());
    // …each by the size its users need, with the reasons said.
    expect(json.bumps).toEqual(
      Object.fromEntries(
        Object.entries(bumps).map(([key, size]) => [catalog.packages[key as Key], size]),
      ),
    );
    for (const pkg of json.packageBumps) expect(pkg.reasons.length, pkg.name).toBeGreaterThan(0);
  });
});
