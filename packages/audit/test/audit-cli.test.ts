import { mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editedCatalog } from '../../catalog/test/catalog-copy.js';
import { runCli } from '../../cli/test/run-cli.js';

/*
 * `cookie-catalog audit` as a user runs it: a site that cannot be reached is neither a pass nor a
 * finding, and every mistake in the arguments is one line and exit 2, before a browser starts and
 * before anything is written.
 */

const servers: Server[] = [];
async function serve(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** What a user sees of a refusal: exactly one line, no stack, nothing on stdout. */
function oneLine(result: { stdout: string; stderr: string }): string {
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  return lines[0] as string;
}

let dir: string;
/** A site that stores one cookie the catalog does not declare. */
let site: string;
const LONG_NAME = `x${'y'.repeat(299)}`;

beforeAll(async () => {
  dir = await editedCatalog([]);
  site = await serve((_request, response) => {
    response.setHeader('Set-Cookie', [`undeclared_here=1; Path=/`, `${LONG_NAME}=1; Path=/`]);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end('<!doctype html><html lang="en"><title>Shop</title><h1>Shop</h1></html>');
  });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

/** One page unless `--pages` is among the arguments. */
const audit = (...args: string[]) =>
  runCli(
    [
      'audit',
      ...args,
      '--catalog',
      dir,
      '--consent',
      'none',
      ...(args.includes('--pages') ? [] : ['--pages', '1']),
    ],
    dir,
  );

describe('a start page that cannot be loaded', () => {
  it('exits 3 with one line: connection refused', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/`;
    const result = await audit(url);
    expect(result.code).toBe(3);
    expect(
      oneLine({ ...result, stderr: result.stderr.replace(/^before consent: .*\n/gm, '') }),
    ).toBe(
      `cookie-catalog: audit: the start page ${url} could not be loaded: net::ERR_CONNECTION_REFUSED; check the address and that the site is up (nothing was audited)`,
    );
  });

  it('exits 3 with one line: an error status', async () => {
    const url = await serve((_request, response) => {
      response.statusCode = 503;
      response.end('down for maintenance');
    });
    const result = await audit(url);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/could not be loaded: it answered HTTP 503 Service Unavailable;/);
  });
});

describe('mistakes in the arguments: one line, exit 2, nothing browsed or written', () => {
  it('an address that does not parse', async () => {
    const result = await audit('http://[::1');
    expect(result.code).toBe(2);
    expect(oneLine(result)).toBe(
      'cookie-catalog: audit: "http://[::1" is not a valid address; give the http(s) address of a page, e.g. https://example.com',
    );
  });

  it('a consent cookie without a value, or with a name that is no cookie name', async () => {
    const noValue = await audit(site, '--consent-cookie', 'consent');
    expect(noValue.code).toBe(2);
    expect(oneLine(noValue)).toMatch(
      /^cookie-catalog: audit: --consent-cookie "consent" has no "=" and so no value; give it as name=value/,
    );
    const badName = await audit(site, '--consent-cookie', 'a b=1');
    expect(badName.code).toBe(2);
    expect(oneLine(badName)).toMatch(/"a b" is not a cookie name/);
  });

  it('a storage state file that is missing, not JSON, or of another shape', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cookie-catalog-state-'));
    await writeFile(join(folder, 'broken.json'), '{"cookies": [');
    await writeFile(join(folder, 'shape.json'), '{"cookies": [{"name": "auth"}]}');
    for (const [file, says] of [
      ['missing.json', 'no such file'],
      ['broken.json', 'is not JSON'],
      ['shape.json', 'cookies[0] needs a name, a value and a domain (or url)'],
    ] as const) {
      const result = await audit(site, '--storage-state', join(folder, file));
      expect(result.code).toBe(2);
      expect(oneLine(result)).toContain(`--storage-state ${join(folder, file)}: ${says}`);
    }
  });

  it('--propose into a symbolic link, or into a folder inside one', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'cookie-catalog-elsewhere-'));
    await mkdir(join(elsewhere, 'inner'));
    await symlink(elsewhere, join(dir, 'linked'));
    for (const target of ['linked', join('linked', 'inner'), join('linked', 'new', 'drafts')]) {
      const result = await audit(site, '--propose', target);
      expect(result.code).toBe(2);
      expect(oneLine(result)).toBe(
        `cookie-catalog: audit: --propose ${target}: linked is a symbolic link; drafts are written only into a real folder (give its real path)`,
      );
    }
    expect(await readdir(elsewhere)).toEqual(['inner']);
    expect(await readdir(join(elsewhere, 'inner'))).toEqual([]);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const file = await audit(site, '--propose', 'notes.txt');
    expect(file.code).toBe(2);
    expect(oneLine(file)).toBe(
      'cookie-catalog: audit: --propose notes.txt is a file, not a folder; give a folder for the drafts',
    );
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('--propose', () => {
  it('drafts a cookie whose name is too long for a file name, after printing the report', async () => {
    const result = await audit(site, '--propose', 'drafts');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ 2 errors/);
    const files = await readdir(join(dir, 'drafts'));
    expect(files).toHaveLength(2);
    expect(files).toContain('undeclared_here.yaml');
    const long = files.find((f) => f.startsWith('xyyy')) as string;
    expect(long.length).toBeLessThan(100);
    // The draft keeps the whole name the browser saw.
    expect(await readFile(join(dir, 'drafts', long), 'utf8')).toContain(
      `name: ${JSON.stringify(LONG_NAME)}`,
    );
  });
});

describe('pages not fully seen', () => {
  it('are warnings in every format, and do not fail the audit', async () => {
    const url = await serve((request, response) => {
      if (request.url === '/broken') {
        response.statusCode = 500;
        response.end();
        return;
      }
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end('<!doctype html><html lang="en"><title>Shop</title><a href="/broken">x</a>');
    });
    const args = ['--pages', '2'];
    const text = await audit(url, ...args);
    expect(text.code).toBe(0);
    expect(text.stderr).toContain(
      `warning before consent: ${url}broken: it answered HTTP 500 Internal Server Error\n`,
    );
    expect(text.stdout).toMatch(/1 warning \(pages not fully seen\)/);
    const markdown = await audit(url, ...args, '--format', 'markdown');
    expect(markdown.stdout).toContain(
      `Pages not fully seen (1):\n\n- \`before consent\` \`${url}broken\`: \`it answered HTTP 500 Internal Server Error\``,
    );
    const json = JSON.parse((await audit(url, ...args, '--format', 'json')).stdout);
    expect(json.warnings).toEqual([
      {
        pass: 'before consent',
        page: `${url}broken`,
        message: 'it answered HTTP 500 Internal Server Error',
      },
    ]);
  });
});
