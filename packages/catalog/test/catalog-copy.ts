import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '@cookie-catalog/catalog';

/** The canonical catalog of this repository: tests of it derive what they expect from it. */
export const REAL_CATALOG = fileURLToPath(new URL('../../../catalog/', import.meta.url));
/**
 * A frozen copy of an invoicing company's catalog (ours, as of 2026-11). Toolchain tests edit
 * this, never `catalog/`, so that legal's changes cannot break them.
 */
export const FIXTURE_CATALOG = fileURLToPath(new URL('./fixtures/invoicing/', import.meta.url));

export interface Edit {
  /** A file inside the catalog, e.g. `cookies/language.yaml`. */
  readonly file: string;
  /** Text to replace (must occur), or undefined to replace the whole file; `with: null` deletes the file. */
  readonly find?: string;
  readonly with: string | null;
  /** Create `file` as a copy of this catalog file first. */
  readonly copyOf?: string;
}

/** A temporary copy of the fixture catalog with `edits` applied, as legal would make them. */
export async function editedCatalog(edits: readonly Edit[]): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'cookie-catalog-')), 'catalog');
  await cp(FIXTURE_CATALOG, dir, { recursive: true });
  for (const edit of edits) {
    const path = join(dir, edit.file);
    if (edit.copyOf !== undefined) {
      await cp(join(dir, edit.copyOf), path);
      continue;
    }
    if (edit.with === null) {
      await rm(path);
      continue;
    }
    if (edit.find === undefined) {
      await writeFile(path, edit.with);
      continue;
    }
    const text = await readFile(path, 'utf8').catch(() => '');
    if (!text.includes(edit.find))
      throw new Error(`test bug: "${edit.find}" is not in ${edit.file}`);
    await writeFile(
      path,
      text.replace(edit.find, () => edit.with as string),
    );
  }
  return dir;
}

/** The 1-based line of the first line of `file` in `dir` that contains `needle`. */
export async function lineOf(dir: string, file: string, needle: string): Promise<number> {
  const lines = (await readFile(join(dir, file), 'utf8')).split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`test bug: "${needle}" is not in ${file}`);
  return index + 1;
}

/** policy.yaml `packages`: the fixture's generated packages published as @acme/cookies-*. */
export const ACME_PACKAGES: Edit = {
  file: 'policy.yaml',
  find: '\ncategories:',
  with: '\npackages:\n  scope: "@acme"\ncategories:',
};

/** The fixture with `edits`, validated; a test bug (an invalid edit) throws with the problems. */
export async function editedValidCatalog(edits: readonly Edit[]) {
  const { catalog, problems } = await loadCatalog(await editedCatalog(edits));
  if (!catalog) throw new Error(problems.map((p) => p.message).join('\n'));
  return catalog;
}

/** `services: [...]` added to an entry file, before its `kind:` line. */
export function onServices(file: string, ids: readonly string[]): Edit {
  return { file, find: '\nkind:', with: `\nservices: [${ids.join(', ')}]\nkind:` };
}

/**
 * The fixture as three services on two parent domains (issue #31's acceptance shape): the
 * invoicing platform (app.billogram.com) and the Swedish site (www.billogram.se), run by us, and
 * the help centre (help.billogram.com), run by Zendesk. The consent cookie is a Domain cookie of
 * billogram.com, so the help centre, which asks for consent, receives it; the Zendesk entries are
 * on the help centre only; our host-only cookies on our own services.
 */
export const THREE_SERVICES: readonly Edit[] = [
  {
    file: 'policy.yaml',
    find: '  website: https://billogram.com\n',
    with: '  website: https://billogram.com\n  domains: [billogram.com, billogram.se]\n',
  },
  {
    file: 'policy.yaml',
    find: '\ncategories:',
    with: `
services:
  - id: platform
    name: { en: Invoicing platform, sv: Fakturaplattformen }
    hosts: [app.billogram.com]
    runBy: us
  - id: help
    name: { en: Help centre, sv: Hjälpcenter }
    hosts: [help.billogram.com]
    runBy: { vendor: "Zendesk, Inc." }
    policyUrl: https://help.billogram.com/hc/cookies
  - id: se
    name: { en: Swedish website, sv: Svenska webbplatsen }
    hosts: [www.billogram.se, billogram.se]
    runBy: us
categories:`,
  },
  {
    file: 'cookies/billogramGDPR.yaml',
    find: '  sameSite: Lax',
    with: '  sameSite: Lax\n  domain: billogram.com',
  },
  {
    file: 'cookies/billogramGDPR.yaml',
    find: '\nkind:',
    with: '\nservices: [platform, help]\nacknowledge: { advice/host-only: the help centre reads the answer }\nkind:',
  },
  onServices('cookies/access_token.yaml', ['platform']),
  onServices('cookies/billopay_session.yaml', ['platform']),
  onServices('cookies/csrftoken.yaml', ['platform', 'se']),
  onServices('cookies/efaktura.yaml', ['platform']),
  onServices('cookies/language.yaml', ['platform', 'se']),
  ...[
    'cloudflare_bot_management',
    'cloudflare_rate_limiting',
    'zendesk_authenticated',
    'zendesk_chat_privacy',
    'zendesk_chat_visitor',
    'zendesk_session',
    'zendesk_shared_session',
  ].map((id) => onServices(`cookies/${id}.yaml`, ['help'])),
];

/**
 * THREE_SERVICES with one answer shared across billogram.com (consent.sharedAcross) instead of a
 * Domain written on the consent cookie: the platform and the help centre share it, the Swedish
 * site (billogram.se) asks on its own.
 */
export const THREE_SERVICES_SHARED: readonly Edit[] = [
  ...THREE_SERVICES.filter(
    (edit) => !(edit.file === 'cookies/billogramGDPR.yaml' && edit.find === '  sameSite: Lax'),
  ).map((edit) =>
    edit.file === 'cookies/billogramGDPR.yaml'
      ? { ...edit, with: '\nservices: [platform, help, se]\nkind:' }
      : edit,
  ),
  {
    file: 'policy.yaml',
    find: '  version: 3\n',
    with: '  version: 3\n  sharedAcross: billogram.com\n',
  },
];

/**
 * For THREE_SERVICES: a second category that needs consent, statistics, with one cookie of ours
 * (a copy of language) on the platform and the Swedish site; the help centre does not use it.
 */
export const STATISTICS: readonly Edit[] = [
  {
    file: 'policy.yaml',
    find: '\nauthorities:',
    with: `  - id: statistics
    consentRequired: true
    openCookieDatabase: Analytics
    label: { en: Statistics (optional), sv: Statistik (valfria) }
    description: { en: Counts visits to the pages., sv: Räknar besök på sidorna. }

authorities:`,
  },
  { file: 'cookies/stats_visit.yaml', copyOf: 'cookies/language.yaml', with: '' },
  { file: 'cookies/stats_visit.yaml', find: 'id: language', with: 'id: stats_visit' },
  { file: 'cookies/stats_visit.yaml', find: 'name: language', with: 'name: stats_visit' },
  // On the platform and the Swedish site, as language is (a copy of it).
  { file: 'cookies/stats_visit.yaml', find: 'category: necessary', with: 'category: statistics' },
];

/**
 * Our source policy's shape (issue #31, item 5): the invoicing platform, run by us, and the help
 * centre, run by Zendesk, stated only as being under billogram.com (`domain:`, no `hosts:`),
 * sharing one answer across billogram.com. The entries are on the services as in THREE_SERVICES,
 * without the Swedish site.
 */
export const DOMAIN_ONLY_SERVICES: readonly Edit[] = [
  {
    file: 'policy.yaml',
    find: '  website: https://billogram.com\n',
    with: '  website: https://billogram.com\n  domains: [billogram.com, billogram.se]\n',
  },
  {
    file: 'policy.yaml',
    find: '\ncategories:',
    with: `
services:
  - id: platform
    name: { en: Invoicing platform, sv: Fakturaplattformen }
    domain: billogram.com
    runBy: us
  - id: help
    name: { en: Help centre, sv: Hjälpcenter }
    domain: billogram.com
    runBy: { vendor: "Zendesk, Inc." }
categories:`,
  },
  {
    file: 'policy.yaml',
    find: '  version: 3\n',
    with: '  version: 3\n  sharedAcross: billogram.com\n',
  },
  ...THREE_SERVICES.filter(
    (edit) => edit.find === '\nkind:' && edit.file !== 'cookies/billogramGDPR.yaml',
  ).map((edit) => ({ ...edit, with: (edit.with ?? '').replace(', se]', ']') })),
  onServices('cookies/billogramGDPR.yaml', ['platform', 'help']),
];
