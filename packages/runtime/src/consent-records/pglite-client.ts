import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { loadDriver, type SqlClient, type SqlQuery } from './sql-client.js';

type PGliteModule = typeof import('@electric-sql/pglite');

function wrap(db: PGlite | Transaction): SqlQuery {
  return {
    query: async <Row>(sql: string, params?: readonly unknown[]) =>
      (await db.query<Row>(sql, params as unknown[] | undefined)).rows,
    exec: async (sql: string) => {
      await db.exec(sql);
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite cannot share its files with another process: a lock file holds the pid of the one that
 * has the folder open, and a second process is refused with a plain message.
 */
async function lockFolder(folder: string): Promise<() => Promise<void>> {
  const path = join(folder, 'lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => unlink(path).catch(() => {});
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (pid > 0 && pid !== process.pid && alive(pid))
        throw new Error(
          `the consent store ${folder} is open in process ${pid}; an embedded store serves one process at a time (use PostgreSQL for more)`,
        );
      await unlink(path).catch(() => {});
    }
  }
  throw new Error(`cannot lock the consent store ${folder}`);
}

/** PGlite on `<folder>/pgdata`. PGlite runs with fsync off: see ConsentLog for the journal in front. */
export async function openPglite(folder: string): Promise<SqlClient> {
  const { PGlite } = await loadDriver<PGliteModule>(
    '@electric-sql/pglite',
    'The embedded consent store',
  );
  const unlock = await lockFolder(folder);
  let db: PGlite;
  try {
    db = await PGlite.create(join(folder, 'pgdata'));
  } catch (error) {
    await unlock();
    throw new Error(
      `cannot open the embedded consent store ${folder}: ${(error as Error).message}`,
    );
  }
  return {
    ...wrap(db),
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    async close() {
      try {
        if (!db.closed) await db.close();
      } finally {
        await unlock();
      }
    },
  };
}
