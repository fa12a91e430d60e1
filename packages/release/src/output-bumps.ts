import { posix } from 'node:path';
import { type Catalog, GENERATED_PACKAGES, type GeneratedPackage } from '@cookie-catalog/catalog';
import { type GeneratedFile, generators, runGenerator } from '@cookie-catalog/codegen';
import type { Bump } from './catalog-diff.js';
import { type ApiChange, compareTypeScriptApis } from './typescript-api.js';

/*
 * What a catalog change does to each generated package, found where its consumers meet it: the
 * base and the head catalog are rendered with the same (this) toolchain, and each package's files
 * compared. The TypeScript packages are compared by their public API (typescript-api.ts); every
 * other difference (a lifetime in a declaration constant, a text, a stylesheet) is a patch, a
 * file added is a minor, a file gone a major.
 */

/** One generated package's output: its files, by path under the package's folder. */
export type RenderedPackages = ReadonlyMap<GeneratedPackage, ReadonlyMap<string, string>>;

export interface PackageBump {
  /** The package's npm name (the head catalog's `packages`). */
  readonly name: string;
  readonly bump: Bump;
  /** Why, in plain words, one line per reason, the weightiest first. */
  readonly reasons: readonly string[];
}

/**
 * Every registered generator's output, by the generated package it writes into (its `outDir`,
 * `packages/<package>/…`), each file keyed by its path inside that package.
 */
export function renderPackages(catalog: Catalog): RenderedPackages {
  const rendered = new Map<GeneratedPackage, Map<string, string>>();
  for (const generator of generators.list()) {
    const match = /^packages\/([^/]+)\/(.*)$/.exec(generator.outDir);
    const key = match?.[1] as GeneratedPackage | undefined;
    if (!match || !key || !GENERATED_PACKAGES.includes(key)) continue;
    const files = rendered.get(key) ?? new Map<string, string>();
    for (const file of runGenerator(generator, catalog) as readonly GeneratedFile[])
      files.set(posix.join(match[2] ?? '', file.path), file.contents);
    rendered.set(key, files);
  }
  return rendered;
}

/** The bump each generated package needs, by npm name; packages whose output did not change are absent. */
export function packageBumps(before: Catalog, after: Catalog): PackageBump[] {
  return compareRendered(renderPackages(before), renderPackages(after), before, after);
}

export function compareRendered(
  before: RenderedPackages,
  after: RenderedPackages,
  beforeCatalog: Catalog,
  catalog: Catalog,
): PackageBump[] {
  const result: PackageBump[] = [];
  const typescript = new Map<GeneratedPackage, { before: Files; after: Files }>();
  const changed = new Map<GeneratedPackage, ApiChange[]>();
  for (const key of GENERATED_PACKAGES) {
    const was = before.get(key) ?? new Map<string, string>();
    const is = after.get(key) ?? new Map<string, string>();
    const changes: ApiChange[] = [];
    const ts = { before: new Map<string, string>(), after: new Map<string, string>() };
    const files = { added: [] as string[], removed: [] as string[], changed: [] as string[] };
    for (const path of union(was.keys(), is.keys())) {
      const old = was.get(path);
      const next = is.get(path);
      if (isTypeScript(path)) {
        if (old !== undefined) ts.before.set(path, old);
        if (next !== undefined) ts.after.set(path, next);
        continue;
      }
      if (old === next) continue;
      const name = posix.basename(path);
      if (old === undefined) files.added.push(name);
      else if (next === undefined) files.removed.push(name);
      else files.changed.push(name);
    }
    // Files people import by name (a page per locale): one gone is major, one new is minor.
    if (files.removed.length > 0)
      changes.push({ bump: 'major', reason: `files removed: ${files.removed.join(', ')}` });
    if (files.added.length > 0)
      changes.push({ bump: 'minor', reason: `files added: ${files.added.join(', ')}` });
    if (files.changed.length > 0)
      changes.push({ bump: 'patch', reason: `texts or data changed: ${files.changed.join(', ')}` });
    // Every TypeScript package goes in (one imports another); only changed ones are compared.
    if (ts.before.size + ts.after.size > 0) typescript.set(key, ts);
    changed.set(key, changes);
  }
  // One TypeScript program for every package's base and head: the checker compares across them.
  const apiChanges = compareTypeScriptApis(
    [...typescript].map(([key, files]) => ({ key, ...files })),
    {
      packageNames: {
        before: Object.fromEntries(GENERATED_PACKAGES.map((k) => [beforeCatalog.packages[k], k])),
        after: Object.fromEntries(GENERATED_PACKAGES.map((k) => [catalog.packages[k], k])),
      },
    },
  );
  for (const key of GENERATED_PACKAGES) {
    const changes = [...(changed.get(key) ?? []), ...(apiChanges.get(key) ?? [])];
    if (changes.length === 0) continue;
    const bump = changes.reduce<Bump>((top, c) => higher(top, c.bump), 'patch');
    const order: Record<Bump, number> = { major: 0, minor: 1, patch: 2 };
    const reasons = [...changes]
      .sort((a, b) => order[a.bump] - order[b.bump])
      .map((c) => `${c.bump}: ${c.reason}`);
    result.push({ name: catalog.packages[key], bump, reasons: [...new Set(reasons)] });
  }
  return result;
}

type Files = Map<string, string>;

function isTypeScript(path: string): boolean {
  return /\.(ts|mts|cts)$/.test(path) && !path.endsWith('.d.ts');
}

function union(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])].sort();
}

export function higher(a: Bump | undefined, b: Bump): Bump {
  const rank = { patch: 0, minor: 1, major: 2 } as const;
  return a === undefined || rank[b] > rank[a] ? b : a;
}
