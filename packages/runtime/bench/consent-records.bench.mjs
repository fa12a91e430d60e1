// npm run bench -w @cookie-catalog/runtime   (after npm run build)
// node bench/consent-records.bench.mjs [--records N] [--answers N] [--postgres URL]
//   [--stores embedded,postgres] [--data-dir FOLDER] [--rate N] [--measure lookup,verify,prune]
//
// Proof of consent (issue 30 item 8), reported, never asserted: record() throughput and latency
// with the durability as decided (a PostgreSQL commit, or the embedded store's fsync'd journal),
// many answers at once as a busy server has them, then at a paced --rate (default 500/s) for
// 5 s (--answers 0 leaves both out); then, on a store generated with --records records (default
// 100,000; the issue's goal is 10 million), lookup by consent id, verify, and pruning half of it.
// Without --postgres, a PostgreSQL server is started with Debian's binaries (the test-support
// helper); without them, PostgreSQL is left out.
//
// --data-dir keeps the generated stores (10 million records take most of an hour per store on
// two shared cores): an empty or missing folder is filled, one that holds stores of --records
// records is reused as it is, so lookup, verify and prune are measured again without generating.
// It holds `embedded/` (the PGlite store), `postgres/` (the server's data, unless --postgres
// names a server: then the database records_bench on it) and a `<store>.json` for each finished
// store (its size and the ids looked up). Pruning a kept store prunes a copy of it.
import { createHash, randomBytes } from 'node:crypto';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
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
    'data-dir': { type: 'string' },
    // Answers per second in record()'s paced measure.
    rate: { type: 'string', default: '500' },
    // What to measure on the generated store: lookup alone on a kept 10-million-record store takes
    // seconds, where verify and prune (of a copy) take many minutes.
    measure: { type: 'string', default: 'lookup,verify,prune' },
  },
});
const STORES = new Set(values.stores.split(',').map((name) => name.trim()));
const MEASURE = new Set(values.measure.split(',').map((name) => name.trim()));
for (const what of MEASURE)
  if (!['lookup', 'verify', 'prune'].includes(what)) {
    console.error(
      `--measure takes lookup, verify and prune (comma-separated), not ${JSON.stringify(what)}`,
    );
    process.exit(2);
  }
const RECORDS = Number(values.records);
const ANSWERS = Number(values.answers);
const RATE = Number(values.rate);
for (const [flag, value, least] of [
  ['--records', RECORDS, 1],
  ['--answers', ANSWERS, 0],
  ['--rate', RATE, 1],
])
  if (!Number.isSafeInteger(value) || value < least) {
    console.error(
      `${flag} must be a whole number ≥ ${least}, not ${JSON.stringify(values[flag.slice(2)])}`,
    );
    process.exit(2);
  }
const DATA = values['data-dir'] === undefined ? undefined : resolve(values['data-dir']);
const CONCURRENCY = 64;
const work = await mkdtemp(join(tmpdir(), 'records-bench-'));

const startPostgres = () =>
  startBenchPostgres(work, DATA === undefined ? undefined : join(DATA, 'postgres'));

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
  latencies.sort((a, b) => a - b);
  console.log(
    `${name}: record() ${fmt(ANSWERS / seconds, 0)} answers/s, ${CONCURRENCY} at once; latency p50 ${fmt(quantile(latencies, 0.5), 2)} ms, p99 ${fmt(quantile(latencies, 0.99), 2)} ms`,
  );
  // Then at a paced rate below saturation, for 5 s, as a server sees answers: the p99 here is
  // what recording adds to a response. The store's syncs in that time are counted and timed
  // (the embedded store's take from a few hundred ms to seconds; answers must not wait for them).
  const syncs = [];
  let pacing = true;
  const store = log.store;
  if (store) {
    const sync = store.sync.bind(store);
    store.sync = async () => {
      const t = performance.now();
      try {
        return await sync();
      } finally {
        if (pacing) syncs.push(performance.now() - t);
      }
    };
  }
  const paced = [];
  const pending = [];
  const pacedStarted = performance.now();
  for (let i = 0; i < RATE * 5; i++) {
    const wait = pacedStarted + (i * 1000) / RATE - performance.now();
    if (wait > 0) await sleep(wait);
    const t = performance.now();
    pending.push(
      log.record(answer()).then((outcome) => {
        if (!outcome.durable) throw new Error(outcome.reason);
        paced.push(performance.now() - t);
      }),
    );
  }
  await Promise.all(pending);
  pacing = false;
  await log.close();
  paced.sort((a, b) => a - b);
  console.log(
    `${name}: record() at a paced ${fmt(RATE, 0)}/s for 5 s: latency p50 ${fmt(quantile(paced, 0.5), 2)} ms, p99 ${fmt(quantile(paced, 0.99), 2)} ms, max ${fmt(paced.at(-1), 1)} ms; ` +
      `${syncs.length === 0 ? 'no sync' : `${syncs.length} sync${syncs.length === 1 ? '' : 's'} meanwhile, the longest ${fmt(Math.max(...syncs), 0)} ms`}`,
  );
}

/**
 * Fills a store with `RECORDS` records in chains of 100,000, one a minute from a year ago.
 * Returns the ids to look up (1,000 spread evenly over the records) and the first record's time.
 */
async function generate(store) {
  const ids = [];
  const every = Math.max(1, Math.floor(RECORDS / 1_000));
  const start = Date.now() - 365 * 86_400_000;
  const started = Date.now();
  let prev = GENESIS;
  let batch = [];
  for (let n = 0; n < RECORDS; n++) {
    const writer = `bench-${Math.floor(n / 100_000)}`;
    const seq = (n % 100_000) + 1;
    if (seq === 1) prev = GENESIS;
    const consentId = id();
    // Spread over the whole store, oldest to newest, as a person's lookup can be.
    if (n % every === 0 && ids.length < 1_000) ids.push(consentId);
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
  return { records: RECORDS, start, ids, generateSeconds: (Date.now() - started) / 1000 };
}

/**
 * Lookup by id and verify on the open `store`, then pruning half: of the store itself, or, with
 * `copyForPruning`, of a copy of it (the store is closed first, so it can be copied).
 */
async function measure(name, store, copyForPruning, data) {
  const lookups = [];
  let verified;
  let verifySeconds;
  let pruned;
  let pruneSeconds;
  const prune = async (target) => {
    const t = Date.now();
    pruned = await target.prune(new Date(data.start + (data.records / 2) * 60_000));
    pruneSeconds = (Date.now() - t) / 1000;
  };
  try {
    for (const consentId of data.ids) {
      const t = process.hrtime.bigint();
      const history = await store.show(consentId);
      lookups.push(ms(process.hrtime.bigint() - t));
      if (history.entries.length !== 1)
        throw new Error(`lookup of ${consentId} found ${history.entries.length}`);
    }
    lookups.sort((a, b) => a - b);
    if (MEASURE.has('verify')) {
      const t = Date.now();
      verified = await store.verify();
      verifySeconds = (Date.now() - t) / 1000;
    }
    if (!copyForPruning && MEASURE.has('prune')) await prune(store);
  } finally {
    await store.close();
  }
  if (copyForPruning && MEASURE.has('prune')) {
    const copy = await copyForPruning();
    const prunable = await openConsentStore(copy.location);
    try {
      await prune(prunable);
    } finally {
      await prunable.close();
      await copy.done();
    }
  }
  const tenMillion = (seconds, per = data.records) => fmt((seconds * 10_000_000) / per / 60, 0);
  const generation =
    data.generateSeconds === undefined
      ? `${fmt(data.records, 0)} records kept in ${DATA}`
      : `${fmt(data.records, 0)} records generated in ${fmt(data.generateSeconds)} s (10 million: about ${tenMillion(data.generateSeconds)} min)`;
  const parts = [
    `lookup by id p50 ${fmt(quantile(lookups, 0.5), 2)} ms, p99 ${fmt(quantile(lookups, 0.99), 2)} ms, max ${fmt(lookups.at(-1) ?? 0, 2)} ms (${lookups.length} lookups)`,
    verified && `verify ${verified.ok ? 'ok' : 'FAILED'} in ${fmt(verifySeconds)} s`,
    pruned &&
      `prune of ${fmt(pruned.deleted, 0)} in ${fmt(pruneSeconds, 2)} s (1 million at that rate: ${fmt((pruneSeconds * 1_000_000) / Math.max(1, pruned.deleted), 1)} s)`,
  ];
  console.log(`${name}: ${generation}; ${parts.filter(Boolean).join('; ')}`);
}

/** What `<data-dir>/<kind>.json` says of a kept store, or undefined when there is none. */
async function keptStore(kind) {
  const file = join(DATA, `${kind}.json`);
  const text = await readFile(file, 'utf8').catch((error) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  const kept = JSON.parse(text);
  if (kept.records !== RECORDS)
    throw new Error(
      `${DATA} holds ${kind === 'embedded' ? 'an embedded' : 'a PostgreSQL'} store of ${fmt(kept.records, 0)} records, not ${fmt(RECORDS, 0)}: give --records ${kept.records}, or another --data-dir`,
    );
  return kept;
}

async function keepStore(kind, data) {
  const { generateSeconds, ...kept } = data;
  await writeFile(join(DATA, `${kind}.json`), `${JSON.stringify(kept)}\n`);
}

async function isEmptyFolder(folder) {
  const names = await readdir(folder).catch((error) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return names.length === 0;
}

/** The embedded store: generated in the work folder, or kept in --data-dir. */
async function embeddedGenerated() {
  if (DATA === undefined) {
    const store = await openConsentStore(join(work, 'embedded-generated'));
    return measure('embedded', store, undefined, await generate(store));
  }
  const folder = join(DATA, 'embedded');
  let data = await keptStore('embedded');
  if (!data && !(await isEmptyFolder(folder)))
    throw new Error(
      `${folder} holds a store whose generation did not finish (there is no ${join(DATA, 'embedded.json')}): remove it`,
    );
  const store = await openConsentStore(folder);
  if (!data) {
    data = await generate(store);
    await keepStore('embedded', data);
  }
  // Pruning deletes half the records: a copy is pruned, and the kept store stays as it is.
  const copy = async () => {
    const location = join(work, 'embedded-prune');
    await cp(folder, location, { recursive: true, filter: (path) => !path.endsWith('/lock') });
    return { location, done: () => rm(location, { recursive: true, force: true }) };
  };
  return measure('embedded', store, copy, data);
}

async function createDatabase(url, name) {
  const { default: pg } = await import('pg');
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return url.replace(/\/[^/]*$/, `/${name}`);
}

async function dropDatabase(url, name) {
  const { default: pg } = await import('pg');
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
  } finally {
    await client.end();
  }
}

/** PostgreSQL: a fresh database, or the database records_bench kept on the server. */
async function postgresGenerated(url) {
  if (DATA === undefined) {
    const store = await openConsentStore(await createDatabase(url, `records_bench_${Date.now()}`));
    return measure('PostgreSQL', store, undefined, await generate(store));
  }
  const location = url.replace(/\/[^/]*$/, '/records_bench');
  let data = await keptStore('postgres');
  if (!data) {
    await dropDatabase(url, 'records_bench');
    await createDatabase(url, 'records_bench');
  }
  const store = await openConsentStore(location);
  if (!data) {
    data = await generate(store);
    await keepStore('postgres', data);
  }
  // Pruning deletes half the records: a copy (CREATE DATABASE … TEMPLATE) is pruned.
  const copy = async () => {
    const name = `records_bench_prune_${Date.now()}`;
    const { default: pg } = await import('pg');
    const client = new pg.Client(url);
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name} TEMPLATE records_bench`);
    } finally {
      await client.end();
    }
    return { location: url.replace(/\/[^/]*$/, `/${name}`), done: () => dropDatabase(url, name) };
  };
  return measure('PostgreSQL', store, copy, data);
}

try {
  // A folder made here lets others pass: as root, PostgreSQL's server runs as the postgres user.
  if (DATA !== undefined && (await mkdir(DATA, { recursive: true })) !== undefined)
    await chmod(DATA, 0o755);
  if (STORES.has('embedded') && ANSWERS > 0)
    await recordThroughput('embedded (PGlite, journal fsync)', {
      store: join(work, 'embedded'),
      // The journal is synced every 2 MiB (default: 16 MiB), so the paced 5 s see a sync.
      maxSpoolBytes: 4 << 20,
    });
  const server = values.postgres || !STORES.has('postgres') ? undefined : await startPostgres();
  const url = values.postgres ?? server?.url;
  try {
    if (url && ANSWERS > 0) {
      const name = `records_throughput_${Date.now()}`;
      await recordThroughput('PostgreSQL (synchronous commit)', {
        store: await createDatabase(url, name),
        spool: join(work, 'spool'),
      });
      await dropDatabase(url, name);
    }
    if (STORES.has('embedded')) await embeddedGenerated();
    if (url) await postgresGenerated(url);
  } finally {
    await server?.close();
  }
} catch (error) {
  console.error(`consent-records bench: ${error.message}`);
  process.exitCode = 1;
} finally {
  await rm(work, { recursive: true, force: true });
}
