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

/**
 * Every first-party cookie of the real catalog that we still set, as the generated package
 * exposes it. Retired ones have a deleter only: see {@link realRetiredCookies}.
 */
export async function realCookies(): Promise<CookieUnderTest[]> {
  const catalog = await realCatalog();
  return catalog.entries
    .filter(isFirstPartyCookie)
    .filter((cookie) => cookie.retired === undefined)
    .map((cookie) => {
      const { params, name } = exampleName(cookie);
      const value = exampleValueOf(cookie.value);
      const fn = (verb: string): Fn => {
        const found = api[`${verb}${cookie.functionName}`];
        if (!found) throw new Error(`the server package has no ${verb}${cookie.functionName}`);
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

/** A retired first-party cookie of the real catalog: its declaration, and its deleter. */
export interface RetiredCookieUnderTest {
  readonly cookie: FirstPartyCookie;
  /** The wire name, with pattern parameters filled from their examples. */
  readonly name: string;
  /** The Set-Cookie line its setter wrote before it was retired (with a made-up value). */
  readonly setBefore: string;
  remove(target: unknown): void;
}

/** Every retired first-party cookie of the real catalog: the package keeps its deleter alone. */
export async function realRetiredCookies(): Promise<RetiredCookieUnderTest[]> {
  const catalog = await realCatalog();
  return catalog.entries
    .filter(isFirstPartyCookie)
    .filter((cookie) => cookie.retired !== undefined)
    .map((cookie) => {
      const { params, name } = exampleName(cookie);
      const { attributes: a, lifetime } = cookie;
      const remove = api[`delete${cookie.functionName}`];
      if (!remove) throw new Error(`the server package has no delete${cookie.functionName}`);
      return {
        cookie,
        name,
        setBefore: [
          `${name}=x`,
          ...(lifetime.kind === 'duration' ? [`Max-Age=${lifetime.seconds}`] : []),
          ...(a.domain !== undefined ? [`Domain=${a.domain}`] : []),
          `Path=${a.path}`,
          ...(a.secure ? ['Secure'] : []),
          ...(a.httpOnly ? ['HttpOnly'] : []),
          `SameSite=${a.sameSite}`,
          ...(a.partitioned ? ['Partitioned'] : []),
        ].join('; '),
        remove: (target) => remove(target, ...(params ? [params] : [])),
      };
    });
}

/** The name with pattern parameters filled from their examples, and those parameters. */
function exampleName(cookie: FirstPartyCookie): {
  params: Record<string, string | number> | undefined;
  name: string;
} {
  const params = cookie.name.parameters.length
    ? Object.fromEntries(cookie.name.parameters.map((p) => [p.name, p.example]))
    : undefined;
  const name = cookie.name.parts
    .map((part) => (part.type === 'literal' ? part.text : String(params?.[part.name])))
    .join('');
  return { params, name };
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
