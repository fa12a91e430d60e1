import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeInvisible, GENERATED_PACKAGES, packageNamesOf } from '@cookie-catalog/catalog';
import pc from 'picocolors';
import type { CliIo } from '../cli-io.js';
import { namedTargetWithin, outputTargetProblem } from '../output-target.js';

export interface InitOptions {
  readonly dir: string | undefined;
  /** Comma-separated, the first is the default locale (default: en). */
  readonly locales: string | undefined;
  /** The npm scope of the generated packages (default: from --name). */
  readonly scope: string | undefined;
  /** The organisation's legal name. */
  readonly name: string | undefined;
  /**
   * The registry the organisation publishes its generated packages to and installs them from
   * (default: npm's, npmjs.com): written into each package's `publishConfig`, where `npm
   * publish` and `changeset publish` read it, and into `.npmrc` for the scope.
   */
  readonly registry: string | undefined;
}

/**
 * The first version of the generated packages. 1.0.0, not 0.x: under 1.0.0 npm reads `^0.1.0`
 * as `>=0.1.0 <0.2.0`, so a new cookie (a changesets minor, 0.2.0) would never reach a product
 * team's `npm update`. From 1.0.0 on, minor and patch do, and only a major needs a decision.
 */
export const FIRST_VERSION = '1.0.0';

/**
 * dist/init/: this repository's packages and docs site, copied at build
 * (scripts/copy-init-template.js). Beside the compiled command (dist/commands, dist/bundle), or,
 * when this module runs from src/ (the tests), in the built dist/.
 */
async function templateFolder(): Promise<string> {
  const beside = fileURLToPath(new URL('../init/', import.meta.url));
  if (await stat(beside).catch(() => undefined)) return beside;
  return fileURLToPath(new URL('../../dist/init/', import.meta.url));
}
const TOOLCHAIN = fileURLToPath(new URL('../../package.json', import.meta.url));

/** Toolchain packages an organisation installs from npm, at this toolchain's version. */
const TOOLCHAIN_PACKAGES = new Set([
  '@cookie-catalog/catalog',
  '@cookie-catalog/cli',
  '@cookie-catalog/codegen',
  '@cookie-catalog/release',
  '@cookie-catalog/runtime',
]);
/** What the generated packages and the docs site need to build and test; the rest is ours. */
const KEPT_DEV_DEPENDENCIES = new Set(['typescript', 'vitest', 'tough-cookie', 'vitepress', 'vue']);
/** Packages of the new repository that come with tests. */
const TESTED = new Set(['packages/server', 'packages/client', 'packages/consent', 'apps/docs']);

/**
 * `cookie-catalog init <dir>`: a new organisation's repository: its catalog (a starter policy
 * and one entry of each kind, with TODO where legal must write; validate names every one), the
 * generated packages under its own npm scope, the docs site, tests, CI and a README. Never
 * writes into a folder that has anything in it.
 */
export async function initCommand(options: InitOptions, io: CliIo): Promise<number> {
  const c = pc.createColors(io.color);
  const fail = (message: string) => {
    io.stderr(`cookie-catalog init: ${escapeInvisible(message)}\n`);
    return 2;
  };
  if (!options.dir) return fail('say where: cookie-catalog init <folder>');
  const dir = resolve(io.cwd, options.dir);
  // Never into a linked folder (or one inside a link): the files would land where it points.
  const unsafe = await outputTargetProblem(
    { path: dir, within: namedTargetWithin(dir, io.cwd), kind: 'folder' },
    io.cwd,
  );
  if (unsafe !== undefined) return fail(unsafe);
  // An empty folder, or one with nothing but a fresh git repository (`git init acme` first).
  const existing = (await readdir(dir).catch(() => undefined))?.filter((name) => name !== '.git');
  if (existing && existing.length > 0)
    return fail(`${options.dir} is not empty; init writes a new repository into an empty folder`);
  if ((await stat(dir).catch(() => undefined))?.isFile())
    return fail(`${options.dir} is a file; name a folder`);

  const locales = (options.locales ?? 'en')
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  const badLocale = locales.find((l) => !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(l));
  if (badLocale !== undefined || locales.length === 0)
    return fail(
      `--locales takes language tags separated by commas, such as en,fi (not "${badLocale ?? ''}")`,
    );
  if (new Set(locales).size !== locales.length) return fail('--locales names a language twice');
  // The name goes into the README's heading and the policy: one line of visible text.
  if (
    options.name !== undefined &&
    (options.name.trim() === '' ||
      !options.name.isWellFormed() ||
      escapeInvisible(options.name) !== options.name)
  )
    return fail(
      `--name takes the organisation's legal name as one line of visible text (not "${options.name}")`,
    );
  const scope = options.scope ?? (options.name ? `@${slug(options.name)}` : undefined);
  if (scope === undefined)
    return fail('say which npm scope the packages are published under: --scope @yourorg');
  if (!/^@[a-z0-9][a-z0-9._~-]*$/.test(scope))
    return fail(`--scope must be an npm scope such as @acme, not "${scope}"`);
  const registry = options.registry === undefined ? undefined : registryUrl(options.registry);
  if (registry === null)
    return fail(
      `--registry takes the address of an npm registry, such as https://npm.acme.example/ (not "${options.registry}")`,
    );

  const toolchain = JSON.parse(await readFile(TOOLCHAIN, 'utf8')) as { version: string };
  const names = packageNamesOf({ scope });
  const rename = renamer(names, scope);
  const written: string[] = [];
  const write = async (path: string, text: string) => {
    const file = join(dir, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text, path.endsWith('.ci/run') ? { mode: 0o755 } : {});
    written.push(path);
  };

  const TEMPLATE = await templateFolder();
  for (const path of (await readdir(TEMPLATE, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => relative(TEMPLATE, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort()) {
    const text = await readFile(join(TEMPLATE, path), 'utf8');
    if (path === 'package.json') {
      await write(path, rootManifest(JSON.parse(text), scope, toolchain.version));
    } else if (path.endsWith('/package.json')) {
      const folder = path.slice(0, -'/package.json'.length);
      await write(
        path,
        packageManifest(JSON.parse(text), {
          rename,
          toolchain: toolchain.version,
          tested: TESTED.has(folder),
          registry,
        }),
      );
    } else {
      await write(path, rename(text));
    }
  }

  const today = new Date().toISOString().slice(0, 10);
  const starter = starterCatalog({ locales, name: options.name, scope, today });
  for (const [path, text] of Object.entries(starter)) await write(`catalog/${path}`, text);
  await write(
    'README.md',
    readme({ name: options.name, names, scope, toolchain: toolchain.version, registry }),
  );
  // Where `npm install` finds the organisation's packages: its registry, for its scope only
  // (the toolchain and everything else come from the registry npm is configured with).
  if (registry) await write('.npmrc', `${scope}:registry=${registry}\n`);
  await write(
    '.gitignore',
    'node_modules/\ndist/\n**/src/generated/\n.turbo/\n**/.vitepress/dist/\n**/.vitepress/cache/\n*.tsbuildinfo\n',
  );
  await write(
    '.changeset/config.json',
    `${JSON.stringify({ $schema: 'https://unpkg.com/@changesets/config@3.1.1/schema.json', changelog: '@changesets/cli/changelog', commit: false, access: 'public', baseBranch: 'main', updateInternalDependencies: 'patch', ignore: [] }, null, 2)}\n`,
  );
  await write(
    '.changeset/README.md',
    '# Changesets\n\nA catalog change gets its release note and version bumps from `npx cookie-catalog changeset`.\n',
  );

  const shown = escapeInvisible(relative(io.cwd, dir) || '.');
  io.stdout(
    `${c.green('✓')} wrote a new cookie catalog repository to ${shown} (${written.length} files): ${GENERATED_PACKAGES.map((p) => names[p]).join(', ')}\n\nNext:\n  cd ${shown}\n  git init -b main && git add -A && git commit -m "Cookie catalog"   # changesets and \`cookie-catalog diff\` compare with main\n  npm install\n  npx cookie-catalog validate    # lists every TODO legal must write\n  npm run build && npm test      # once validate passes\n`,
  );
  return 0;
}

/** Renames this repository's generated packages (and its docs site) to the organisation's. */
function renamer(names: Readonly<Record<string, string>>, scope: string): (text: string) => string {
  return (text) =>
    text
      .replaceAll('@cookie-catalog/docs-site', `${scope}/cookies-docs-site`)
      .replace(
        /@cookie-catalog\/(server|client|policy-table|docs|consent)(?![\w-])/g,
        (_, name: string) => names[name] ?? name,
      );
}

interface Manifest {
  name: string;
  version?: string;
  license?: string;
  repository?: unknown;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** `https://npm.acme.example` → `https://npm.acme.example/`; null for what is no address. */
function registryUrl(text: string): string | null {
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.href.endsWith('/') ? url.href : `${url.href}/`;
  } catch {
    return null;
  }
}

function packageManifest(
  manifest: Manifest,
  options: {
    rename: (text: string) => string;
    toolchain: string;
    tested: boolean;
    registry: string | undefined;
  },
): string {
  const { rename, toolchain, tested, registry } = options;
  const dependencies = (deps: Record<string, string> | undefined, dev: boolean) => {
    const kept: Record<string, string> = {};
    for (const [name, version] of Object.entries(deps ?? {})) {
      // Without tests, a package needs for development only the generator and the compiler.
      const needed = !dev || (tested ? KEPT_DEV_DEPENDENCIES.has(name) : name === 'typescript');
      if (name === '@cookie-catalog/cli' || (!dev && TOOLCHAIN_PACKAGES.has(name)))
        kept[name] = toolchain;
      // Another generated package: any 1.x, as a product team would depend on it.
      else if (rename(name) !== name) kept[rename(name)] = `^${FIRST_VERSION}`;
      else if (needed) kept[name] = version;
    }
    if (dev && tested) {
      kept['@cookie-catalog/catalog'] = toolchain;
      kept.vitest = deps?.vitest ?? '4.1.12';
    }
    return Object.keys(kept).length ? Object.fromEntries(Object.entries(kept).sort()) : undefined;
  };
  const scripts = { ...manifest.scripts };
  delete scripts.bench;
  // Our typecheck runs TypeScript 7 from a private package of ours; a new repository's runs tsc.
  if (scripts.typecheck) scripts.typecheck = scripts.typecheck.replace(/^tsc-native /, 'tsc ');
  if (!tested) delete scripts.test;
  const { repository: _repository, ...rest } = manifest;
  const result: Manifest = {
    ...rest,
    name: rename(manifest.name),
    ...(typeof manifest.description === 'string' && { description: rename(manifest.description) }),
    version: FIRST_VERSION,
    license: 'UNLICENSED',
    scripts,
  };
  // `npm publish` and `changeset publish` both publish to publishConfig.registry.
  if (registry && !manifest.private)
    result.publishConfig = { ...(manifest.publishConfig as object | undefined), registry };
  const dependencies_ = dependencies(manifest.dependencies, false);
  const devDependencies = dependencies(manifest.devDependencies, true);
  if (dependencies_) result.dependencies = dependencies_;
  else delete result.dependencies;
  if (devDependencies) result.devDependencies = devDependencies;
  else delete result.devDependencies;
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** The organisation's root package.json, from this repository's (its tool versions). */
function rootManifest(ours: Manifest, scope: string, toolchain: string): string {
  const pick = (names: string[], from: Record<string, string> | undefined) =>
    Object.fromEntries(names.flatMap((n) => (from?.[n] ? [[n, from[n]]] : [])));
  const devDependencies: Record<string, string> = {
    '@cookie-catalog/catalog': toolchain,
    '@cookie-catalog/cli': toolchain,
    ...pick(
      ['@changesets/cli', '@types/node', 'turbo', 'typescript', 'vitest'],
      ours.devDependencies,
    ),
  };
  const scripts = pick(
    ['build', 'generate', 'typecheck', 'test', 'validate', 'changeset'],
    ours.scripts,
  );
  return `${JSON.stringify(
    {
      name: `${scope.slice(1)}-cookies`,
      private: true,
      description: 'Our cookie catalog, and the packages and docs site generated from it.',
      type: 'module',
      packageManager: ours.packageManager,
      engines: ours.engines,
      workspaces: ['packages/*', 'apps/*'],
      scripts,
      devDependencies: Object.fromEntries(Object.entries(devDependencies).sort()),
    },
    null,
    2,
  )}\n`;
}

function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'org'
  );
}

/** Text in every locale, each a TODO that validate reports until legal writes it. */
function todo(locales: readonly string[], what: string): string {
  return `{ ${locales.map((l) => `${l}: "TODO: ${what}"`).join(', ')} }`;
}

function starterCatalog(options: {
  locales: readonly string[];
  name: string | undefined;
  scope: string;
  today: string;
}): Record<string, string> {
  const { locales, today } = options;
  const [defaultLocale] = locales;
  const schema = (file: string) =>
    `# yaml-language-server: $schema=../${file === 'policy' ? '' : '../'}node_modules/@cookie-catalog/catalog/schema/${file}.schema.json\n`;
  const entry = (body: string) => `${schema('entry')}${body}`;
  const purpose = (what: string) => `purpose: ${todo(locales, what)}\n`;
  /** An entry of our own (first party), on the site's domain. */
  const ours = (e: {
    about: string;
    id: string;
    name?: string;
    kind?: string;
    category?: string;
    setBy?: string;
    lifetime?: string;
    purpose: string;
    rest?: string;
  }) =>
    entry(
      `# ${e.about}\nid: ${e.id}\nname: ${e.name ?? e.id}\nkind: ${e.kind ?? 'cookie'}\ncategory: ${e.category ?? 'necessary'}\nsetBy: ${e.setBy ?? 'client'}\nlifetime: ${e.lifetime ?? 'persistent'}\n${purpose(e.purpose)}${e.rest ?? ''}`,
    );
  const sections = ['introduction', 'cookie-table', 'contact'];
  const files: Record<string, string> = {
    'policy.yaml': `${schema('policy')}# The policy as a whole. Every TODO is an error until it is written: run
# \`npx cookie-catalog validate\` to list them. All fields: node_modules/@cookie-catalog/catalog/FIELDS.md
version: "1.0"
lastUpdated: "${today}"
locales: [${locales.join(', ')}]
defaultLocale: ${defaultLocale}
controller:
  name: ${JSON.stringify(options.name ?? "TODO: your organisation's legal name")}
  website: "TODO: https://your-site.example"
dpo:
  email: "TODO: the data protection officer's address"
# The npm names of the generated packages: ${options.scope}/cookies-server and so on.
packages:
  scope: "${options.scope}"
consent:
  cookie: consent
  version: 1
  preferencesUrl: /cookies
categories:
  - id: necessary
    consentRequired: false
    label: ${todo(locales, 'the name of this category, e.g. Necessary')}
    description: ${todo(locales, 'what these cookies are needed for')}
  - id: analytics
    consentRequired: true
    openCookieDatabase: Analytics
    consentMode: [analytics_storage]
    label: ${todo(locales, 'the name of this category, e.g. Statistics')}
    description: ${todo(locales, 'what these cookies tell us, and that we ask first')}
authorities:
  - id: cookie-authority
    supervises: cookies
    name: ${todo(locales, 'the authority that supervises cookies in your country')}
    url: ${todo(locales, "the authority's https address")}
  - id: data-protection-authority
    supervises: personal-data
    name: ${todo(locales, 'the data protection authority')}
    url: ${todo(locales, "the authority's https address")}
sections: [${sections.join(', ')}]
`,
    // One entry of each kind; delete the ones you do not have, copy them for the ones you do.
    'cookies/session.yaml': ours({
      about: 'A cookie our server sets: generated setSession(res, value), readSession(cookies).',
      id: 'session',
      setBy: 'server',
      lifetime: '2 hours',
      purpose: 'why we set it, in words a visitor understands',
      rest: 'attributes: { secure: true, httpOnly: true, sameSite: Lax }\nvalue: { type: string, pattern: "^[A-Za-z0-9]{32}$", example: Q7w2Ez9Rt4Yu1Io8Pa5Sd3Fg6Hj0Kl2M }\n',
    }),
    'cookies/language.yaml': ours({
      about: 'A cookie our page script sets: generated writeLanguage(value) in the browser.',
      id: 'language',
      setBy: 'client',
      lifetime: '1 year',
      purpose: 'why we remember the language',
      rest: `attributes: { secure: true, httpOnly: false, sameSite: Lax }\nvalue: { type: enum, values: [${locales.join(', ')}] }\n`,
    }),
    'cookies/consent.yaml': ours({
      about:
        'The answer to the consent question (policy.yaml consent: cookie). Its value follows from\n# the categories (and holds the consent id its records carry); the consent package reads and\n# writes it, and records every answer (openConsentRecords).',
      id: 'consent',
      name: 'cookie_consent',
      setBy: 'server',
      lifetime: '180 days',
      purpose: 'why we remember your answer',
      rest: 'attributes: { secure: true, httpOnly: false, sameSite: Lax }\n',
    }),
    'cookies/analytics.yaml':
      entry(`# A cookie another company sets: it is listed, and held back until the visitor agrees.
id: analytics
name: _stats
kind: cookie
category: analytics
provider:
  party: third
  name: "TODO: the company"
  domain: "TODO: the company's domain, e.g. stats.vendor.com"
  privacyPolicy: "TODO: the https address of the company's privacy policy"
lifetime: { statedByProvider: 1 year }
${purpose('what the company learns, and what we use it for')}`),
    'cookies/draft.yaml': ours({
      about: 'Local storage: kept until deleted.',
      id: 'draft',
      name: 'draft-message',
      kind: 'localStorage',
      purpose: 'what we keep in the browser, and why',
    }),
    'cookies/wizard_step.yaml': ours({
      about: 'Session storage: gone when the tab closes.',
      id: 'wizard_step',
      name: 'wizard-step',
      kind: 'sessionStorage',
      lifetime: 'session',
      purpose: 'what we keep while the tab is open',
    }),
    'cookies/offline.yaml': ours({
      about: 'An IndexedDB database.',
      id: 'offline',
      name: 'offline-cache',
      kind: 'indexedDB',
      purpose: 'what works offline thanks to it',
    }),
    'cookies/newsletter_opened.yaml': ours({
      about: 'A tracking pixel: stores nothing, but tells us that an e-mail was opened.',
      id: 'newsletter_opened',
      name: 'newsletter pixel',
      kind: 'pixel',
      category: 'analytics',
      setBy: 'server',
      lifetime: 'none',
      purpose: 'what the pixel tells us',
    }),
  };
  for (const locale of locales) {
    files[`sections/${locale}/introduction.md`] =
      'TODO: who we are, and what this policy covers.\n';
    files[`sections/${locale}/contact.md`] =
      'TODO: how to reach us and the data protection officer about cookies.\n';
  }
  return files;
}

function readme(options: {
  name: string | undefined;
  names: Readonly<Record<string, string>>;
  scope: string;
  toolchain: string;
  registry: string | undefined;
}): string {
  const { names, registry } = options;
  const where = registry
    ? `The packages are published to our registry, ${registry}: each package's
\`publishConfig.registry\` says so to \`npm publish\` and \`changeset publish\`, and \`.npmrc\` to
\`npm install\`.`
    : `The packages are published to npm's registry. To publish them to a registry of your own, give
each package a \`publishConfig.registry\` (what \`cookie-catalog init --registry\` writes).`;
  return `# ${options.name ?? 'Our'} cookie catalog

One catalog, \`catalog/\`, says which cookies and similar technologies we use and why. Everything
else is generated from it by [cookie-catalog](https://www.npmjs.com/package/@cookie-catalog/cli):

| package | what it gives you |
|---|---|
| \`${names.server}\` | typed setters, deleters and readers for the cookies our server sets |
| \`${names.client}\` | typed readers and writers for the browser |
| \`${names['policy-table']}\` | the accessible cookie table per language (HTML, JSON, CSS) |
| \`${names.docs}\` | the whole cookie policy per language (Markdown, HTML), and exports |
| \`${names.consent}\` | the consent banner, consent readers and withdrawal |
| \`apps/docs\` | the docs site (VitePress) that shows the policy |

## Set up

\`\`\`sh
git init -b main && git add -A && git commit -m "Cookie catalog"   # once: diff and changeset compare with main
npm install
npm run build     # validates the catalog, generates every package, builds the docs site
npm test
\`\`\`

A new repository's catalog has \`TODO\` wherever legal must write: \`npm run build\` refuses until
\`npx cookie-catalog validate\` passes, and names each one with its file, line and column.

## For legal

- One file per cookie in \`catalog/cookies/\`; the policy as a whole in \`catalog/policy.yaml\`;
  the prose in \`catalog/sections/<language>/\`. The starter has one example of each kind of
  entry: change them to yours, delete the ones you do not have.
- A cookie you stop using: do not delete its file, add \`retired: <YYYY-MM-DD>\` (the day from which
  it is no longer set). The policy keeps listing it and the packages keep only its deleter while
  browsers may still hold it; \`validate\` warns (\`retired/run-out\`) once its lifetime has run
  out by \`lastUpdated\`: then delete the file.
- After every change: \`npx cookie-catalog validate\`. To see the policy as readers will while you
  write: \`npm run dev -w ${options.scope}/cookies-docs-site\`.
- \`npx cookie-catalog diff --base main\` says in plain words what a change does and which packages
  it bumps; \`npx cookie-catalog changeset\` writes that down for the release.

## For engineers

- \`setSession(res, value)\` and friends cannot get a name, lifetime or flag wrong: they come from
  the catalog. Values with a pattern are checked types (\`parseSession(text)\`).
- \`npx cookie-catalog scan apps\` (or the folder of your product's code) finds cookie code written by hand; \`npx cookie-catalog audit
  https://your-site.example\` holds what the site really stores against the catalog. Both are
  optional parts of the toolchain (scan brings TypeScript's compiler, audit a browser driver and
  needs a Chromium); add them once with
  \`npm install --save-dev @cookie-catalog/scan@${options.toolchain} @cookie-catalog/audit@${options.toolchain}\`.
- \`.ci/run\` is what CI runs.

## Releasing

${where} They started at 1.0.0; every catalog change is released with
[changesets](https://github.com/changesets/changesets):

\`\`\`sh
npx cookie-catalog changeset --base main   # on the pull request: the bumps the catalog change needs
npx changeset version                      # on main: bump the packages, write their changelogs
npm install && npm run build               # the lockfile and the packages at the new versions
npx changeset publish                      # publish what is not published yet
\`\`\`

A new cookie is a minor release and a lifetime or attribute a patch, so a product team's
\`npm update\` picks both up within \`^1.0.0\`; a cookie removed, or a value narrowed, is a major.

## Using the packages in a product

\`\`\`sh
${registry ? `echo "${options.scope}:registry=${registry}" >> .npmrc   # once: where ${options.scope} packages come from\n` : ''}npm install ${names.server} ${names.client}
\`\`\`

Then \`npm update\` takes each new catalog release (\`^1.0.0\`: minor and patch).

## Upgrading the toolchain

This repository was written by cookie-catalog ${options.toolchain}. To move to a later version,
raise every \`@cookie-catalog/*\` package together in every package.json
(\`npm install @cookie-catalog/cli@latest …\`), then \`npm run build\` and \`npm test\`: the
generated code changes with the toolchain, the catalog does not. Read the toolchain's changelog
for changes to the generated API. The packages hold generated code only (\`src/generated/\`): what
it runs on comes from \`@cookie-catalog/runtime\`, so a fix there reaches you with the upgrade. The
packages' set-ups (\`package.json\`, \`tsconfig*.json\`) come from the toolchain's \`init\` and may
be compared with a fresh \`npx cookie-catalog init\` of the new version.
`;
}
