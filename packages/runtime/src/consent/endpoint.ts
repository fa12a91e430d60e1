import type { ConsentForm } from './withdraw.js';

/*
 * A small endpoint for pages that answer the consent question with `fetch` instead of a form
 * post: the Fetch API's Request in, Response out (Node 20+, Next.js route handlers, Hono, Deno,
 * Bun). It bounds what one request and one browser can cost: the body's size, and answers per
 * second overall and per consent id. It stores nothing about who asked (no address, no agent).
 */

export interface EndpointLimits {
  /** Largest body accepted, in bytes (default 4096). */
  readonly maxBytes?: number;
  /** Answers per second the endpoint accepts in all (default 200), with bursts up to twice that. */
  readonly perSecond?: number;
  /** Answers per minute from one consent id (default 30): one browser cannot flood the records. */
  readonly perIdPerMinute?: number;
  /** The clock, for tests. */
  readonly now?: () => number;
}

export interface EndpointAnswer {
  readonly headers: Headers;
  readonly body: unknown;
}

/*
 * JSON only: a page on another site cannot send it without the browser asking this one first
 * (a CORS preflight), while a form post it can; so another site cannot answer in a visitor's
 * name. A browser that says the request came from another site (Sec-Fetch-Site) is refused too.
 */
const JSON_TYPE = /^application\/json\s*(;|$)/i;

function reply(status: number, body: unknown, headers = new Headers()): Response {
  headers.set('Content-Type', 'application/json; charset=utf-8');
  headers.set('Cache-Control', 'no-store');
  return new Response(JSON.stringify(body), { status, headers });
}

async function readBody(request: Request, maxBytes: number): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return undefined;
  const reader = request.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** A JSON body's string fields only: anything else is no answer. */
function formOf(text: string): Readonly<Record<string, string>> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return Object.fromEntries(
      Object.entries(value).filter(
        (entry): entry is [string, string] =>
          typeof entry[1] === 'string' && entry[0] !== '__proto__',
      ),
    );
  } catch {
    return undefined;
  }
}

/**
 * The handler: POST with a JSON object carrying what the consent form carries (`cookies`,
 * `consent-<category>`, `consent_shown`). `apply` is the generated package's
 * applyConsentForm bound to its options; `idOf` reads the consent id a request's cookies carry.
 * 405 for another method, 403 from another site, 415 for a body that is not JSON, 413 past `maxBytes`, 429 past a rate (with
 * Retry-After), 400 for a body that is not an answer; otherwise 200 with the answer and the
 * consent cookie (and deletions) as Set-Cookie headers.
 */
export function consentEndpointHandler(
  apply: (form: ConsentForm, request: Request, headers: Headers) => Promise<unknown>,
  idOf: (request: Request) => string | undefined,
  limits: EndpointLimits = {},
): (request: Request) => Promise<Response> {
  const maxBytes = limits.maxBytes ?? 4096;
  const perSecond = limits.perSecond ?? 200;
  const perId = limits.perIdPerMinute ?? 30;
  const now = limits.now ?? Date.now;
  let tokens = perSecond * 2;
  let refilled = now();
  const recent = new Map<string, number[]>();
  const limited = (id: string | undefined): number | undefined => {
    const time = now();
    tokens = Math.min(perSecond * 2, tokens + ((time - refilled) / 1000) * perSecond);
    refilled = time;
    if (tokens < 1) return 1;
    if (id !== undefined) {
      const times = (recent.get(id) ?? []).filter((t) => time - t < 60_000);
      if (times.length >= perId) return Math.ceil((60_000 - (time - (times[0] ?? time))) / 1000);
      times.push(time);
      recent.set(id, times);
      // Forget ids that went quiet, so the map stays as small as the last minute's traffic.
      if (recent.size > 10_000)
        for (const [key, list] of recent)
          if (time - (list.at(-1) ?? 0) >= 60_000) recent.delete(key);
    }
    tokens -= 1;
    return undefined;
  };
  return async (request) => {
    if (request.method !== 'POST')
      return reply(405, { error: 'POST the answer' }, new Headers({ Allow: 'POST' }));
    if (request.headers.get('sec-fetch-site') === 'cross-site')
      return reply(403, { error: 'answers come from this site’s own pages' });
    if (!JSON_TYPE.test(request.headers.get('content-type') ?? ''))
      return reply(415, { error: 'send the answer as application/json' });
    const wait = limited(idOf(request));
    if (wait !== undefined)
      return reply(
        429,
        { error: 'too many answers' },
        new Headers({ 'Retry-After': String(wait) }),
      );
    const text = await readBody(request, maxBytes);
    if (text === undefined) return reply(413, { error: `the answer is over ${maxBytes} bytes` });
    const form = formOf(text);
    const action = form?.cookies;
    if (!form || (action !== 'accept' && action !== 'reject' && action !== 'save'))
      return reply(400, { error: 'the answer needs cookies: accept, reject or save' });
    const headers = new Headers();
    const body = await apply(form, request, headers);
    return reply(200, body, headers);
  };
}
