import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadCatalog } from '@cookie-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { MINIMAL_TOOLCHAIN, packedToolchain } from './packed-toolchain.js';

const exec = promisify(execFile);
const PACKAGES = join(new URL('.', import.meta.url).pathname, '..', '..');
/** The toolchain, published by us under @cookie-catalog for every organisation. */
const TOOLCHAIN_PACKAGES = ['catalog', 'cli', 'codegen', 'release', 'runtime', 'scan', 'audit'];
/** Our organisation's generated packages, published under the scope our catalog names. */
const GENERATED = ['server', 'client', 'policy-table', 'docs', 'consent'];
const PUBLISHED = [...TOOLCHAIN_PACKAGES, ...GENERATED];

/** A workspace package's npm name, from its manifest. */
async function nameOf(folder: string): Promise<string> {
  return JSON.parse(await readFile(join(PACKAGES, folder, 'package.json'), 'utf8')).name;
}

let dryRun: Promise<Map<string, string[]>> | undefined;

/** What `npm pack` would put in each tarball, without writing one (one npm for all packages). */
async function packedFiles(name: string): Promise<string[]> {
  dryRun ??= exec(
    'npm',
    [
      'pack',
      '--dry-run',
      '--json',
      '--ignore-scripts',
      ...PUBLISHED.flatMap((p) => ['--workspace', `packages/${p}`]),
    ],
    { cwd: join(PACKAGES, '..'), maxBuffer: 64 * 1024 * 1024 },
  ).then(({ stdout }) => {
    const packs = JSON.parse(stdout) as { name: string; files: { path: string }[] }[];
    return new Map(packs.map((p) => [p.name, p.files.map((f) => f.path).sort()]));
  });
  const files = (await dryRun).get(await nameOf(name));
  if (!files) throw new Error(`npm pack listed no ${await nameOf(name)}`);
  return files;
}

describe('every package is ready to publish', () => {
  it.each(PUBLISHED)(
    '%s declares exports, types, files, sideEffects, license and repository',
    async (name) => {
      const manifest = JSON.parse(await readFile(join(PACKAGES, name, 'package.json'), 'utf8'));
      // The toolchain is ours for everyone; the generated packages carry our catalog's scope.
      if (TOOLCHAIN_PACKAGES.includes(name)) expect(manifest.name).toBe(`@cookie-catalog/${name}`);
      else expect(manifest.name).toMatch(/^@(?!cookie-catalog\/)[a-z0-9-]+\/[a-z0-9-]+$/);
      // The docs package's entry is generated into a folder of its own (dist/entry/).
      const entry = name === 'docs' ? './dist/entry/index' : './dist/index';
      expect(manifest.exports['.']).toMatchObject({
        types: `${entry}.d.ts`,
        default: `${entry}.js`,
      });
      expect(manifest.types).toBe(`${entry}.d.ts`);
      expect(manifest.files).toContain('dist');
      expect(manifest.sideEffects).toBeDefined();
      expect(manifest.license).toBe('MIT');
      expect(manifest.repository).toMatchObject({ type: 'git', directory: `packages/${name}` });
      expect(manifest.private).toBeUndefined();
    },
  );

  it.each(PUBLISHED)(
    'npm pack of %s ships only what it should',
    async (name) => {
      const files = await packedFiles(name);
      expect(files).toContain('package.json');
      const entry = name === 'docs' ? 'dist/entry/index' : 'dist/index';
      expect(files).toContain(`${entry}.js`);
      expect(files).toContain(`${entry}.d.ts`);
      expect(files).toContain('LICENSE');
      // A source map ships its sources inside it, or it would point at files not in the package.
      for (const map of files.filter((f) => f.endsWith('.map'))) {
        const parsed = JSON.parse(await readFile(join(PACKAGES, name, map), 'utf8'));
        expect(parsed.sourcesContent?.length, map).toBe(parsed.sources.length);
      }
      const manifest = JSON.parse(await readFile(join(PACKAGES, name, 'package.json'), 'utf8'));
      expect(manifest.exports['./package.json']).toBe('./package.json');
      for (const file of files) {
        expect(file, file).toMatch(
          /^(package\.json|README\.md|LICENSE|FIELDS\.md|dist\/.+|bin\/cookie-catalog\.js|schema\/(entry|policy)\.schema\.json)$/,
        );
        // dist/init/ is the repository `init` writes, tests for the new organisation included.
        if (file.startsWith('dist/init/')) continue;
        expect(file, file).not.toMatch(/\.test\.|\/test\/|\/fixtures\/|\/golden\/|tsbuildinfo/);
      }
    },
    30_000,
  );

  it('ships the generated assets and templates that packages load at run time', async () => {
    expect(await packedFiles('codegen')).toEqual(
      expect.arrayContaining([
        'dist/generators/html-policy-table/table.hbs',
        'dist/generators/policy-docs/policy.html.hbs',
      ]),
    );
    // One file per locale of the catalog the packages were built from.
    const { catalog } = await loadCatalog(
      fileURLToPath(new URL('../../../catalog/', import.meta.url)),
    );
    const locales = catalog?.locales ?? [];
    expect(locales.length).toBeGreaterThan(0);
    expect(await packedFiles('policy-table')).toEqual(
      expect.arrayContaining([
        'dist/styles.css',
        ...locales.flatMap((l) => [`dist/${l}.html`, `dist/${l}.json`]),
      ]),
    );
    expect(await packedFiles('docs')).toEqual(
      expect.arrayContaining([
        'dist/html/styles.css',
        'dist/html/site.json',
        ...locales.flatMap((l) => [`dist/html/${l}.html`, `dist/markdown/${l}.md`]),
      ]),
    );
  }, 30_000);

  it('the minimal toolchain installs from its tarballs into an empty folder: validate and generate work, audit and scan say what to add', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cookie-catalog-install-'));
    const app = join(dir, 'app');
    await mkdir(app);
    await writeFile(join(app, 'package.json'), '{ "name": "new-organisation", "private": true }\n');
    // Our packages from their tarballs; what they depend on from the npm cache (or registry).
    const toolchain = await packedToolchain();
    const minimal = MINIMAL_TOOLCHAIN.map((name) => toolchain[`@cookie-catalog/${name}`] ?? name);
    expect(
      minimal.every((spec) => spec.startsWith('file:')),
      JSON.stringify(toolchain),
    ).toBe(true);
    await exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...minimal], {
      cwd: app,
    });
    // Nothing heavy that validate and generate do not use: no browser driver, no audit or scan.
    const installed = await exec('npm', ['ls', '--all', '--parseable'], { cwd: app });
    const paths = installed.stdout.split('\n');
    for (const heavy of ['playwright-core', '@cookie-catalog/audit', '@cookie-catalog/scan'])
      expect(
        paths.filter((p) => p.endsWith(`/node_modules/${heavy}`)),
        heavy,
      ).toEqual([]);
    await cp(
      new URL('../../codegen/test/fixtures/hostile/catalog/', import.meta.url),
      join(app, 'catalog'),
      {
        recursive: true,
      },
    );
    const bin = join(app, 'node_modules', '.bin', 'cookie-catalog');
    const validated = await exec(bin, ['validate'], { cwd: app });
    expect(validated.stdout).toMatch(/✓ catalog is valid/);
    const generated = await exec(bin, ['generate'], { cwd: app });
    expect(generated.stdout).toMatch(/ts\/server: wrote 2 files/);
    for (const file of ['cookies.ts', 'index.ts']) {
      const server = await readFile(join(app, 'packages/server/src/generated', file), 'utf8');
      expect(server).toMatch(/^\/\/ Generated from catalog\/ by cookie-catalog\. Do not edit\./);
    }
    // The optional parts: one line naming the package to add, exit 2, no stack trace.
    for (const [command, name] of [
      [['audit', 'http://127.0.0.1:9/'], '@cookie-catalog/audit'],
      [['scan', 'src'], '@cookie-catalog/scan'],
    ] as const) {
      const failed = await exec(bin, [...command], { cwd: app }).then(
        () => ({ code: 0, stdout: '', stderr: '' }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failed.code, command[0]).toBe(2);
      expect(failed.stdout).toBe('');
      expect(failed.stderr.trim().split('\n')).toEqual([
        expect.stringContaining(`npm install --save-dev ${name}@0.1.0`),
      ]);
      expect(failed.stderr).not.toMatch(/\n\s+at |internal error/);
    }
    // The consent store drivers are optional peers too: `consent` names the one to install.
    await mkdir(join(app, 'consent-store', 'pgdata'), { recursive: true });
    for (const [store, driver] of [
      ['consent-store', '@electric-sql/pglite'],
      ['postgres://127.0.0.1:9/consent', 'pg'],
    ] as const) {
      const failed = await exec(bin, ['consent', 'verify', '--store', store], { cwd: app }).then(
        () => ({ code: 0, stdout: '', stderr: '' }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failed.code, driver).toBe(2);
      expect(failed.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(new RegExp(`which is not installed: npm install ${driver}$`)),
      ]);
    }
    // Added later, scan loads ts-morph from the installed packages and reads the product's code.
    await exec(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        toolchain['@cookie-catalog/scan'] ?? '',
      ],
      { cwd: app },
    );
    await mkdir(join(app, 'src'));
    await writeFile(join(app, 'src', 'page.js'), "document.cookie = 'made_up=1';\n");
    const scanned = await exec(bin, ['scan', 'src'], { cwd: app }).catch((e) => e);
    expect(scanned.code).toBe(1);
    expect(scanned.stdout).toMatch(/src\/page\.js:1:1 {2}scan\/undeclared/);
  }, 240_000);
});
