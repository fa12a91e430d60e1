import type { EntryInput, ValueInput } from './schema.js';

/** The attributes of a cookie our code sets, each as written or its safe default. */
export interface EffectiveAttributes {
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly sameSite: 'Strict' | 'Lax' | 'None';
  readonly path: string;
  readonly domain: string | undefined;
  readonly partitioned: boolean;
}

/**
 * The safest attributes that fit who sets the cookie, for what the catalog leaves out: Secure,
 * SameSite=Lax, Path=/, host-only, and HttpOnly when the server sets it (page scripts cannot set
 * an HttpOnly cookie, RFC 6265bis §5.7).
 */
export function effectiveAttributes(entry: EntryInput): EffectiveAttributes {
  const given = entry.attributes ?? {};
  return {
    secure: given.secure ?? true,
    httpOnly: given.httpOnly ?? entry.setBy === 'server',
    sameSite: given.sameSite ?? 'Lax',
    path: given.path ?? '/',
    domain: given.domain,
    partitioned: given.partitioned ?? false,
  };
}

/**
 * What a cookie holds when the catalog does not say: an opaque token, any string of
 * cookie-octets (RFC 6265bis §4.1.1), checked by the setter as it is sent.
 */
export const DEFAULT_VALUE: ValueInput = {
  type: 'string',
  encoding: 'raw',
  example: 'Zq3xK8vN2pLw5TyR',
};

/** Whether our own code sets this entry, as a cookie: the entries that get generated code. */
export function isOwnCookie(entry: EntryInput): boolean {
  return (
    entry.kind === 'cookie' &&
    entry.provider.party === 'first' &&
    (entry.setBy === 'server' || entry.setBy === 'client')
  );
}
