import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';
import { createProblem, type Problem, type SourcePosition } from './problem.js';

/**
 * The only way the loader touches the file system. A catalog is a folder of regular files owned
 * by the repository: a symbolic link could publish a secret from elsewhere on the machine in the
 * policy, and a device or pipe (`/dev/zero`) never ends. So links, special files and folders
 * where a file belongs are located errors, never followed or opened; a file larger than any
 * catalog file needs is refused before it is read; bytes that are not UTF-8 are named, not
 * silently replaced with U+FFFD.
 *
 * The file system is asked synchronously behind the async API: a catalog is a few dozen small
 * files, and each awaited look (lstat, open, stat, read, close per file) waited a turn of the
 * thread pool, ~35 ms of legal's `validate`. The functions stay async for callers.
 */

/** policy.yaml of a 40-language catalog is ~100 kB; this leaves room without letting a 49 MB file in. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export type ReadFile =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: Problem | undefined };

/**
 * Reads `relative` inside `dir` as UTF-8 text, refusing anything that is not a regular file in a
 * regular folder. `{ ok: false, problem: undefined }` means the file does not exist.
 */
export async function readCatalogFile(dir: string, relative: string): Promise<ReadFile> {
  const path = join(dir, relative);
  const at: SourcePosition = { file: path, line: 1, column: 1 };
  const linked = linkedFolderOf(dir, relative);
  if (linked) return { ok: false, problem: linkProblem(join(dir, linked), linked) };
  const stats = lstatOrUndefined(path);
  if (!stats) return { ok: false, problem: undefined };
  if (stats.isSymbolicLink()) return { ok: false, problem: linkProblem(path, relative) };
  if (stats.isDirectory()) {
    return {
      ok: false,
      problem: createProblem(
        'catalog/file-type',
        at,
        `${relative} is a folder, where a file belongs`,
        'move the folder out of the catalog, or replace it with the file',
      ),
    };
  }
  if (!stats.isFile()) return { ok: false, problem: notRegular(at, relative) };
  if (stats.size > MAX_FILE_BYTES)
    return { ok: false, problem: tooLarge(at, relative, stats.size) };
  // Opened without following a link and without waiting on a pipe, then checked again: the file
  // cannot be swapped for a link or a device between the look above and the read.
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return { ok: false, problem: notRegular(at, relative) };
  }
  let bytes: Buffer;
  try {
    if (!fstatSync(fd).isFile()) return { ok: false, problem: notRegular(at, relative) };
    bytes = readUpTo(fd, stats.size, MAX_FILE_BYTES + 1);
  } finally {
    closeSync(fd);
  }
  if (bytes.length > MAX_FILE_BYTES)
    return { ok: false, problem: tooLarge(at, relative, bytes.length) };
  return decodeUtf8(path, bytes);
}

/**
 * The file's bytes, at most `limit` of them (one past the size limit, so a file that grows while
 * it is read cannot exhaust memory). The buffer starts at the size the file had when looked at,
 * not at the limit: a catalog of 1,000 small files must not allocate 2 MB for each.
 */
function readUpTo(fd: number, expected: number, limit: number): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(expected + 1, limit));
  let length = 0;
  for (;;) {
    const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
    length += bytesRead;
    if (bytesRead === 0 || length === limit) return buffer.subarray(0, length);
    if (length === buffer.length) {
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * The names in the folder `relative` inside `dir`, sorted; undefined when it does not exist.
 * A folder that is (or lies under) a symbolic link is reported and listed as empty.
 */
export async function listCatalogFolder(
  dir: string,
  relative: string,
  problems: Problem[],
): Promise<CatalogFolderEntry[] | undefined> {
  const linked = linkedFolderOf(dir, relative, true);
  if (linked) {
    problems.push(linkProblem(join(dir, linked), linked));
    return [];
  }
  const path = join(dir, relative);
  const stats = lstatOrUndefined(path);
  if (!stats) return undefined;
  if (!stats.isDirectory()) {
    problems.push(
      createProblem(
        'catalog/file-type',
        { file: path, line: 1, column: 1 },
        `${relative} is a file, where a folder belongs`,
        `replace it with the folder ${relative}/`,
      ),
    );
    return [];
  }
  const dirents = readdirSync(path, { withFileTypes: true });
  return dirents
    .map((d) => ({
      name: d.name,
      kind: d.isSymbolicLink()
        ? ('link' as const)
        : d.isDirectory()
          ? ('folder' as const)
          : d.isFile()
            ? ('file' as const)
            : ('special' as const),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export interface CatalogFolderEntry {
  readonly name: string;
  readonly kind: 'file' | 'folder' | 'link' | 'special';
}

/** The first folder on the way to `relative` (the last part too, with `includeLast`) that is a link. */
function linkedFolderOf(dir: string, relative: string, includeLast = false): string | undefined {
  const parts = relative.split('/');
  const folders = includeLast ? parts : parts.slice(0, -1);
  for (let i = 1; i <= folders.length; i++) {
    const prefix = folders.slice(0, i).join('/');
    const stats = lstatOrUndefined(join(dir, prefix));
    if (stats?.isSymbolicLink()) return prefix;
  }
  return undefined;
}

function linkProblem(path: string, relative: string): Problem {
  return createProblem(
    'catalog/link',
    { file: path, line: 1, column: 1 },
    `${relative} is a symbolic link; the catalog only reads regular files inside its own folder`,
    'replace the link with a copy of the file (or folder) itself',
  );
}

function notRegular(at: SourcePosition, relative: string): Problem {
  return createProblem(
    'catalog/file-type',
    at,
    `${relative} is not a regular file (a device, pipe, socket or a link put in its place)`,
    'remove it; the catalog holds only text files',
  );
}

function tooLarge(at: SourcePosition, relative: string, size: number): Problem {
  return createProblem(
    'catalog/file-size',
    at,
    `${relative} is ${size.toLocaleString('en')} bytes; no catalog file needs more than ${MAX_FILE_BYTES.toLocaleString('en')}`,
    'split it, or check that it is the file you meant to put here',
  );
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * UTF-8 text, or the position of the first byte that is not UTF-8. Old Mac line ends (a lone CR)
 * become LF, which keeps every offset and makes line numbers match what editors show.
 */
export function decodeUtf8(file: string, bytes: Uint8Array): ReadFile {
  try {
    return { ok: true, text: strictUtf8.decode(bytes).replace(/\r(?!\n)/g, '\n') };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder().decode(bytes.subarray(0, offset));
    const lines = before.split(/\r\n|\r|\n/);
    const line = lines.length;
    const column = (lines.at(-1)?.length ?? 0) + 1;
    const byte = bytes[offset] ?? 0;
    return {
      ok: false,
      problem: createProblem(
        'catalog/encoding',
        { file, line, column },
        `byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} here is not UTF-8 (the file was probably saved as Latin-1 or Windows-1252)`,
        'save the file as UTF-8 in your editor and retype the character',
      ),
    };
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix: decoding is monotone in the prefix length (up to a split sequence).
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (decodesAsPrefix(bytes.subarray(0, mid))) low = mid;
    else high = mid - 1;
  }
  // A sequence cut off by the bad byte: point at its first byte, which is where the text broke.
  if (low > 0 && !decodesAsPrefix(bytes.subarray(0, low), false)) {
    let start = low - 1;
    while (start > 0 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start--;
    return start;
  }
  return low;
}

function decodesAsPrefix(bytes: Uint8Array, stream = true): boolean {
  try {
    // stream: true accepts a sequence cut at the end, so only real errors throw.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream });
    return true;
  } catch {
    return false;
  }
}
