import { fileURLToPath } from 'node:url';
import {
  type Catalog,
  exampleValueOf,
  type FirstPartyCookie,
  isFirstPartyCookie,
  loadCatalog,
} from '@cookie-catalog/catalog';
import * as server from '../src/generated/index.js';

const CATALOG = fileURLToPath(new URL('../../../catalog/', import.meta.url));

type Fn = (...args: unknown[]) => unknown;
const api = server as unknown as Record<string, Fn>;

/** One first-party cookie of the real catalog with a valid example value and its generated API. */
export interface CookieUnderTest {
  readonly cookie: FirstPartyCookie;
  /** The wire name, with pattern parameters filled from their examples. */
  readonly name: string;
  readonly args: readonly unknown[];
  serialize(): string;
  /** serializeX with any value, to see what the setter does with it. */
  serializeWith(value: unknown): string;
  set(target: unknown): void;
  setWith(target: unknown, value: unknown): void;
  remove(target: unknown): void;
  read(source: unknown): unknown;
}

/** The catalog the packages were built from (catalog/ of this repository, whatever it holds). */
export async function realCatalog(): Promise<Catalog> {
  const { catalog } = await loadCatalog(CATALOG);
  if (!catalog) throw new Error('the catalog does not validate');
  return catalog;
}

/** Every first-party cookie of the real catalog, as the generated package exposes it. */
export async function realCookies(): Promise<CookieUnderTest[]> {
  const catalog = await realCatalog();
  return catalog.entries.filter(isFirstPartyCookie).map((cookie) => {
    const params = cookie.name.parameters.length
      ? Object.fromEntries(cookie.name.parameters.map((p) => [p.name, p.example]))
      : undefined;
    const name = cookie.name.parts
      .map((part) => (part.type === 'literal' ? part.text : String(params?.[part.name])))
      .join('');
    const value = exampleValueOf(cookie.value);
    const fn = (verb: string): Fn => {
      const found = api[`${verb}${cookie.functionName}`];
      if (!found) throw new Error(`@billogram/cookies-server has no ${verb}${cookie.functionName}`);
      return found;
    };
    const withParams = (...rest: unknown[]) => (params ? [params, ...rest] : rest);
    return {
      cookie,
      name,
      args: withParams(value),
      serialize: () => fn('serialize')(...withParams(value)) as string,
      serializeWith: (other) => fn('serialize')(...withParams(other)) as string,
      set: (target) => fn('set')(target, ...withParams(value)),
      setWith: (target, other) => fn('set')(target, ...withParams(other)),
      remove: (target) => fn('delete')(target, ...withParams()),
      read: (header) => fn('read')(header, ...withParams()),
    };
  });
}

/**
 * Whether Next.js's cookie stores can hold the cookie's example value unchanged: they
 * percent-encode what they are given, so a raw value with characters such as "/" is refused by
 * the setter there (URI-encoded values go in decoded).
 */
export function fitsNextStores(subject: CookieUnderTest): boolean {
  const { value } = subject.cookie;
  if ('encoding' in value && value.encoding === 'uri') return true;
  const line = subject.serialize();
  const wire = line.slice(line.indexOf('=') + 1, line.indexOf(';'));
  return encodeURIComponent(wire) === wire;
}
