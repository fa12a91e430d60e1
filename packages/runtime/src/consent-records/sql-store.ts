import { open as openFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { renderingHash } from './chain.js';
import { MIGRATION_LOCK, MIGRATIONS, SCHEMA_TABLE } from './migrations.js';
import type { SqlClient } from './sql-client.js';
import type {
  AppendResult,
  ChainedRecord,
  ConsentAction,
  ConsentEntry,
  ConsentExport,
  ConsentHistory,
  ConsentRecord,
  ConsentStats,
  ConsentStore,
  EraseResult,
  PruneResult,
  Rendering,
  WriterSummary,
} from './types.js';
import { verifyChains } from './verify.js';

const FORMATS = new Set(['html', 'markdown', 'text']);

interface EntryRow {
  writer: string;
  seq: string | number;
  at: Date | string;
  consent_id: string;
  content: string | null;
  content_hash: string;
  prev: string;
  hash: string;
  erased_at: Date | string | null;
}

interface RenderingRow {
  hash: string;
  kind: string;
  locale: string;
  format: Rendering['format'];
  text: string;
  source: string;
}

function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function entry(row: EntryRow): ConsentEntry {
  return {
    writer: row.writer,
    seq: Number(row.seq),
    at: iso(row.at),
    consentId: row.consent_id,
    contentHash: row.content_hash,
    prev: row.prev,
    hash: row.hash,
    record: row.content === null ? null : (JSON.parse(row.content) as ConsentRecord),
    erasedAt: row.erased_at === null ? null : iso(row.erased_at),
  };
}

function rendering(row: RenderingRow): Rendering {
  const { hash, kind, locale, format, text, source } = row;
  return { hash, kind, locale, format, text, source };
}

/** fsync every file under a folder changed since `since` (ms), and the folders themselves. */
async function fsyncTree(folder: string, since: number): Promise<void> {
  for (const item of await readdir(folder, { withFileTypes: true, recursive: true })) {
    const path = join(item.parentPath, item.name);
    if (!item.isFile() && !item.isDirectory()) continue;
    if (item.isFile() && (await stat(path)).mtimeMs < since) continue;
    const handle = await openFile(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

/*
 * A person's records and the renderings they point at, in one statement, so one round trip (to
 * the server, or to PGlite's thread) per lookup: under load every extra round trip is another
 * wait for a busy core, and that is what a lookup's p99 is made of. The records come by the
 * consent id's index, the renderings by their hash (the primary key).
 */
export const SHOW_STATEMENT = `WITH found AS (
   SELECT writer, seq, at, consent_id, content, content_hash, prev, hash, erased_at
   FROM consent_records WHERE consent_id = $1)
 SELECT
   (SELECT coalesce(json_agg(found ORDER BY at, writer, seq), '[]') FROM found) AS entries,
   (SELECT coalesce(json_agg(r), '[]') FROM consent_renderings r
    WHERE r.hash IN (SELECT content::jsonb ->> key FROM found, unnest(ARRAY['shown', 'policy']) AS key
                     WHERE content IS NOT NULL)) AS renderings`;

/** The ConsentStore over SQL: PGlite and PostgreSQL run exactly these statements. */
export class SqlConsentStore implements ConsentStore {
  #sql: SqlClient;
  #lastSync = 0;
  readonly kind: 'embedded' | 'postgres';
  readonly location: string;
  readonly #dataFolder: string | undefined;

  constructor(
    sql: SqlClient,
    kind: 'embedded' | 'postgres',
    location: string,
    dataFolder?: string,
  ) {
    this.#sql = sql;
    this.kind = kind;
    this.location = location;
    this.#dataFolder = dataFolder;
  }

  async migrate(): Promise<number> {
    return this.#sql.transaction(async (sql) => {
      await sql.query(MIGRATION_LOCK);
      await sql.exec(SCHEMA_TABLE);
      const applied = new Set(
        (await sql.query<{ version: number }>('SELECT version FROM consent_schema')).map(
          (row) => row.version,
        ),
      );
      for (const migration of MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await sql.exec(migration.sql);
        await sql.query('INSERT INTO consent_schema (version) VALUES ($1)', [migration.version]);
      }
      return Math.max(0, ...MIGRATIONS.map((migration) => migration.version));
    });
  }

  async append(records: readonly ChainedRecord[]): Promise<AppendResult> {
    if (records.length === 0) return { inserted: 0, duplicates: 0, conflicts: [] };
    return this.#sql.transaction(async (sql) => {
      const writers = [...new Set(records.map((record) => record.writer))];
      await sql.query(
        'INSERT INTO consent_writers (writer) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING',
        [writers],
      );
      const inserted = await sql.query<{ writer: string; seq: string }>(
        `INSERT INTO consent_records (writer, seq, at, consent_id, content, content_hash, prev, hash)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::timestamptz[], $4::text[], $5::text[],
                              $6::text[], $7::text[], $8::text[])
         ON CONFLICT (writer, seq) DO NOTHING
         RETURNING writer, seq`,
        [
          records.map((r) => r.writer),
          records.map((r) => r.seq),
          records.map((r) => r.at),
          records.map((r) => r.consentId),
          records.map((r) => r.content),
          records.map((r) => r.contentHash),
          records.map((r) => r.prev),
          records.map((r) => r.hash),
        ],
      );
      const checkpoints = records.filter((record) => record.checkpoint);
      if (checkpoints.length > 0)
        await sql.query(
          `INSERT INTO consent_checkpoints (writer, seq, hash, at)
           SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[])
           ON CONFLICT (writer, seq) DO NOTHING`,
          [
            checkpoints.map((r) => r.writer),
            checkpoints.map((r) => r.seq),
            checkpoints.map((r) => r.hash),
            checkpoints.map((r) => r.at),
          ],
        );
      const conflicts: { writer: string; seq: number }[] = [];
      if (inserted.length < records.length) {
        const fresh = new Set(inserted.map((row) => `${row.writer} ${Number(row.seq)}`));
        const skipped = records.filter((r) => !fresh.has(`${r.writer} ${r.seq}`));
        const stored = await sql.query<{ writer: string; seq: string; hash: string }>(
          `SELECT r.writer, r.seq, r.hash FROM consent_records r
           JOIN unnest($1::text[], $2::bigint[]) AS s (writer, seq) USING (writer, seq)`,
          [skipped.map((r) => r.writer), skipped.map((r) => r.seq)],
        );
        const hashes = new Map(stored.map((row) => [`${row.writer} ${Number(row.seq)}`, row.hash]));
        for (const record of skipped) {
          const hash = hashes.get(`${record.writer} ${record.seq}`);
          if (hash !== undefined && hash !== record.hash)
            conflicts.push({ writer: record.writer, seq: record.seq });
        }
      }
      return {
        inserted: inserted.length,
        duplicates: records.length - inserted.length - conflicts.length,
        conflicts,
      };
    });
  }

  async putRenderings(renderings: readonly Rendering[]): Promise<number> {
    for (const item of renderings) {
      if (renderingHash(item.text) !== item.hash)
        throw new Error(
          `rendering ${item.kind} (${item.locale}) from ${item.source}: its hash ${item.hash} is not the SHA-256 of its text (${renderingHash(item.text)})`,
        );
      if (!FORMATS.has(item.format))
        throw new Error(
          `rendering ${item.hash}: format must be html, markdown or text, not ${JSON.stringify(item.format)}`,
        );
    }
    if (renderings.length === 0) return 0;
    const rows = await this.#sql.query(
      `INSERT INTO consent_renderings (hash, kind, locale, format, text, source)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT (hash) DO NOTHING RETURNING hash`,
      [
        renderings.map((r) => r.hash),
        renderings.map((r) => r.kind),
        renderings.map((r) => r.locale),
        renderings.map((r) => r.format),
        renderings.map((r) => r.text),
        renderings.map((r) => r.source),
      ],
    );
    return rows.length;
  }

  async getRendering(hash: string): Promise<Rendering | undefined> {
    const [row] = await this.#sql.query<RenderingRow>(
      'SELECT * FROM consent_renderings WHERE hash = $1',
      [hash],
    );
    return row && rendering(row);
  }

  async renderingHashes(): Promise<string[]> {
    const rows = await this.#sql.query<{ hash: string }>('SELECT hash FROM consent_renderings');
    return rows.map((row) => row.hash);
  }

  async chainHead(writer: string): Promise<{ seq: number; hash: string } | undefined> {
    const [row] = await this.#sql.query<{ seq: string; hash: string }>(
      `SELECT seq, hash FROM (
         (SELECT seq, hash FROM consent_records WHERE writer = $1 ORDER BY seq DESC LIMIT 1)
         UNION ALL
         (SELECT seq, hash FROM consent_checkpoints WHERE writer = $1 ORDER BY seq DESC LIMIT 1)
       ) AS heads ORDER BY seq DESC LIMIT 1`,
      [writer],
    );
    return row && { seq: Number(row.seq), hash: row.hash };
  }

  async show(consentId: string): Promise<ConsentHistory> {
    const [row] = await this.#sql.query<{ entries: EntryRow[]; renderings: RenderingRow[] }>(
      SHOW_STATEMENT,
      [consentId],
    );
    const entries = (row?.entries ?? []).map(entry);
    const wanted = [
      ...new Set(
        entries.flatMap((e) => [e.record?.shown, e.record?.policy]).filter((h) => h != null),
      ),
    ] as string[];
    const renderings = Object.fromEntries(
      (row?.renderings ?? []).map((item) => [item.hash, rendering(item)]),
    );
    return {
      consentId,
      entries,
      renderings,
      missingRenderings: wanted.filter((hash) => !(hash in renderings)),
    };
  }

  async export(consentId: string): Promise<ConsentExport> {
    const history = await this.show(consentId);
    return {
      consentId,
      exportedAt: new Date().toISOString(),
      records: history.entries.map((e) => e.record ?? { at: e.at, erasedAt: e.erasedAt ?? e.at }),
      renderings: Object.values(history.renderings),
    };
  }

  verify() {
    return verifyChains(this.#sql);
  }

  async erase(consentId: string): Promise<EraseResult> {
    return this.#sql.transaction(async (sql) => {
      await sql.query(
        'INSERT INTO consent_erasures (consent_id) VALUES ($1) ON CONFLICT DO NOTHING',
        [consentId],
      );
      const erased = await sql.query(
        `UPDATE consent_records SET content = NULL, erased_at = now()
         WHERE consent_id = $1 AND content IS NOT NULL RETURNING seq`,
        [consentId],
      );
      const [already] = await sql.query<{ count: string | number }>(
        'SELECT count(*) AS count FROM consent_records WHERE consent_id = $1',
        [consentId],
      );
      return {
        consentId,
        erased: erased.length,
        alreadyErased: Number(already?.count ?? 0) - erased.length,
      };
    });
  }

  /*
   * Deletes each chain's oldest records up to (not past) its first record at or after `before`,
   * so what stays is a contiguous tail, and leaves a checkpoint at the last deleted record: the
   * next record's `prev` is checked against it. Three set-based statements, whatever the size.
   */
  async prune(before: Date): Promise<PruneResult> {
    return this.#sql.transaction(async (sql) => {
      await sql.exec(`CREATE TEMP TABLE IF NOT EXISTS consent_prune_cut (writer text, seq bigint)`);
      await sql.exec('DELETE FROM consent_prune_cut');
      await sql.query(
        `INSERT INTO consent_prune_cut (writer, seq)
         SELECT w.writer,
                COALESCE(
                  (SELECT min(r.seq) - 1 FROM consent_records r WHERE r.writer = w.writer AND r.at >= $1),
                  (SELECT max(r.seq) FROM consent_records r WHERE r.writer = w.writer))
         FROM consent_writers w`,
        [before],
      );
      const checkpoints = await sql.query<{ writer: string; seq: string }>(
        `INSERT INTO consent_checkpoints (writer, seq, hash, at, pruned_at)
         SELECT r.writer, r.seq, r.hash, r.at, now()
         FROM consent_records r JOIN consent_prune_cut c ON r.writer = c.writer AND r.seq = c.seq
         ON CONFLICT (writer, seq) DO UPDATE SET pruned_at = now()
         RETURNING writer, seq`,
      );
      const deleted = await sql.query<{ count: string | number }>(
        `WITH gone AS (
           DELETE FROM consent_records r USING consent_prune_cut c
           WHERE r.writer = c.writer AND r.seq <= c.seq RETURNING 1)
         SELECT count(*) AS count FROM gone`,
      );
      await sql.exec('DELETE FROM consent_prune_cut');
      return {
        before: before.toISOString(),
        deleted: Number(deleted[0]?.count ?? 0),
        checkpoints: checkpoints.map((row) => ({ writer: row.writer, seq: Number(row.seq) })),
      };
    });
  }

  async stats(options: { readonly since?: Date } = {}): Promise<ConsentStats> {
    const since = options.since ?? null;
    const where = `content IS NOT NULL AND ($1::timestamptz IS NULL OR at >= $1::timestamptz)`;
    const actions = await this.#sql.query<{ v: number; action: ConsentAction; n: string | number }>(
      `SELECT (content::jsonb ->> 'consentVersion')::int AS v, content::jsonb ->> 'action' AS action,
              count(*) AS n
       FROM consent_records WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
      [since],
    );
    const categories = await this.#sql.query<{
      v: number;
      category: string;
      accepted: string | number;
      rejected: string | number;
    }>(
      `SELECT (r.c ->> 'consentVersion')::int AS v, e.key AS category,
              count(*) FILTER (WHERE e.value = 'true'::jsonb) AS accepted,
              count(*) FILTER (WHERE e.value = 'false'::jsonb) AS rejected
       FROM (SELECT content::jsonb AS c FROM consent_records WHERE ${where}) r,
            jsonb_each(r.c -> 'categories') e
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [since],
    );
    const [erased] = await this.#sql.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM consent_records
       WHERE content IS NULL AND ($1::timestamptz IS NULL OR at >= $1::timestamptz)`,
      [since],
    );
    const versions = new Map<number, { answers: number; byAction: Record<string, number> }>();
    for (const row of actions) {
      const version = versions.get(row.v) ?? { answers: 0, byAction: {} };
      version.answers += Number(row.n);
      version.byAction[row.action] = Number(row.n);
      versions.set(row.v, version);
    }
    return {
      since: since?.toISOString() ?? null,
      answers: [...versions.values()].reduce((sum, v) => sum + v.answers, 0),
      erased: Number(erased?.n ?? 0),
      byConsentVersion: [...versions].map(([consentVersion, v]) => ({ consentVersion, ...v })),
      byCategory: categories.map((row) => ({
        consentVersion: row.v,
        category: row.category,
        accepted: Number(row.accepted),
        rejected: Number(row.rejected),
      })),
    };
  }

  async writers(): Promise<WriterSummary[]> {
    const rows = await this.#sql.query<{
      writer: string;
      registered_at: Date | string;
      records: string | number;
      first_seq: string | null;
      last_seq: string | null;
      last_checkpoint: string | null;
    }>(
      `SELECT w.writer, w.registered_at,
              (SELECT count(*) FROM consent_records r WHERE r.writer = w.writer) AS records,
              (SELECT min(seq) FROM consent_records r WHERE r.writer = w.writer) AS first_seq,
              (SELECT max(seq) FROM consent_records r WHERE r.writer = w.writer) AS last_seq,
              (SELECT max(seq) FROM consent_checkpoints c WHERE c.writer = w.writer) AS last_checkpoint
       FROM consent_writers w ORDER BY w.registered_at, w.writer`,
    );
    const number = (value: string | null) => (value === null ? null : Number(value));
    return rows.map((row) => ({
      writer: row.writer,
      registeredAt: iso(row.registered_at),
      records: Number(row.records),
      firstSeq: number(row.first_seq),
      lastSeq: number(row.last_seq),
      lastCheckpointSeq: number(row.last_checkpoint),
    }));
  }

  /*
   * PGlite runs with fsync off, so a commit is in the files but maybe not on the disk. This
   * makes it so: a CHECKPOINT writes everything out, then every file changed since the last
   * sync is fsync'd. Only then may the embedded store's journal be emptied.
   */
  async sync(): Promise<void> {
    if (this.#dataFolder === undefined) return;
    const started = Date.now();
    await this.#sql.exec('CHECKPOINT');
    await fsyncTree(this.#dataFolder, this.#lastSync - 2_000);
    this.#lastSync = started;
  }

  close(): Promise<void> {
    return this.#sql.close();
  }
}
