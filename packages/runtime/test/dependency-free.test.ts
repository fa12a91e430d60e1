import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * What product servers and browsers run: the built package imports nothing but its own modules.
 * No catalog, zod, yaml or markdown-it at run time, and no node: module either, so the same
 * files run in a browser, an edge runtime and Node. Run after `npm run build`.
 *
 * The one exception is the server-only `consent-records/` (proof of consent, issue 30): it uses
 * node:crypto and node:fs, runs the embedded store in a node:worker_threads worker, and loads
 * its store drivers, optional peer dependencies, by `import()` only when a store of their kind
 * is opened (PGlite only in that worker). Nothing outside it imports it.
 */
const PACKAGE = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(PACKAGE, 'dist');

/** Every module specifier a built file names: import and export … from, import(), require(). */
function specifiers(code: string): string[] {
  const found = [];
  for (const pattern of [
    /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ])
    for (const match of code.matchAll(pattern)) found.push(match[1] ?? '');
  return found;
}

describe('@cookie-catalog/runtime as built', () => {
  it('declares no dependency of any kind a product would install', async () => {
    const manifest = JSON.parse(await readFile(join(PACKAGE, 'package.json'), 'utf8'));
    for (const field of ['dependencies', 'optionalDependencies'])
      expect(manifest[field], field).toBeUndefined();
    const peers = Object.keys(manifest.peerDependencies ?? {}).sort();
    expect(peers).toEqual(['@electric-sql/pglite', 'pg']);
    for (const peer of peers)
      expect(manifest.peerDependenciesMeta?.[peer]?.optional, peer).toBe(true);
    expect(manifest.sideEffects).toBe(false);
  });

  it('imports nothing but its own modules, relatively', async () => {
    const files = (await readdir(DIST, { recursive: true })).filter((file) =>
      /\.(js|d\.ts)$/.test(file),
    );
    // Not vacuous: both entry points are there (and this test knows how they import), and the
    // worker script the embedded store starts by URL, which no import names.
    expect(files).toEqual(
      expect.arrayContaining([
        'index.js',
        'consent/index.js',
        join('consent-records', 'index.js'),
        join('consent-records', 'pglite-worker.js'),
      ]),
    );
    expect(specifiers("export { a } from './a.js';\nimport('node:fs');")).toEqual([
      './a.js',
      'node:fs',
    ]);
    for (const file of files) {
      const code = await readFile(join(DIST, file), 'utf8');
      const serverOnly = file.startsWith(`consent-records${sep}`);
      for (const specifier of specifiers(code)) {
        if (serverOnly && /^node:(crypto|fs|fs\/promises|path|url|worker_threads)$/.test(specifier))
          continue;
        if (!serverOnly)
          expect(specifier, `${file} imports the server-only ${specifier}`).not.toMatch(
            /consent-records/,
          );
        expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\.?\//);
        const target = relative(DIST, join(DIST, dirname(file), specifier));
        expect(target.startsWith('..'), `${file} imports ${specifier}`).toBe(false);
      }
    }
  });
});
