import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * The toolchain runs one way down (DESIGN.md, "The toolchain and what it releases"):
 *   cli → codegen, release, audit, scan → catalog → runtime
 * and the generated packages hold generated code that imports the runtime, never the catalog.
 * Read from the package manifests and from every import in packages/<name>/src.
 */

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url));

/** Each toolchain package's layer: a package may depend only on packages of a lower layer. */
const LAYER: Readonly<Record<string, number>> = {
  '@cookie-catalog/runtime': 0,
  '@cookie-catalog/catalog': 1,
  '@cookie-catalog/codegen': 2,
  '@cookie-catalog/audit': 2,
  '@cookie-catalog/scan': 2,
  '@cookie-catalog/release': 3,
  '@cookie-catalog/cli': 4,
};
/** What must never ship to a product's server or browser: the catalog's parsing and rules. */
const BUILD_TIME_ONLY = ['@cookie-catalog/catalog', 'zod', 'yaml', 'markdown-it', 'handlebars'];

interface Manifest {
  name: string;
  private?: boolean;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

interface Workspace {
  readonly dir: string;
  readonly manifest: Manifest;
  /** Generated from the catalog by `cookie-catalog generate` (its build says so). */
  readonly generated: boolean;
  /** What its published code may import: dependencies, peer and optional dependencies. */
  readonly runtimeDeps: readonly string[];
}

async function workspaces(): Promise<Workspace[]> {
  const found: Workspace[] = [];
  for (const entry of await readdir(PACKAGES, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(PACKAGES, entry.name);
    const text = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const manifest = JSON.parse(text) as Manifest;
    if (manifest.private) continue;
    found.push({
      dir,
      manifest,
      generated: /\bcookie-catalog generate\b/.test(manifest.scripts?.generate ?? ''),
      runtimeDeps: Object.keys({
        ...manifest.dependencies,
        ...manifest.peerDependencies,
        ...manifest.optionalDependencies,
      }),
    });
  }
  return found;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const src = join(dir, 'src');
  const names = (await readdir(src, { recursive: true }).catch(() => [])) as string[];
  return names
    .filter((name) => /\.(ts|mts|js|mjs)$/.test(name) && !/\.test\.|\.d\.ts$/.test(name))
    .map((name) => join(src, name));
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
function specifiers(text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map((f) => f.fileName);
}

/** The package an import names: `@scope/name/sub` → `@scope/name`, `yaml/x` → `yaml`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

describe('the toolchain runs one way down', () => {
  it('no package depends on a package of its own layer or above it', async () => {
    const all = await workspaces();
    const toolchain = all.filter((w) => !w.generated);
    // Every published toolchain package has a place in the picture.
    expect(toolchain.map((w) => w.manifest.name).sort()).toEqual(Object.keys(LAYER).sort());
    for (const { manifest, runtimeDeps } of toolchain) {
      const own = LAYER[manifest.name] ?? -1;
      for (const dep of runtimeDeps.filter((d) => d in LAYER))
        expect(LAYER[dep], `${manifest.name} → ${dep}`).toBeLessThan(own);
    }
  });

  it('each package imports in src/ only itself, Node and what its manifest declares', async () => {
    for (const { dir, runtimeDeps } of await workspaces()) {
      for (const file of await sourceFiles(dir)) {
        if (file.includes(`${join('src', 'generated')}`)) continue;
        for (const specifier of specifiers(await readFile(file, 'utf8'))) {
          const where = `${relative(PACKAGES, file)} imports ${specifier}`;
          if (specifier.startsWith('node:')) continue;
          if (specifier.startsWith('.')) {
            // Relative imports stay inside the package.
            expect(relative(dir, resolve(dirname(file), specifier)), where).not.toMatch(/^\.\./);
            continue;
          }
          expect(runtimeDeps, where).toContain(packageOf(specifier));
        }
      }
    }
  });

  it('no circle among the modules of any package', async () => {
    for (const { dir } of await workspaces()) {
      const files = await sourceFiles(dir);
      const edges = new Map<string, string[]>();
      for (const file of files) {
        const targets = specifiers(await readFile(file, 'utf8'))
          .filter((s) => s.startsWith('.'))
          .map((s) => resolve(dirname(file), s).replace(/\.js$/, '.ts'))
          .filter((target) => files.includes(target));
        edges.set(file, targets);
      }
      expect(findCircle(edges).map((f) => relative(PACKAGES, f))).toEqual([]);
    }
  });

  it('code that ships to product servers and browsers never reaches the catalog, zod, yaml or markdown-it', async () => {
    const all = await workspaces();
    const byName = new Map(all.map((w) => [w.manifest.name, w]));
    // Everything a generated package pulls in at run time, following dependencies down.
    for (const start of all.filter((w) => w.generated)) {
      const seen = new Set<string>();
      const stack = [...start.runtimeDeps];
      while (stack.length > 0) {
        const name = stack.pop() as string;
        if (seen.has(name)) continue;
        seen.add(name);
        stack.push(...(byName.get(name)?.runtimeDeps ?? []));
      }
      for (const banned of BUILD_TIME_ONLY)
        expect(seen.has(banned), `${start.manifest.name} reaches ${banned}`).toBe(false);
    }
  });

  it('the circle finder finds a circle', () => {
    const edges = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(findCircle(edges)).toEqual(['a', 'b', 'c', 'a']);
    expect(
      findCircle(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
  });
});

/** One circle in a directed graph (its nodes, the first repeated at the end), or []. */
function findCircle(edges: ReadonlyMap<string, readonly string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] => {
    if (state.get(node) === 'done') return [];
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of edges.get(node) ?? []) {
      const circle = visit(next);
      if (circle.length > 0) return circle;
    }
    path.pop();
    state.set(node, 'done');
    return [];
  };
  for (const node of [...edges.keys()].sort()) {
    const circle = visit(node);
    if (circle.length > 0) return circle;
  }
  return [];
}
