import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadCatalog } from '@cookie-catalog/catalog';
import { startTestRegistry, type TestRegistry } from '@cookie-catalog/test-support';
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeTodos } from './init-repository.js';
import { TOOLCHAIN } from './packed-toolchain.js';

// The release loop of issue 27, end to end and for real, as the people in it would do it: the
// toolchain published to a registry (Verdaccio on 127.0.0.1, started here), a new organisation
// created with the commands README.md gives ("Start your own catalog"), installed with plain
// `npm install`, built, tested and released at 1.0.0 with changesets; then a product app outside
// any workspace installs the organisation's packages from the registry and follows two catalog
// releases with `npm update`. Each step is a test of its own, so `npm run bench`
// (scripts/release-loop.bench.mjs) times each from vitest's report; a step after a failed one is
// skipped, not failed again. Outside `npm test`: `npm run test:e2e` (it needs the registry npm is
// configured with, through Verdaccio's uplink, for what npm has not cached).

const run = promisify(execFile);
const ROOT = new URL('../../../', import.meta.url).pathname;
/** The organisation's registry as README.md writes it; the test registry stands in for it. */
const README_REGISTRY = 'https://npm.acme.example/';
const SESSION = 'Q7w2Ez9Rt4Yu1Io8Pa5Sd3Fg6Hj0Kl2M';

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

let registry: TestRegistry;
let env: NodeJS.ProcessEnv;
let parent: string;
let org: string;
let app: string;
/** README.md's commands for a new organisation, in order; each step takes the next ones. */
let readmeCommands: string[];
/** The organisation's commits that each catalog change is compared with. */
let baseOfChange: string;
let failed: string | undefined;

/** A command line through bash, as a person types it; never throws. */
async function sh(command: string, cwd: string): Promise<Ran> {
  try {
    const { stdout, stderr } = await run('bash', ['-c', command], {
      cwd,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout: plain(stdout), stderr: plain(stderr) };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === 'number' ? e.code : 1,
      stdout: plain(e.stdout ?? ''),
      stderr: plain(e.stderr ?? String(error)),
    };
  }
}

/** The command, which must succeed: a failure shows what it printed. */
async function ok(command: string, cwd: string): Promise<Ran> {
  const ran = await sh(command, cwd);
  if (ran.code !== 0)
    throw new Error(
      `\`${command}\` in ${cwd} exited with ${ran.code}:\n${ran.stdout.slice(-3000)}\n${ran.stderr.slice(-3000)}`,
    );
  return ran;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal colours, if any, are removed
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

/** The next command of README.md's block, which must be the one the step runs. */
function nextReadmeCommand(expected: RegExp): string {
  const command = readmeCommands.shift();
  expect(command, "README.md's next command for a new organisation").toMatch(expected);
  return command as string;
}

async function readJson<T = Record<string, unknown>>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

/** What the registry says is the latest version of a package, as `npm view` shows a person. */
async function publishedVersion(name: string, cwd: string): Promise<string> {
  return JSON.parse((await ok(`npm view ${name} version --json`, cwd)).stdout) as string;
}

/** The bumps a changeset file declares: `"@acme/cookies-server": minor` → { …: 'minor' }. */
function bumpsOf(changeset: string): Record<string, string> {
  const front = /^---\n([\s\S]*?)\n---/.exec(changeset)?.[1] ?? '';
  return Object.fromEntries(
    [...front.matchAll(/^["']?([^"':]+)["']?:\s*(major|minor|patch)\s*$/gm)].map((m) => [
      m[1] as string,
      m[2] as string,
    ]),
  );
}

/** `npx cookie-catalog changeset --base <commit>`: the file it wrote, and its bumps. */
async function catalogChangeset(): Promise<Record<string, string>> {
  const before = new Set(await readdir(join(org, '.changeset')));
  const ran = await ok(`npx cookie-catalog changeset --base ${baseOfChange}`, org);
  const written = (await readdir(join(org, '.changeset'))).filter((f) => !before.has(f));
  expect(written, ran.stdout).toEqual([expect.stringMatching(/^catalog-.*\.md$/)]);
  return bumpsOf(await readFile(join(org, '.changeset', written[0] as string), 'utf8'));
}

/** On main, as the organisation's README says: version, install, build, publish, commit. */
async function release(message: string): Promise<string> {
  await ok('npx changeset version', org);
  await ok('npm install', org);
  await ok('npm run build', org);
  const published = await ok('npx changeset publish', org);
  await ok(`git add -A && git commit -q -m ${JSON.stringify(message)}`, org);
  return published.stdout + published.stderr;
}

/** The product app, built and run: its Set-Cookie lines and what it read. */
async function runApp(): Promise<{ setCookie: string[]; language: string | null }> {
  await ok('npx tsc -p .', app);
  return JSON.parse((await ok('node dist/app.js', app)).stdout);
}

/** The session cookie the app's line sets, as a real cookie jar stores it. */
async function sessionInJar(setCookie: readonly string[]) {
  const jar = new CookieJar(undefined, { prefixSecurity: 'strict', looseMode: false });
  const line = setCookie.find((l) => l.startsWith('session='));
  expect(line, setCookie.join('\n')).toBeDefined();
  await jar.setCookie(line as string, 'https://your-site.example/', { ignoreError: false });
  const [stored] = await jar.getCookies('https://your-site.example/', { http: true });
  return stored;
}

/** The session cookie's Max-Age, from the organisation's catalog as it is now. */
async function catalogSessionMaxAge(): Promise<number> {
  const { catalog } = await loadCatalog(join(org, 'catalog'));
  const session = catalog?.entries.find((entry) => entry.id === 'session');
  if (session?.lifetime.kind !== 'duration') throw new Error('the catalog has no session lifetime');
  return session.lifetime.seconds;
}

async function installedVersion(name: string): Promise<string> {
  return (await readJson<{ version: string }>(join(app, 'node_modules', name, 'package.json')))
    .version;
}

/** Its manifests, lockfile and npm config: what a repository commits, not node_modules. */
async function npmFiles(dir: string, under = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(dir, under), { withFileTypes: true })) {
    const path = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !/^(node_modules|\.git|dist|\.turbo)$/.test(entry.name))
      found.push(...(await npmFiles(dir, path)));
    else if (/^(package(-lock)?\.json|\.npmrc)$/.test(entry.name)) found.push(path);
  }
  return found;
}

/** Neither `file:` paths nor `overrides` in what a repository commits. */
async function expectNoLocalPaths(dir: string): Promise<void> {
  const files = await npmFiles(dir);
  expect(files).toContain('package-lock.json');
  for (const file of files) {
    const text = await readFile(join(dir, file), 'utf8');
    expect(text, file).not.toMatch(/"file:|"overrides"|workspace:/);
  }
}

describe('the release loop, through a registry', () => {
  beforeAll(async () => {
    registry = await startTestRegistry({ ownScopes: ['@cookie-catalog', '@acme'] });
    env = {
      ...registry.env,
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
      TURBO_TELEMETRY_DISABLED: '1',
      DO_NOT_TRACK: '1',
      NO_COLOR: '1',
      GIT_AUTHOR_NAME: 'Acme Legal',
      GIT_AUTHOR_EMAIL: 'legal@acme.example',
      GIT_COMMITTER_NAME: 'Acme Legal',
      GIT_COMMITTER_EMAIL: 'legal@acme.example',
    };
    parent = await mkdtemp(join(tmpdir(), 'cookie-catalog-loop-'));
    org = join(parent, 'acme');
    app = join(parent, 'product-app');
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Start your own catalog'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    readmeCommands = block
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter(Boolean);
  }, 120_000);
  afterAll(async () => {
    await registry?.stop();
  });
  beforeEach(({ skip, task, onTestFailed }) => {
    if (failed) skip(`an earlier step failed: ${failed}`);
    onTestFailed(() => {
      failed ??= task.name;
    });
  });

  it('publishes the toolchain to the registry with npm publish, at its current versions', async () => {
    await ok(
      `npm publish ${TOOLCHAIN.map((name) => `--workspace packages/${name}`).join(' ')}`,
      ROOT,
    );
    for (const name of TOOLCHAIN) {
      const ours = await readJson<{ name: string; version: string }>(
        join(ROOT, 'packages', name, 'package.json'),
      );
      const view = JSON.parse(
        (await ok(`npm view ${ours.name}@${ours.version} --json`, parent)).stdout,
      ) as {
        version: string;
        dist: { tarball: string };
        dependencies?: Record<string, string>;
      };
      expect(view.version).toBe(ours.version);
      expect(view.dist.tarball.startsWith(registry.url)).toBe(true);
      // What npmjs.com would serve: plain versions, nothing that points into this checkout.
      for (const range of Object.values(view.dependencies ?? {}))
        expect(range).toMatch(/^[\^~]?\d+\.\d+\.\d+$/);
    }
  });

  it("creates a new organisation with README.md's command", async () => {
    const init = nextReadmeCommand(/^npx @cookie-catalog\/cli init acme .*--registry \S+$/);
    expect(init).toContain(`--registry ${README_REGISTRY}`);
    const ran = await ok(init.replace(README_REGISTRY, registry.url), parent);
    expect(ran.stdout).toMatch(/wrote a new cookie catalog repository to acme/);
    expect(nextReadmeCommand(/^cd acme$/)).toBe('cd acme');
    await ok(nextReadmeCommand(/^git init -b main$/), org);

    // Every generated package starts at 1.0.0 and publishes to the organisation's registry.
    for (const name of ['server', 'client', 'policy-table', 'docs', 'consent']) {
      const manifest = await readJson<{
        name: string;
        version: string;
        publishConfig?: { registry?: string };
      }>(join(org, 'packages', name, 'package.json'));
      expect(manifest).toMatchObject({
        name: `@acme/cookies-${name}`,
        version: '1.0.0',
        publishConfig: { registry: registry.url },
      });
    }
    expect(await readFile(join(org, '.npmrc'), 'utf8')).toBe(`@acme:registry=${registry.url}\n`);
    const orgReadme = await readFile(join(org, 'README.md'), 'utf8');
    expect(orgReadme).toContain('npx changeset publish');
    expect(orgReadme).toContain(`@acme:registry=${registry.url}`);
  });

  it('installs with plain npm install: the toolchain from the registry', async () => {
    await ok(nextReadmeCommand(/^npm install$/), org);
    const lock = await readJson<{
      packages: Record<string, { version: string; resolved?: string }>;
    }>(join(org, 'package-lock.json'));
    const cli = lock.packages['node_modules/@cookie-catalog/cli'];
    const ours = await readJson<{ version: string }>(join(ROOT, 'packages/cli/package.json'));
    expect(cli?.version).toBe(ours.version);
    expect(cli?.resolved?.startsWith(registry.url)).toBe(true);
    await expectNoLocalPaths(org);
  });

  it('validates once legal has written every TODO, and builds', async () => {
    const validate = nextReadmeCommand(/^npx cookie-catalog validate$/);
    const todo = await sh(validate, org);
    expect(todo.code).toBe(1);
    expect(todo.stderr).toMatch(/catalog\/sections\/fi\/contact\.md:1:1 {2}text\/todo/);
    await writeTodos(org);
    await ok(validate, org);

    await ok(nextReadmeCommand(/^npm run build$/), org);
    // Generated packages hold generated code only: init writes no source, generate writes it all.
    const sources = (await readdir(join(org, 'packages'), { recursive: true })).filter((file) =>
      /^[^/]+\/src\//.test(file),
    );
    expect(sources).toContain('server/src/generated/index.ts');
    expect(sources.filter((file) => !/^[^/]+\/src\/generated(\/|$)/.test(file))).toEqual([]);
    const consent = await readFile(join(org, 'packages/consent/src/generated/server.ts'), 'utf8');
    expect(consent).toContain("from '@acme/cookies-server'");
  });

  it('passes its own tests', async () => {
    const tested = await ok(nextReadmeCommand(/^npm test$/), org);
    expect(tested.stdout).toMatch(/Tests\s+\d+ passed/);
    expect(tested.stdout).not.toMatch(/failed/);
  });

  it('publishes every generated package at 1.0.0 with changeset publish', async () => {
    await ok(nextReadmeCommand(/^git add -A && git commit /), org);
    await ok(nextReadmeCommand(/^npx changeset publish$/), org);
    expect(readmeCommands).toEqual([]);
    for (const name of ['server', 'client', 'policy-table', 'docs', 'consent'])
      expect(await publishedVersion(`@acme/cookies-${name}`, parent)).toBe('1.0.0');
    expect((await ok('git tag', org)).stdout).toContain('@acme/cookies-server@1.0.0');
    await expectNoLocalPaths(org);
    baseOfChange = (await ok('git rev-parse HEAD', org)).stdout.trim();
  });

  it("a product app installs the organisation's packages (^1.0.0) and sets the catalog's Max-Age", async () => {
    await mkdir(join(app, 'src'), { recursive: true });
    const ourRoot = await readJson<{ devDependencies: Record<string, string> }>(
      join(ROOT, 'package.json'),
    );
    await writeFile(
      join(app, 'package.json'),
      `${JSON.stringify(
        {
          name: 'product-app',
          private: true,
          type: 'module',
          devDependencies: {
            '@types/node': ourRoot.devDependencies['@types/node'],
            typescript: ourRoot.devDependencies.typescript,
          },
        },
        null,
        2,
      )}\n`,
    );
    await writeFile(
      join(app, 'tsconfig.json'),
      `${JSON.stringify(
        {
          compilerOptions: {
            strict: true,
            exactOptionalPropertyTypes: true,
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            types: ['node'],
            rootDir: 'src',
            outDir: 'dist',
          },
          include: ['src'],
        },
        null,
        2,
      )}\n`,
    );
    await writeFile(
      join(app, 'src/app.ts'),
      `// A product's server: the session cookie through the generated setter, the language read.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readLanguageFrom } from '@acme/cookies-client';
import { parseSession, readSession, setSession } from '@acme/cookies-server';

const server = createServer((request, response) => {
  const session = readSession(request.headers.cookie) ?? parseSession('${SESSION}');
  if (session) setSession(response, session);
  response.end(JSON.stringify({ language: readLanguageFrom(request.headers.cookie ?? '') ?? null }));
});
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address() as AddressInfo;
  const answer = await fetch(\`http://127.0.0.1:\${port}/\`, { headers: { cookie: 'language=fi' } });
  const body = (await answer.json()) as { language: string | null };
  console.log(JSON.stringify({ setCookie: answer.headers.getSetCookie(), ...body }));
  server.close();
});
`,
    );
    // The organisation's README says how a product gets its packages: run as written there.
    const orgReadme = await readFile(join(org, 'README.md'), 'utf8');
    const product = /## Using the packages in a product\n+```sh\n([\s\S]*?)```/.exec(
      orgReadme,
    )?.[1];
    const commands = (product ?? '')
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter(Boolean);
    expect(commands).toEqual([
      `echo "@acme:registry=${registry.url}" >> .npmrc`,
      'npm install @acme/cookies-server @acme/cookies-client',
    ]);
    for (const command of commands) await ok(command, app);

    const manifest = await readJson<{ dependencies: Record<string, string> }>(
      join(app, 'package.json'),
    );
    expect(manifest.dependencies).toEqual({
      '@acme/cookies-client': '^1.0.0',
      '@acme/cookies-server': '^1.0.0',
    });
    const lock = await readJson<{ packages: Record<string, { resolved?: string }> }>(
      join(app, 'package-lock.json'),
    );
    expect(lock.packages['node_modules/@acme/cookies-server']?.resolved).toMatch(
      new RegExp(`^${registry.url}@acme/cookies-server/-/cookies-server-1\\.0\\.0\\.tgz$`),
    );
    await expectNoLocalPaths(app);

    const { setCookie, language } = await runApp();
    expect(language).toBe('fi');
    const stored = await sessionInJar(setCookie);
    expect(stored?.value).toBe(SESSION);
    expect(stored?.maxAge).toBe(await catalogSessionMaxAge());
    expect(stored?.maxAge).toBe(7200);
  });

  it('a new cookie is a minor release: 1.1.0', async () => {
    await writeFile(
      join(org, 'catalog/cookies/theme.yaml'),
      `# yaml-language-server: $schema=../../node_modules/@cookie-catalog/catalog/schema/entry.schema.json
# The colour theme a visitor chose.
id: theme
name: theme
kind: cookie
category: necessary
setBy: server
lifetime: 1 year
purpose: { en: "Remembers the colour theme you chose.", fi: "Muistaa valitsemasi väriteeman." }
attributes: { secure: true, httpOnly: false, sameSite: Lax }
value: { type: enum, values: [light, dark] }
`,
    );
    await ok('npx cookie-catalog validate', org);
    const bumps = await catalogChangeset();
    await ok('git add -A && git commit -q -m "A theme cookie"', org);
    expect(bumps['@acme/cookies-server']).toBe('minor');
    const published = await release('Release the theme cookie');
    expect(published).toContain('@acme/cookies-server@1.1.0');
    expect(await publishedVersion('@acme/cookies-server', parent)).toBe('1.1.0');
    const changelog = await readFile(join(org, 'packages/server/CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(/## 1\.1\.0[\s\S]*theme/);
    baseOfChange = (await ok('git rev-parse HEAD', org)).stdout.trim();
  });

  it("the app's npm update takes 1.1.0, and a call to the new setter compiles", async () => {
    await writeFile(
      join(app, 'src/theme.ts'),
      `import type { ServerResponse } from 'node:http';
import { setTheme } from '@acme/cookies-server';

export function chooseDarkTheme(response: ServerResponse): void {
  setTheme(response, 'dark');
}
`,
    );
    // Against 1.0.0 the call does not compile: the setter is what the update brings.
    const before = await sh('npx tsc -p .', app);
    expect(before.code).not.toBe(0);
    expect(before.stdout).toMatch(/src\/theme\.ts.*setTheme/);

    await ok('npm update', app);
    expect(await installedVersion('@acme/cookies-server')).toBe('1.1.0');
    const manifest = await readJson<{ dependencies: Record<string, string> }>(
      join(app, 'package.json'),
    );
    expect(manifest.dependencies['@acme/cookies-server']).toMatch(/^\^1\.[01]\.0$/);
    const { setCookie } = await runApp();
    expect((await sessionInJar(setCookie))?.maxAge).toBe(7200);
  });

  it('a new lifetime is a patch release: 1.1.1', async () => {
    const file = join(org, 'catalog/cookies/session.yaml');
    const before = await readFile(file, 'utf8');
    expect(before).toMatch(/^lifetime: 2 hours$/m);
    await writeFile(file, before.replace(/^lifetime: 2 hours$/m, 'lifetime: 3 hours'));
    await ok('npx cookie-catalog validate', org);
    const bumps = await catalogChangeset();
    await ok('git add -A && git commit -q -m "The session lasts 3 hours"', org);
    expect(bumps['@acme/cookies-server']).toBe('patch');
    const published = await release('Release the session lifetime');
    expect(published).toContain('@acme/cookies-server@1.1.1');
    expect(await publishedVersion('@acme/cookies-server', parent)).toBe('1.1.1');
  });

  it("after the app's npm update, its Set-Cookie carries the new Max-Age", async () => {
    await ok('npm update', app);
    expect(await installedVersion('@acme/cookies-server')).toBe('1.1.1');
    const { setCookie } = await runApp();
    const stored = await sessionInJar(setCookie);
    expect(stored?.maxAge).toBe(await catalogSessionMaxAge());
    expect(stored?.maxAge).toBe(3 * 60 * 60);
    await expectNoLocalPaths(app);
    await expectNoLocalPaths(org);
  });

  it('a retired cookie is a major release (2.0.0): its setter and reader go, its deleter stays', async () => {
    // Legal retires the theme cookie instead of deleting its file: from the policy's own date.
    const policy = await readFile(join(org, 'catalog/policy.yaml'), 'utf8');
    const lastUpdated = /^lastUpdated: "?([0-9-]+)"?$/m.exec(policy)?.[1];
    expect(lastUpdated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const file = join(org, 'catalog/cookies/theme.yaml');
    await writeFile(file, `${await readFile(file, 'utf8')}retired: "${lastUpdated}"\n`);
    // Retired from today: its year-long lifetime has not run out, so no warning to delete it yet.
    const validated = await ok('npx cookie-catalog validate', org);
    expect(validated.stdout).not.toMatch(/retired\//);
    const bumps = await catalogChangeset();
    await ok('git add -A && git commit -q -m "The theme cookie is retired"', org);
    expect(bumps['@acme/cookies-server']).toBe('major');
    const published = await release('Release the retired theme cookie');
    expect(published).toContain('@acme/cookies-server@2.0.0');
    expect(await publishedVersion('@acme/cookies-server', parent)).toBe('2.0.0');
    // The policy still lists it: browsers may hold it for its lifetime.
    const table = await readFile(join(org, 'packages/policy-table/dist/en.html'), 'utf8');
    expect(table).toContain('theme');
    expect(table).toMatch(/no longer set since/);
  });

  it("the app's npm update stays on 1.x; 2.x fails its tsc at the removed setter, naming it, while the deleter compiles", async () => {
    await ok('npm update', app);
    expect(await installedVersion('@acme/cookies-server')).toBe('1.1.1');
    await writeFile(
      join(app, 'src/forget-theme.ts'),
      `import type { ServerResponse } from 'node:http';
import { deleteTheme } from '@acme/cookies-server';

export function forgetTheme(response: ServerResponse): void {
  deleteTheme(response);
}
`,
    );
    await ok('npx tsc -p .', app);

    await ok('npm install @acme/cookies-server@^2.0.0', app);
    expect(await installedVersion('@acme/cookies-server')).toBe('2.0.0');
    const compiled = await sh('npx tsc -p .', app);
    expect(compiled.code).not.toBe(0);
    const errors = compiled.stdout.split('\n').filter((line) => /error TS/.test(line));
    expect(errors.length).toBeGreaterThan(0);
    // Every error is at the call of the removed setter, and names it; the deleter's file is clean.
    for (const line of errors)
      expect(line).toMatch(/^src\/theme\.ts\(\d+,\d+\): error TS\d+: .*setTheme/);
    expect(compiled.stdout).not.toContain('forget-theme.ts');
    await expectNoLocalPaths(app);
  });
});
