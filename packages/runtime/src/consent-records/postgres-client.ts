import type { Pool, PoolClient } from 'pg';
import { loadDriver, type SqlClient, type SqlQuery } from './sql-client.js';

type PgModule = { default: typeof import('pg') };

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

function wrap(client: Pool | PoolClient): SqlQuery {
  return {
    query: async <Row>(sql: string, params?: readonly unknown[]) =>
      (await client.query(sql, params as unknown[] | undefined)).rows as Row[],
    exec: async (sql: string) => {
      await client.query(sql);
    },
  };
}

/**
 * A pool on one PostgreSQL database. Commits are synchronous (`synchronous_commit = on` for
 * these sessions, whatever the server's default), so a resolved append is on the server's disk.
 * `queryTimeoutMs` bounds how long a statement may take before it fails (a server that stopped
 * answering): a consent log's writes, which must fall back to the spool, set it; the commands that
 * read or prune a whole store leave it out, since on millions of records a statement can take
 * minutes.
 */
export async function connectPostgres(
  url: string,
  options: { readonly queryTimeoutMs?: number } = {},
): Promise<SqlClient> {
  try {
    new URL(url);
  } catch {
    throw new Error(`${redactUrl(url)} is not a PostgreSQL URL (postgres://user@host:port/db)`);
  }
  const pg = (await loadDriver<PgModule>('pg', 'A PostgreSQL consent store')).default;
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: 5_000,
    ...(options.queryTimeoutMs !== undefined && { query_timeout: options.queryTimeoutMs }),
    options: '-c synchronous_commit=on',
  });
  // An idle connection the server drops (restart, network) is an event, not a crash.
  pool.on('error', () => {});
  const sql = wrap(pool);
  return {
    ...sql,
    async transaction(work) {
      const client = await pool.connect();
      // A server that goes away mid-transaction fails the query; the client's own error event
      // carries the same news and must not crash the process.
      const ignore = () => {};
      client.on('error', ignore);
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        broken = error instanceof Error ? error : new Error(String(error));
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.off('error', ignore);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
