import { existsSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  fromFailure,
  type PgliteMessage,
  type PgliteReady,
  type PgliteRequest,
  type PgliteWorkerData,
} from './pglite-protocol.js';
import type { SqlClient, SqlQuery } from './sql-client.js';

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

/**
 * The worker script: built, it is pglite-worker.js beside this file. Run from source (vitest
 * imports src/*.ts, and Node 20 cannot run TypeScript in a worker), it is the built one in
 * dist: `npm run build` first, as for the other tests that start processes.
 */
function workerScript(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  const script = new URL(
    fromSource ? '../../dist/consent-records/pglite-worker.js' : './pglite-worker.js',
    import.meta.url,
  );
  if (fromSource && !existsSync(script))
    throw new Error(
      `the embedded store's worker ${fileURLToPath(script)} is not built: npm run build -w @cookie-catalog/runtime`,
    );
  return script;
}

/** A request before it is given its id. */
type Unnumbered = PgliteRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

interface Call {
  readonly resolve: (rows: unknown[] | undefined) => void;
  readonly reject: (error: Error) => void;
}

/**
 * PGlite in a worker thread, behind SqlClient: each call is a request with an id, answered by a
 * reply with the same id; an error in the worker comes back as an Error with its message. If
 * the thread dies, every call waiting and every later one fails with one plain error, which is
 * what the consent log sees when a store goes away: answers stay in its journal until it
 * opens the store again.
 */
class PgliteWorkerClient implements SqlClient {
  readonly #worker: Worker;
  readonly #calls = new Map<number, Call>();
  readonly #exited: Promise<void>;
  #nextId = 0;
  #closing = false;
  /** Set once the thread is gone: why calls fail from then on. */
  #gone: Error | undefined;

  private constructor(worker: Worker, folder: string) {
    this.#worker = worker;
    worker.on('message', (message: PgliteMessage) => {
      if ('ready' in message) return;
      const call = this.#calls.get(message.id);
      if (!call) return;
      this.#settled(message.id);
      if (message.ok) call.resolve(message.rows);
      else call.reject(fromFailure(message.error));
    });
    let failure: Error | undefined;
    worker.on('error', (error) => {
      failure = error;
    });
    this.#exited = new Promise((resolve) => {
      worker.on('exit', (code) => {
        this.#stopped(
          this.#closing
            ? new Error(`the embedded consent store ${folder} is closed`)
            : new Error(
                `the embedded consent store's database thread stopped (${failure?.message ?? `exit code ${code}`})`,
              ),
        );
        resolve();
      });
    });
  }

  /** Starts the thread and waits until PGlite has opened `<folder>/pgdata`. */
  static async start(folder: string): Promise<PgliteWorkerClient> {
    const workerData: PgliteWorkerData = { dataDir: join(folder, 'pgdata') };
    const worker = new Worker(workerScript(), {
      workerData,
      // PGlite builds every result as JS objects in this thread. A worker's young generation is
      // smaller than the main thread's by default, and on results of a page of records (verify
      // reads 5,000 at a time) the scavenges made reads about three times slower than in the
      // main thread; with this they are about as fast.
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
    });
    const client = new PgliteWorkerClient(worker, folder);
    const ready = await new Promise<PgliteReady | Error>((resolve) => {
      worker.once('message', (message: PgliteMessage) => {
        if ('ready' in message) resolve(message);
      });
      void client.#exited.then(() => resolve(client.#gone ?? new Error('its thread stopped')));
    });
    if (ready instanceof Error || !ready.ready) {
      await worker.terminate();
      if (ready instanceof Error)
        throw new Error(`cannot open the embedded consent store ${folder}: ${ready.message}`);
      const error = fromFailure(ready.error);
      // A missing driver says which package to install, as it does for PostgreSQL's.
      if (ready.stage === 'driver') throw error;
      throw new Error(`cannot open the embedded consent store ${folder}: ${error.message}`);
    }
    // An idle store does not keep the process alive; a call in flight does (see #send).
    worker.unref();
    return client;
  }

  #stopped(reason: Error): void {
    this.#gone ??= reason;
    const calls = [...this.#calls.values()];
    this.#calls.clear();
    for (const call of calls) call.reject(this.#gone);
  }

  #settled(id: number): void {
    this.#calls.delete(id);
    if (this.#calls.size === 0) this.#worker.unref();
  }

  #send(request: Unnumbered, id = ++this.#nextId): Promise<unknown[] | undefined> {
    if (this.#gone) return Promise.reject(this.#gone);
    return new Promise((resolve, reject) => {
      try {
        this.#worker.postMessage({ ...request, id } as PgliteRequest);
      } catch (error) {
        // A parameter structured clone cannot copy (a function, a symbol).
        reject(error);
        return;
      }
      if (this.#calls.size === 0) this.#worker.ref();
      this.#calls.set(id, { resolve, reject });
    });
  }

  #sql(tx: number | undefined): SqlQuery {
    return {
      query: async <Row>(sql: string, params?: readonly unknown[]) =>
        ((await this.#send({ op: 'query', sql, params, tx })) ?? []) as Row[],
      exec: async (sql: string) => {
        await this.#send({ op: 'exec', sql, tx });
      },
    };
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return this.#sql(undefined).query<Row>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.#sql(undefined).exec(sql);
  }

  async transaction<T>(work: (sql: SqlQuery) => Promise<T>): Promise<T> {
    const tx = ++this.#nextId;
    await this.#send({ op: 'begin' }, tx);
    let result: T;
    try {
      result = await work(this.#sql(tx));
    } catch (error) {
      await this.#send({ op: 'rollback', tx }).catch(() => {});
      throw error;
    }
    await this.#send({ op: 'commit', tx });
    return result;
  }

  /** Closes PGlite and waits for its thread to end; a thread already gone is closed too. */
  async close(): Promise<void> {
    if (!this.#gone && !this.#closing) {
      this.#closing = true;
      await this.#send({ op: 'close' }).catch(() => {});
      // The thread ends by itself once PGlite is closed; one that does not is stopped.
      const late = setTimeout(() => void this.#worker.terminate(), 5_000);
      await this.#exited;
      clearTimeout(late);
    } else await this.#exited;
  }
}

/**
 * PGlite on `<folder>/pgdata`, in a worker thread. PGlite runs with fsync off: see ConsentLog
 * for the journal in front, which stays in the calling thread.
 */
export async function openPglite(folder: string): Promise<SqlClient> {
  const unlock = await lockFolder(folder);
  let client: PgliteWorkerClient;
  try {
    client = await PgliteWorkerClient.start(folder);
  } catch (error) {
    await unlock();
    throw error;
  }
  return {
    query: (sql, params) => client.query(sql, params),
    exec: (sql) => client.exec(sql),
    transaction: (work) => client.transaction(work),
    async close() {
      try {
        await client.close();
      } finally {
        await unlock();
      }
    },
  };
}
