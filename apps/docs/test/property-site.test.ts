import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Catalog, loadCatalog } from '@cookie-catalog/catalog';
import {
  catalogJsonGenerator,
  htmlPolicyGenerator,
  ocdCsvGenerator,
  runGenerator,
  tcfDeviceStorageGenerator,
} from '@cookie-catalog/codegen';
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { renderPolicyBody } from '../../../packages/codegen/src/generators/policy-docs/html-policy-generator.js';
import {
  type CatalogSample,
  catalogSample,
} from '../../../packages/codegen/test/property/catalog-arbitrary.js';

/*
 * A few of the property test's catalogs (packages/codegen/test/property-catalogs.test.ts, the same
 * arbitraries and seed) also become a whole docs site: the policy and the exports generated from
 * the sample, the pages written, and `vitepress build` run. Nothing of the repository is touched:
 * the site is built from a VitePress root of its own in a temporary folder, whose configuration
 * and theme are the site's (apps/docs/.vitepress), so that builds of the repository's own site
 * (npm run build, site.test.ts) keep their `.vitepress/.temp` and `dist` to themselves.
 */

const exec = promisify(execFile);
const SITE = fileURLToPath(new URL('..', import.meta.url));
const WORKSPACE = join(SITE, '..', '..');
const VITEPRESS = join(WORKSPACE, 'node_modules', 'vitepress', 'bin', 'vitepress.js');
const SEED = Number(process.env.FAST_CHECK_SEED ?? 20260527);
/** How many sample catalogs become a site (each build takes ~10 s on two busy cores). */
const SITES = Number(process.env.CATALOG_PROPERTY_SITES ?? 2);

const root = await mkdtemp(join(tmpdir(), 'property-site-'));
afterAll(() => rm(root, { recursive: true, force: true }));
// Pages outside the repository resolve vue and vitepress as the site does.
await symlink(join(WORKSPACE, 'node_modules'), join(root, 'node_modules'));

async function writeFiles(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

/** The first samples (in the property test's order) that validate, the first with several locales. */
async function validSamples(count: number): Promise<{ sample: CatalogSample; catalog: Catalog }[]> {
  const found: { sample: CatalogSample; catalog: Catalog }[] = [];
  for (const [index, sample] of fc.sample(catalogSample, { seed: SEED, numRuns: 100 }).entries()) {
    const dir = join(root, 'catalogs', String(index));
    await writeFiles(dir, sample.files);
    const { catalog } = await loadCatalog(dir);
    if (!catalog || (found.length === 0 && catalog.locales.length < 2)) continue;
    found.push({ sample, catalog });
    if (found.length === count) break;
  }
  return found;
}

/** Builds the docs site of `catalog` in `dir`; returns where the built pages are. */
async function buildSite(catalog: Catalog, dir: string): Promise<string> {
  const docs = join(dir, 'docs');
  const exports = join(dir, 'exports');
  await writeFiles(
    docs,
    Object.fromEntries(runGenerator(htmlPolicyGenerator, catalog).map((f) => [f.path, f.contents])),
  );
  await writeFiles(
    exports,
    Object.fromEntries(
      [
        ...runGenerator(tcfDeviceStorageGenerator, catalog),
        ...runGenerator(ocdCsvGenerator, catalog),
        ...runGenerator(catalogJsonGenerator, catalog),
      ].map((f) => [f.path, f.contents]),
    ),
  );
  // A VitePress root of its own: the site's configuration (by import) and theme (linked).
  const site = join(dir, 'site');
  await mkdir(join(site, '.vitepress'), { recursive: true });
  await writeFile(
    join(site, '.vitepress', 'config.mts'),
    `export { default } from ${JSON.stringify(join(SITE, '.vitepress', 'config.mts'))};\n`,
  );
  await symlink(join(SITE, '.vitepress', 'theme'), join(site, '.vitepress', 'theme'));
  const env = {
    ...process.env,
    COOKIE_POLICY_DOCS: join(docs, 'index.ts'),
    COOKIE_POLICY_PAGES: join(dir, 'pages'),
    COOKIE_POLICY_EXPORTS: exports,
  };
  await exec(process.execPath, [join(SITE, 'scripts', 'pages.mjs')], { cwd: SITE, env });
  const out = join(dir, 'dist');
  await exec(process.execPath, [VITEPRESS, 'build', site, '--outDir', out], { cwd: site, env });
  return out;
}

const samples = await validSamples(SITES);

it.each(samples.map((s, i) => [i, s] as const))(
  'sample site %i: every locale has its page with the generated policy in it, and the exports',
  async (index, { catalog }) => {
    const out = await buildSite(catalog, join(root, 'sites', String(index)));
    for (const locale of catalog.locales) {
      const page = join(out, locale === catalog.defaultLocale ? '' : locale, 'index.html');
      const html = await readFile(page, 'utf8');
      expect(html).toContain(`lang="${locale}"`);
      // The policy as generated, byte for byte: VitePress and Vue added nothing to it and took
      // nothing from it (no {{ }} interpolation, no directive, no <script setup>).
      expect(html).toContain(renderPolicyBody(catalog, locale));
    }
    for (const file of ['device-storage.json', 'open-cookie-database.csv', 'catalog.json'])
      expect(await readFile(join(out, 'exports', file), 'utf8')).not.toBe('');
  },
  120_000,
);

it('finds the samples it builds', () => {
  expect(samples).toHaveLength(SITES);
});
