import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { launchChromium } from '@cookie-catalog/test-support';
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitsNextStores, realCookies } from './real-catalog.js';

/**
 * The generated package in a real Next.js App Router app: `next build` and `next start`, then
 * Route Handlers (with `await cookies()` and with NextResponse) over HTTP, and a Server Action
 * clicked in Chromium. Every first-party cookie of the catalog the package was built from.
 */
const APP = fileURLToPath(new URL('./.next-app/', import.meta.url));
const NEXT = createRequire(import.meta.url).resolve('next/dist/bin/next');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

// Cookies whose raw values Next.js's stores would percent-encode are refused there (another test).
const subjects = (await realCookies()).filter(fitsNextStores).map((subject) => {
  const params = subject.cookie.name.parameters.length ? [subject.args[0]] : [];
  return { subject, fn: subject.cookie.functionName, args: subject.args, params };
});
const CASES = JSON.stringify(subjects.map(({ fn, args, params }) => ({ fn, args, params })));
const header = `import * as server from '@billogram/cookies-server';\nconst CASES = ${CASES};\n`;

const files: Record<string, string> = {
  'package.json': JSON.stringify({ private: true, type: 'module' }),
  'next.config.mjs': 'export default {};\n',
  'app/layout.js':
    'export default function Layout({ children }) {\n  return <html lang="en"><body>{children}</body></html>;\n}\n',
  'app/page.js': `import { cookies } from 'next/headers';
${header}
async function save() {
  'use server';
  const store = await cookies();
  for (const c of CASES) server['set' + c.fn](store, ...c.args);
}

export default async function Page() {
  const store = await cookies();
  const values = CASES.map((c) => server['read' + c.fn](store, ...c.params) ?? null);
  return (
    <main>
      <form action={save}><button type="submit">Save</button></form>
      <output>{JSON.stringify(values)}</output>
    </main>
  );
}
`,
  'app/api/store/route.js': `import { cookies } from 'next/headers';
${header}
export async function GET() {
  const store = await cookies();
  for (const c of CASES) server['set' + c.fn](store, ...c.args);
  return Response.json({ ok: true });
}

export async function DELETE() {
  const store = await cookies();
  for (const c of CASES) server['delete' + c.fn](store, ...c.params);
  return Response.json({ ok: true });
}
`,
  'app/api/response/route.js': `import { NextResponse } from 'next/server';
${header}
export async function GET() {
  const response = NextResponse.json({ ok: true });
  for (const c of CASES) server['set' + c.fn](response, ...c.args);
  response.cookies.set('after', '2');
  return response;
}
`,
  'app/api/read/route.js': `import { cookies } from 'next/headers';
${header}
export async function GET(request) {
  const store = await cookies();
  return Response.json(
    CASES.map((c) => ({
      fromCookies: server['read' + c.fn](store, ...c.params) ?? null,
      fromRequest: server['read' + c.fn](request.cookies, ...c.params) ?? null,
    })),
  );
}
`,
};

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  return port;
}

let next: ChildProcess | undefined;
let origin = '';

beforeAll(async () => {
  // The app's files are written afresh; Next's build folder is kept between runs, as in any Next
  // project: `next build` rebuilds every output in it and reuses its own cache (.next/cache), a
  // third of the CPU time of a build from nothing.
  await mkdir(APP, { recursive: true });
  for (const entry of await readdir(APP))
    if (entry !== '.next') await rm(join(APP, entry), { recursive: true, force: true });
  for (const [path, text] of Object.entries(files)) {
    const file = `${APP}${path}`;
    await mkdir(file.slice(0, file.lastIndexOf('/')), { recursive: true });
    await writeFile(file, text);
  }
  await promisify(execFile)(process.execPath, [NEXT, 'build'], { cwd: APP, env });
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  next = spawn(process.execPath, [NEXT, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: APP,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Ready when it answers.
  for (;;) {
    if (next.exitCode !== null) throw new Error('next start exited');
    if (
      await fetch(`${origin}/api/read`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 240_000);

afterAll(async () => {
  next?.kill();
  if (next && next.exitCode === null) await once(next, 'exit');
});

/** What a browser keeps of each line (tough-cookie), as `name=value` pairs to send back. */
async function kept(lines: readonly string[]): Promise<string> {
  const pairs: string[] = [];
  for (const line of lines) {
    const name = line.slice(0, line.indexOf('='));
    const found = subjects.find((s) => s.subject.name === name);
    if (!found) continue;
    const { attributes, provider } = found.subject.cookie;
    const url = `https://${attributes.domain ?? provider.domain}${attributes.path}`;
    const jar = new CookieJar(undefined, { prefixSecurity: 'strict', looseMode: false });
    await jar.setCookie(line, url, { ignoreError: false });
    const [cookie] = await jar.getCookies(url, { http: true });
    expect(cookie?.secure).toBe(attributes.secure);
    expect(cookie?.httpOnly).toBe(attributes.httpOnly);
    expect(cookie?.sameSite).toBe(attributes.sameSite.toLowerCase());
    pairs.push(`${cookie?.key}=${cookie?.value}`);
  }
  return pairs.join('; ');
}

describe.runIf(subjects.length > 0)('a real Next.js App Router app', () => {
  const values = subjects.map(({ args }) => args.at(-1));

  it('Route Handler: setters take `await cookies()`, and a browser keeps every cookie as declared', async () => {
    const response = await fetch(`${origin}/api/store`);
    const lines = response.headers.getSetCookie();
    expect(lines.map((l) => l.slice(0, l.indexOf('=')))).toEqual(
      subjects.map((s) => s.subject.name),
    );
    const read = await fetch(`${origin}/api/read`, { headers: { cookie: await kept(lines) } });
    expect(await read.json()).toEqual(values.map((v) => ({ fromCookies: v, fromRequest: v })));
  });

  it('Route Handler: deleters take `await cookies()` and expire every cookie', async () => {
    const lines = (await fetch(`${origin}/api/store`, { method: 'DELETE' })).headers.getSetCookie();
    expect(lines).toHaveLength(subjects.length);
    for (const line of lines) expect(line).toMatch(/; Max-Age=0(;|$)/);
  });

  it('NextResponse: catalog cookies survive a later response.cookies.set of another cookie', async () => {
    const lines = (await fetch(`${origin}/api/response`)).headers.getSetCookie();
    expect(lines.map((l) => l.slice(0, l.indexOf('=')))).toEqual([
      ...subjects.map((s) => s.subject.name),
      'after',
    ]);
  });

  it('Server Action: a click in Chromium sets the cookies, and the page then reads them', async () => {
    // Cookies for another domain are not for 127.0.0.1: the page reads those as absent.
    const shown = subjects.map(({ subject }, i) =>
      subject.cookie.attributes.domain === undefined ? values[i] : null,
    );
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(origin);
      await page.locator('output', { hasText: JSON.stringify(subjects.map(() => null)) }).waitFor();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.locator('output', { hasText: JSON.stringify(shown) }).waitFor();
      const stored = await browser.context.cookies(origin);
      for (const { subject } of subjects.filter(
        (s) => s.subject.cookie.attributes.domain === undefined,
      )) {
        const cookie = stored.find((c) => c.name === subject.name);
        expect(cookie?.httpOnly).toBe(subject.cookie.attributes.httpOnly);
        expect(cookie?.secure).toBe(subject.cookie.attributes.secure);
        expect(cookie?.sameSite).toBe(subject.cookie.attributes.sameSite);
      }
    } finally {
      await browser.close();
    }
  }, 60_000);
});
