// `npm run dev`: the docs site with the catalog live. `cookie-catalog generate --watch` writes
// the policy again on every save in the catalog (only the files that change), and the site
// imports the generated source itself (COOKIE_POLICY_DOCS), not the built package, so VitePress
// reloads the page with the edit: legal sees a changed purpose in the browser within a second or
// two. A catalog that does not validate prints its problems and keeps the last good page.
//
// COOKIE_CATALOG: another catalog folder (default ../../catalog); COOKIE_CATALOG_ROOT: where its
// generated packages go (default: the catalog's parent). Extra arguments go to `vitepress dev`.
//
// A change to the catalog's languages (a locale added or removed, a title renamed) changes the
// pages and VitePress's own configuration: the pages are written again and `vitepress dev` starts
// again on the same port (an open page reconnects by itself).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const here = fileURLToPath(new URL('..', import.meta.url));
const catalog = resolve(here, process.env.COOKIE_CATALOG ?? '../../catalog');
const root = resolve(here, process.env.COOKIE_CATALOG_ROOT ?? dirname(catalog));
const require = createRequire(import.meta.url);
const cli = join(
  dirname(require.resolve('@cookie-catalog/cli/package.json')),
  'bin',
  'cookie-catalog.js',
);
const vitepress = join(dirname(require.resolve('vitepress/package.json')), 'bin', 'vitepress.js');
const env = {
  ...process.env,
  COOKIE_POLICY_DOCS: join(root, 'packages/docs/src/generated/html/index.ts'),
};

const children = [];
function start(args, options) {
  const child = spawn(process.execPath, args, { cwd: here, env, ...options });
  children.push(child);
  child.on('exit', (code) => stop(code ?? 1));
  return child;
}
function stop(code) {
  for (const child of children) if (child.exitCode === null) child.kill();
  process.exitCode = code;
  // A VitePress that is still starting (bundling dependencies) can take its time to close.
  setTimeout(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    process.exit(code);
  }, 3_000).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const generate = start(
  [cli, 'generate', 'html/policy', '--watch', '--catalog', catalog, '--root', root],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
/** What the pages and VitePress's configuration are made from (see site.mjs). */
async function siteShape() {
  const site = JSON.parse(
    await readFile(join(dirname(env.COOKIE_POLICY_DOCS), 'site.json'), 'utf8'),
  );
  return JSON.stringify([site.locales, site.defaultLocale, site.controller]);
}

async function writePages() {
  const pages = spawn(process.execPath, [join(here, 'scripts/pages.mjs')], {
    cwd: here,
    env,
    stdio: 'inherit',
  });
  const [code] = await once(pages, 'exit');
  if (code !== 0) stop(code ?? 1);
  return code === 0;
}

let site; // the `vitepress dev` process
let address; // where it serves, once it says
let shape; // siteShape() of the pages it serves
let checking = Promise.resolve();
const siteArgs = () => {
  // Once it has a port, a restart keeps it (an open page reconnects to the same address).
  const args = process.argv.slice(2);
  const port = args.indexOf('--port');
  if (address && port >= 0) args[port + 1] = address.port;
  else if (address) args.push('--port', address.port);
  // That address or none: the open page knows no other.
  if (address) args.push('--strictPort');
  return [vitepress, 'dev', ...args];
};

async function startSite() {
  if (!(await writePages())) return;
  site = start(siteArgs(), { stdio: ['ignore', 'pipe', 'inherit'] });
  site.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    const local = /Local:\s+(http:\/\/[^/\s]+)\//.exec(stripVTControlCharacters(String(chunk)));
    if (local) address = new URL(local[1]);
  });
}

async function restartSite() {
  const old = site;
  children.splice(children.indexOf(old), 1);
  old.removeAllListeners('exit');
  if (old.exitCode === null) {
    old.kill('SIGKILL'); // nothing to save: it is started again at once
    await once(old, 'exit');
  }
  console.log("The catalog's languages changed: the site starts again.");
  if (address) await portFree(Number(address.port));
  await startSite();
}

/** Until nothing listens on `port` (the old server's socket is gone), for at most 5 s. */
async function portFree(port) {
  for (let i = 0; i < 50; i++) {
    const server = createServer();
    const free = await new Promise((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, address.hostname, () => server.close(() => resolve(true)));
    });
    if (free) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The first generation is written before the site starts; after each later one, the site starts
// again when the languages changed.
generate.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  checking = checking
    .then(async () => {
      if (!site) {
        if (!String(chunk).includes('watching')) return;
        shape = await siteShape();
        await startSite();
        return;
      }
      // Unreadable for a moment (being written): the next line of output looks again.
      const now = await siteShape().catch(() => shape);
      if (now === shape) return;
      shape = now;
      await restartSite();
    })
    .catch((error) => {
      console.error(error);
      stop(1);
    });
});
