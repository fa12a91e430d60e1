import { readFile } from 'node:fs/promises';
import type { BrowserContext } from 'playwright-core';
import { AuditInputError } from './errors.js';

export interface StorageState {
  readonly cookies: Parameters<BrowserContext['addCookies']>[0];
  readonly origins: { origin: string; localStorage: { name: string; value: string }[] }[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Playwright's storage state file (what `context.storageState({ path })` saves after a login),
 * checked before a browser starts: a missing file, broken JSON or another shape is the user's
 * mistake, said in one line.
 */
export async function readStorageState(path: string): Promise<StorageState> {
  const fail = (what: string): never => {
    throw new AuditInputError(
      `--storage-state ${path}: ${what}; give the file Playwright's context.storageState({ path }) writes`,
    );
  };
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder'
          : `cannot be read (${code ?? 'error'})`,
    );
  }
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch (error) {
    fail(`is not JSON (${(error as Error).message.split('\n')[0]})`);
  }
  if (!isObject(state)) return fail('is not a JSON object');
  const cookies = state.cookies ?? [];
  const origins = state.origins ?? [];
  if (!Array.isArray(cookies)) return fail('"cookies" is not a list');
  if (!Array.isArray(origins)) return fail('"origins" is not a list');
  cookies.forEach((cookie: unknown, i) => {
    if (
      !isObject(cookie) ||
      typeof cookie.name !== 'string' ||
      typeof cookie.value !== 'string' ||
      !(typeof cookie.url === 'string' || typeof cookie.domain === 'string')
    )
      fail(`cookies[${i}] needs a name, a value and a domain (or url)`);
  });
  origins.forEach((origin: unknown, i) => {
    if (!isObject(origin) || typeof origin.origin !== 'string')
      fail(`origins[${i}] needs an origin`);
    const items = (origin as Record<string, unknown>).localStorage ?? [];
    if (
      !Array.isArray(items) ||
      !items.every(
        (item) => isObject(item) && typeof item.name === 'string' && typeof item.value === 'string',
      )
    )
      fail(`origins[${i}].localStorage is not a list of names and values`);
  });
  return {
    cookies: cookies as StorageState['cookies'],
    origins: origins.map((o: Record<string, unknown>) => ({
      origin: o.origin as string,
      localStorage: (o.localStorage ?? []) as { name: string; value: string }[],
    })),
  };
}
