import { execFile } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/*
 * The generated TypeScript of many sample catalogs, type-checked in one strict program: one
 * program for all of them, by TypeScript 7's tsc (`tsc-native`, what `npm run typecheck` runs),
 * which checks two hundred samples in a few seconds where the JavaScript API takes half a minute.
 *
 * Each sample's packages are written to a folder of their own, laid out as in the repository
 * (`<n>/packages/server/src/generated/…`). What the generated code imports from the toolchain
 * (`@cookie-catalog/runtime`, `…/runtime/consent`) resolves from the workspace's node_modules
 * (linked beside the samples); what one generated package imports from another by its npm name
 * (consent imports the server package, under the name the sample's policy.yaml gives it) resolves
 * to that sample's own output, through `<n>/node_modules/<name>`, a link to its package folder.
 */

const WORKSPACE = fileURLToPath(new URL('../../../../', import.meta.url));
const TSC = join(
  dirname(createRequire(import.meta.url).resolve('@cookie-catalog/typescript-native/package.json')),
  'bin',
  'tsc-native.js',
);

export interface GeneratedPackageFiles {
  /** The package's folder in the repository layout, e.g. `packages/server`. */
  readonly folder: string;
  /** Its npm name, as the sample's policy.yaml gives it. */
  readonly name: string;
  /** Subpath exports (`.`, `./browser`) → module inside the folder. */
  readonly exports: Readonly<Record<string, string>>;
}

export interface SampleOutput {
  /** Names the sample in reports: its seed and path, to replay it. */
  readonly label: string;
  /** Generated TypeScript by path in the repository layout (`packages/server/src/generated/index.ts`). */
  readonly files: ReadonlyMap<string, string>;
  readonly packages: readonly GeneratedPackageFiles[];
}

export interface SampleDiagnostic {
  readonly label: string;
  /** The file inside the sample's folder, line and column. */
  readonly at: string;
  readonly message: string;
}

/** Every diagnostic of the samples' TypeScript, strict as tsconfig.base.json, with the DOM. */
export async function compileSamples(
  root: string,
  samples: readonly SampleOutput[],
): Promise<SampleDiagnostic[]> {
  await mkdir(root, { recursive: true });
  await symlink(join(WORKSPACE, 'node_modules'), join(root, 'node_modules'));
  await writeFile(join(root, 'package.json'), JSON.stringify({ type: 'module' }));
  await writeFile(
    join(root, 'tsconfig.json'),
    JSON.stringify({
      extends: join(WORKSPACE, 'tsconfig.base.json'),
      compilerOptions: {
        noEmit: true,
        // Browser code (the client package, consent's browser module) needs the DOM.
        lib: ['ES2024', 'DOM', 'DOM.Iterable'],
        declaration: false,
        sourceMap: false,
        inlineSources: false,
      },
      include: ['*/packages/**/*.ts'],
    }),
  );
  for (const [index, sample] of samples.entries()) {
    const folder = join(root, String(index));
    for (const [path, contents] of sample.files) {
      await mkdir(dirname(join(folder, path)), { recursive: true });
      await writeFile(join(folder, path), contents);
    }
    for (const pkg of sample.packages) {
      const exports = Object.fromEntries(
        Object.entries(pkg.exports).map(([subpath, module]) => [subpath, { types: module }]),
      );
      await mkdir(join(folder, pkg.folder), { recursive: true });
      await writeFile(
        join(folder, pkg.folder, 'package.json'),
        JSON.stringify({ name: pkg.name, type: 'module', exports }),
      );
      const link = join(folder, 'node_modules', pkg.name);
      await mkdir(dirname(link), { recursive: true });
      await symlink(join(folder, pkg.folder), link);
    }
  }
  const output = await promisify(execFile)(
    process.execPath,
    [TSC, '-p', join(root, 'tsconfig.json'), '--pretty', 'false'],
    { cwd: root, maxBuffer: 64 * 1024 * 1024 },
  ).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string; code?: number }) => {
      // tsc exits 1 (or 2) when it found errors; anything else is a failure to run it.
      if (error.code !== 1 && error.code !== 2) throw error;
      return error.stdout ?? '';
    },
  );
  return diagnosticsOf(output, samples);
}

/** `3/packages/x.ts(11,7): error TS2322: …` lines (and the lines that continue them), by sample. */
function diagnosticsOf(output: string, samples: readonly SampleOutput[]): SampleDiagnostic[] {
  const diagnostics: { label: string; at: string; message: string }[] = [];
  for (const line of output.split('\n')) {
    const located = /^(\d+)\/(\S.*?\(\d+,\d+\)): (.*)$/.exec(line);
    if (located) {
      const [, index = '', at = '', message = ''] = located;
      diagnostics.push({ label: samples[Number(index)]?.label ?? index, at, message });
    } else if (line.trim() !== '') {
      const last = diagnostics.at(-1);
      if (last && /^\s/.test(line)) last.message += `\n${line}`;
      else diagnostics.push({ label: '(no sample)', at: '', message: line });
    }
  }
  return diagnostics;
}
