/*
 * The thread the embedded store's PGlite runs in (started by pglite-client.ts). It answers one
 * message at a time in order of arrival; PGlite itself serialises statements, and a transaction
 * holds PGlite's transaction lock from `begin` to `commit` or `rollback`, so statements of
 * other callers wait for it as they did when PGlite ran in the main thread.
 * The driver is loaded here only: the main thread never loads PGlite.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import {
  type PgliteMessage,
  type PgliteRequest,
  type PgliteWorkerData,
  toFailure,
} from './pglite-protocol.js';
import { loadDriver } from './sql-client.js';

type PGliteModule = typeof import('@electric-sql/pglite');

interface OpenTransaction {
  readonly tx: Transaction;
  /** Ends the transaction: true commits, false rolls back. */
  readonly finish: (commit: boolean) => void;
  /** Settles when PGlite has committed or rolled back. */
  readonly done: Promise<void>;
}

/** Thrown inside PGlite's transaction callback to make it roll back. */
class RollbackRequested extends Error {}

function parent(): MessagePort {
  if (!parentPort)
    throw new Error('pglite-worker.js runs in a worker thread, started by openPglite');
  return parentPort;
}

const port = parent();
const post = (message: PgliteMessage) => port.postMessage(message);
const { dataDir } = workerData as PgliteWorkerData;
const transactions = new Map<number, OpenTransaction>();

async function begin(db: PGlite, id: number): Promise<void> {
  let opened!: (tx: Transaction) => void;
  let finish!: (commit: boolean) => void;
  const started = new Promise<Transaction>((resolve) => {
    opened = resolve;
  });
  const decided = new Promise<boolean>((resolve) => {
    finish = resolve;
  });
  const done = db
    .transaction(async (tx) => {
      opened(tx);
      if (!(await decided)) throw new RollbackRequested();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RollbackRequested)) throw error;
    });
  // BEGIN itself can fail, and then the callback never runs.
  const tx = await Promise.race([
    started,
    done.then(() => {
      throw new Error('the transaction ended before it began');
    }),
  ]);
  transactions.set(id, { tx, finish, done });
}

async function end(id: number, commit: boolean): Promise<void> {
  const open = transactions.get(id);
  if (!open) throw new Error(`no open transaction ${id}`);
  transactions.delete(id);
  open.finish(commit);
  await open.done;
}

function target(db: PGlite, tx: number | undefined): PGlite | Transaction {
  if (tx === undefined) return db;
  const open = transactions.get(tx);
  if (!open) throw new Error(`no open transaction ${tx}`);
  return open.tx;
}

async function answer(db: PGlite, request: PgliteRequest): Promise<unknown[] | undefined> {
  switch (request.op) {
    case 'query':
      return (await target(db, request.tx).query(request.sql, request.params as unknown[])).rows;
    case 'exec':
      await target(db, request.tx).exec(request.sql);
      return undefined;
    case 'begin':
      await begin(db, request.id);
      return undefined;
    case 'commit':
    case 'rollback':
      await end(request.tx, request.op === 'commit');
      return undefined;
    case 'close':
      for (const id of [...transactions.keys()]) await end(id, false).catch(() => {});
      if (!db.closed) await db.close();
      return undefined;
  }
}

async function start(): Promise<void> {
  let PGliteClass: PGliteModule['PGlite'];
  try {
    ({ PGlite: PGliteClass } = await loadDriver<PGliteModule>(
      '@electric-sql/pglite',
      'The embedded consent store',
    ));
  } catch (error) {
    post({ ready: false, stage: 'driver', error: toFailure(error) });
    port.close();
    return;
  }
  let db: PGlite;
  try {
    db = await PGliteClass.create(dataDir);
  } catch (error) {
    post({ ready: false, stage: 'open', error: toFailure(error) });
    port.close();
    return;
  }
  port.on('message', (request: PgliteRequest) => {
    answer(db, request)
      .then(
        (rows) =>
          post(
            rows === undefined ? { id: request.id, ok: true } : { id: request.id, ok: true, rows },
          ),
        (error: unknown) => post({ id: request.id, ok: false, error: toFailure(error) }),
      )
      .finally(() => {
        // Closed: nothing is left to keep the thread alive, so it ends and the client sees it exit.
        if (request.op === 'close') port.close();
      });
  });
  post({ ready: true });
}

await start();
