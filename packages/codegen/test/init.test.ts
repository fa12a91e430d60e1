import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packedToolchain } from './packed-toolchain.js';
import { runCli } from './run-cli.js';

const exec = promisify(execFile);

async function init(
  args: string[],
): Promise<{ dir: string; code: number; stdout: string; stderr: string }> {
  const parent = await mkdtemp(join(tmpdir(), 'cookie-catalog-init-'));
  const result = await runCli(['init', 'acme', ...args], parent);
  return { dir: join(parent, 'acme'), ...result };
}

/** What legal does after init: every TODO written (links as links, the address as an address). */
async function writeTodos(dir: string): Promise<void> {
  const catalog = join(dir, 'catalog');
  for (const file of await readdir(catalog, { recursive: true })) {
    const path = join(catalog, file);
    if (file.endsWith('.md')) await writeFile(path, 'Written by legal.\n');
    if (!file.endsWith('.yaml')) continue;
    const lines = (await readFile(path, 'utf8')).split('\n').map((line) => {
      const filled = /\b(url|website|privacyPolicy):/.test(line)
        ? '"https://authority.example/"'
        : /\bemail:/.test(line)
          ? 'dpo@acme.example'
          : '"Written by legal."';
      return line.replace(/"TODO:[^"]*"/g, filled);
    });
    await writeFile(path, lines.join('\n'));
  }
}

describe('cookie-catalog init', () => {
  it('writes a repository whose catalog names every TODO legal must write, and nothing else', async () => {
    const { dir, code, stdout } = await init([
      '--locales',
      'en,fi',
      '--scope',
      '@acme',
      '--name',
      'Acme Oy',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/@acme\/cookies-server, @acme\/cookies-client/);
    const manifest = JSON.parse(await readFile(join(dir, 'packages/server/package.json'), 'utf8'));
    expect(manifest.name).toBe('@acme/cookies-server');
    // Our typecheck runs a private package's TypeScript 7; the new repository's runs its tsc.
    expect(manifest.scripts.typecheck).toBe('tsc -p tsconfig.json --noEmit');
    expect(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'))).toMatchObject({
      packageManager: expect.stringMatching(/^npm@/),
      workspaces: ['packages/*', 'apps/*'],
    });
    const kinds = new Set<string>();
    for (const file of await readdir(join(dir, 'catalog/cookies')))
      kinds.add(
        /^kind: (\w+)/m.exec(await readFile(join(dir, 'catalog/cookies', file), 'utf8'))?.[1] ?? '',
      );
    expect([...kinds].sort()).toEqual([
      'cookie',
      'indexedDB',
      'localStorage',
      'pixel',
      'sessionStorage',
    ]);

    const todo = await runCli(['validate'], dir);
    expect(todo.code).toBe(1);
    const rules = new Set(
      todo.stderr
        .split('\n')
        .map((l) => /^\S+:\d+:\d+ {2}(\S+)/.exec(l)?.[1])
        .filter(Boolean),
    );
    // Placeholders only: TODO texts, and the links and address that are TODOs too.
    expect([...rules].sort()).toEqual(['link/scheme', 'policy/email', 'text/todo']);
    expect(todo.stderr).toMatch(/catalog\/sections\/fi\/contact\.md:1:1 {2}text\/todo/);

    await writeTodos(dir);
    const written = await runCli(['validate'], dir);
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
  });

  it('refuses a folder with something in it, a scope without @, and a bad language list', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'cookie-catalog-init-'));
    await mkdir(join(parent, 'taken'));
    await writeFile(join(parent, 'taken', 'notes.txt'), 'mine');
    const taken = await runCli(['init', 'taken', '--scope', '@acme'], parent);
    expect(taken).toMatchObject({ code: 2, stderr: expect.stringMatching(/taken is not empty/) });
    expect(await readdir(join(parent, 'taken'))).toEqual(['notes.txt']);
    // …but a fresh git repository is fine.
    await mkdir(join(parent, 'repo', '.git'), { recursive: true });
    expect((await runCli(['init', 'repo', '--scope', '@acme'], parent)).code).toBe(0);
    expect((await init(['--scope', 'acme'])).stderr).toMatch(
      /--scope must be an npm scope such as @acme/,
    );
    expect((await init(['--scope', '@acme', '--locales', 'en,,EN!'])).stderr).toMatch(
      /--locales takes language tags/,
    );
    expect((await init([])).stderr).toMatch(/--scope @yourorg/);
    expect((await init(['--name', 'Åkesson & Co AB'])).stdout).toMatch(
      /@akesson-co-ab\/cookies-server/,
    );
  });

  it('the new repository installs the packed toolchain, builds, and passes its own tests', async () => {
    const { dir } = await init(['--locales', 'en,fi', '--scope', '@acme', '--name', 'Acme Oy']);
    await writeTodos(dir);
    // The toolchain from its tarballs, as npm would give it; every other package from the cache.
    const packed = await packedToolchain();
    const manifests = [
      'package.json',
      ...(await readdir(dir, { recursive: true })).filter((f) =>
        /^(packages|apps)\/[^/]+\/package\.json$/.test(f),
      ),
    ];
    for (const file of manifests) {
      const manifest = JSON.parse(await readFile(join(dir, file), 'utf8'));
      for (const field of ['dependencies', 'devDependencies'])
        for (const name of Object.keys(manifest[field] ?? {}))
          if (packed[name]) manifest[field][name] = packed[name];
      // The toolchain's own dependencies on each other, from the same tarballs.
      if (file === 'package.json') manifest.overrides = packed;
      await writeFile(join(dir, file), `${JSON.stringify(manifest, null, 2)}\n`);
    }
    const env = {
      ...process.env,
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
      TURBO_TELEMETRY_DISABLED: '1',
      DO_NOT_TRACK: '1',
    };
    await exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: dir,
      env,
    });
    await exec('npm', ['run', 'build'], { cwd: dir, env });
    const consent = await readFile(join(dir, 'packages/consent/src/generated/server.ts'), 'utf8');
    expect(consent).toContain("from '@acme/cookies-server'");
    const tested = await exec('npm', ['test'], { cwd: dir, env: { ...env, NO_COLOR: '1' } });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal colours, if any, are removed
    const summary = tested.stdout.replace(/\u001b\[[0-9;]*m/g, '');
    expect(summary).toMatch(/Tests\s+\d+ passed/);
    expect(summary).not.toMatch(/failed/);
  }, 600_000);
});
