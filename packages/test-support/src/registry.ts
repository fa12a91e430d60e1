import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const exec = promisify(execFile);
/** Verdaccio's bin, from this package's devDependencies. */
const VERDACCIO = join(
  dirname(createRequire(import.meta.url).resolve('verdaccio/package.json')),
  'bin',
  'verdaccio',
);

export interface TestRegistryOptions {
  /**
   * Scopes served by this registry alone, never looked up upstream: what the test publishes
   * (the toolchain, an organisation's packages), so that a package of the same name on the
   * real registry can never stand in for it. Every other package comes through the uplink.
   */
  readonly ownScopes: readonly string[];
}

export interface TestRegistry {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** The registry npm is configured with here (`npm config get registry`), Verdaccio's uplink. */
  readonly uplink: string;
  /** The folder that holds the registry's config, storage, log, npm user config and npm cache. */
  readonly dir: string;
  /**
   * An npm user config naming this registry, with the token of a user who may publish: what a
   * developer's `~/.npmrc` says after `npm login`. Nothing outside `dir` is changed.
   */
  readonly userconfig: string;
  /**
   * The environment for npm, npx and what they start: `process.env` without what an outer npm
   * set (`npm_config_*`, `npm_lifecycle_*`), with `userconfig` and an npm cache of the
   * registry's own (see `startTestRegistry`).
   */
  readonly env: NodeJS.ProcessEnv;
  /** Stops Verdaccio (its folder goes with the test run's temporary folder). */
  stop(): Promise<void>;
}

/**
 * Verdaccio (the exact version in this package's devDependencies; 6.10 and later want Node 22)
 * on 127.0.0.1 and a free port, with its config and storage in a new folder of the test run's
 * temporary folder (scripts/test-tmpdir.mjs). Its uplink is the registry npm is configured with,
 * read now, so what is not published here installs as it would from there (and tarballs npm has
 * cached come from its cache). A user is added through the CouchDB user API, as `npm adduser`
 * does, and may publish to any scope. Resolves once the registry answers; call `stop()` in an
 * `afterAll` (it also stops when this process exits).
 */
export async function startTestRegistry(options: TestRegistryOptions): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'cookie-catalog-registry-'));
  // Asked as the user's npm sees it (an npm_config_registry of theirs counts); the npm the
  // tests run gets neither that nor what an outer `npm run` passed down, but this registry.
  const uplink = (await exec('npm', ['config', 'get', 'registry'])).stdout.trim();
  if (!/^https?:\/\//.test(uplink))
    throw new Error(`npm config get registry gave "${uplink}", not a registry address`);

  await writeFile(join(dir, 'config.yaml'), verdaccioConfig(uplink, options.ownScopes));

  // npx installs what it runs into `<cache>/_npx/<hash of the package spec>`: with the npm
  // cache everyone shares, a test run would find the toolchain another run (another registry,
  // another build) put there. So npm gets a cache folder of the registry's own, whose content
  // store (`_cacache`, addressed by integrity) is the user's: a tarball npm has already
  // downloaded is not fetched again.
  const cache = join(dir, 'npm-cache');
  await mkdir(cache);
  const shared = (await exec('npm', ['config', 'get', 'cache'])).stdout.trim();
  await mkdir(join(shared, '_cacache'), { recursive: true });
  await symlink(join(shared, '_cacache'), join(cache, '_cacache'), 'dir');

  let child: ChildProcess | undefined;
  let url = '';
  let log = '';
  // A free port is asked for, then given to Verdaccio: another process may take it between the
  // two, so a start that fails with EADDRINUSE is tried again on another.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    url = `http://127.0.0.1:${port}/`;
    log = join(dir, `verdaccio-${attempt}.log`);
    child = spawn(
      process.execPath,
      [VERDACCIO, '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`],
      { cwd: dir, env: npmEnv(process.env), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const out = createWriteStream(log);
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
    const answered = await waitUntilAnswering(url, child);
    if (answered) break;
    const text = await readFile(log, 'utf8').catch(() => '');
    if (attempt < 3 && /EADDRINUSE/.test(text)) continue;
    throw new Error(`Verdaccio did not start on ${url}:\n${text.slice(-4000)}`);
  }
  const running = child;
  const kill = () => running.kill('SIGTERM');
  process.once('exit', kill);

  const userconfig = join(dir, 'npmrc');
  try {
    const token = await addUser(url, 'cookie-catalog-test');
    const host = url.replace(/^https?:/, '');
    await writeFile(
      userconfig,
      `registry=${url}\n${host}:_authToken=${token}\nupdate-notifier=false\n`,
    );
  } catch (error) {
    kill();
    throw error;
  }

  return {
    url,
    uplink,
    dir,
    userconfig,
    env: { ...npmEnv(process.env), npm_config_userconfig: userconfig, npm_config_cache: cache },
    async stop() {
      process.removeListener('exit', kill);
      if (running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await Promise.race([exited, sleep(5_000)]);
      if (running.exitCode === null && running.signalCode === null) running.kill('SIGKILL');
    },
  };
}

/** What a shell outside npm has: without the settings an outer `npm run` passes down. */
function npmEnv(from: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(from).filter(
      ([key]) => !/^npm_(config|lifecycle|package|command|execpath|node_execpath)/i.test(key),
    ),
  );
}

function verdaccioConfig(uplink: string, ownScopes: readonly string[]): string {
  const own = ownScopes
    .map(
      (scope) =>
        `  '${scope}/*':\n    access: $all\n    publish: $authenticated\n    unpublish: $authenticated\n`,
    )
    .join('');
  return `# Written by the test registry helper (packages/test-support/src/registry.ts).
storage: ./storage
auth:
  htpasswd:
    file: ./htpasswd
uplinks:
  upstream:
    url: ${JSON.stringify(uplink)}
    timeout: 60s
    max_fails: 5
    # Asked again only after this long: one test run never waits twice for one package.
    maxage: 30m
packages:
  # Published here only, never looked up upstream.
${own}  '**':
    access: $all
    publish: $authenticated
    unpublish: $authenticated
    proxy: upstream
web:
  enable: false
max_body_size: 200mb
server:
  keepAliveTimeout: 60
log: { type: stdout, format: pretty, level: warn }
# Tokens as JWTs: the legacy ones make Verdaccio check the password (bcrypt, a quarter of a
# second) on every request that carries one, and npm sends it with each of hundreds.
security:
  api:
    jwt:
      sign:
        expiresIn: 1d
`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** true once `GET /-/ping` answers 200; false when Verdaccio exits first or 60 s pass. */
async function waitUntilAnswering(url: string, child: ChildProcess): Promise<boolean> {
  const exited = new Promise<false>((resolve) => child.once('exit', () => resolve(false)));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    const ok = await fetch(`${url}-/ping`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return true;
    if (await Promise.race([exited, sleep(100).then(() => true)])) continue;
    return false;
  }
  child.kill('SIGKILL');
  return false;
}

/** `npm adduser` against a registry: the CouchDB user document PUT, which answers a token. */
async function addUser(url: string, name: string): Promise<string> {
  const response = await fetch(`${url}-/user/org.couchdb.user:${encodeURIComponent(name)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      _id: `org.couchdb.user:${name}`,
      name,
      password: 'a password only this test run knows',
      type: 'user',
      roles: [],
      date: new Date().toISOString(),
    }),
  });
  const body = (await response.json().catch(() => ({}))) as { token?: string; error?: string };
  if (!response.ok || !body.token)
    throw new Error(`adding user ${name} to ${url} failed: ${response.status} ${body.error ?? ''}`);
  return body.token;
}
