import { spawn } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresServer } from '../../test-support/src/postgres-server.js';
import { type ConsentLog, openConsentLog, openConsentStore } from '../src/consent-records/index.js';
import {
  answer,
  chainOf,
  embeddedFolder,
  newDatabase,
  rawPglite,
  rawPostgres,
  skipPostgres,
  startPostgres,
  tempFolder,
} from './consent-records-support.js';

/*
 * Issue 30 item 5 on both stores: no acknowledged record lost, none stored twice, when the
 * process is killed right after acknowledging, and when the store fails under load. The child
 * process runs the built package: run after `npm run build`.
 */
const CHILD = fileURLToPath(new URL('./fixtures/record-answers.mjs', import.meta.url));

interface Ack {
  readonly consentId: string;
  readonly writer: string;
  readonly seq: number;
}

/** Runs the child until it has acknowledged `count` answers, then kills it with SIGKILL. */
async function killAfterAcks(args: string[], count: number): Promise<Ack[]> {
  const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acks: Ack[] = [];
  let writer = '';
  let stderr = '';
  let buffered = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.on('exit', () => reject(new Error(`the child exited before ${count} acks: ${stderr}`)));
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [word, first, second] = line.split(' ');
        if (word === 'writer') writer = first ?? '';
        if (word === 'ack' && second) acks.push({ consentId: second, writer, seq: Number(first) });
      }
      if (acks.length >= count) {
        child.kill('SIGKILL');
        resolve();
      }
    });
  });
  await exited;
  return acks;
}

/** Every acknowledged answer is in the store exactly once, where its ack said, and the chains verify. */
async function expectAllStoredOnce(location: string, acks: readonly Ack[]): Promise<void> {
  const store = await openConsentStore(location);
  try {
    const report = await store.verify();
    expect(report.problems).toEqual([]);
    expect(report.records).toBeGreaterThanOrEqual(acks.length);
  } finally {
    await store.close();
  }
  const rows = await (location.startsWith('postgres://') ? rawPostgres : rawPglite)(
    location,
    (sql) => sql('SELECT consent_id, writer, seq FROM consent_records'),
  );
  const stored = new Map<string, string[]>();
  for (const row of rows) {
    const id = String(row.consent_id);
    stored.set(id, [...(stored.get(id) ?? []), `${row.writer} ${Number(row.seq)}`]);
  }
  const wrong = acks.filter(
    (ack) => stored.get(ack.consentId)?.join() !== `${ack.writer} ${ack.seq}`,
  );
  expect(
    wrong,
    `${wrong.length} of ${acks.length} acknowledged answers not stored exactly once`,
  ).toEqual([]);
}

/** Concurrent answers until `stop` resolves; the durable ones are returned. */
async function load(log: ConsentLog, stop: Promise<void>, workers = 16) {
  const acks: (Ack & { durable: 'store' | 'spool' })[] = [];
  let running = true;
  void stop.then(() => {
    running = false;
  });
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (running) {
        const input = answer();
        const outcome = await log.record(input);
        if (outcome.durable)
          acks.push({
            consentId: input.consentId,
            writer: outcome.writer,
            seq: outcome.seq,
            durable: outcome.durable,
          });
      }
    }),
  );
  return acks;
}

describe('the embedded store', () => {
  it('keeps every answer acknowledged before the process was killed, once', async () => {
    const folder = await embeddedFolder();
    const acks = await killAfterAcks([folder], 300);
    expect(acks.length).toBeGreaterThanOrEqual(300);
    // Opening replays the killed process's journal into the store.
    const log = await openConsentLog({ store: folder });
    await log.close();
    await expectAllStoredOnce(folder, acks);
  });

  it('keeps every answer acknowledged when killed while journals set aside are syncing', async () => {
    const folder = await embeddedFolder();
    const acks = await killAfterAcks([folder, '', String(64 * 1024)], 400);
    const left = await readdir(join(folder, 'spool'));
    console.log(`killed with ${left.length} journal files left: ${left.join(', ')}`);
    const log = await openConsentLog({ store: folder });
    await log.close();
    await expectAllStoredOnce(folder, acks);
  });

  it('keeps answering when the database is closed under load, and loses none', async () => {
    const folder = await embeddedFolder();
    const errors: string[] = [];
    const log = await openConsentLog({ store: folder, onError: (m) => errors.push(m) });
    const acks = load(
      log,
      (async () => {
        await sleep(300);
        // What a crash of the embedded database looks like to the log: every query fails.
        await log.store?.close();
        await sleep(1_000);
      })(),
    );
    const acked = await acks;
    await log.flush();
    expect(log.spooled).toBe(0);
    await log.close();
    expect(acked.some((a) => a.durable === 'spool')).toBe(true);
    expect(errors.join('\n')).toMatch(
      /failed .*kept in the spool[\s\S]*works again; [\d,]+ spooled answers? written/,
    );
    await expectAllStoredOnce(folder, acked);
  });

  it('answers do not wait for the store to sync: the journal is set aside meanwhile', async () => {
    const folder = await embeddedFolder();
    const store = await openConsentStore(folder);
    // A sync that takes as long as the test wants (a busy disk: seconds).
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let syncs = 0;
    const sync = store.sync.bind(store);
    store.sync = async () => {
      syncs++;
      await gate;
      await sync();
    };
    // The journal is synced past half of maxSpoolBytes: here after a few dozen answers.
    const log = await openConsentLog({ store, maxSpoolBytes: 64 * 1024 });
    const ids: string[] = [];
    try {
      const answered = (async () => {
        for (let i = 0; i < 100; i++) {
          const input = answer();
          ids.push(input.consentId);
          expect(await log.record(input)).toMatchObject({ durable: 'store' });
        }
        return 'answered';
      })();
      expect(await Promise.race([answered, sleep(30_000).then(() => 'waited for the sync')])).toBe(
        'answered',
      );
      expect(syncs).toBe(1);
      const aside = (await readdir(join(folder, 'spool'))).filter((name) =>
        /\.\d+\.\d+\.jsonl$/.test(name),
      );
      expect(aside).toHaveLength(1);
      expect(log.spooled).toBe(100);
    } finally {
      release();
    }
    await log.flush();
    expect(log.spooled).toBe(0);
    // Synced: the journal set aside is gone (the current one stays open, empty).
    expect(await readdir(join(folder, 'spool'))).toEqual([
      expect.stringMatching(/^\w+\.\d+\.jsonl$/),
    ]);
    await log.close();
    expect(await store.verify()).toMatchObject({ ok: true, records: 100 });
    for (const id of ids) expect((await store.show(id)).entries).toHaveLength(1);
    await store.close();
  });

  it('a journal set aside by a process that died is written by the next open', async () => {
    const folder = await embeddedFolder();
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.on('exit', resolve));
    const records = chainOf('w-dead', 5);
    await mkdir(join(folder, 'spool'), { recursive: true });
    await writeFile(
      join(folder, 'spool', `w-dead.${dead.pid}.1.jsonl`),
      records.map((record) => `${JSON.stringify(record)}\n`).join(''),
    );
    const log = await openConsentLog({ store: folder });
    await log.close();
    const store = await openConsentStore(folder);
    expect(await store.verify()).toMatchObject({ ok: true, writers: 1, records: 5 });
    await store.close();
  });

  it('a full journal is a logged error with a count, never a throw', async () => {
    const folder = await embeddedFolder();
    const errors: string[] = [];
    const log = await openConsentLog({
      store: folder,
      maxSpoolBytes: 3_000,
      onError: (m) => errors.push(m),
    });
    await log.store?.close();
    // Another live process holds the folder now, so the log cannot open it again.
    await writeFile(join(folder, 'lock'), String(process.ppid));
    const outcomes = [];
    for (let i = 0; i < 10; i++) outcomes.push(await log.record(answer()));
    expect(outcomes.filter((o) => o.durable === 'spool').length).toBeGreaterThan(0);
    const lost = outcomes.filter((o) => o.durable === false);
    expect(lost.length).toBeGreaterThan(0);
    expect(lost[0]).toMatchObject({ reason: expect.stringMatching(/full/) });
    expect(errors.join('\n')).toMatch(
      new RegExp(`1 answer not recorded \\(${lost.length} so far\\): the spool .* is full`),
    );
    await writeFile(join(folder, 'lock'), '0');
    await log.close();
  });
});

describe.skipIf(skipPostgres)('PostgreSQL', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(() => server?.close());

  it('keeps every answer acknowledged before the process was killed, once', async () => {
    const url = await newDatabase(server);
    const spool = await tempFolder('spool');
    const acks = await killAfterAcks([url, spool], 300);
    const log = await openConsentLog({ store: url, spool });
    await log.close();
    await expectAllStoredOnce(url, acks);
  });

  it('loses no answer and stores none twice when the server stops and starts under load', async () => {
    const url = await newDatabase(server);
    const errors: string[] = [];
    const log = await openConsentLog({
      store: url,
      spool: await tempFolder('spool'),
      onError: (m) => errors.push(m),
    });
    const acked = await load(
      log,
      (async () => {
        await sleep(500);
        await server.stop('immediate');
        await sleep(1_500);
        await server.start();
        await sleep(1_000);
      })(),
    );
    await log.flush();
    expect(log.spooled).toBe(0);
    await log.close();
    console.log(
      `${acked.length} answers acknowledged, ${acked.filter((a) => a.durable === 'spool').length} through the spool`,
    );
    expect(acked.some((a) => a.durable === 'spool')).toBe(true);
    expect(acked.some((a) => a.durable === 'store')).toBe(true);
    expect(errors.join('\n')).toMatch(
      /failed .*kept in the spool[\s\S]*works again; [\d,]+ spooled answers? written/,
    );
    await expectAllStoredOnce(url, acked);
  }, 120_000);

  it('a full spool is a logged error with a count, never a throw', async () => {
    const url = await newDatabase(server);
    const errors: string[] = [];
    const log = await openConsentLog({
      store: url,
      spool: await tempFolder('spool'),
      maxSpoolBytes: 3_000,
      onError: (m) => errors.push(m),
    });
    expect(await log.record(answer())).toMatchObject({ durable: 'store' });
    await server.stop('immediate');
    try {
      const outcomes = await Promise.all(Array.from({ length: 3 }, () => log.record(answer())));
      for (let i = 0; i < 10; i++) outcomes.push(await log.record(answer()));
      expect(outcomes.filter((o) => o.durable === 'spool').length).toBeGreaterThan(0);
      expect(outcomes.filter((o) => o.durable === false).length).toBeGreaterThan(0);
      expect(errors.join('\n')).toMatch(
        /answers? not recorded \(\d+ so far\): the spool .* is full/,
      );
    } finally {
      await server.start();
    }
    await log.flush();
    expect(log.spooled).toBe(0);
    await log.close();
  }, 60_000);
});
