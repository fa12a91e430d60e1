import {
  type FileHandle,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  stat,
  unlink,
} from 'node:fs/promises';
import { join } from 'node:path';
import type { ChainedRecord } from './types.js';

export class SpoolFullError extends Error {}

/** `<writer>.<pid>.jsonl`, and `<writer>.<pid>.<n>.jsonl` for a journal set aside to be synced. */
const SPOOL_FILE = /^([A-Za-z0-9_-]+)\.(\d+)(?:\.\d+)?\.jsonl$/;
/** The spool files this process has open: never orphans, whatever their pid says. */
const OPEN_HERE = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Records one per line; a torn last line (a write the process died in) was never acknowledged. */
export async function readSpoolFile(path: string): Promise<ChainedRecord[]> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const records: ChainedRecord[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      records.push(JSON.parse(line) as ChainedRecord);
    } catch {
      // The unfinished last line of a killed process.
    }
  }
  return records;
}

/**
 * Spool files other than the running process's own whose process is gone: what a killed or
 * stopped process left to be written to the store. The file name holds the writer and the pid.
 */
export async function orphanSpoolFiles(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  return names
    .map((name) => ({ name, match: SPOOL_FILE.exec(name) }))
    .filter(({ name, match }) => {
      if (match === null || OPEN_HERE.has(join(folder, name))) return false;
      // A file named with this process's pid that it did not open is from an earlier process
      // that had the same pid (a container restarted).
      const pid = Number(match[2]);
      return pid === process.pid || !alive(pid);
    })
    .map(({ name }) => join(folder, name));
}

export async function removeSpoolFile(path: string): Promise<void> {
  await unlink(path);
  await syncFolder(join(path, '..'));
}

async function removeIfThere(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/**
 * This process's spool file: appended and fsync'd (fdatasync) once per batch, so a record is on
 * the disk before the answer is acknowledged. Bounded by maxBytes.
 *
 * The embedded store's journal is set aside (`rotate`) when it is to be synced: appends go on in
 * a new file while the store syncs, and the set-aside files are removed once it has (`dropRotated`),
 * so answers never wait for a sync. Set-aside files count as spooled until then, are read with
 * the current one, and are what a killed process leaves like any spool file.
 */
export class Spool {
  readonly folder: string;
  readonly name: string;
  readonly maxBytes: number;
  #handle: FileHandle | undefined;
  #size = 0;
  #records = 0;
  #rotations = 0;
  #rotated: { readonly path: string; readonly records: number }[] = [];

  constructor(folder: string, writer: string, maxBytes: number) {
    this.folder = folder;
    this.name = `${writer}.${process.pid}.jsonl`;
    this.maxBytes = maxBytes;
  }

  get path(): string {
    return join(this.folder, this.name);
  }

  /** Records in the file (written since it was last emptied), and in files set aside. */
  get records(): number {
    return this.#rotated.reduce((sum, file) => sum + file.records, this.#records);
  }

  /** Bytes in the current file. */
  get bytes(): number {
    return this.#size;
  }

  async #open(): Promise<FileHandle> {
    if (this.#handle) return this.#handle;
    await mkdir(this.folder, { recursive: true });
    const handle = await open(this.path, 'a');
    OPEN_HERE.add(this.path);
    this.#size = (await stat(this.path)).size;
    await syncFolder(this.folder);
    this.#handle = handle;
    return handle;
  }

  async append(records: readonly ChainedRecord[]): Promise<void> {
    const data = Buffer.from(records.map((record) => `${JSON.stringify(record)}\n`).join(''));
    const handle = await this.#open();
    if (this.#size + data.length > this.maxBytes)
      throw new SpoolFullError(
        `the spool ${this.path} is full (${this.#size} of ${this.maxBytes} bytes)`,
      );
    await handle.write(data);
    this.#size += data.length;
    this.#records += records.length;
    await handle.datasync();
  }

  /** Every record spooled: the files set aside, then the current one. */
  async read(): Promise<ChainedRecord[]> {
    const records: ChainedRecord[] = [];
    for (const file of this.#rotated) records.push(...(await readSpoolFile(file.path)));
    records.push(...(await readSpoolFile(this.path)));
    return records;
  }

  /**
   * Sets the current file aside (renamed `<writer>.<pid>.<n>.jsonl`); the next append starts a
   * new one. Call between appends, never during one.
   */
  async rotate(): Promise<void> {
    if (this.#size === 0 && this.#records === 0) return;
    const handle = await this.#open();
    this.#handle = undefined;
    await handle.close();
    const path = join(this.folder, this.name.replace(/\.jsonl$/, `.${++this.#rotations}.jsonl`));
    OPEN_HERE.add(path);
    await rename(this.path, path);
    await syncFolder(this.folder);
    this.#rotated.push({ path, records: this.#records });
    this.#size = 0;
    this.#records = 0;
  }

  /** Removes the files set aside (their records are on the disk in the store). */
  async dropRotated(): Promise<void> {
    const files = this.#rotated;
    this.#rotated = [];
    for (const file of files) {
      await removeIfThere(file.path);
      OPEN_HERE.delete(file.path);
    }
    if (files.length > 0) await syncFolder(this.folder);
  }

  /** Empties the current file and removes the files set aside. */
  async empty(): Promise<void> {
    const handle = await this.#open();
    await handle.truncate(0);
    await handle.datasync();
    this.#size = 0;
    this.#records = 0;
    await this.dropRotated();
  }

  /** Closes the file, and removes it when empty; files set aside stay for the next open. */
  async close(): Promise<void> {
    for (const file of this.#rotated) OPEN_HERE.delete(file.path);
    this.#rotated = [];
    const handle = this.#handle;
    this.#handle = undefined;
    if (!handle) return;
    await handle.close();
    OPEN_HERE.delete(this.path);
    if (this.#size === 0) await removeSpoolFile(this.path).catch(() => {});
  }
}
