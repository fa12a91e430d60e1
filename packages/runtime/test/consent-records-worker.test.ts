import { execFile } from 'node:child_process';
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type ConsentLog,
  openConsentLog,
  openConsentStore,
  type RecordOutcome,
} from '../src/consent-records/index.js';
import { openPglite } from '../src/consent-records/pglite-client.js';
import type { SqlClient } from '../src/consent-records/sql-client.js';
import { SqlConsentStore } from '../src/consent-records/sql-store.js';
import {
  answer,
  chainOf,
  embeddedFolder,
  rawPglite,
  tempFolder,
} from './consent-records-support.js';

/*
 * The embedded store's PGlite runs in a worker thread (pglite-worker.ts) so that its WASM query
 * work does not hold the event loop that serves HTTP. These tests hold the boundary: errors come
 * back with PGlite's own message, transactions keep their meaning, a thread that dies fails
 * every call plainly and the journal keeps the answers, closing ends the thread. The worker
 * script is the built one: run after `npm run build`.
 */

// Every worker the store starts, so a test can make one die as a crash would.
const workers = vi.hoisted(() => [] as { worker: Worker; exit: Promise<number> }[]);
vi.mock('node:worker_threads', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:worker_threads')>();
  class RecordedWorker extends original.Worker {
    constructor(...args: ConstructorParameters<typeof original.Worker>) {
      super(...args);
      workers.push({
        worker: this,
        exit: new Promise((resolve) => this.once('exit', (code) => resolve(code))),
      });
    }
  }
  return { ...original, Worker: RecordedWorker };
});

const run = promisify(execFile);
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

function lastWorker(): { worker: Worker; exit: Promise<number> } {
  const last = workers.at(-1);
  if (!last) throw new Error('no worker was started');
  return last;
}

/** What a crash of the thread looks like from the main thread: it is gone without a close. */
async function crash(): Promise<void> {
  const { worker, exit } = lastWorker();
  await worker.terminate();
  await exit;
}

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of opened.splice(0)) await item.close().catch(() => {});
});

describe('the worker boundary', () => {
  it('an error in the worker comes back as an Error with PGlite’s own message and code', async () => {
    const bad = 'SELECT no_such_column FROM consent_records';
    // What PGlite says in this thread, on a closed copy of the same store.
    const reference = await embeddedFolder();
    const expected = await rawPglite(reference, (sql) => sql(bad)).catch((e: Error) => e);
    expect(expected).toBeInstanceOf(Error);
    const client = await openPglite(await embeddedFolder());
    opened.push(client);
    const error = await client.query(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe((expected as Error).message);
    expect((error as { code?: string }).code).toBe((expected as { code?: string }).code);
    // What the database refused keeps its severity, as a PostgreSQL error has it.
    expect((error as { severity?: string }).severity).toBe(
      (expected as { severity?: string }).severity,
    );
    expect((error as { severity?: string }).severity).toBe('ERROR');
    // The thread survives a failed statement.
    expect(await client.query<{ n: number }>('SELECT $1::int + 1 AS n', [41])).toEqual([{ n: 42 }]);
    // Values cross by structured clone: a Date parameter, timestamptz rows as Dates, bigint.
    const at = new Date('2026-12-06T12:00:00.000Z');
    const [row] = await client.query<{ at: Date; big: unknown }>(
      'SELECT $1::timestamptz AS at, 9007199254740993::bigint AS big',
      [at],
    );
    expect(row?.at).toEqual(at);
    expect(String(row?.big)).toBe('9007199254740993');
    // A parameter structured clone cannot copy is a rejected call, not a dead thread.
    await expect(client.query('SELECT $1', [() => 1])).rejects.toThrow(/could not be cloned/);
    expect(await client.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('a transaction commits as one, rolls back when its work throws, and others wait for it', async () => {
    const client = await openPglite(await embeddedFolder());
    opened.push(client);
    await client.exec('CREATE TABLE t (n int PRIMARY KEY)');
    const count = async () =>
      Number((await client.query<{ n: number }>('SELECT count(*)::int AS n FROM t'))[0]?.n);
    let outside: Promise<number> | undefined;
    await client.transaction(async (sql) => {
      await sql.query('INSERT INTO t VALUES ($1)', [1]);
      // A statement outside the transaction waits for it (PGlite's transaction lock), so it
      // sees the committed row, never a half-done transaction.
      outside = count();
      await sleep(50);
      await sql.query('INSERT INTO t VALUES ($1)', [2]);
    });
    expect(await outside).toBe(2);
    const thrown = await client
      .transaction(async (sql) => {
        await sql.query('INSERT INTO t VALUES ($1)', [3]);
        await sql.query('INSERT INTO t VALUES ($1)', [1]);
      })
      .catch((e: Error) => e);
    expect(String(thrown)).toMatch(/duplicate key value violates unique constraint/);
    expect(await count()).toBe(2);
    const mine = new Error('the caller changed its mind');
    await expect(
      client.transaction(async (sql) => {
        await sql.query('INSERT INTO t VALUES ($1)', [4]);
        throw mine;
      }),
    ).rejects.toBe(mine);
    expect(await count()).toBe(2);
  });

  it('a long query does not hold the event loop', async () => {
    const client = await openPglite(await embeddedFolder());
    opened.push(client);
    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    await client.query('SELECT count(*) FROM generate_series(1, 3000000) AS s (n) WHERE n % 7 = 0');
    const took = performance.now() - started;
    clearInterval(ticker);
    // A loop held for the whole query never ticks during it: the gap up to now counts too.
    longestGap = Math.max(longestGap, performance.now() - last);
    // In the main thread the longest gap would be the whole query; the bound leaves room for a
    // busy machine, not for a blocked loop.
    expect(took).toBeGreaterThan(200);
    expect(longestGap).toBeLessThan(took / 2);
  });

  it('a thread that dies fails the calls waiting and every later one with one plain error', async () => {
    const client = await openPglite(await embeddedFolder());
    opened.push(client);
    const waiting = client
      .query('SELECT count(*) FROM generate_series(1, 20000000)')
      .catch((e: Error) => e);
    await sleep(100);
    await crash();
    const error = await waiting;
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(
      /the embedded consent store's database thread stopped \(exit code 1\)/,
    );
    await expect(client.query('SELECT 1')).rejects.toThrow(/database thread stopped/);
    await expect(client.transaction(async () => 1)).rejects.toThrow(/database thread stopped/);
    // Closing what is already gone is quiet, and frees the folder for the next open.
    await client.close();
  });

  it('closing ends the thread by itself (exit code 0), and later calls say the store is closed', async () => {
    const folder = await embeddedFolder();
    const client = await openPglite(folder);
    const { exit } = lastWorker();
    await client.query('SELECT 1');
    await client.close();
    expect(await exit).toBe(0);
    await expect(client.query('SELECT 1')).rejects.toThrow(
      `the embedded consent store ${folder} is closed`,
    );
    // The folder is free again.
    const again = await openPglite(folder);
    await again.close();
  });

  it('a process that closes its store ends by itself', async () => {
    const folder = await embeddedFolder();
    const started = Date.now();
    const { stdout, stderr } = await run(process.execPath, [fixture('close-store.mjs'), folder], {
      timeout: 60_000,
    });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^closed \d+\n$/);
    expect(Date.now() - started).toBeLessThan(60_000);
    const store = await openConsentStore(folder);
    opened.push(store);
    expect(await store.verify()).toMatchObject({ ok: true, records: 20 });
  });

  it('without @electric-sql/pglite, opening names the package to install', async () => {
    // A copy of the built package in a folder with no node_modules above it.
    const copy = await tempFolder('no-driver');
    const dist = fileURLToPath(new URL('../dist', import.meta.url));
    await cp(dist, join(copy, 'dist'), { recursive: true });
    await writeFile(join(copy, 'package.json'), '{"type":"module"}');
    const entry = pathToFileURL(join(copy, 'dist', 'consent-records', 'index.js')).href;
    const { stdout } = await run(process.execPath, [
      fixture('open-without-driver.mjs'),
      entry,
      join(copy, 'store'),
    ]);
    expect(stdout.trim()).toBe(
      'error The embedded consent store needs the package @electric-sql/pglite, which is not installed: npm install @electric-sql/pglite',
    );
  });
});

describe('a lookup by consent id', () => {
  it('is one round trip to the thread (records and renderings in one statement)', async () => {
    const client = await openPglite(await embeddedFolder());
    opened.push(client);
    let calls = 0;
    const counted: SqlClient = {
      query: (sql, params) => {
        calls++;
        return client.query(sql, params);
      },
      exec: (sql) => {
        calls++;
        return client.exec(sql);
      },
      transaction: (work) => client.transaction(work),
      close: () => client.close(),
    };
    const store = new SqlConsentStore(counted, 'embedded', 'test');
    const ids = ['a'.repeat(32), 'b'.repeat(32)];
    await store.append(chainOf('w1', 6, { ids }));
    calls = 0;
    const history = await store.show(ids[0] ?? '');
    expect(calls).toBe(1);
    expect(history.entries.map((e) => e.seq)).toEqual([1, 3, 5]);
    expect(history.entries.every((e) => e.consentId === ids[0])).toBe(true);
  });
});

describe('the consent log when the thread dies', () => {
  it('answers go to the journal, the log opens the store again, and none is lost or doubled', async () => {
    const folder = await embeddedFolder();
    const errors: string[] = [];
    const log = await openConsentLog({ store: folder, onError: (m) => errors.push(m) });
    opened.push(log);
    const ids: string[] = [];
    const outcomes: RecordOutcome[] = [];
    const record = async () => {
      const input = answer();
      ids.push(input.consentId);
      outcomes.push(await log.record(input));
    };
    for (let i = 0; i < 5; i++) await record();
    const before = workers.length;
    await crash();
    // Eight at a time while the store is away and while it comes back.
    for (let round = 0; round < 10; round++) {
      await Promise.all(Array.from({ length: 8 }, record));
      await sleep(50);
    }
    await log.flush();
    expect(workers.length).toBeGreaterThan(before);
    expect(outcomes.filter((o) => !o.durable)).toEqual([]);
    expect(outcomes.some((o) => o.durable === 'spool')).toBe(true);
    expect(errors.join('\n')).toMatch(
      /database thread stopped[\s\S]*kept in the spool[\s\S]*works again; [\d,]+ spooled answers? written/,
    );
    await log.close();
    await expectEachOnce(folder, ids);
  });

  it('when the store cannot be opened again, the journal keeps them for the next open', async () => {
    const folder = await embeddedFolder();
    const errors: string[] = [];
    const log: ConsentLog = await openConsentLog({ store: folder, onError: (m) => errors.push(m) });
    const ids: string[] = [];
    const first = answer();
    ids.push(first.consentId);
    expect(await log.record(first)).toMatchObject({ durable: 'store' });
    await crash();
    // Another live process holds the folder now, so the log cannot open it again.
    await writeFile(join(folder, 'lock'), String(process.ppid));
    for (let i = 0; i < 10; i++) {
      const input = answer();
      ids.push(input.consentId);
      expect(await log.record(input)).toMatchObject({ durable: 'spool' });
    }
    await log.close();
    expect(errors.join('\n')).toMatch(/database thread stopped/);
    await writeFile(join(folder, 'lock'), '0');
    // The next open replays the journal the closed log left.
    const next = await openConsentLog({ store: folder, onError: (m) => errors.push(m) });
    await next.close();
    await expectEachOnce(folder, ids);
  });
});

/** Each id has exactly one record in the store, and the chains verify. */
async function expectEachOnce(folder: string, ids: readonly string[]): Promise<void> {
  const store = await openConsentStore(folder);
  try {
    expect(await store.verify()).toMatchObject({ ok: true, records: ids.length });
    for (const id of ids) expect((await store.show(id)).entries, id).toHaveLength(1);
  } finally {
    await store.close();
  }
}

describe('an answer on the embedded store', () => {
  it('is given once journaled: it waits for neither the insert nor a sync, and the insert follows', async () => {
    const folder = await embeddedFolder();
    const real = await openConsentStore(folder);
    // The store's inserts held back, as a CHECKPOINT or a long query in its thread holds them.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inserts = 0;
    const slow = new Proxy(real, {
      get(target, property) {
        if (property === 'append')
          return async (records: Parameters<typeof real.append>[0]) => {
            inserts += 1;
            await held;
            return target.append(records);
          };
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const log = await openConsentLog({ store: slow, spool: join(folder, 'spool') });
    const inputs = [answer(), answer(), answer()];
    // Answered while every insert is held (were they waited for, this would never resolve).
    const outcomes = await Promise.all(inputs.map((input) => log.record(input)));
    expect(outcomes.map((o) => o.durable)).toEqual(['store', 'store', 'store']);
    expect(inserts).toBeGreaterThan(0);
    expect((await real.show(inputs[0]?.consentId ?? '')).entries).toHaveLength(0);
    release();
    await log.flush();
    for (const input of inputs) expect((await real.show(input.consentId)).entries).toHaveLength(1);
    await log.close();
    await real.close();
    const again = await openConsentStore(folder);
    expect(await again.verify()).toMatchObject({ ok: true, records: 3 });
    await again.close();
  });
});
