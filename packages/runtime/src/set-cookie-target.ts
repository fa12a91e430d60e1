/*
 * Where a generated setter can put its Set-Cookie header. Each target is described by the least
 * it must offer, so this package, and the generated server package with it, depends on no
 * framework: Express's `res` is a Node ServerResponse, Hono's Context has `header()` and `res`,
 * Next.js route handlers and middleware hand out Fetch `Headers`/`Response` objects.
 */

/** Node's `http.ServerResponse` and anything built on it (Express, Fastify's `reply.raw`, …). */
export interface NodeResponseLike {
  getHeader(name: string): number | string | readonly string[] | undefined;
  setHeader(name: string, value: number | string | readonly string[]): unknown;
  readonly headersSent?: boolean;
}

/** Hono's `Context`. */
export interface HonoContextLike {
  header(name: string, value: string | undefined, options?: { append?: boolean }): void;
  readonly res: { readonly headers: Headers };
}

/**
 * A cookie store that sets cookies by name: Next.js's `cookies()` in Route Handlers and Server
 * Actions, `NextResponse.cookies` and `request.cookies` in middleware (the `ResponseCookies` of
 * `@edge-runtime/cookies`). Such a store rewrites every Set-Cookie header from what it holds each
 * time it is used, so a cookie must go in through `set`, or a later `set` of another drops it.
 * It keeps one cookie per name, and percent-encodes every value it writes.
 */
export interface CookieStoreLike {
  set(cookie: StoreCookie): unknown;
  getAll(): unknown;
}

/** What a {@link CookieStoreLike} is given: the Set-Cookie line's parts (SameSite in lower case). */
export interface StoreCookie {
  name: string;
  value: string;
  path?: string;
  domain?: string;
  maxAge?: number;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: 'strict' | 'lax' | 'none';
  partitioned?: boolean;
}

export type CookieTarget =
  | Headers
  | Response
  | NodeResponseLike
  | HonoContextLike
  | CookieStoreLike;

/**
 * Adds a Set-Cookie header line, replacing one this response already carries for the same
 * cookie and keeping every other line, in order. RFC 6265bis §4.1.1: never two Set-Cookie lines
 * for the same cookie in one response. The same cookie is what a browser would store as one:
 * the same name, Domain and Path (bis §5.7 step 22), and partitioned or not (CHIPS). So a cookie
 * and its namesake on another path both survive.
 */
export function appendSetCookie(target: CookieTarget, line: string, uriEncoded = false): void {
  if (target === null || typeof target !== 'object') {
    throw new TypeError(
      `Cannot set a cookie on ${target === null ? 'null' : typeof target}: pass a Node ServerResponse (or Express res), a Fetch Headers or Response, a Hono Context, or a Next.js cookie store (cookies(), NextResponse.cookies)`,
    );
  }
  const identity = cookieIdentity(line);
  if (target instanceof Headers) setOnHeaders(target, identity, line);
  else if (target instanceof Response) {
    // NextResponse: its `cookies` store owns the Set-Cookie headers.
    const store = (target as { cookies?: unknown }).cookies;
    if (isCookieStore(store)) setOnCookieStore(store, line, uriEncoded);
    else setOnHeaders(target.headers, identity, line);
  } else if (isNodeResponse(target)) setOnNodeResponse(target, identity, line);
  else if (isHonoContext(target)) setOnHonoContext(target, identity, line);
  else if (isCookieStore(target)) setOnCookieStore(target, line, uriEncoded);
  else
    throw new TypeError(
      'Cannot set a cookie on this object: pass a Node ServerResponse (or Express res), a Fetch Headers or Response, a Hono Context, or a Next.js cookie store (cookies(), NextResponse.cookies)',
    );
}

/**
 * Hands the line's parts to a name-keyed store. The store percent-encodes the value it is given
 * (encodeURIComponent), so a value we encoded as URI text goes in decoded, and it reaches the
 * browser in the same meaning; any other value goes in as it is, and must come out unchanged.
 */
function setOnCookieStore(store: CookieStoreLike, line: string, uriEncoded: boolean): void {
  const [pair = '', ...attributes] = line.split('; ');
  const equals = pair.indexOf('=');
  const name = pair.slice(0, equals);
  const wire = pair.slice(equals + 1);
  const value = uriEncoded ? decodeURIComponent(wire) : wire;
  if (!uriEncoded && encodeURIComponent(value) !== value) {
    throw new TypeError(
      `Cannot set cookie "${name}" through this cookie store: Next.js's cookie stores percent-encode every value, so ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)} would reach the browser changed and its reader would not recognise it. Set it on the response's headers instead (NextResponse: response.headers), or declare the value with encoding: uri in the catalog`,
    );
  }
  const cookie: StoreCookie = { name, value };
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = at < 0 ? attribute : attribute.slice(0, at);
    const text = attribute.slice(at + 1);
    if (key === 'Max-Age') cookie.maxAge = Number(text);
    else if (key === 'Path') cookie.path = text;
    else if (key === 'Domain') cookie.domain = text;
    else if (key === 'Secure') cookie.secure = true;
    else if (key === 'HttpOnly') cookie.httpOnly = true;
    else if (key === 'Partitioned') cookie.partitioned = true;
    else if (key === 'SameSite') cookie.sameSite = text.toLowerCase() as 'strict' | 'lax' | 'none';
  }
  store.set(cookie);
}

function isCookieStore(target: unknown): target is CookieStoreLike {
  return (
    typeof target === 'object' &&
    target !== null &&
    typeof (target as CookieStoreLike).set === 'function' &&
    typeof (target as CookieStoreLike).getAll === 'function'
  );
}

function setOnHeaders(headers: Headers, identity: CookieIdentity, line: string): void {
  const existing = headers.getSetCookie();
  if (!existing.some((other) => isSameCookie(other, identity))) {
    headers.append('Set-Cookie', line);
    return;
  }
  headers.delete('Set-Cookie');
  for (const other of replaceCookie(existing, identity, line)) headers.append('Set-Cookie', other);
}

function setOnNodeResponse(
  response: NodeResponseLike,
  identity: CookieIdentity,
  line: string,
): void {
  if (response.headersSent) {
    throw new Error(
      `Cannot set cookie "${identity.name}": the response headers have already been sent`,
    );
  }
  const current = response.getHeader('Set-Cookie');
  const existing =
    current === undefined ? [] : Array.isArray(current) ? current : [String(current)];
  response.setHeader('Set-Cookie', replaceCookie(existing, identity, line));
}

function setOnHonoContext(context: HonoContextLike, identity: CookieIdentity, line: string): void {
  const existing = context.res.headers.getSetCookie();
  if (!existing.some((other) => isSameCookie(other, identity))) {
    context.header('Set-Cookie', line, { append: true });
    return;
  }
  context.header('Set-Cookie', undefined);
  for (const other of replaceCookie(existing, identity, line))
    context.header('Set-Cookie', other, { append: true });
}

/** `existing` with the line(s) for the same cookie replaced in place by `line`, or `line` added at the end. */
function replaceCookie(
  existing: readonly string[],
  identity: CookieIdentity,
  line: string,
): string[] {
  const lines: string[] = [];
  let placed = false;
  for (const other of existing) {
    if (!isSameCookie(other, identity)) lines.push(other);
    else if (!placed) {
      lines.push(line);
      placed = true;
    }
  }
  if (!placed) lines.push(line);
  return lines;
}

interface CookieIdentity {
  readonly name: string;
  /** Lowercase Domain (without a leading dot), or "" for a host-only cookie. */
  readonly domain: string;
  /** Path as sent, or "" when the line has none. */
  readonly path: string;
  readonly partitioned: boolean;
}

/**
 * What makes a Set-Cookie line the same cookie as another, read the way a browser reads it
 * (bis §5.6): the name before the first "=", trimmed; of repeated attributes the last wins;
 * attribute names in any case.
 */
function cookieIdentity(line: string): CookieIdentity {
  const [pair = '', ...attributes] = line.split(';');
  const equals = pair.indexOf('=');
  let domain = '';
  let path = '';
  let partitioned = false;
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const value = at < 0 ? '' : attribute.slice(at + 1).trim();
    if (key === 'domain') domain = value.replace(/^\./, '').toLowerCase();
    else if (key === 'path') path = value;
    else if (key === 'partitioned') partitioned = true;
  }
  return { name: (equals < 0 ? '' : pair.slice(0, equals)).trim(), domain, path, partitioned };
}

function isSameCookie(setCookie: string, identity: CookieIdentity): boolean {
  // Cheap test first: most lines in a response are other cookies.
  if (!setCookie.trimStart().startsWith(identity.name)) return false;
  const other = cookieIdentity(setCookie);
  return (
    other.name === identity.name &&
    other.domain === identity.domain &&
    other.path === identity.path &&
    other.partitioned === identity.partitioned
  );
}

function isNodeResponse(target: object): target is NodeResponseLike {
  return (
    typeof (target as NodeResponseLike).getHeader === 'function' &&
    typeof (target as NodeResponseLike).setHeader === 'function'
  );
}

function isHonoContext(target: object): target is HonoContextLike {
  return (
    typeof (target as HonoContextLike).header === 'function' && 'res' in target && 'req' in target
  );
}
