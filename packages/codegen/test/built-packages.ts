import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalog } from '@cookie-catalog/catalog';
import ts from 'typescript';
import { type Generator, runGenerator } from '../src/generator.js';
import {
  htmlPolicyGenerator,
  mdPolicyGenerator,
  tsClientGenerator,
  tsConsentGenerator,
  tsDocsGenerator,
  tsServerGenerator,
} from '../src/generators/index.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** The generators of each generated package, as `cookie-catalog generate` writes them. */
const GENERATORS = {
  server: [tsServerGenerator],
  client: [tsClientGenerator],
  consent: [tsConsentGenerator],
  docs: [mdPolicyGenerator, htmlPolicyGenerator, tsDocsGenerator],
} as const satisfies Record<string, readonly Generator<unknown>[]>;

export type PackageKind = keyof typeof GENERATORS;

export interface BuiltPackages {
  /** A folder with package.json (type: module) whose node_modules holds the built packages. */
  readonly root: string;
  remove(): Promise<void>;
}

/**
 * The catalog's generated packages as a product team installs them: generated, compiled with tsc
 * (the repository's strict options) into dist/, with the repository's package.json `exports`
 * under the names the catalog gives them (policy.yaml `packages`), in node_modules of a fresh
 * folder beside the toolchain's run time. Throws with the compiler's messages if one does not
 * compile.
 */
export async function buildPackages(
  catalog: Catalog,
  kinds: readonly PackageKind[],
): Promise<BuiltPackages> {
  const root = await mkdtemp(join(tmpdir(), 'cookie-catalog-built-'));
  const modules = join(root, 'node_modules');
  await mkdir(modules, { recursive: true });
  await symlink(join(REPO, 'node_modules', '@cookie-catalog'), join(modules, '@cookie-catalog'));
  await symlink(join(REPO, 'node_modules', '@types'), join(modules, '@types'));
  const rootNames: string[] = [];
  const folders: { at: string; kind: PackageKind }[] = [];
  // Dependencies first: the consent package imports the server and docs packages, built.
  const order: readonly PackageKind[] = ['server', 'client', 'docs', 'consent'];
  for (const kind of order.filter((k) => kinds.includes(k))) {
    const name = catalog.packages[kind];
    const at = join(modules, ...name.split('/'));
    for (const generator of GENERATORS[kind] as readonly Generator<unknown>[]) {
      const sub = generator.outDir.replace(/^packages\/[^/]+\/src\/generated\/?/, '');
      for (const file of runGenerator(generator, catalog)) {
        const path = join(at, 'src', sub, file.path);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, file.contents);
        if (/\.ts$/.test(path)) rootNames.push(path);
      }
    }
    const manifest = JSON.parse(
      await readFile(join(REPO, 'packages', kind, 'package.json'), 'utf8'),
    );
    await writeFile(
      join(at, 'package.json'),
      JSON.stringify({ name, version: '1.0.0', type: 'module', exports: manifest.exports }),
    );
    folders.push({ at, kind });
  }
  await writeFile(join(root, 'package.json'), '{ "type": "module" }');
  const config = ts.readConfigFile(join(REPO, 'tsconfig.base.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, REPO);
  // One program per package: each compiles into its own dist/, resolving the others as built.
  for (const { at } of folders) {
    const program = ts.createProgram({
      rootNames: rootNames.filter((file) => file.startsWith(`${at}/`)),
      options: {
        ...parsed.options,
        rootDir: join(at, 'src'),
        outDir: join(at, 'dist'),
        sourceMap: false,
        inlineSources: false,
        lib: [...(parsed.options.lib ?? []), 'lib.dom.d.ts'],
      },
    });
    const emitted = program.emit();
    const problems = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
    if (problems.length > 0)
      throw new Error(
        problems
          .map(
            (d) =>
              `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
          )
          .join('\n'),
      );
  }
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}
