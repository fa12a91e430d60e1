import { lstat, readlink } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { escapeInvisible } from '@cookie-catalog/catalog';

/*
 * Where a command may write. generate replaces whole folders (it removes what it did not
 * generate), init, import and export create files: followed through a symbolic link, any of them
 * would delete or write a user's files somewhere else (issue #29: a `src/generated` linked to a
 * folder of the user's lost them all). So a command writes only inside the place it names (the
 * repository for generate, the folder or file given on the command line for the others), and
 * nothing on the way there may be a link: such a path is a one-line error before anything is
 * touched.
 */

export interface OutputTarget {
  /** The folder or file to write. */
  readonly path: string;
  /** The folder it must stay inside; it is not checked itself (it is the user's, or the repository). */
  readonly within: string;
  /** Whether `path` is a folder to write into or a file to write. */
  readonly kind: 'folder' | 'file';
}

/**
 * The folder a path given on the command line is checked from: the working directory when the path
 * is inside it (so `--out drafts/new` refuses a linked `drafts/` too), else the path's own folder.
 */
export function namedTargetWithin(path: string, cwd: string): string {
  const inside = relative(cwd, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)
    ? cwd
    : resolve(path, '..');
}

/**
 * Why nothing may be written to `target`, as one line (what, where, the fix), or undefined when it
 * is safe: `path` is inside `within`, and neither it nor any existing folder between them is a
 * symbolic link, or a file where a folder must be (or a folder where the file goes).
 */
export async function outputTargetProblem(
  { path, within, kind }: OutputTarget,
  cwd: string,
): Promise<string | undefined> {
  const shown = (p: string) => escapeInvisible(relative(cwd, p) || p);
  const inside = relative(within, path);
  if (inside.startsWith('..') || isAbsolute(inside))
    return `${shown(path)} is outside ${shown(within)}; nothing was written. Name a path inside it.`;
  const parts = inside === '' ? [] : inside.split(sep);
  let current = within;
  for (const [i, part] of parts.entries()) {
    current = join(current, part);
    const stats = await lstat(current).catch(() => undefined);
    // What does not exist yet is created as a real folder (or file): nothing further to check.
    if (stats === undefined) return undefined;
    const last = i === parts.length - 1;
    if (stats.isSymbolicLink()) {
      const to = await readlink(current).catch(() => '?');
      return `${shown(current)} is a symbolic link (to ${escapeInvisible(to)}); nothing was written, since writing through it would change files elsewhere. Replace the link with a real ${last && kind === 'file' ? 'file' : 'folder'}, or name another path.`;
    }
    if (last && kind === 'file') {
      if (stats.isDirectory())
        return `${shown(current)} is a folder; nothing was written. Name a file to write, such as ${shown(join(current, 'export.json'))}.`;
      if (!stats.isFile())
        return `${shown(current)} is not a regular file (a device, pipe or socket); nothing was written. Name a file.`;
    } else if (!stats.isDirectory()) {
      return `${shown(current)} is a file, not a folder; nothing was written. Name a folder${last ? ' (a new or an existing one)' : ''}, or move the file away.`;
    }
  }
  return undefined;
}
