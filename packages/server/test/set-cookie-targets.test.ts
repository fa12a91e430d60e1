import { startLocalServer } from '@cookie-catalog/test-support';
import express from 'express';
import { Hono } from 'hono';
import { setCookie as honoSetCookie } from 'hono/cookie';
import { describe, expect, it } from 'vitest';
import { CookieValueError, deleteLanguage, setCsrftoken, setLanguage } from '../src/index.js';

const TOKEN = 'kP3xV9qLm2Zt7RbW4nYc8sHd6JfG1aQe';
const LANGUAGE_EN = 'language=en; Max-Age=2592000; Path=/; Secure; SameSite=Lax';
const CSRF = `csrftoken=${TOKEN}; Max-Age=31536000; Path=/; Secure; SameSite=Lax`;

/** Sets language twice around csrftoken: the second language replaces the first, in place. */
function setThree(target: Parameters<typeof setLanguage>[0]): void {
  setLanguage(target, 'sv');
  setCsrftoken(target, TOKEN);
  setLanguage(target, 'en');
}

describe('setters on every kind of target', () => {
  it('Fetch Headers: two setters give two Set-Cookie values; the same cookie is replaced', () => {
    const headers = new Headers({ 'Set-Cookie': 'other=1; Path=/' });
    setThree(headers);
    expect(headers.getSetCookie()).toEqual(['other=1; Path=/', LANGUAGE_EN, CSRF]);
  });

  it('Fetch Response', () => {
    const response = new Response('ok');
    setThree(response);
    expect(response.headers.getSetCookie()).toEqual([LANGUAGE_EN, CSRF]);
  });

  it('a real node:http server', async () => {
    const server = await startLocalServer((_request, response) => {
      response.setHeader('Set-Cookie', 'other=1; Path=/');
      setThree(response);
      response.end('ok');
    });
    try {
      const response = await fetch(server.origin);
      expect(response.headers.getSetCookie()).toEqual(['other=1; Path=/', LANGUAGE_EN, CSRF]);
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
      expect(response.headers.getSetCookie()).toEqual(['other=1; Path=/', LANGUAGE_EN, CSRF]);
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
    expect(response.headers.getSetCookie()).toEqual(['other=1; Path=/', LANGUAGE_EN, CSRF]);
    expect(response.headers.get('X-Later')).toBe('yes');
  });

  it('deleting after setting in the same response leaves only the deletion', () => {
    const headers = new Headers();
    setLanguage(headers, 'sv');
    deleteLanguage(headers);
    expect(headers.getSetCookie()).toEqual(['language=; Max-Age=0; Path=/; Secure; SameSite=Lax']);
  });

  it('refuses a response whose headers are already sent, and objects it cannot set cookies on', async () => {
    let caught: unknown;
    const server = await startLocalServer((_request, response) => {
      response.end('done');
      try {
        setLanguage(response, 'sv');
      } catch (error) {
        caught = error;
      }
    });
    try {
      await fetch(server.origin);
    } finally {
      await server.close();
    }
    expect(String(caught)).toMatch(
      /Cannot set cookie "language": the response headers have already been sent/,
    );
    expect(() => setLanguage({} as Headers, 'sv')).toThrow(/Cannot set a cookie on this object/);
  });

  it('appends nothing when the value is invalid', () => {
    const headers = new Headers();
    expect(() => setLanguage(headers, 'xx' as 'en')).toThrow(CookieValueError);
    expect(headers.getSetCookie()).toEqual([]);
  });
});
