import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdir, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  type Edit,
  editedCatalog,
  FIXTURE_CATALOG,
  lineOf,
  REAL_CATALOG,
} from '../../catalog/test/catalog-copy.js';
import { runCli } from './run-cli.js';

const BIN = fileURLToPath(new URL('../bin/cookie-catalog.js', import.meta.url));
const REPO = dirname(REAL_CATALOG);

const run = (args: string[], cwd = REPO) => runCli(args, cwd);

/** Runs the built, installed binary as a user would: `npx cookie-catalog ...`. */
async function runBin(args: string[], cwd = REPO) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('cookie-catalog validate on a valid catalog', () => {
  it('exits 0 with a one-line summary, after the notes on what the exports leave out', async () => {
    const { code, stdout, stderr } = await run(['validate', '--catalog', FIXTURE_CATALOG]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // The fixture's PubNub cookie lives "forever" by its provider's word: the TCF file cannot say
    // that in seconds, and validate says so before any build.
    expect(stdout).toMatch(
      /^\S+pubnub_subscription\.yaml:\d+:\d+ {2}export\/unknown-lifetime {2}note: the TCF disclosure leaves out "sub-\{id\}"/m,
    );
    expect(stdout.trim().split('\n').at(-1)).toMatch(
      /^✓ \S+ is valid: 15 entries \(6 first-party cookies, 2 cookies vendors set on our domain, 6 third-party cookies, 1 similar technology\) in 2 locales \(en, sv\); 1 note on what the exports leave out\.$/,
    );
  });

  it('says when a retired cookie can be removed: a warning at its retired day, judged by lastUpdated', async () => {
    const dir = await editedCatalog([
      {
        file: 'cookies/language.yaml',
        find: 'lifetime: 30 days\n',
        with: 'lifetime: 30 days\nretired: 2026-10-27\n',
      },
    ]);
    const { code, stdout } = await run(['validate', '--catalog', 'catalog'], dirname(dir));
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^catalog\/cookies\/language\.yaml:12:10 {2}retired\/run-out {2}warning: retired since 2026-10-27, and by the policy's lastUpdated \(2026-11-26\) no browser holds it any more: its lifetime is "30 days", so it was gone by 2026-11-26 \(GDPR art\. 13\(2\)\(a\); RFC 6265bis §5\.5\)\n {4}fix: it can now be removed from the catalog: delete this file/m,
    );
    expect(stdout).toMatch(/ \(\d+ first-party cookies, .*, 1 of them retired\) in 2 locales/);
    // CI's --strict fails on it, so the entry leaves the catalog with the next change.
    expect((await run(['validate', '--catalog', 'catalog', '--strict'], dirname(dir))).code).toBe(
      1,
    );
  });

  it('shows security advice as warnings, e.g. the __Host- prefix for csrftoken, unless declined with a reason', async () => {
    // The fixture declines it, with reasons.
    expect((await run(['validate', '--strict', '--catalog', FIXTURE_CATALOG])).code).toBe(0);
    const dir = await editedCatalog([
      { file: 'cookies/csrftoken.yaml', find: '  advice/host-prefix:', with: '  advice/secure:' },
    ]);
    const { code, stdout } = await run(['validate', '--catalog', 'catalog'], dirname(dir));
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^catalog\/cookies\/csrftoken\.yaml:3:7 {2}advice\/host-prefix {2}warning: consider naming it "__Host-csrftoken"/m,
    );
    const strict = await run(['validate', '--catalog', 'catalog', '--strict'], dirname(dir));
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/--strict treats warnings as errors/);
  });

  it('prints JSON with --format json', async () => {
    const { code, stdout } = await run([
      'validate',
      '--format',
      'json',
      '--catalog',
      FIXTURE_CATALOG,
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      valid: true,
      errors: 0,
      warnings: 0,
      notes: 1,
      entries: 15,
      problems: [
        {
          rule: 'export/unknown-lifetime',
          severity: 'info',
          file: expect.stringMatching(/pubnub/),
        },
      ],
    });
    const dir = await editedCatalog([
      { file: 'cookies/language.yaml', find: 'lifetime: 30 days', with: 'lifetime: 2 years' },
    ]);
    const report = JSON.parse(
      (await run(['validate', '--format', 'json', '--catalog', 'catalog'], dirname(dir))).stdout,
    );
    expect(report).toMatchObject({ valid: false, errors: 1, entries: null });
    expect(report.problems[0]).toMatchObject({
      file: expect.stringMatching(/^catalog\//),
      line: expect.any(Number),
      rule: expect.any(String),
      fix: expect.any(String),
    });
  });

  it('validates catalog/ (whatever it holds) by default, and finds --catalog relative to the working directory', async () => {
    expect((await run(['validate'])).code).toBe(0);
    const { code } = await run(
      ['validate', '--catalog', '../../catalog'],
      join(REPO, 'packages', 'cli'),
    );
    expect(code).toBe(0);
  });
});

describe('cookie-catalog validate on bad input', () => {
  it('reports every problem, not just the first, and exits 1', async () => {
    const dir = await editedCatalog([
      { file: 'cookies/language.yaml', find: 'lifetime: 30 days', with: 'lifetime: 2 years' },
      { file: 'cookies/csrftoken.yaml', find: 'name: csrftoken', with: 'name: "a;b"' },
    ]);
    const { code, stderr } = await run(['validate', '--catalog', dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/csrftoken\.yaml:3:9 {2}cookie\/name {2}/);
    expect(stderr).toMatch(
      /language\.yaml:\d+:\d+ {2}cookie\/lifetime-cap {2}lifetime "2 years" is longer than browsers keep a cookie/,
    );
    expect(stderr).toMatch(/\n {4}fix: use at most "400 days"\n/);
    expect(stderr.trim().split('\n').at(-1)).toMatch(/^✗ .* is not valid: 2 errors\.$/);
  });

  it('prints catalog text so that a terminal shows escape sequences instead of obeying them', async () => {
    const dir = await editedCatalog([
      {
        file: 'cookies/language.yaml',
        find: 'category: necessary',
        with: 'category: "\\e[2J\\e]0;pwned\\a\\u009b31m"',
      },
    ]);
    const { code, stdout, stderr } = await runBin(['validate', '--catalog', dir]);
    expect(code).toBe(1);
    // ESC, BEL and the C1 CSI (U+009B) never reach the terminal raw…
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(stdout + stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    // …but are shown, so the reader sees what is in the file.
    expect(stdout + stderr).toContain('\\u{1B}[2J\\u{1B}]0;pwned\\u{7}\\u{9B}31m');
  });

  it('right after npm ci, before any build, says in one line what to run', async () => {
    // The committed bin/ as a fresh clone has it: no dist/ beside it yet.
    const fresh = await mkdtemp(join(tmpdir(), 'cookie-catalog-fresh-'));
    await mkdir(join(fresh, 'bin'));
    await cp(BIN, join(fresh, 'bin', 'cookie-catalog.js'));
    const failed = await promisify(execFile)(process.execPath, [
      join(fresh, 'bin', 'cookie-catalog.js'),
      'validate',
    ]).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({
      code: 1,
      stderr:
        'cookie-catalog: the toolchain is not built yet; run `npm run build` once, then try again.\n',
    });
  });

  it('the installed binary (the bundled validate path) reports exactly what the CLI module does', async () => {
    const dir = await editedCatalog([
      { file: 'cookies/language.yaml', find: 'lifetime: 30 days', with: 'lifetime: 2 years' },
    ]);
    for (const args of [
      ['validate', '--catalog', FIXTURE_CATALOG],
      ['validate', '--catalog', dir],
      ['validate', '--format', 'json', '--catalog', dir],
    ]) {
      expect(await runBin(args)).toEqual(await run(args));
    }
  });

  it('stops quietly when the reader closes the pipe early (`validate | head`)', async () => {
    const child = spawn(process.execPath, [BIN, 'generators'], { cwd: REPO });
    child.stdout.destroy(); // closed before the first line is written
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const [code] = await once(child, 'close');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('says clearly when the catalog folder does not exist', async () => {
    const { code, stderr } = await run(['validate', '--catalog', 'no-such-folder']);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^no-such-folder:1:1 {2}catalog\/missing-file {2}there is no catalog folder here/,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('lists the generators and where they write', async () => {
    const { code, stdout } = await run(['generators']);
    expect(code).toBe(0);
    expect(
      stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(/\s+/)[0]),
    ).toEqual([
      'csv/ocd',
      'html/policy',
      'html/policy-table',
      'json/catalog',
      'json/tcf-device-storage',
      'md/policy',
      'ts/client',
      'ts/consent',
      'ts/docs',
      'ts/server',
    ]);
  });

  it('answers usage mistakes with exit 2 and the usage text', async () => {
    for (const args of [
      ['frobnicate'],
      ['validate', '--formt', 'json'],
      ['validate', '--format', 'xml'],
      [],
    ]) {
      const { code, stderr } = await run(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/cookie-catalog|Usage/);
    }
    expect((await run(['--help'])).code).toBe(0);
  });
});

describe('acceptance: each edit makes the installed `cookie-catalog validate` exit 1 naming file and line', () => {
  const cases: [string, Edit, string, string, RegExp][] = [
    [
      'a lifetime above 400 days',
      { file: 'cookies/language.yaml', find: 'lifetime: 30 days', with: 'lifetime: 401 days' },
      'cookies/language.yaml',
      'lifetime: 401 days',
      /cookie\/lifetime-cap/,
    ],
    [
      'an unknown key httponly: true',
      { file: 'cookies/access_token.yaml', find: 'httpOnly: true', with: 'httponly: true' },
      'cookies/access_token.yaml',
      'httponly: true',
      /schema\/unknown-key {2}unknown key "httponly" in attributes.*\n {4}fix: did you mean "httpOnly"\?/,
    ],
    [
      'a deleted Swedish purpose',
      {
        file: 'cookies/language.yaml',
        find: '  sv: Kommer ihåg vilket språk du valde för våra sidor.\n',
        with: '',
      },
      'cookies/language.yaml',
      'purpose:',
      /i18n\/missing-translation {2}purpose has no Swedish \(sv\) text/,
    ],
    [
      'a cookie named a;b',
      { file: 'cookies/csrftoken.yaml', find: 'name: csrftoken', with: 'name: a;b' },
      'cookies/csrftoken.yaml',
      'name: a;b',
      /cookie\/name {2}the cookie name "a;b" contains ";"/,
    ],
    [
      'SameSite=None without Secure',
      { file: 'cookies/efaktura.yaml', find: 'secure: true', with: 'secure: false' },
      'cookies/efaktura.yaml',
      'sameSite: None',
      /cookie\/same-site {2}SameSite=None without Secure/,
    ],
    [
      'an https link turned into javascript:alert(1)',
      {
        file: 'cookies/pubnub_subscription.yaml',
        find: 'https://www.pubnub.com/privacy-policy/',
        with: 'javascript:alert(1)',
      },
      'cookies/pubnub_subscription.yaml',
      'javascript:alert(1)',
      /link\/scheme {2}"javascript:alert\(1\)" uses javascript:, not https:/,
    ],
  ];

  it.each(cases)('%s', async (_title, edit, file, lineText, message) => {
    const dir = await editedCatalog([edit]);
    const before = await readdir(dir, { recursive: true });
    const { code, stdout, stderr } = await runBin(
      ['validate', '--catalog', 'catalog'],
      dirname(dir),
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const line = await lineOf(dir, file, lineText);
    expect(stderr).toMatch(
      new RegExp(`^catalog/${file.replace('.', '\\.')}:${line}:\\d+ {2}`, 'm'),
    );
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /); // never a stack trace for a user mistake
    expect(await readdir(dir, { recursive: true })).toEqual(before); // nothing written
  });
});
