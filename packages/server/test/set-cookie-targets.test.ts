import { startLocalServer } from '@cookie-catalog/test-support';
import express from 'express';
import { Hono } from 'hono';
import { setCookie as honoSetCookie } from 'hono/cookie';
import { describe, expect, it } from 'vitest';
import { CookieValueError } from '../src/generated/index.js';
import { realCookies } from './real-catalog.js';

// Two cookies of whatever catalog the package was built from (one is enough to test with).
const [first, second] = await realCookies();

describe.runIf(first)('setters on every kind of target', () => {
  const a = first as NonNullable<typeof first>;
  // The body of a skipped describe still runs (to collect its tests): with no cookie of our own
  // in the catalog there is nothing to serialize.
  const expected = first ? [a.serialize(), ...(second ? [second.serialize()] : [])] : [];

  /** Sets a twice around b: the second a replaces the first, in place. */
  function setThree(target: unknown): void {
    a.set(target);
    second?.set(target);
    a.set(target);
  }

  it('Fetch Headers: two setters give two Set-Cookie values; the same cookie is replaced', () => {
    const headers = new Headers({ 'Set-Cookie': 'other=1; Path=/' });
    setThree(headers);
    expect(headers.getSetCookie()).toEqual(['other=1; Path=/', ...expected]);
  });

  it('Fetch Response', () => {
    const response = new Response('ok');
    setThree(response);
    expect(response.headers.getSetCookie()).toEqual(expected);
  });

  it('a real node:http server', async () => {
    const server = await startLocalServer((_request, response) => {
      response.setHeader('Set-Cookie', 'other=1; Path=/');
      setThree(response);
      response.end('ok');
    });
    try {
      const response = await fetch(server.origin);
      expect(response.headers.getSetCookie()).toEqual(['other=1; Path=/', ...expected]);
    } finally {
      await server.close();
    }
  });

  it('a real Express app, alongside res.cookie()', async () => {
    const app = express();
    app.get('/', (_request, response) => {
      response.cookie('other', '1');
      setThree(response);
      response.send('ok');
    });
    const server = await startLocalServer((request, response) => app(request, response));
    try {
      const response = await fetch(server.origin);
      expect(response.headers.getSetCookie()).toEqual(['other=1; Path=/', ...expected]);
    } finally {
      await server.close();
    }
  });

  it("a real Hono app, alongside Hono's own setCookie", async () => {
    const app = new Hono();
    app.get('/', (context) => {
      honoSetCookie(context, 'other', '1');
      setThree(context);
      context.header('X-Later', 'yes');
      return context.text('ok');
    });
    const response = await app.request('/');
    expect(response.headers.getSetCookie()).toEqual(['other=1; Path=/', ...expected]);
    expect(response.headers.get('X-Later')).toBe('yes');
  });

  it('deleting after setting in the same response leaves only the deletion', () => {
    const headers = new Headers();
    a.set(headers);
    a.remove(headers);
    const lines = headers.getSetCookie();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${escapeRegExp(a.name)}=; Max-Age=0;`));
  });

  it('refuses a response whose headers are already sent, and objects it cannot set cookies on', async () => {
    let caught: unknown;
    const server = await startLocalServer((_request, response) => {
      response.end('done');
      try {
        a.set(response);
      } catch (error) {
        caught = error;
      }
    });
    try {
      await fetch(server.origin);
    } finally {
      await server.close();
    }
    expect(String(caught)).toContain(
      `Cannot set cookie "${a.name}": the response headers have already been sent`,
    );
    expect(() => a.set({})).toThrow(/Cannot set a cookie on this object/);
  });

  it('appends nothing when the value is invalid', () => {
    const headers = new Headers();
    expect(() => a.setWith(headers, Symbol('not a cookie value'))).toThrow(CookieValueError);
    expect(headers.getSetCookie()).toEqual([]);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
