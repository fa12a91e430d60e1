import { loadCatalog } from '@cookie-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { FIXTURE_CATALOG } from '../../catalog/test/catalog-copy.js';
import { GENERATED_HEADER, type Generator, GeneratorRegistry, runGenerator } from './generator.js';

/** A tiny generator in the shape every real one has: one file listing the cookie names. */
const namesGenerator: Generator<{ separator: string }> = {
  id: 'txt/names',
  description: 'Every entry name, one per line',
  outDir: 'packages/names',
  defaultOptions: { separator: '\n' },
  generate: (catalog, { separator }) => [
    {
      path: 'names.txt',
      contents: `${GENERATED_HEADER}\n${catalog.entries.map((e) => e.name.pattern).join(separator)}\n`,
    },
    { path: 'a/index.txt', contents: 'index\n' },
  ],
};

describe('the generator registry', () => {
  it('registers generators under a stable id and lists them sorted', () => {
    const registry = new GeneratorRegistry()
      .register(namesGenerator)
      .register({ ...namesGenerator, id: 'md/names' });
    expect(registry.list().map((g) => g.id)).toEqual(['md/names', 'txt/names']);
    expect(registry.get('txt/names')).toBe(namesGenerator);
  });

  it('refuses a second generator with the same id, and ids of the wrong shape', () => {
    const registry = new GeneratorRegistry().register(namesGenerator);
    expect(() => registry.register(namesGenerator)).toThrow(/already registered/);
    expect(() => registry.register({ ...namesGenerator, id: 'Names' })).toThrow(/must look like/);
  });

  it('runs a generator on a catalog deterministically, files sorted by path', async () => {
    const { catalog } = await loadCatalog(FIXTURE_CATALOG);
    if (!catalog) throw new Error('the fixture catalog does not validate');
    const first = runGenerator(namesGenerator, catalog);
    expect(first.map((f) => f.path)).toEqual(['a/index.txt', 'names.txt']);
    expect(first[1]?.contents).toContain('sub-{id}');
    expect(runGenerator(namesGenerator, catalog)).toEqual(first);
    expect(runGenerator(namesGenerator, catalog, { separator: ', ' })[1]?.contents).toContain(
      'csrftoken, ',
    );
  });

  it("refuses output that escapes the generator's directory or repeats a path", async () => {
    const { catalog } = await loadCatalog(FIXTURE_CATALOG);
    if (!catalog) throw new Error('the fixture catalog does not validate');
    const escaping = { ...namesGenerator, generate: () => [{ path: '../evil.txt', contents: '' }] };
    const twice = {
      ...namesGenerator,
      generate: () => [
        { path: 'a', contents: '' },
        { path: 'a', contents: '' },
      ],
    };
    expect(() => runGenerator(escaping, catalog)).toThrow(/outside its directory/);
    expect(() => runGenerator(twice, catalog)).toThrow(/twice/);
  });
});
