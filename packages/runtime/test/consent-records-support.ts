import { randomBytes } from 'node:crypto';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import {
  type PostgresServer,
  postgresUnavailable,
  startPostgresServer,
} from '../../test-support/src/postgres-server.js';
import {
  canonicalJson,
  chainHash,
  consentRecord,
  GENESIS,
  sha256Hex,
} from '../src/consent-records/chain.js';
import {
  type ChainedRecord,
  type ConsentRecordInput,
  openConsentStore,
} from '../src/consent-records/index.js';

export function consentId(): string {
  return randomBytes(16).toString('hex');
}

export function answer(overrides: Partial<ConsentRecordInput> = {}): ConsentRecordInput {
  return {
    consentId: consentId(),
    action: 'accept',
    categories: { necessary: true, analytics: true, marketing: false },
    consentVersion: 3,
    policyVersion: '2026-11-01',
    packages: { '@billogram/cookies-consent': '1.2.0' },
    locale: 'sv',
    service: 'www.example.com',
    gpc: false,
    shown: null,
    slots: ['hidden'],
    policy: null,
    ...overrides,
  };
}

export function tempFolder(name: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `records-${name}-`));
}

/*
 * PostgreSQL for a test file: one server, a fresh database per test. Without Debian's binaries
 * the PostgreSQL tests are skipped locally and fail in CI (CI=1), where .ci/run installs them.
 */
export const postgresMissing = postgresUnavailable();
export const skipPostgres = postgresMissing !== undefined && !process.env.CI;

export async function startPostgres(): Promise<PostgresServer> {
  if (postgresMissing !== undefined)
    throw new Error(`${postgresMissing}: the PostgreSQL tests cannot run (CI=1 needs them)`);
  return startPostgresServer();
}

let databases = 0;
export async function newDatabase(server: PostgresServer): Promise<string> {
  const name = `records_${process.pid}_${++databases}`;
  await rawPostgres(server.url, (sql) => sql(`CREATE DATABASE ${name}`));
  return server.url.replace(/\/postgres$/, `/${name}`);
}

type Run = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export async function rawPostgres<T>(url: string, work: (sql: Run) => Promise<T>): Promise<T> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await work(async (text, params) => (await client.query(text, params)).rows);
  } finally {
    await client.end();
  }
}

/** Raw SQL on an embedded store's files (the store must be closed: PGlite is single-process). */
export async function rawPglite<T>(folder: string, work: (sql: Run) => Promise<T>): Promise<T> {
  const db = await PGlite.create(join(folder, 'pgdata'));
  try {
    return await work(
      async (text, params) => (await db.query(text, params)).rows as Record<string, unknown>[],
    );
  } finally {
    await db.close();
  }
}

let template: Promise<string> | undefined;

/** A new embedded store's folder, copied from one made once (PGlite's initdb takes seconds). */
export async function embeddedFolder(): Promise<string> {
  template ??= (async () => {
    const folder = await tempFolder('template');
    await (await openConsentStore(folder)).close();
    return folder;
  })();
  const folder = await tempFolder('embedded');
  await cp(await template, folder, { recursive: true });
  return folder;
}

/** A writer's chain built by hand, one record a day from `start`, for pruning by date. */
export function chainOf(
  writer: string,
  count: number,
  options: { start?: Date; checkpointEvery?: number; ids?: readonly string[] } = {},
): ChainedRecord[] {
  const start = options.start ?? new Date('2020-01-01T00:00:00Z');
  const records: ChainedRecord[] = [];
  let prev = GENESIS;
  for (let seq = 1; seq <= count; seq++) {
    const at = new Date(start.getTime() + (seq - 1) * 86_400_000).toISOString();
    const id = options.ids?.[(seq - 1) % options.ids.length] ?? consentId();
    const content = canonicalJson(consentRecord(answer({ consentId: id }), at));
    const contentHash = sha256Hex(content);
    const hash = chainHash(prev, contentHash);
    records.push({
      writer,
      seq,
      at,
      consentId: id,
      content,
      contentHash,
      prev,
      hash,
      checkpoint: seq % (options.checkpointEvery ?? 10) === 0,
    });
    prev = hash;
  }
  return records;
}
