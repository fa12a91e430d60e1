import { findCookie } from './find-cookie.js';

/**
 * A request's cookies as Next.js hands them out: `cookies()` (ReadonlyRequestCookies),
 * `request.cookies` in middleware and Route Handlers (RequestCookies), or a ResponseCookies.
 * These stores have already percent-decoded each value, and keep one cookie per name.
 */
export interface CookieStoreReader {
  get(name: string): { readonly value: string } | undefined;
}

/** What a generated reader reads: a `Cookie` header, or one of Next.js's cookie stores. */
export type CookieSource = string | null | undefined | CookieStoreReader;

/**
 * The raw (wire) value of the cookie `name`, or undefined. From a store, whose values are already
 * percent-decoded, a value the catalog encodes as URI text is encoded again, so the reader's own
 * decoding sees what the browser sent. Any other value is what the browser sent, except that a
 * "%" in it has been decoded by the store (a catalog that allows "%" in a value declares it with
 * encoding: uri).
 */
export function cookieValue(
  source: CookieSource,
  name: string,
  uriEncoded = false,
): string | undefined {
  if (typeof source === 'string') return findCookie(source, name);
  if (typeof source !== 'object' || source === null || typeof source.get !== 'function') {
    return undefined;
  }
  const value = source.get(name)?.value;
  if (typeof value !== 'string') return undefined;
  return uriEncoded ? encodeURIComponent(value) : value;
}
