/*
 * The schema, as numbered migrations: the same SQL runs on PGlite and on PostgreSQL. A migration
 * once released is never edited; a change is a new one.
 *
 * `content` is text, not jsonb: the chain hashes its exact bytes (canonical JSON), and jsonb
 * would reorder keys and normalise numbers. No IP address and no user agent are stored.
 */
export const MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE consent_writers (
  writer text PRIMARY KEY,
  registered_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE consent_records (
  writer text NOT NULL REFERENCES consent_writers (writer),
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  consent_id text NOT NULL,
  content text,
  content_hash text NOT NULL,
  prev text NOT NULL,
  hash text NOT NULL,
  erased_at timestamptz,
  PRIMARY KEY (writer, seq)
);
CREATE INDEX consent_records_consent_id ON consent_records (consent_id);
CREATE INDEX consent_records_at ON consent_records (at);
CREATE TABLE consent_checkpoints (
  writer text NOT NULL REFERENCES consent_writers (writer),
  seq bigint NOT NULL,
  hash text NOT NULL,
  at timestamptz NOT NULL,
  pruned_at timestamptz,
  PRIMARY KEY (writer, seq)
);
CREATE TABLE consent_erasures (
  consent_id text PRIMARY KEY,
  erased_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE consent_renderings (
  hash text PRIMARY KEY,
  kind text NOT NULL,
  locale text NOT NULL,
  format text NOT NULL,
  text text NOT NULL,
  source text NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
];

export const SCHEMA_TABLE = `
CREATE TABLE IF NOT EXISTS consent_schema (
  version integer PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** Held for the migration's transaction, so two processes starting at once migrate once. */
export const MIGRATION_LOCK = `SELECT pg_advisory_xact_lock(7163504411)`;
