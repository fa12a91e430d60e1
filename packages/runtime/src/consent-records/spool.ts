import { type FileHandle, mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChainedRecord } from './types.js';

export class SpoolFullError extends Error {}

const SPOOL_FILE = /^([A-Za-z0-9_-]+)\.(\d+)\.jsonl$/;
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

/**
 * This process's spool file: appended and fsync'd (fdatasync) once per batch, so a record is on
 * the disk before the answer is acknowledged. Bounded by maxBytes.
 */
export class Spool {
  readonly folder: string;
  readonly name: string;
  readonly maxBytes: number;
  #handle: FileHandle | undefined;
  #size = 0;
  #records = 0;

  constructor(folder: string, writer: string, maxBytes: number) {
    this.folder = folder;
    this.name = `${writer}.${process.pid}.jsonl`;
    this.maxBytes = maxBytes;
  }

  get path(): string {
    return join(this.folder, this.name);
  }

  /** Records in the file (written since it was last emptied). */
  get records(): number {
    return this.#records;
  }

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

  read(): Promise<ChainedRecord[]> {
    return readSpoolFile(this.path);
  }

  async empty(): Promise<void> {
    const handle = await this.#open();
    await handle.truncate(0);
    await handle.datasync();
    this.#size = 0;
    this.#records = 0;
  }

  /** Closes the file, and removes it when empty. */
  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    if (!handle) return;
    await handle.close();
    OPEN_HERE.delete(this.path);
    if (this.#size === 0) await removeSpoolFile(this.path).catch(() => {});
  }
}
