import { execFile } from 'node:child_process';
import {
  cp,
  link,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { loadCatalog } from '@cookie-catalog/catalog';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import {
  type Edit,
  editedCatalog,
  FIXTURE_CATALOG,
  REAL_CATALOG,
} from '../../catalog/test/catalog-copy.js';
import { runCli } from './run-cli.js';

const exec = promisify(execFile);
const REPO = dirname(REAL_CATALOG);
const CHANGESET_BIN = join(REPO, 'node_modules', '@changesets', 'cli', 'bin.js');

const run = (args: string[], cwd = REPO) => runCli(args, cwd);

/** `diff` of the fixture catalog against a copy with `edits`, as legal would make them. */
async function diffAgainstFixture(edits: Edit[], format = 'json') {
  const copy = await editedCatalog(edits);
  const result = await run([
    'diff',
    '--from',
    FIXTURE_CATALOG,
    '--catalog',
    copy,
    '--format',
    format,
  ]);
  return { ...result, json: format === 'json' ? JSON.parse(result.stdout) : undefined };
}

describe('cookie-catalog diff says what a change means and what it bumps', () => {
  // Every kind of change and the bump it gets: release-bumps.test.ts.
  it('acceptance: removing an entry file is reported as removed, major for server and client', async () => {
    const { code, json } = await diffAgainstFixture([
      { file: 'cookies/language.yaml', with: null },
    ]);
    expect(code).toBe(0);
    expect(json.changes.map((c: { description: string }) => c.description)).toEqual([
      'language (language) removed',
    ]);
    expect(json.bumps).toEqual({
      '@cookie-catalog/server': 'major',
      '@cookie-catalog/client': 'major',
      '@cookie-catalog/policy-table': 'patch',
      '@cookie-catalog/docs': 'patch',
    });
    const server = json.packageBumps.find(
      (p: { name: string }) => p.name === '@cookie-catalog/server',
    );
    // Its setter, by the name the fixture gives it, is among the reasons.
    const { catalog: fixture } = await loadCatalog(FIXTURE_CATALOG);
    const removed = fixture?.entries.find((e) => e.source === 'cookies/language.yaml');
    expect(server.reasons).toContain(`major: set${removed?.functionName} removed`);
  });

  it('a new category that needs consent: the consent cookie gains a field, and the version must rise', async () => {
    const newCategory = {
      file: 'policy.yaml',
      find: 'authorities:\n',
      with: '  - id: statistics\n    consentRequired: true\n    openCookieDatabase: Analytics\n    label: { en: Statistics, sv: Statistik }\n    description: { en: Counting visits., sv: Räknar besök. }\n\nauthorities:\n',
    };
    const { json } = await diffAgainstFixture([
      { file: 'policy.yaml', find: '\n\nauthorities:\n', with: '\nauthorities:\n' },
      newCategory,
    ]);
    expect(json.changes.map((c: { description: string }) => c.description)).toEqual([
      'billogramGDPR value gains field statistics (boolean)',
      'the consent banner now asks about statistics',
    ]);
    // The consent readers can now return an answer with a category they never returned: major.
    expect(json.bumps).toMatchObject({
      '@cookie-catalog/server': 'major',
      '@cookie-catalog/client': 'major',
      '@cookie-catalog/consent': 'major',
    });
    expect(json.warnings).toEqual([
      'the categories that need consent changed (+statistics) but consent.version is still 3: people who answered before are not asked again. Raise consent.version in policy.yaml.',
    ]);
    const raised = await diffAgainstFixture([
      { file: 'policy.yaml', find: '\n\nauthorities:\n', with: '\nauthorities:\n' },
      newCategory,
      { file: 'policy.yaml', find: '  version: 3', with: '  version: 4' },
    ]);
    expect(raised.json.warnings).toEqual([]);
  });

  it('prints Markdown ready for a pull request', async () => {
    const { stdout } = await diffAgainstFixture(
      [{ file: 'cookies/access_token.yaml', find: 'lifetime: 1 hour', with: 'lifetime: 2 hours' }],
      'markdown',
    );
    expect(stdout).toContain('### Cookie catalog changes');
    expect(stdout).toContain('- access\\_token lifetime 1 hour → 2 hours');
    expect(stdout).toContain('| `@cookie-catalog/server` | patch |');
  });

  it('keeps patterns literal in the Markdown a pull request renders', async () => {
    const { stdout } = await diffAgainstFixture(
      [
        {
          file: 'cookies/csrftoken.yaml',
          find: 'pattern: "^[A-Za-z0-9]{32,64}$"',
          with: 'pattern: "^[A-Za-z0-9_~&*-]{32,64}$"',
        },
      ],
      'markdown',
    );
    const line = stdout.split('\n').find((l) => l.startsWith('- csrftoken')) ?? '';
    const html = new MarkdownIt().render(line);
    expect(html).not.toMatch(/<(em|strong|s|a|code)\b/);
    const text = html
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .trim();
    expect(text).toBe(
      'csrftoken value accepts more values: now also allows &, *, -, _, ~ (pattern ^[A-Za-z0-9]{32,64}$ → ^[A-Za-z0-9_~&*-]{32,64}$)',
    );
  });

  it('needs something to compare with', async () => {
    expect((await run(['diff'])).code).toBe(2);
  });
});

/** A throwaway git repository shaped like ours: the catalog, the four packages, changesets. */
async function tempRepository(): Promise<string> {
  const dir = join(await editedCatalog([]), '..');
  const git = (...args: string[]) => exec('git', args, { cwd: dir });
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }, null, 2),
  );
  for (const name of ['server', 'client', 'policy-table', 'docs']) {
    await mkdir(join(dir, 'packages', name), { recursive: true });
    await writeFile(
      join(dir, 'packages', name, 'package.json'),
      JSON.stringify({ name: `@cookie-catalog/${name}`, version: '1.0.0' }, null, 2),
    );
  }
  await mkdir(join(dir, '.changeset'));
  await cp(join(REPO, '.changeset', 'config.json'), join(dir, '.changeset', 'config.json'));
  await git('init', '-q', '-b', 'main');
  await git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '-A');
  await git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'base');
  return dir;
}

describe('cookie-catalog changeset and changeset version, end to end in a git repository', () => {
  it('writes exactly the bumps, and changeset version applies them with changelogs', async () => {
    const dir = await tempRepository();
    const catalog = join(dir, 'catalog');
    const file = join(catalog, 'cookies', 'access_token.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('lifetime: 1 hour', 'lifetime: 2 hours'),
    );

    const required = await run(
      ['diff', '--base', 'main', '--require-changeset', '--catalog', 'catalog'],
      dir,
    );
    expect(required.code).toBe(1);
    expect(required.stderr).toMatch(/the catalog changed but no changeset was added/);

    const written = await run(['changeset', '--base', 'main', '--catalog', 'catalog'], dir);
    expect(written.code).toBe(0);
    const [name] = (await readdir(join(dir, '.changeset'))).filter((f) => f.startsWith('catalog-'));
    const changeset = await readFile(join(dir, '.changeset', name ?? ''), 'utf8');
    expect(changeset).toBe(
      [
        '---',
        '"@cookie-catalog/server": patch',
        '"@cookie-catalog/policy-table": patch',
        '"@cookie-catalog/docs": patch',
        '---',
        '',
        'Cookie catalog changes:',
        '',
        '- access\\_token lifetime 1 hour → 2 hours',
        '',
      ].join('\n'),
    );
    expect(
      (await run(['diff', '--base', 'main', '--require-changeset', '--catalog', 'catalog'], dir))
        .code,
    ).toBe(0);

    await exec(process.execPath, [CHANGESET_BIN, 'version'], { cwd: dir });
    const version = async (pkg: string) =>
      JSON.parse(await readFile(join(dir, 'packages', pkg, 'package.json'), 'utf8')).version;
    expect(await version('server')).toBe('1.0.1');
    expect(await version('client')).toBe('1.0.0');
    expect(await version('docs')).toBe('1.0.1');
    const changelog = await readFile(join(dir, 'packages', 'server', 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(/## 1\.0\.1\n\n### Patch Changes\n\n- Cookie catalog changes:/);
    expect(changelog).toContain('access_token lifetime 1 hour → 2 hours');
  }, 60_000);

  it('never overwrites a changeset edited by hand after it was written', async () => {
    const dir = await tempRepository();
    const file = join(dir, 'catalog', 'cookies', 'access_token.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('lifetime: 1 hour', 'lifetime: 2 hours'),
    );
    const write = () => run(['changeset', '--from', FIXTURE_CATALOG, '--catalog', 'catalog'], dir);
    expect((await write()).code).toBe(0);
    const [first] = (await readdir(join(dir, '.changeset'))).filter((f) =>
      f.startsWith('catalog-'),
    );
    const path = join(dir, '.changeset', first ?? '');
    const edited = `${await readFile(path, 'utf8')}\nWhy: the access token lasts a working session.\n`;
    await writeFile(path, edited);
    expect((await write()).code).toBe(0);
    expect(await readFile(path, 'utf8')).toBe(edited);
    const written = (await readdir(join(dir, '.changeset'))).filter((f) =>
      f.startsWith('catalog-'),
    );
    expect(written.sort()).toEqual([first, (first ?? '').replace(/\.md$/, '-2.md')].sort());
  });

  it('locks what each package generates, and tells a toolchain change from a catalog change', async () => {
    const dir = await tempRepository();
    const git = (...args: string[]) =>
      exec('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir });
    const diff = (...args: string[]) =>
      run(['diff', '--base', 'main', ...args, '--catalog', 'catalog'], dir);
    // Without locks, nothing says what was released: --require-changeset asks for them.
    const unlocked = await diff('--require-changeset');
    expect(unlocked.code).toBe(1);
    expect(unlocked.stderr).toMatch(/output locks \(generated-output\.json\) of packages\/server/);
    const locked = await run(['changeset', '--base', 'main', '--catalog', 'catalog'], dir);
    expect(locked.stdout).toMatch(
      /no changeset needed; wrote the output locks of packages\/server/,
    );
    await git('add', '-A');
    await git('commit', '-q', '-m', 'locks');
    expect((await diff('--require-changeset')).code).toBe(0);

    // The base was released by another toolchain, whose server code differed: its lock says so.
    const lock = join(dir, 'packages', 'server', 'generated-output.json');
    const released = await readFile(lock, 'utf8');
    await writeFile(
      lock,
      released.replace(/"sha256": "[0-9a-f]{64}"/, `"sha256": "${'0'.repeat(64)}"`),
    );
    await git('commit', '-q', '-am', 'released by an older toolchain');
    await writeFile(lock, released);
    const upgraded = await diff('--format', 'json');
    const plan = JSON.parse(upgraded.stdout);
    expect(plan.toolchainChanged).toEqual(['@cookie-catalog/server']);
    expect(plan.bumps).toEqual({ '@cookie-catalog/server': 'patch' });
    expect(plan.changes.map((c: { description: string }) => c.description)).toEqual([
      'the toolchain generates @cookie-catalog/server differently than when it was last released',
    ]);
    // No catalog change, but the server package's users get new code: a changeset is required.
    const required = await diff('--require-changeset');
    expect(required.code).toBe(1);
    expect(required.stderr).toMatch(/@cookie-catalog\/server: needs patch, not bumped/);
  }, 60_000);
});

describe('diff --require-changeset asks for a changeset that covers the change', () => {
  const git = (dir: string, ...args: string[]) =>
    exec('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir });
  const required = (dir: string) =>
    run(['diff', '--base', 'main', '--require-changeset', '--catalog', 'catalog'], dir);
  /** A repository on main with an old changeset, then a branch that lengthens access_token. */
  async function branchWithChange(): Promise<string> {
    const dir = await tempRepository();
    await writeFile(
      join(dir, '.changeset', 'old-release.md'),
      '---\n"@cookie-catalog/server": major\n---\n\nOld.\n',
    );
    await git(dir, 'add', '-A');
    await git(dir, 'commit', '-q', '-m', 'old changeset');
    const file = join(dir, 'catalog', 'cookies', 'access_token.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('lifetime: 1 hour', 'lifetime: 2 hours'),
    );
    return dir;
  }

  it('deleting an old changeset is not adding one', async () => {
    const dir = await branchWithChange();
    await git(dir, 'rm', '-q', '.changeset/old-release.md');
    const result = await required(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no changeset was added/);
  });

  it('an empty changeset, or one bumping another package, does not cover it', async () => {
    const dir = await branchWithChange();
    await writeFile(join(dir, '.changeset', 'empty.md'), '---\n---\n\nNothing.\n');
    await writeFile(
      join(dir, '.changeset', 'client.md'),
      '---\n"@cookie-catalog/client": major\n---\n\nClient.\n',
    );
    const result = await required(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/@cookie-catalog\/server: needs patch, not bumped/);
    expect(result.stderr).toMatch(/@cookie-catalog\/docs: needs patch, not bumped/);
    expect(result.stderr).toMatch(/empty\.md/);
  });

  it('a changeset that bumps every package at least as much does', async () => {
    const dir = await branchWithChange();
    await writeFile(
      join(dir, '.changeset', 'by-hand.md'),
      '---\n"@cookie-catalog/server": minor\n"@cookie-catalog/policy-table": patch\n"@cookie-catalog/docs": patch\n---\n\nBy hand.\n',
    );
    // The output locks still say what was released before: changeset writes them, and no
    // second changeset, since the one by hand covers every bump.
    expect((await required(dir)).stderr).toMatch(/output locks/);
    const locked = await run(['changeset', '--base', 'main', '--catalog', 'catalog'], dir);
    expect(locked.stdout).toMatch(
      /the changesets added \(\.changeset\/by-hand\.md\) cover every bump; wrote the output locks/,
    );
    expect(
      (await readdir(join(dir, '.changeset'))).filter((f) => f.startsWith('catalog-')),
    ).toEqual([]);
    expect((await required(dir)).code).toBe(0);
  });

  it('reads catalog files whose names git would quote (å, ") and leaves no temporary folder', async () => {
    const dir = await tempRepository();
    const odd = join(dir, 'catalog', 'cookies', 'språk "x".yaml');
    const language = await readFile(join(dir, 'catalog', 'cookies', 'language.yaml'), 'utf8');
    await writeFile(
      odd,
      language.replace('id: language', 'id: sprak').replace('name: language', 'name: sprak'),
    );
    await git(dir, 'add', '-A');
    await git(dir, 'commit', '-q', '-m', 'odd name');
    await writeFile(
      odd,
      (await readFile(odd, 'utf8')).replace('lifetime: 30 days', 'lifetime: 60 days'),
    );
    // A temporary folder of this test's own: other test processes on the machine use /tmp too.
    const scratch = await mkdtemp(join(tmpdir(), 'cookie-catalog-tmp-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = scratch;
    let result: Awaited<ReturnType<typeof run>>;
    try {
      result = await run(
        ['diff', '--base', 'main', '--catalog', 'catalog', '--format', 'json'],
        dir,
      );
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    expect(result.stderr).toBe('');
    expect(
      JSON.parse(result.stdout).changes.map((c: { description: string }) => c.description),
    ).toEqual(['sprak lifetime 30 days → 60 days']);
    expect(await readdir(scratch)).toEqual([]);
  });
});

describe('generate --check', () => {
  const check = (catalog: string, root: string) =>
    run(['generate', '--check', '--catalog', catalog, '--root', root]);
  /** The fixture catalog generated into a folder of its own, as `npm run build` would. */
  async function generatedRoot(): Promise<{ catalog: string; root: string }> {
    const catalog = await editedCatalog([]);
    const root = join(catalog, '..', 'root');
    // The fixture has a cookie its provider says lives "forever", which the TCF disclosure cannot
    // state in seconds: it is left out, with a note, and generate succeeds.
    expect((await run(['generate', '--catalog', catalog, '--root', root])).code).toBe(0);
    return { catalog, root };
  }

  it('passes right after generate, and names the files that differ', async () => {
    const { catalog, root } = await generatedRoot();
    expect((await check(catalog, root)).code).toBe(0);
    const file = join(catalog, 'cookies', 'access_token.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('lifetime: 1 hour', 'lifetime: 2 hours'),
    );
    const { code, stderr } = await check(catalog, root);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /packages\/server\/src\/generated\/cookies\.ts differs from what the catalog generates/,
    );
    expect(stderr).not.toMatch(/client\/src\/generated\/cookies\.ts/); // access_token is HttpOnly
  });

  it('names links and folders that generate would not write, even a link to identical content', async () => {
    const { catalog, root } = await generatedRoot();
    const generated = join(root, 'packages', 'server', 'src', 'generated');
    await rm(join(generated, 'cookies.ts'));
    await symlink(
      join(root, 'packages', 'client', 'src', 'generated', 'cookies.ts'),
      join(generated, 'linked.ts'),
    );
    await mkdir(join(generated, 'stray-folder'));
    const clientFile = join(root, 'packages', 'client', 'src', 'generated', 'cookies.ts');
    const copy = `${clientFile}.real`;
    await rename(clientFile, copy);
    await symlink(copy, clientFile);
    const { code, stderr } = await check(catalog, root);
    expect(code).toBe(1);
    expect(stderr).toMatch(/server\/src\/generated\/cookies\.ts differs/);
    expect(stderr).toMatch(/server\/src\/generated\/linked\.ts differs/);
    expect(stderr).toMatch(/server\/src\/generated\/stray-folder\/ differs/);
    expect(stderr).toMatch(/client\/src\/generated\/cookies\.ts differs/);
  });

  it('generate rewrites only what changed, in place, and never writes through a link', async () => {
    const { catalog, root } = await generatedRoot();
    const generated = join(root, 'packages', 'server', 'src', 'generated', 'cookies.ts');
    const unchanged = join(root, 'packages', 'client', 'src', 'generated', 'cookies.ts');
    const before = await stat(unchanged);
    // Someone else's files, linked into generated folders (hard and symbolic).
    const outside = join(root, 'outside.txt');
    const elsewhere = join(root, 'elsewhere.txt');
    await writeFile(outside, 'not ours\n');
    await writeFile(elsewhere, 'not ours either\n');
    await rm(generated);
    await link(outside, generated);
    const tableJson = join(root, 'packages', 'policy-table', 'src', 'generated', 'en.json');
    await rm(tableJson);
    await symlink(elsewhere, tableJson);
    const file = join(catalog, 'cookies', 'access_token.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('lifetime: 1 hour', 'lifetime: 2 hours'),
    );
    expect((await run(['generate', '--catalog', catalog, '--root', root])).code).toBe(0);
    expect(await readFile(outside, 'utf8')).toBe('not ours\n');
    expect(await readFile(elsewhere, 'utf8')).toBe('not ours either\n');
    expect(await readFile(generated, 'utf8')).toMatch(/Max-Age=7200/);
    expect((await lstat(tableJson)).isFile()).toBe(true);
    expect((await check(catalog, root)).code).toBe(0);
    // The client module did not change (access_token is HttpOnly): not even its time stamp.
    expect((await stat(unchanged)).mtimeMs).toBe(before.mtimeMs);
  });
});
