import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
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
 * The catalog as it was at a git ref, checked out into a temporary directory (read with `git
 * show`, so the work tree is untouched). Undefined when the catalog did not exist at that ref.
 */
export async function catalogAtRef(catalogDir: string, ref: string): Promise<string | undefined> {
  const root = await gitRoot(catalogDir);
  if (!root)
    throw new Error(`${catalogDir} is not inside a git repository, so --base cannot be read`);
  await git(root, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`).catch(() => {
    throw new Error(`git does not know the ref "${ref}"`);
  });
  const inRepo = relative(root, catalogDir).split('\\').join('/');
  const files = (await git(root, 'ls-tree', '-r', '--name-only', ref, '--', inRepo))
    .split('\n')
    .filter(Boolean);
  if (files.length === 0) return undefined;
  const target = join(await mkdtemp(join(tmpdir(), 'cookie-catalog-base-')), 'catalog');
  for (const file of files) {
    const path = join(target, relative(inRepo, file));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, await git(root, 'show', `${ref}:${file}`));
  }
  return target;
}

/** Changeset files (`.changeset/*.md` other than README.md) added or changed since `ref`, committed or not. */
export async function changesetsSince(root: string, ref: string): Promise<string[]> {
  const committed = await git(root, 'diff', '--name-only', ref, '--', '.changeset');
  const pending = await git(
    root,
    'status',
    '--porcelain',
    '--untracked-files=all',
    '--',
    '.changeset',
  );
  const names = [...committed.split('\n'), ...pending.split('\n').map((line) => line.slice(3))];
  return [
    ...new Set(
      names.filter((name) => /^\.changeset\/.+\.md$/.test(name) && !name.endsWith('README.md')),
    ),
  ];
}
