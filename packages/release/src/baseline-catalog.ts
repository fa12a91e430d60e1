import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import parseChangeset from '@changesets/parse';
import { GENERATED_PACKAGES, type GeneratedPackage } from '@cookie-catalog/catalog';
import type { Bump } from './catalog-diff.js';
import { type Fingerprints, outputLockPath, parseOutputLock } from './output-lock.js';

const run = promisify(execFile);
const GIT_OPTIONS = { maxBuffer: 64 * 1024 * 1024 } as const;

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, ...GIT_OPTIONS, encoding: 'utf8' });
  return stdout;
}

/** Paths as git lists them with -z: NUL-separated and never quoted (`å`, `"` stay themselves). */
function nulSeparated(text: string): string[] {
  return text.split('\0').filter(Boolean);
}

/** The repository root holding `path`, or undefined outside a git work tree. */
export async function gitRoot(path: string): Promise<string | undefined> {
  try {
    return (await git(path, 'rev-parse', '--show-toplevel')).trim();
  } catch {
    return undefined;
  }
}

/**
 * Runs `use` on the catalog as it was at a git ref, checked out into a temporary directory (read
 * with `git show`, so the work tree is untouched) that is removed afterwards. `use` gets
 * undefined when the catalog did not exist at that ref.
 */
export async function withCatalogAtRef<T>(
  catalogDir: string,
  ref: string,
  use: (dir: string | undefined) => Promise<T>,
): Promise<T> {
  const root = await gitRoot(catalogDir);
  if (!root)
    throw new Error(`${catalogDir} is not inside a git repository, so --base cannot be read`);
  await git(root, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`).catch(() => {
    throw new Error(`git does not know the ref "${ref}"`);
  });
  const inRepo = relative(root, catalogDir).split('\\').join('/');
  const files = nulSeparated(
    await git(root, 'ls-tree', '-r', '-z', '--name-only', ref, '--', inRepo),
  );
  if (files.length === 0) return use(undefined);
  const temporary = await mkdtemp(join(tmpdir(), 'cookie-catalog-base-'));
  try {
    const target = join(temporary, 'catalog');
    for (const file of files) {
      const path = join(target, relative(inRepo, file));
      await mkdir(dirname(path), { recursive: true });
      // Bytes as committed: the loader judges the encoding, not this copy.
      const { stdout } = await run('git', ['show', `${ref}:${file}`], {
        cwd: root,
        ...GIT_OPTIONS,
        encoding: 'buffer',
      });
      await writeFile(path, stdout);
    }
    return await use(target);
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

/** The generated packages' output locks as committed at `ref` (output-lock.ts). */
export async function outputLocksAtRef(root: string, ref: string): Promise<Fingerprints> {
  const locks: Partial<Record<GeneratedPackage, string>> = {};
  for (const key of GENERATED_PACKAGES) {
    const text = await git(root, 'show', `${ref}:${outputLockPath(key)}`).catch(() => undefined);
    const sha = parseOutputLock(text);
    if (sha) locks[key] = sha;
  }
  return locks;
}

/** One changeset file added since the base, with the bumps it declares. */
export interface AddedChangeset {
  readonly file: string;
  readonly releases: ReadonlyMap<string, Bump | 'none'>;
}

/**
 * Changeset files (`.changeset/*.md` other than README.md) added or changed since `ref`,
 * committed or not, with their declared bumps. A deleted changeset is not an added one.
 */
export async function changesetsSince(root: string, ref: string): Promise<AddedChangeset[]> {
  const committed = nulSeparated(
    await git(root, 'diff', '-z', '--name-only', '--diff-filter=AMR', ref, '--', '.changeset'),
  );
  // Porcelain v1 with -z: "XY path\0"; a rename adds its old path as the next entry.
  const pending: string[] = [];
  const entries = nulSeparated(
    await git(root, 'status', '--porcelain', '-z', '--untracked-files=all', '--', '.changeset'),
  );
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] ?? '';
    const status = entry.slice(0, 2);
    if (status.startsWith('R')) i++;
    if (!status.includes('D')) pending.push(entry.slice(3));
  }
  const names = [...new Set([...committed, ...pending])].filter(
    (name) => /^\.changeset\/[^/]+\.md$/.test(name) && name !== '.changeset/README.md',
  );
  const changesets: AddedChangeset[] = [];
  for (const file of names.sort()) {
    const text = await readFile(join(root, file), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    let releases: { name: string; type: Bump | 'none' }[];
    try {
      releases = parseChangeset(text).releases;
    } catch {
      releases = [];
    }
    changesets.push({ file, releases: new Map(releases.map((r) => [r.name, r.type])) });
  }
  return changesets;
}

const ORDER: Record<Bump | 'none', number> = { none: 0, patch: 1, minor: 2, major: 3 };

/**
 * What the added changesets fail to cover: each package whose required bump no added changeset
 * declares at that level or higher.
 */
export function uncoveredBumps(
  required: Readonly<Partial<Record<string, Bump>>>,
  changesets: readonly AddedChangeset[],
): { name: string; bump: Bump; declared: Bump | 'none' }[] {
  const missing: { name: string; bump: Bump; declared: Bump | 'none' }[] = [];
  for (const [name, bump] of Object.entries(required)) {
    if (!bump) continue;
    let declared: Bump | 'none' = 'none';
    for (const changeset of changesets) {
      const type = changeset.releases.get(name) ?? 'none';
      if (ORDER[type] > ORDER[declared]) declared = type;
    }
    if (ORDER[declared] < ORDER[bump]) missing.push({ name, bump, declared });
  }
  return missing;
}
