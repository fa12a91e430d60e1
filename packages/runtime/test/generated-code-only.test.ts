import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { GENERATED_HEADER } from '../../codegen/src/generator.js';

/*
 * Generated packages hold generated code only (issue 26): what they run on comes from this
 * package, so a fix reaches every organisation with a toolchain upgrade, not with a new `init`.
 * Run after `npm run build`: generate has written every package's src/generated/ then.
 */
const exec = promisify(execFile);
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

interface Manifest {
  readonly name: string;
  readonly scripts?: Readonly<Record<string, string>>;
  readonly exports?: Readonly<Record<string, string | { readonly types?: string }>>;
}

/** The packages of this repository that `cookie-catalog generate` writes, by their generate script. */
async function generatedPackages(): Promise<{ folder: string; manifest: Manifest }[]> {
  const packages = [];
  for (const name of await readdir(join(REPO, 'packages'))) {
    const text = await readFile(join(REPO, 'packages', name, 'package.json'), 'utf8').catch(
      () => undefined,
    );
    if (text === undefined) continue;
    const manifest = JSON.parse(text) as Manifest;
    if (/\bcookie-catalog generate\b/.test(manifest.scripts?.generate ?? ''))
      packages.push({ folder: `packages/${name}`, manifest });
  }
  return packages;
}

const packages = await generatedPackages();
/** A module a reader opens and could edit; data files (HTML, JSON, CSV, Markdown, CSS) have no header. */
const MODULE = /\.[cm]?[jt]sx?$/;

describe('the generated packages', () => {
  it('are found by their generate script', () => {
    expect(packages.map((p) => p.folder).sort()).toEqual(
      ['client', 'consent', 'docs', 'policy-table', 'server'].map((key) => `packages/${key}`),
    );
  });

  describe.each(packages.map((p) => [p.manifest.name, p] as const))('%s', (_name, { folder }) => {
    it('holds nothing under src/ but src/generated/, each module with the generated header', async () => {
      const src = join(REPO, folder, 'src');
      const files = (await readdir(src, { recursive: true, withFileTypes: true }))
        .filter((entry) => !entry.isDirectory())
        .map((entry) => join(entry.parentPath, entry.name).slice(src.length + 1));
      expect(files.filter((file) => !file.startsWith('generated/'))).toEqual([]);
      const modules = files.filter((file) => MODULE.test(file));
      expect(modules.length, 'no module under src/generated/: run npm run build').toBeGreaterThan(
        0,
      );
      for (const file of modules) {
        const [first] = (await readFile(join(src, file), 'utf8')).split('\n', 1);
        expect(first, file).toBe(`// ${GENERATED_HEADER}`);
      }
    });

    it('has every entry point its package.json exports generated', async () => {
      const { manifest } = packages.find((p) => p.folder === folder) ?? {};
      const entries = Object.values(manifest?.exports ?? {}).flatMap((target) =>
        typeof target === 'object' && target.types ? [target.types] : [],
      );
      expect(entries.length).toBeGreaterThan(0);
      for (const types of entries) {
        const source = types.replace(/^\.\/dist\//, 'src/generated/').replace(/\.d\.ts$/, '.ts');
        // A subpath pattern (`./*` → services/*.ts, one module per service): whatever modules
        // the catalog gives it (none without services) are generated.
        const sources = source.includes('*')
          ? (await readdir(join(REPO, folder, dirname(source))).catch(() => []))
              .filter((file) => file.endsWith('.ts'))
              .map((file) => join(dirname(source), file))
          : [source];
        for (const file of sources) {
          const text = await readFile(join(REPO, folder, file), 'utf8');
          expect(text.startsWith(`// ${GENERATED_HEADER}`), file).toBe(true);
        }
      }
    });

    it('commits nothing under src/', async () => {
      const { stdout } = await exec('git', ['ls-files', '--', `${folder}/src`], { cwd: REPO });
      expect(stdout).toBe('');
    });
  });
});
