import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { openPglite } from './pglite-client.js';
import { connectPostgres, redactUrl } from './postgres-client.js';
import { SqlConsentStore } from './sql-store.js';
import type { ConsentStore } from './types.js';

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;
const OTHER_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

export function isPostgresLocation(location: string): boolean {
  return POSTGRES_URL.test(location);
}

/**
 * Opens the store a location names and brings its schema up to date: a `postgres://` or
 * `postgresql://` URL is a PostgreSQL database (driver `pg`), anything else a folder for the
 * embedded PGlite store (driver `@electric-sql/pglite`), created when missing. On PostgreSQL,
 * `queryTimeoutMs` fails a statement that takes longer (none by default: verifying, pruning or
 * counting millions of records takes minutes).
 */
export async function openConsentStore(
  location: string,
  options: { readonly queryTimeoutMs?: number } = {},
): Promise<ConsentStore> {
  if (typeof location !== 'string' || location.trim() === '')
    throw new Error('a consent store location is a folder or a postgres:// URL, not empty');
  if (!isPostgresLocation(location) && OTHER_URL.test(location))
    throw new Error(
      `${location.replace(/\/\/.*@/, '//…@')} is not a consent store location: use a postgres:// URL or a folder`,
    );
  let store: SqlConsentStore;
  if (isPostgresLocation(location)) {
    const name = redactUrl(location);
    store = new SqlConsentStore(await connectPostgres(location, options), 'postgres', name);
  } else {
    const folder = resolve(location);
    await mkdir(folder, { recursive: true });
    store = new SqlConsentStore(
      await openPglite(folder),
      'embedded',
      folder,
      join(folder, 'pgdata'),
    );
  }
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => {});
    throw new Error(
      `cannot open the consent store ${store.location}: ${(error as Error).message || String(error)}`,
    );
  }
  return store;
}
