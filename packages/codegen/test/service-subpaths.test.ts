import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { exampleValueOf, generatedNamesOf } from '@cookie-catalog/catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACME_PACKAGES,
  editedValidCatalog,
  THREE_SERVICES,
} from '../../catalog/test/catalog-copy.js';
import { type GeneratedFile, runGenerator } from '../src/generator.js';
import { tsClientGenerator, tsServerGenerator } from '../src/generators/index.js';
import { type BuiltPackages, buildPackages } from './built-packages.js';
import { COMPILE_TIMEOUT, compileStrict } from './compile-strict.js';

/*
 * Issue #31, item 2 (code): one package per kind as before, with a subpath per declared service
 * (`@acme/cookies-server/platform`): a team imports its own service's functions, and one for a
 * cookie its service does not use does not compile there. Built with tsc into real packages under
 * node_modules, with the package.json `exports` the repository's generated packages ship, then
 * imported by TypeScript (strict) and by Node as a product team would.
 */

const exec = promisify(execFile);
const catalog = await editedValidCatalog([...THREE_SERVICES, ACME_PACKAGES]);
const declared = catalog.services.filter((s) => !s.implicit);
/** The services our code runs on: a vendor's (the help centre) gets no module. */
const ours = declared.filter((s) => s.runBy.kind === 'us');
const server = runGenerator(tsServerGenerator, catalog);
const client = runGenerator(tsClientGenerator, catalog);

/** The names cookies.ts exports, as written in it. */
const exportedBy = (files: readonly GeneratedFile[]) =>
  new Set(
    [
      ...(files.find((f) => f.path === 'cookies.ts')?.contents ?? '').matchAll(
        /^export (?:const|function|type) ([\w$]+)/gm,
      ),
    ].map((m) => m[1]),
  );

/** What a service's module re-exports from ../cookies.js. */
const reexportedBy = (files: readonly GeneratedFile[], id: string) => {
  const text = files.find((f) => f.path === `services/${id}.ts`)?.contents ?? '';
  const list = /export \{([^}]*)\} from '\.\.\/cookies\.js'/.exec(text)?.[1] ?? '';
  return list
    .split(',')
    .map((name) => name.trim().replace(/^type /, ''))
    .filter(Boolean)
    .sort();
};

describe('a module per service of ours in the server and client packages', () => {
  it.each([
    ['server', server],
    ['client', client],
  ] as const)(
    '%s: each re-exports exactly the names of the entries its service uses',
    (_, files) => {
      const all = exportedBy(files);
      expect(files.filter((f) => f.path.startsWith('services/')).map((f) => f.path)).toEqual(
        ours.map((s) => `services/${s.id}.ts`).sort(),
      );
      expect(ours.length).toBeLessThan(declared.length);
      for (const service of ours) {
        const expected = catalog.entries
          .filter((e) => e.services.includes(service.id))
          .flatMap((e) =>
            generatedNamesOf(
              e.id,
              e.name.parameters.map((p) => p.name),
            ),
          )
          .filter((name) => all.has(name))
          .sort();
        expect(reexportedBy(files, service.id), service.id).toEqual(expected);
      }
      // The whole package's entry is unchanged: everything.
      expect(files.find((f) => f.path === 'index.ts')?.contents).toContain(
        "export * from './cookies.js';",
      );
    },
  );

  it('a catalog without services writes no service modules', async () => {
    const plain = await editedValidCatalog([]);
    for (const generator of [tsServerGenerator, tsClientGenerator])
      expect(runGenerator(generator, plain).map((f) => f.path)).toEqual(['cookies.ts', 'index.ts']);
  });
});

describe('the subpaths as a product team imports them, from built packages', () => {
  let built: BuiltPackages;
  let root: string;

  beforeAll(async () => {
    built = await buildPackages(catalog, ['server', 'client']);
    root = built.root;
  }, COMPILE_TIMEOUT);

  afterAll(async () => {
    await built?.remove();
  });

  const onlyOn = (id: string) =>
    catalog.entries.find(
      (e) =>
        e.kind === 'cookie' &&
        e.party === 'first' &&
        e.setBy === 'server' &&
        e.retired === undefined &&
        e.name.parameters.length === 0 &&
        e.services.includes(id) &&
        declared.some((s) => !e.services.includes(s.id) && s.runBy.kind === 'us'),
    );

  it(
    "a service's setter compiles from its subpath; a cookie another service uses does not",
    () => {
      const platform = declared.find((s) => s.id === 'platform');
      const other = declared.find((s) => s.runBy.kind === 'us' && s.id !== 'platform');
      const cookie = onlyOn('platform');
      if (!platform || !other || !cookie) throw new Error('test bug: the fixture has them');
      const pascal = generatedNamesOf(cookie.id, [])[0]?.slice(3) ?? '';
      const use = join(root, 'use.ts');
      const diagnostics = compileStrict([], {
        [use]: [
          `import { serialize${pascal} } from '@acme/cookies-server/${platform.id}';`,
          `// @ts-expect-error: ${cookie.id} is not on ${other.id}`,
          `import { serialize${pascal} as elsewhere } from '@acme/cookies-server/${other.id}';`,
          '// @ts-expect-error: no such service',
          "import * as none from '@acme/cookies-server/intranet';",
          `export const used = [serialize${pascal}, elsewhere, none];`,
        ].join('\n'),
      });
      expect(diagnostics).toEqual([]);
    },
    COMPILE_TIMEOUT,
  );

  it('Node resolves each subpath to its own functions, which set what the whole package sets', async () => {
    const cookie = onlyOn('platform');
    if (!cookie?.value) throw new Error('test bug: the fixture has a cookie only on the platform');
    const pascal = generatedNamesOf(cookie.id, [])[0]?.slice(3) ?? '';
    const script = join(root, 'run.mjs');
    await writeFile(
      script,
      [
        "const whole = await import('@acme/cookies-server');",
        `const services = Object.fromEntries(await Promise.all(${JSON.stringify(ours.map((s) => s.id))}.map(async (id) => [id, Object.keys(await import('@acme/cookies-server/' + id)).sort()])));`,
        `const value = ${JSON.stringify(exampleValueOf(cookie.value))};`,
        `const line = (await import('@acme/cookies-server/platform')).serialize${pascal}(value);`,
        `console.log(JSON.stringify({ services, same: line === whole.serialize${pascal}(value), line }));`,
      ].join('\n'),
    );
    const { stdout } = await exec(process.execPath, [script], { cwd: root });
    const result = JSON.parse(stdout) as {
      services: Record<string, string[]>;
      same: boolean;
      line: string;
    };
    expect(result.same).toBe(true);
    expect(result.line.startsWith(`${cookie.name.pattern}=`)).toBe(true);
    for (const service of ours) {
      const names = result.services[service.id] ?? [];
      expect(names.includes(`serialize${pascal}`), service.id).toBe(
        cookie.services.includes(service.id),
      );
      // The run-time names every module passes on.
      expect(names).toContain('CookieValueError');
    }
  });
});
