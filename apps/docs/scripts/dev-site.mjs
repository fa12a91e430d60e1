// Starts `npm run dev` (scripts/dev.mjs) on a scratch copy of a catalog, for the dev-loop test
// and bench: nothing in the repository is written. Resolves once VitePress serves.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SITE = fileURLToPath(new URL('../', import.meta.url));

/** @param {string} catalog the catalog folder to copy */
export async function startDevSite(catalog) {
  const scratch = await mkdtemp(join(tmpdir(), 'cookie-catalog-dev-'));
  await cp(catalog, join(scratch, 'catalog'), { recursive: true });
  const dev = spawn(process.execPath, ['scripts/dev.mjs', '--host', '127.0.0.1', '--port', '0'], {
    cwd: SITE,
    detached: true,
    env: {
      ...process.env,
      COOKIE_CATALOG: join(scratch, 'catalog'),
      COOKIE_CATALOG_ROOT: scratch,
      COOKIE_POLICY_PAGES: join(scratch, 'pages'),
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  dev.stdout.on('data', (chunk) => {
    output += chunk;
  });
  dev.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const address = () => /Local:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
  while (!address()) {
    if (dev.exitCode !== null) throw new Error(`npm run dev stopped:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    origin: /** @type {string} */ (address()),
    catalog: join(scratch, 'catalog'),
    output: () => output,
    async stop() {
      if (dev.pid === undefined || dev.exitCode !== null) return;
      process.kill(-dev.pid, 'SIGTERM'); // the script and what it started
      await once(dev, 'exit');
    },
  };
}
