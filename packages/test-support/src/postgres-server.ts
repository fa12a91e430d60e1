import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { appendFile, chmod, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** pg_ctl stop; `immediate` is a crash as far as the server knows (recovery runs on start). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its folder (unless it was given to keep). */
  close(): Promise<void>;
}

/** Debian's PostgreSQL binaries (`/usr/lib/postgresql/<major>/bin`), newest major first, or undefined. */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] === undefined ? undefined : join(root, majors[0], 'bin');
}

/**
 * Why PostgreSQL tests cannot run here, or undefined when they can. In CI (CI=1) a missing
 * server is a failure the caller should raise, not a skip: `.ci/run` installs Debian's package.
 */
export function postgresUnavailable(): string | undefined {
  return findPostgresBin() === undefined
    ? 'PostgreSQL binaries not found under /usr/lib/postgresql/*/bin (Debian: apt-get install postgresql)'
    : undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** Whether the `postgres` user can reach a folder: every folder above it must let others pass. */
/**
 * Where a temporary folder for PostgreSQL goes: the temporary folder, or as root, when the
 * `postgres` user cannot pass through it (a CI run's own, mode 700), /tmp.
 */
async function postgresBase(): Promise<string> {
  return process.getuid?.() === 0 && !(await othersCanTraverse(tmpdir())) ? '/tmp' : tmpdir();
}

/**
 * A new empty folder PostgreSQL can be given to keep (`folder`): where the `postgres` user can
 * reach it when the tests run as root. The caller removes it.
 */
export async function postgresReachableFolder(prefix: string): Promise<string> {
  const folder = mkdtempSync(join(await postgresBase(), prefix));
  await chmod(folder, 0o755);
  return folder;
}

async function othersCanTraverse(folder: string): Promise<boolean> {
  for (let dir = folder; dir !== dirname(dir); dir = dirname(dir))
    if (((await stat(dir)).mode & 0o001) === 0) return false;
  return true;
}

export interface PostgresServerOptions {
  /**
   * A folder to keep: the server's data goes to `<folder>/data`, made by initdb when it is not
   * there and used as it is when it is, and `close()` stops the server and leaves the folder (a
   * bench's generated data, measured again later). Default: a temporary folder, removed on close.
   */
  readonly folder?: string;
}

/**
 * A PostgreSQL server of its own for a test: initdb in a temporary folder, 127.0.0.1 and a free
 * port, trust authentication, no Unix socket. PostgreSQL refuses to run as root, so as root the
 * server runs as the `postgres` user in a folder that user owns.
 */
export async function startPostgresServer(
  options: PostgresServerOptions = {},
): Promise<PostgresServer> {
  const bin = findPostgresBin();
  if (bin === undefined) throw new Error(postgresUnavailable());
  const asRoot = process.getuid?.() === 0;
  const kept = options.folder;
  const base = await postgresBase();
  if (kept !== undefined) {
    mkdirSync(kept, { recursive: true });
    // The folder itself becomes the postgres user's below; the ones above must let it pass.
    if (asRoot && !(await othersCanTraverse(dirname(kept))))
      throw new Error(
        `${kept}: the postgres user (PostgreSQL refuses to run as root) cannot reach this folder: every folder above it must let others pass (chmod o+x ${dirname(kept)}), or choose one that does`,
      );
  }
  const root = kept ?? mkdtempSync(join(base, 'cookie-catalog-postgres-'));
  const dataDir = join(root, 'data');
  const reused = kept !== undefined && existsSync(join(dataDir, 'PG_VERSION'));
  const remove = () => {
    if (kept === undefined) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
  let uid = 0;
  let gid = 0;
  if (asRoot) {
    const { stdout } = await exec('id', ['-u', 'postgres']);
    uid = Number(stdout.trim());
    gid = Number((await exec('id', ['-g', 'postgres'])).stdout.trim());
    chownSync(root, uid, gid);
  }
  const run = (command: string, args: string[]) =>
    asRoot
      ? exec('runuser', ['-u', 'postgres', '--', join(bin, command), ...args])
      : exec(join(bin, command), args);
  if (!reused)
    try {
      await run('initdb', [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--locale=C',
      ]);
    } catch (error) {
      remove();
      throw error;
    }
  const port = await freePort();
  // A reused folder gets the new port too: in postgresql.conf the last setting wins.
  await appendFile(
    join(dataDir, 'postgresql.conf'),
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      'fsync = on',
      'synchronous_commit = on',
      'max_connections = 50',
      '',
    ].join('\n'),
  );
  if (asRoot) await exec('chown', ['-R', `${uid}:${gid}`, dataDir]);
  const log = join(root, 'server.log');
  const start = async () => {
    await run('pg_ctl', ['-D', dataDir, '-l', log, '-w', '-t', '60', 'start']);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    await run('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']);
  };
  try {
    await start();
  } catch (error) {
    remove();
    throw error;
  }
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    stop: async (mode) => {
      await stop(mode);
      running = false;
    },
    start: async () => {
      await start();
      running = true;
    },
    close: async () => {
      // A kept folder's server stops cleanly (a checkpoint, no recovery on the next start).
      if (running) await stop(kept === undefined ? 'immediate' : 'fast').catch(() => {});
      running = false;
      remove();
    },
  };
}
