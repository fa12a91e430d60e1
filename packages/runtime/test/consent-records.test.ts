import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresServer } from '../../test-support/src/postgres-server.js';
import {
  type ConsentStore,
  openConsentLog,
  openConsentStore,
  type Rendering,
  renderingHash,
  type VerifyReport,
} from '../src/consent-records/index.js';
import { connectPostgres } from '../src/consent-records/postgres-client.js';
import { SHOW_STATEMENT } from '../src/consent-records/sql-store.js';
import {
  answer,
  chainOf,
  consentId,
  embeddedFolder,
  newDatabase,
  rawPglite,
  rawPostgres,
  skipPostgres,
  startPostgres,
  tempFolder,
} from './consent-records-support.js';

type Run = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

interface Fixture {
  readonly store: string;
  readonly spool: string | undefined;
  open(): Promise<ConsentStore>;
  /** Raw SQL, as someone with write access to the database; an embedded store must be closed. */
  sql<T>(work: (sql: Run) => Promise<T>): Promise<T>;
}

function rendering(kind: string, locale: string, text: string): Rendering {
  return {
    hash: renderingHash(text),
    kind,
    locale,
    format: 'html',
    text,
    source: '@billogram/cookies-consent@1.2.0',
  };
}

const kinds = [
  ['embedded', false],
  ['postgres', skipPostgres],
] as const;

describe.each(kinds)('the %s consent store', (kind, skip) => {
  let server: PostgresServer | undefined;
  beforeAll(async () => {
    if (kind === 'postgres' && !skip) server = await startPostgres();
  }, 120_000);
  afterAll(() => server?.close());

  async function fixture(): Promise<Fixture> {
    if (kind === 'embedded') {
      const folder = await embeddedFolder();
      return {
        store: folder,
        spool: undefined,
        open: () => openConsentStore(folder),
        sql: (work) => rawPglite(folder, work),
      };
    }
    if (!server) throw new Error('no PostgreSQL server');
    const url = await newDatabase(server);
    const spool = await tempFolder('spool');
    return {
      store: url,
      spool,
      open: () => openConsentStore(url),
      sql: (work) => rawPostgres(url, work),
    };
  }

  /** Verifies after someone changed the database by hand. */
  async function verifyAfter(f: Fixture, ...statements: string[]): Promise<VerifyReport> {
    await f.sql(async (sql) => {
      for (const statement of statements) await sql(statement);
    });
    const store = await f.open();
    try {
      return await store.verify();
    } finally {
      await store.close();
    }
  }

  it.skipIf(skip)('records answers and shows them with the exact words shown', async () => {
    const f = await fixture();
    const errors: string[] = [];
    const log = await openConsentLog({
      store: f.store,
      ...(f.spool ? { spool: f.spool } : {}),
      onError: (m) => errors.push(m),
    });
    const banner = rendering('banner', 'sv', '<p>Vi använder kakor.</p>');
    const preferences = rendering('preferences', 'sv', '<p>Välj vilka kakor.</p>');
    const policy = {
      ...rendering('policy', 'sv', '# Kakpolicy\n\nVersion 3.'),
      format: 'markdown' as const,
    };
    expect(log.knows(banner.hash)).toBe(false);
    await log.addRenderings([banner, preferences, policy]);
    await log.addRenderings([banner]);
    expect(log.knows(banner.hash)).toBe(true);
    await expect(log.addRenderings([{ ...banner, text: 'edited' }])).rejects.toThrow(
      /not the SHA-256 of its text/,
    );

    const id = consentId();
    const first = await log.record(
      answer({ consentId: id, shown: banner.hash, policy: policy.hash }),
    );
    await log.record(
      answer({
        consentId: id,
        action: 'save',
        shown: preferences.hash,
        policy: policy.hash,
        categories: { necessary: true, analytics: false, marketing: false },
      }),
    );
    await Promise.all(
      Array.from({ length: 20 }, () =>
        log.record(
          answer({
            action: 'reject',
            categories: { necessary: true, analytics: false, marketing: false },
          }),
        ),
      ),
    );
    const last = await log.record(
      answer({
        consentId: id,
        action: 'withdraw',
        shown: preferences.hash,
        policy: policy.hash,
        categories: { necessary: true, analytics: false, marketing: false },
      }),
    );
    expect(first).toMatchObject({ durable: 'store', writer: log.writer, seq: 1 });
    expect(last).toMatchObject({ durable: 'store', seq: 23 });
    await log.close();
    expect(errors).toEqual([]);

    const store = await f.open();
    const history = await store.show(id);
    expect(history.entries.map((e) => [e.seq, e.record?.action])).toEqual([
      [1, 'accept'],
      [2, 'save'],
      [23, 'withdraw'],
    ]);
    expect(history.entries[0]?.record).toMatchObject({
      consentId: id,
      locale: 'sv',
      gpc: false,
      slots: ['hidden'],
      at: first.at,
    });
    expect(history.renderings[banner.hash]?.text).toBe('<p>Vi använder kakor.</p>');
    expect(history.renderings[policy.hash]).toEqual(policy);
    expect(history.missingRenderings).toEqual([]);
    const exported = JSON.parse(JSON.stringify(await store.export(id)));
    expect(exported.records).toHaveLength(3);
    expect(exported.renderings.map((r: Rendering) => r.kind).sort()).toEqual([
      'banner',
      'policy',
      'preferences',
    ]);
    const stats = await store.stats();
    expect(stats.answers).toBe(23);
    expect(stats.byConsentVersion).toEqual([
      { consentVersion: 3, answers: 23, byAction: { accept: 1, reject: 20, save: 1, withdraw: 1 } },
    ]);
    expect(stats.byCategory.find((c) => c.category === 'analytics')).toEqual({
      consentVersion: 3,
      category: 'analytics',
      accepted: 1,
      rejected: 22,
    });
    expect((await store.stats({ since: new Date(Date.now() + 60_000) })).answers).toBe(0);
    expect(await store.verify()).toEqual({ ok: true, writers: 1, records: 23, problems: [] });
    expect(await store.migrate()).toBe(1);
    await store.close();
  });

  it.skipIf(skip)(
    'rejects an answer it cannot record faithfully, with a TypeError naming the field',
    async () => {
      const f = await fixture();
      const log = await openConsentLog({ store: f.store, ...(f.spool ? { spool: f.spool } : {}) });
      await expect(log.record(answer({ consentId: 'ABC' }))).rejects.toThrow(TypeError);
      await expect(log.record(answer({ consentId: consentId().toUpperCase() }))).rejects.toThrow(
        /consentId must be 32 lowercase hex/,
      );
      await expect(log.record(answer({ action: 'maybe' as 'accept' }))).rejects.toThrow(
        /action must be one of/,
      );
      await expect(log.record(answer({ shown: 'abc' }))).rejects.toThrow(/shown must be a SHA-256/);
      await expect(
        log.record(answer({ categories: { analytics: 'yes' as unknown as boolean } })),
      ).rejects.toThrow(/categories.analytics/);
      expect(await log.record(answer())).toMatchObject({ seq: 1 });
      await log.close();
    },
  );

  it.skipIf(skip)('names an edited, a removed and a reordered record', async () => {
    const f = await fixture();
    const store = await f.open();
    await store.append(chainOf('w1', 30));
    await store.close();

    let report = await verifyAfter(
      f,
      `UPDATE consent_records SET content = replace(content, '"accept"', '"reject"') WHERE writer = 'w1' AND seq = 5`,
    );
    expect(report.problems).toEqual([
      expect.objectContaining({ writer: 'w1', seq: 5, kind: 'content-edited' }),
    ]);
    expect(report.problems[0]?.message).toMatch(/writer w1 seq 5/);

    // Rewritten with its hashes made to match: the next record's prev gives it away.
    report = await verifyAfter(
      f,
      `UPDATE consent_records SET content_hash = encode(sha256(convert_to(content, 'UTF8')), 'hex') WHERE writer = 'w1' AND seq = 5`,
      `UPDATE consent_records SET hash = encode(sha256(convert_to(prev || content_hash, 'UTF8')), 'hex') WHERE writer = 'w1' AND seq = 5`,
    );
    expect(report.problems).toEqual([
      expect.objectContaining({ writer: 'w1', seq: 6, kind: 'prev-mismatch' }),
    ]);

    const g = await fixture();
    const fresh = await g.open();
    await fresh.append(chainOf('w1', 35));
    await fresh.append(chainOf('w2', 5));
    await fresh.close();
    report = await verifyAfter(g, `DELETE FROM consent_records WHERE writer = 'w1' AND seq = 12`);
    expect(report.problems).toEqual([
      expect.objectContaining({ writer: 'w1', seq: 13, kind: 'gap' }),
    ]);
    expect(report.problems[0]?.message).toMatch(/record 12 is missing/);

    report = await verifyAfter(
      g,
      `UPDATE consent_records SET seq = -1 WHERE writer = 'w1' AND seq = 20`,
      `UPDATE consent_records SET seq = 20 WHERE writer = 'w1' AND seq = 21`,
      `UPDATE consent_records SET seq = 21 WHERE writer = 'w1' AND seq = -1`,
    );
    expect(report.problems.filter((p) => p.seq !== 13).map((p) => [p.seq, p.kind])).toEqual([
      [20, 'reordered'],
      [20, 'checkpoint-mismatch'],
      [21, 'reordered'],
      [22, 'reordered'],
    ]);

    // Removing the newest records: found when a checkpoint (every 10 here) names one, not after the last.
    report = await verifyAfter(g, `DELETE FROM consent_records WHERE writer = 'w1' AND seq >= 31`);
    expect(report.problems.some((p) => p.kind === 'truncated')).toBe(false);
    report = await verifyAfter(g, `DELETE FROM consent_records WHERE writer = 'w1' AND seq >= 29`);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ writer: 'w1', seq: 29, kind: 'truncated' }),
    );

    report = await verifyAfter(g, `DELETE FROM consent_records WHERE writer = 'w2'`);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ writer: 'w2', seq: null, kind: 'writer-empty' }),
    );

    // The oldest records, removed up to a checkpoint that no prune left: not a prune.
    report = await verifyAfter(g, `DELETE FROM consent_records WHERE writer = 'w1' AND seq <= 10`);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ writer: 'w1', seq: 11, kind: 'gap' }),
    );
    report = await verifyAfter(g, `DELETE FROM consent_records WHERE writer = 'w1'`);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ writer: 'w1', seq: null, kind: 'writer-empty' }),
    );
  });

  it.skipIf(skip)(
    'erases an id: tombstones keep the chain verifiable, and a forged one is found',
    async () => {
      const f = await fixture();
      const id = consentId();
      const store = await f.open();
      const chain = chainOf('w1', 12, { ids: [consentId(), id, consentId()] });
      await store.append(chain);
      const before = await store.show(id);
      expect(before.entries.map((e) => e.seq)).toEqual([2, 5, 8, 11]);
      expect(await store.erase(id)).toEqual({ consentId: id, erased: 4, alreadyErased: 0 });
      expect(await store.erase(id)).toEqual({ consentId: id, erased: 0, alreadyErased: 4 });
      const after = await store.show(id);
      expect(after.entries.map((e) => [e.seq, e.record, e.contentHash])).toEqual(
        before.entries.map((e) => [e.seq, null, e.contentHash]),
      );
      expect(after.entries.every((e) => e.erasedAt !== null)).toBe(true);
      expect((await store.export(id)).records).toEqual(
        after.entries.map((e) => ({ at: e.at, erasedAt: e.erasedAt })),
      );
      expect((await store.stats()).answers).toBe(8);
      expect(await store.verify()).toMatchObject({ ok: true, records: 12 });
      await store.close();

      const report = await verifyAfter(
        f,
        `UPDATE consent_records SET content_hash = repeat('0', 64) WHERE writer = 'w1' AND seq = 5`,
        `UPDATE consent_records SET content = NULL, erased_at = now() WHERE writer = 'w1' AND seq = 3`,
      );
      expect(report.problems.map((p) => [p.seq, p.kind])).toEqual([
        [3, 'tombstone-tampered'],
        [5, 'tombstone-tampered'],
      ]);
    },
  );

  it.skipIf(skip)('prunes old records and verifies from the checkpoint it leaves', async () => {
    const f = await fixture();
    const store = await f.open();
    await store.append(chainOf('w1', 50));
    await store.append(chainOf('w2', 10, { start: new Date('2020-01-20T00:00:00Z') }));
    const result = await store.prune(new Date('2020-01-25T00:00:00Z'));
    expect(result.deleted).toBe(24 + 5);
    expect(result.checkpoints).toEqual(
      expect.arrayContaining([
        { writer: 'w1', seq: 24 },
        { writer: 'w2', seq: 5 },
      ]),
    );
    expect(await store.verify()).toMatchObject({ ok: true, records: 26 + 5 });
    expect((await store.prune(new Date('2020-01-25T00:00:00Z'))).deleted).toBe(0);
    expect(await store.prune(new Date('2030-01-01T00:00:00Z'))).toMatchObject({ deleted: 31 });
    expect(await store.verify()).toMatchObject({ ok: true, records: 0 });
    expect((await store.chainHead('w1'))?.seq).toBe(50);
    await store.close();
  });

  it.skipIf(skip)('a named writer continues its chain after a restart', async () => {
    const f = await fixture();
    const options = { store: f.store, writer: 'web-1', ...(f.spool ? { spool: f.spool } : {}) };
    let log = await openConsentLog(options);
    await Promise.all([log.record(answer()), log.record(answer())]);
    await log.close();
    log = await openConsentLog(options);
    expect(await log.record(answer())).toMatchObject({ writer: 'web-1', seq: 3 });
    expect(await log.store?.verify()).toMatchObject({ ok: true, records: 3 });
    await log.close();
  });
});

describe.skipIf(skipPostgres)('PostgreSQL only', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(() => server?.close());

  it('looks a consent id up by its index', async () => {
    const url = await newDatabase(server);
    const store = await openConsentStore(url);
    const ids = Array.from({ length: 5_000 }, () => consentId());
    for (let start = 0; start < 20_000; start += 2_000)
      await store.append(chainOf('w1', 20_000, { ids }).slice(start, start + 2_000));
    await store.close();
    const plan = await rawPostgres(url, async (sql) => {
      await sql('ANALYZE consent_records');
      // The statement show() runs.
      return sql(`EXPLAIN ${SHOW_STATEMENT}`, [ids[7]]);
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toMatch(
      /Index Scan using consent_records_consent_id|Bitmap Index Scan on consent_records_consent_id/,
    );
  });

  it('two writers at once, each its own chain, both verify', async () => {
    const url = await newDatabase(server);
    const errors: string[] = [];
    const onError = (message: string) => errors.push(message);
    const [a, b] = await Promise.all([
      openConsentLog({
        store: url,
        spool: await tempFolder('spool-a'),
        checkpointEvery: 50,
        onError,
      }),
      openConsentLog({
        store: url,
        spool: await tempFolder('spool-b'),
        checkpointEvery: 50,
        onError,
      }),
    ]);
    if (!a || !b) throw new Error('not opened');
    const outcomes = await Promise.all(
      Array.from({ length: 1_000 }, (_, i) => (i % 2 ? a : b).record(answer())),
    );
    expect(errors).toEqual([]);
    expect(outcomes.every((o) => o.durable === 'store')).toBe(true);
    await Promise.all([a.close(), b.close()]);
    const store = await openConsentStore(url);
    expect(await store.verify()).toEqual({ ok: true, writers: 2, records: 1_000, problems: [] });
    expect((await store.writers()).map((w) => [w.records, w.lastCheckpointSeq])).toEqual([
      [500, 500],
      [500, 500],
    ]);
    await store.close();
  });

  it('a long statement fails only where a bound is asked for (a log’s writes), never in a command that reads or prunes a whole store', async () => {
    const url = await newDatabase(server);
    const bounded = await connectPostgres(url, { queryTimeoutMs: 200 });
    const unbounded = await connectPostgres(url);
    try {
      await expect(bounded.query('SELECT pg_sleep(1)')).rejects.toThrow(/timeout/i);
      await expect(unbounded.query('SELECT pg_sleep(1) AS slept')).resolves.toHaveLength(1);
    } finally {
      await Promise.all([bounded.close(), unbounded.close()]);
    }
  });

  it("logs sharing a spool folder in one process leave each other's files alone", async () => {
    const away = 'postgres://postgres@127.0.0.1:1/nothing';
    const spool = await tempFolder('spool');
    const quiet = { spool, onError: () => {} };
    const a = await openConsentLog({ store: away, ...quiet });
    const b = await openConsentLog({ store: away, ...quiet });
    for (let i = 0; i < 5; i++) {
      expect(await a.record(answer())).toMatchObject({ durable: 'spool' });
      expect(await b.record(answer())).toMatchObject({ durable: 'spool' });
    }
    const url = await newDatabase(server);
    const c = await openConsentLog({ store: url, ...quiet });
    await c.flush();
    expect(await c.store?.verify()).toMatchObject({ records: 0 });
    await Promise.all([a.close(), b.close(), c.close()]);
    // Closed now, their files are what a stopped process leaves: the next open writes them.
    const d = await openConsentLog({ store: url, ...quiet });
    expect(await d.store?.verify()).toEqual({ ok: true, writers: 2, records: 10, problems: [] });
    await d.close();
  });

  it('opening: a plain error for a bad location or a server that is not there', async () => {
    await expect(openConsentStore('mysql://localhost/x')).rejects.toThrow(
      /not a consent store location/,
    );
    await expect(openConsentStore('')).rejects.toThrow(/folder or a postgres:\/\/ URL/);
    await expect(openConsentLog({ store: server.url })).rejects.toThrow(/needs `spool`/);
    const closed = 'postgres://postgres:secret@127.0.0.1:1/nothing';
    const error = await openConsentStore(closed).catch((e: Error) => e);
    expect(String(error)).toMatch(
      /cannot open the consent store postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/nothing: .*ECONNREFUSED/,
    );
    expect(String(error)).not.toMatch(/secret/);
    // A new writer starts with the server away: answers are spooled, and an error is logged.
    const errors: string[] = [];
    const log = await openConsentLog({
      store: closed,
      spool: await tempFolder('spool'),
      onError: (m) => errors.push(m),
    });
    expect(await log.record(answer())).toMatchObject({ durable: 'spool', seq: 1 });
    expect(errors.join('\n')).toMatch(/ECONNREFUSED.*spool/);
    await log.close();
    await expect(
      openConsentLog({ store: closed, writer: 'web-1', spool: await tempFolder('spool') }),
    ).rejects.toThrow(/cannot open the consent store/);
  });
});

describe('drivers', () => {
  it('a missing driver names the package to install', async () => {
    const { loadDriver } = await import('../src/consent-records/sql-client.js');
    await expect(loadDriver('no-such-consent-driver', 'A test store')).rejects.toThrow(
      'A test store needs the package no-such-consent-driver, which is not installed: npm install no-such-consent-driver',
    );
  });
});

describe('the hashes a chain is made of', () => {
  it('canonical JSON sorts keys at every depth and has no whitespace', async () => {
    const { canonicalJson } = await import('../src/consent-records/index.js');
    expect(canonicalJson({ b: 1, a: { d: [true, null, 'x'], c: 'é' } })).toBe(
      '{"a":{"c":"é","d":[true,null,"x"]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('a rendering is addressed by the SHA-256 of its UTF-8 text', () => {
    expect(renderingHash('')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(renderingHash('å')).toBe(renderingHash('\u00e5'));
    expect(renderingHash('å')).not.toBe(renderingHash('a\u030a'));
  });
});
