import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const ROOT = new URL('../../../', import.meta.url).pathname;

/** What a team must install to validate, generate and release: the CLI and what it loads. */
export const MINIMAL_TOOLCHAIN = ['catalog', 'cli', 'codegen', 'release', 'runtime'] as const;
/** Everything a new organisation may install from npm: the minimal toolchain and the optional parts. */
export const TOOLCHAIN = [...MINIMAL_TOOLCHAIN, 'scan', 'audit'] as const;

/** `file:` specifiers of the toolchain's tarballs, by package name. */
export type PackedToolchain = Record<string, string>;

let packed: Promise<PackedToolchain> | undefined;

/**
 * The toolchain packed as `npm publish` would pack it (one `npm pack` of its seven workspaces).
 * Packed once per `npm test` run: the tests that install it share the tarballs through the
 * run's own temporary folder (scripts/test-tmpdir.mjs); the first to ask packs them, the others
 * wait for its list. Outside such a run (one package's `vitest run`), packed afresh.
 */
export function packedToolchain(): Promise<PackedToolchain> {
  packed ??= shared();
  return packed;
}

async function shared(): Promise<PackedToolchain> {
  const run = process.env.COOKIE_CATALOG_TEST_TMP;
  if (!run) return pack(await mkdtemp(join(tmpdir(), 'cookie-catalog-tarballs-')));
  const dir = join(run, 'toolchain-tarballs');
  const list = join(dir, 'packed.json');
  try {
    await mkdir(dir);
  } catch {
    // Another test file is packing: wait for its list (or its failure) to appear.
    for (;;) {
      const text = await readFile(list, 'utf8').catch(() => undefined);
      if (text !== undefined) {
        const result = JSON.parse(text) as PackedToolchain | { error: string };
        if ('error' in result) throw new Error(`packing the toolchain failed: ${result.error}`);
        return result;
      }
      await sleep(200);
    }
  }
  let result: PackedToolchain | { error: string };
  try {
    result = await pack(dir);
  } catch (error) {
    result = { error: String(error) };
  }
  // Written whole, then renamed into place, so a reader never sees half a list.
  await writeFile(`${list}.partial`, JSON.stringify(result));
  await rename(`${list}.partial`, list);
  if ('error' in result) throw new Error(`packing the toolchain failed: ${result.error}`);
  return result;
}

async function pack(destination: string): Promise<PackedToolchain> {
  const { stdout } = await exec(
    'npm',
    [
      'pack',
      '--json',
      '--ignore-scripts',
      '--pack-destination',
      destination,
      ...TOOLCHAIN.flatMap((name) => ['--workspace', `packages/${name}`]),
    ],
    { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
  );
  const tarballs = JSON.parse(stdout) as { name: string; filename: string }[];
  return Object.fromEntries(tarballs.map((t) => [t.name, `file:${join(destination, t.filename)}`]));
}
