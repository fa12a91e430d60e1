import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * What product servers and browsers run: the built package imports nothing but its own modules.
 * No catalog, zod, yaml or markdown-it at run time, and no node: module either, so the same
 * files run in a browser, an edge runtime and Node. Run after `npm run build`.
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
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'])
      expect(manifest[field], field).toBeUndefined();
    expect(manifest.sideEffects).toBe(false);
  });

  it('imports nothing but its own modules, relatively', async () => {
    const files = (await readdir(DIST, { recursive: true })).filter((file) =>
      /\.(js|d\.ts)$/.test(file),
    );
    // Not vacuous: both entry points are there (and this test knows how they import).
    expect(files).toEqual(expect.arrayContaining(['index.js', 'consent/index.js']));
    expect(specifiers("export { a } from './a.js';\nimport('node:fs');")).toEqual([
      './a.js',
      'node:fs',
    ]);
    for (const file of files) {
      const code = await readFile(join(DIST, file), 'utf8');
      for (const specifier of specifiers(code)) {
        expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\.?\//);
        const target = relative(DIST, join(DIST, dirname(file), specifier));
        expect(target.startsWith('..'), `${file} imports ${specifier}`).toBe(false);
      }
    }
  });
});
