import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { init, writeTodos } from './init-repository.js';
import { runCli } from './run-cli.js';

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
    // 1.0.0, so that a product team's ^1.0.0 takes every minor and patch release.
    expect(manifest.version).toBe('1.0.0');
    // Without --registry, npm's: nothing names another.
    expect(manifest.publishConfig).toEqual({ access: 'public' });
    expect(await readdir(dir)).not.toContain('.npmrc');
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
    // Placeholders only: TODO texts, and the links and address that are TODOs too. The starter
    // marks every domain legal must write with a TODO, never with a made-up example domain.
    expect([...rules].sort()).toEqual(['link/scheme', 'policy/email', 'text/todo']);
    expect(todo.stderr).toMatch(/catalog\/sections\/fi\/contact\.md:1:1 {2}text\/todo/);

    await writeTodos(dir);
    const written = await runCli(['validate'], dir);
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    // Valid once every TODO is written; the placeholder domains this test writes for them are
    // still warned about, so `validate --strict` (CI) refuses to publish them.
    expect(written.stdout).toMatch(/domain\/placeholder/);
    expect((await runCli(['validate', '--strict'], dir)).code).toBe(1);
  });

  it('publishes to the registry --registry names, and installs the scope from it', async () => {
    const { dir, code } = await init([
      '--scope',
      '@acme',
      '--registry',
      'https://npm.acme.example',
    ]);
    expect(code).toBe(0);
    expect(await readFile(join(dir, '.npmrc'), 'utf8')).toBe(
      '@acme:registry=https://npm.acme.example/\n',
    );
    for (const name of ['server', 'client', 'policy-table', 'docs', 'consent']) {
      const manifest = JSON.parse(
        await readFile(join(dir, 'packages', name, 'package.json'), 'utf8'),
      );
      expect(manifest).toMatchObject({
        version: '1.0.0',
        publishConfig: { registry: 'https://npm.acme.example/' },
      });
    }
    // One generated package depends on another as a product would: any 1.x.
    const consent = JSON.parse(await readFile(join(dir, 'packages/consent/package.json'), 'utf8'));
    expect(consent.dependencies['@acme/cookies-server']).toBe('^1.0.0');
    // The docs site is private: never published, so it names no registry.
    const site = JSON.parse(await readFile(join(dir, 'apps/docs/package.json'), 'utf8'));
    expect(site.private).toBe(true);
    expect(site.publishConfig).toBeUndefined();
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('echo "@acme:registry=https://npm.acme.example/" >> .npmrc');
    expect(readme).toContain('npx changeset publish');

    expect((await init(['--scope', '@acme', '--registry', 'npm.acme.example'])).stderr).toMatch(
      /--registry takes the address of an npm registry/,
    );
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
});
