import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Catalog, GENERATED_PACKAGES, loadCatalog } from '@cookie-catalog/catalog';
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { generators, runGenerator } from '../src/index.js';
import { type CatalogSample, catalogSample } from './property/catalog-arbitrary.js';
import { catalogFeatures, FEATURES } from './property/catalog-features.js';
import {
  compileSamples,
  type GeneratedPackageFiles,
  type SampleOutput,
} from './property/compile-samples.js';

/*
 * The contract "what validate accepts, every generator renders and the generated TypeScript
 * compiles" (DESIGN.md), as a property: catalogs generated from the schema (catalog-arbitrary.ts)
 * are written as files and loaded with the real loader and rules. Every one that validates (no
 * errors; warnings are fine) is rendered by every registered generator, none of which may throw,
 * and the TypeScript of all of them is type-checked together, in one strict program. Every one
 * that does not is refused with errors placed in its files (file, line, column, message, fix).
 *
 * The seed is fixed, so CI checks the same catalogs on every run. FAST_CHECK_SEED explores
 * others; FAST_CHECK_SEED with FAST_CHECK_PATH replays the one sample a failure names;
 * CATALOG_PROPERTY_RUNS runs more (`npm run fuzz:catalogs`); CATALOG_PROPERTY_KEEP=1 keeps the files
 * (catalogs/<n>/ is the n-th sample's catalog, compiled/<i>/ the i-th valid one's packages).
 */

const SEED = Number(process.env.FAST_CHECK_SEED ?? 20260527);
const PATH = process.env.FAST_CHECK_PATH;
const RUNS = Number(process.env.CATALOG_PROPERTY_RUNS ?? 360);
/** At least 200 catalogs that validate per run (fewer: the arbitraries drifted from the rules). */
const MIN_VALID = PATH ? 1 : Math.min(200, Math.floor((RUNS * 2) / 3));
/** A bound for a hang: ~0.1 s a catalog on two busy cores, and the compile. */
const TIMEOUT = 120_000 + RUNS * 200;

const root = await mkdtemp(join(tmpdir(), 'property-catalogs-'));
/** CATALOG_PROPERTY_KEEP=1 keeps the samples' catalogs and generated files to look at. */
const KEEP = process.env.CATALOG_PROPERTY_KEEP !== undefined;
afterAll(async () => {
  if (KEEP) console.info(`the samples' catalogs and generated files are in ${root}`);
  else await rm(root, { recursive: true, force: true });
}, 120_000);

/** Where each generated package lies in the repository layout, and what its package.json exports. */
const LAYOUT: Readonly<
  Record<(typeof GENERATED_PACKAGES)[number], Omit<GeneratedPackageFiles, 'name'>>
> = {
  server: { folder: 'packages/server', exports: { '.': './src/generated/index.ts' } },
  client: { folder: 'packages/client', exports: { '.': './src/generated/index.ts' } },
  'policy-table': {
    folder: 'packages/policy-table',
    exports: { '.': './src/generated/index.ts' },
  },
  docs: { folder: 'packages/docs', exports: { '.': './src/generated/entry/index.ts' } },
  consent: {
    folder: 'packages/consent',
    exports: { '.': './src/generated/index.ts', './browser': './src/generated/browser.ts' },
  },
};

async function writeSample(sample: CatalogSample, dir: string): Promise<void> {
  await Promise.all(
    Object.entries(sample.files).map(async ([path, text]) => {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }),
  );
}

/** Every registered generator's files (and notes), by path in the repository layout. */
function render(catalog: Catalog): Map<string, string> {
  const files = new Map<string, string>();
  for (const generator of generators.list()) {
    generator.notes?.(catalog, generator.defaultOptions);
    for (const file of runGenerator(generator, catalog))
      files.set(`${generator.outDir}/${file.path}`, file.contents);
  }
  return files;
}

it(
  'renders every catalog that validates with every generator, and its TypeScript compiles',
  async () => {
    const valid: SampleOutput[] = [];
    const features = new Map<string, number>();
    let run = 0;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(catalogSample, async (sample) => {
        // The n-th sample's path is "n" (before shrinking): with the seed, enough to replay it.
        const index = run++;
        const label = `FAST_CHECK_SEED=${SEED} FAST_CHECK_PATH=${PATH ?? index}`;
        const dir = join(root, 'catalogs', String(index));
        await writeSample(sample, dir);
        const { catalog, problems } = await loadCatalog(dir);
        if (!catalog) {
          // Refused, then with at least one error placed in one of the catalog's files.
          const errors = problems.filter((p) => p.severity === 'error');
          expect(errors.length).toBeGreaterThan(0);
          for (const error of errors) {
            expect(error.file.startsWith(dir), error.file).toBe(true);
            expect(error.line).toBeGreaterThanOrEqual(1);
            expect(error.column).toBeGreaterThanOrEqual(1);
            expect(error.message).not.toBe('');
            expect(error.fix).not.toBe('');
          }
          return;
        }
        const files = render(catalog);
        for (const [path, contents] of files) if (path.endsWith('.json')) JSON.parse(contents);
        valid.push({
          label,
          files: new Map([...files].filter(([path]) => path.endsWith('.ts'))),
          packages: GENERATED_PACKAGES.map((key) => ({
            ...LAYOUT[key],
            name: catalog.packages[key],
          })),
        });
        for (const tag of catalogFeatures(catalog)) features.set(tag, (features.get(tag) ?? 0) + 1);
      }),
      { seed: SEED, numRuns: PATH ? 1 : RUNS, ...(PATH && { path: PATH, endOnFailure: true }) },
    );
    const rendered = Date.now();
    const diagnostics = await compileSamples(join(root, 'compiled'), valid);
    console.info(
      `${run} catalogs, ${valid.length} validated and rendered (${rendered - started} ms); their TypeScript in one program: ${Date.now() - rendered} ms`,
    );
    expect(
      diagnostics.map((d) => `${d.label}: ${d.at}: ${d.message}`),
      'generated TypeScript that does not compile (replay the sample with the variables shown)',
    ).toEqual([]);
    expect(valid.length).toBeGreaterThanOrEqual(MIN_VALID);
    if (!PATH)
      expect(
        FEATURES.filter((tag) => !features.has(tag)),
        'never validated',
      ).toEqual([]);
  },
  TIMEOUT,
);
