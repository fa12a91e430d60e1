/*
 * Where a generated setter can put its Set-Cookie header. Each target is described by the least
 * it must offer, so this package depends on no framework: Express's `res` is a Node
 * ServerResponse, Hono's Context has `header()` and `res`, Next.js route handlers and middleware
 * hand out Fetch `Headers`/`Response` objects.
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

export type CookieTarget = Headers | Response | NodeResponseLike | HonoContextLike;

/**
 * Adds a Set-Cookie header for the cookie `name`, replacing one this response already carries
 * for the same cookie (RFC 6265bis §4.1.1: never two Set-Cookie lines for the same name, domain
 * and path in one response; each catalog cookie has one domain and path). Other Set-Cookie
 * headers are kept, in order.
 */
export function appendSetCookie(target: CookieTarget, name: string, line: string): void {
  if (target instanceof Headers) setOnHeaders(target, name, line);
  else if (target instanceof Response) setOnHeaders(target.headers, name, line);
  else if (isNodeResponse(target)) setOnNodeResponse(target, name, line);
  else if (isHonoContext(target)) setOnHonoContext(target, name, line);
  else
    throw new TypeError(
      'Cannot set a cookie on this object: pass a Node ServerResponse (or Express res), a Fetch Headers or Response, or a Hono Context',
    );
}

function setOnHeaders(headers: Headers, name: string, line: string): void {
  const existing = headers.getSetCookie();
  if (!existing.some((other) => isSameCookie(other, name))) {
    headers.append('Set-Cookie', line);
    return;
  }
  headers.delete('Set-Cookie');
  for (const other of replaceCookie(existing, name, line)) headers.append('Set-Cookie', other);
}

function setOnNodeResponse(response: NodeResponseLike, name: string, line: string): void {
  if (response.headersSent) {
    throw new Error(`Cannot set cookie "${name}": the response headers have already been sent`);
  }
  const current = response.getHeader('Set-Cookie');
  const existing =
    current === undefined ? [] : Array.isArray(current) ? current : [String(current)];
  response.setHeader('Set-Cookie', replaceCookie(existing, name, line));
}

function setOnHonoContext(context: HonoContextLike, name: string, line: string): void {
  const existing = context.res.headers.getSetCookie();
  if (!existing.some((other) => isSameCookie(other, name))) {
    context.header('Set-Cookie', line, { append: true });
    return;
  }
  context.header('Set-Cookie', undefined);
  for (const other of replaceCookie(existing, name, line))
    context.header('Set-Cookie', other, { append: true });
}

/** `existing` with the line(s) for `name` replaced in place by `line`, or `line` added at the end. */
function replaceCookie(existing: readonly string[], name: string, line: string): string[] {
  const lines: string[] = [];
  let placed = false;
  for (const other of existing) {
    if (!isSameCookie(other, name)) lines.push(other);
    else if (!placed) {
      lines.push(line);
      placed = true;
    }
  }
  if (!placed) lines.push(line);
  return lines;
}

function isSameCookie(setCookie: string, name: string): boolean {
  return setCookie.startsWith(name) && setCookie.charCodeAt(name.length) === 61; // "="
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
