// npm run bench -w @cookie-catalog/runtime   (after npm run build)
// node bench/consent-records.bench.mjs [--records N] [--answers N] [--postgres URL] [--stores embedded,postgres]
//
// Proof of consent (issue 30 item 8), reported, never asserted: record() throughput and latency
// with the durability as decided (a PostgreSQL commit, or the embedded store's fsync'd journal),
// many answers at once as a busy server has them; then, on a store generated with --records
// records (default 100,000; the goal is 10 million), lookup by consent id and pruning
// half of it. Without --postgres, a PostgreSQL server is started in a temporary folder with
// Debian's binaries (the test-support helper); without them, PostgreSQL is left out.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBenchPostgres } from '../../../scripts/bench-postgres.mjs';
import {
  canonicalJson,
  GENESIS,
  openConsentLog,
  openConsentStore,
} from '../dist/consent-records/index.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    answers: { type: 'string', default: '20000' },
    postgres: { type: 'string' },
    // Which stores to measure: a 10-million-record run takes most of an hour per store here.
    stores: { type: 'string', default: 'embedded,postgres' },
  },
});
const STORES = new Set(values.stores.split(',').map((name) => name.trim()));
const RECORDS = Number(values.records);
const ANSWERS = Number(values.answers);
const CONCURRENCY = 64;
const work = await mkdtemp(join(tmpdir(), 'records-bench-'));

const startPostgres = () => startBenchPostgres(work);

const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const id = () => randomBytes(16).toString('hex');
const answer = (consentId = id()) => ({
  consentId,
  action: 'accept',
  categories: { necessary: true, analytics: true, marketing: false },
  consentVersion: 3,
  policyVersion: '2026-11-01',
  packages: { '@billogram/cookies-consent': '1.2.0' },
  locale: 'sv',
  service: 'www.example.com',
  gpc: false,
  shown: sha256('banner'),
  slots: ['hidden'],
  policy: sha256('policy'),
});
const ms = (ns) => Number(ns) / 1e6;
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const fmt = (n, digits = 1) => n.toLocaleString('en', { maximumFractionDigits: digits });

async function recordThroughput(name, options) {
  const log = await openConsentLog({ ...options, onError: (m) => console.error(m) });
  for (let i = 0; i < 200; i++) await log.record(answer());
  const latencies = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < ANSWERS) {
        const t = process.hrtime.bigint();
        const outcome = await log.record(answer());
        if (!outcome.durable) throw new Error(outcome.reason);
        latencies.push(ms(process.hrtime.bigint() - t));
      }
    }),
  );
  const seconds = ms(process.hrtime.bigint() - started) / 1000;
  await log.close();
  latencies.sort((a, b) => a - b);
  console.log(
    `${name}: record() ${fmt(ANSWERS / seconds, 0)} answers/s, ${CONCURRENCY} at once; latency p50 ${fmt(quantile(latencies, 0.5), 2)} ms, p99 ${fmt(quantile(latencies, 0.99), 2)} ms`,
  );
}

/** A store of `count` records in chains of 100,000, one a minute from a year ago. */
async function generated(name, location) {
  const store = await openConsentStore(location);
  const ids = [];
  const start = Date.now() - 365 * 86_400_000;
  const started = Date.now();
  let prev = GENESIS;
  let batch = [];
  for (let n = 0; n < RECORDS; n++) {
    const writer = `bench-${Math.floor(n / 100_000)}`;
    const seq = (n % 100_000) + 1;
    if (seq === 1) prev = GENESIS;
    const consentId = id();
    if (n % 97 === 0) ids.push(consentId);
    const at = new Date(start + n * 60_000).toISOString();
    const content = canonicalJson({ ...answer(consentId), at });
    const contentHash = sha256(content);
    const hash = sha256(prev + contentHash);
    batch.push({
      writer,
      seq,
      at,
      consentId,
      content,
      contentHash,
      prev,
      hash,
      checkpoint: seq % 1000 === 0,
    });
    prev = hash;
    if (batch.length === 5_000) {
      await store.append(batch);
      batch = [];
    }
  }
  await store.append(batch);
  const generateSeconds = (Date.now() - started) / 1000;
  const lookups = [];
  for (const consentId of ids.slice(0, 1_000)) {
    const t = process.hrtime.bigint();
    const history = await store.show(consentId);
    lookups.push(ms(process.hrtime.bigint() - t));
    if (history.entries.length !== 1)
      throw new Error(`lookup of ${consentId} found ${history.entries.length}`);
  }
  lookups.sort((a, b) => a - b);
  let t = Date.now();
  const verified = await store.verify();
  const verifySeconds = (Date.now() - t) / 1000;
  t = Date.now();
  const pruned = await store.prune(new Date(start + (RECORDS / 2) * 60_000));
  const pruneSeconds = (Date.now() - t) / 1000;
  await store.close();
  const tenMillion = (seconds, per = RECORDS) => fmt((seconds * 10_000_000) / per / 60, 0);
  console.log(
    `${name}: ${fmt(RECORDS, 0)} records generated in ${fmt(generateSeconds)} s (10 million: about ${tenMillion(generateSeconds)} min); ` +
      `lookup by id p50 ${fmt(quantile(lookups, 0.5), 2)} ms, p99 ${fmt(quantile(lookups, 0.99), 2)} ms; ` +
      `verify ${verified.ok ? 'ok' : 'FAILED'} in ${fmt(verifySeconds)} s; ` +
      `prune of ${fmt(pruned.deleted, 0)} in ${fmt(pruneSeconds, 2)} s (1 million at that rate: ${fmt((pruneSeconds * 1_000_000) / Math.max(1, pruned.deleted), 1)} s)`,
  );
}

try {
  if (STORES.has('embedded'))
    await recordThroughput('embedded (PGlite, journal fsync)', { store: join(work, 'embedded') });
  const server = values.postgres || !STORES.has('postgres') ? undefined : await startPostgres();
  const url = values.postgres ?? server?.url;
  try {
    if (url)
      await recordThroughput('PostgreSQL (synchronous commit)', {
        store: url,
        spool: join(work, 'spool'),
      });
    if (STORES.has('embedded')) await generated('embedded', join(work, 'embedded-generated'));
    if (url) {
      const fresh = `records_bench_${Date.now()}`;
      const store = await openConsentStore(url);
      await store.close();
      const { default: pg } = await import('pg');
      const client = new pg.Client(url);
      await client.connect();
      await client.query(`CREATE DATABASE ${fresh}`);
      await client.end();
      await generated('PostgreSQL', url.replace(/\/[^/]*$/, `/${fresh}`));
    }
  } finally {
    await server?.close();
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
