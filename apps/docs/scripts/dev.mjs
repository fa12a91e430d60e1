// `npm run dev`: the docs site with the catalog live. `cookie-catalog generate --watch` writes
// the policy again on every save in the catalog (only the files that change), and the site
// imports the generated source itself (COOKIE_POLICY_DOCS), not the built package, so VitePress
// reloads the page with the edit: legal sees a changed purpose in the browser within a second or
// two. A catalog that does not validate prints its problems and keeps the last good page.
//
// COOKIE_CATALOG: another catalog folder (default ../../catalog); COOKIE_CATALOG_ROOT: where its
// generated packages go (default: the catalog's parent). Extra arguments go to `vitepress dev`.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const catalog = resolve(here, process.env.COOKIE_CATALOG ?? '../../catalog');
const root = resolve(here, process.env.COOKIE_CATALOG_ROOT ?? dirname(catalog));
const require = createRequire(import.meta.url);
const cli = join(
  dirname(require.resolve('@cookie-catalog/codegen/package.json')),
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
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const generate = start(
  [
    cli,
    'generate',
    'html/policy',
    '--watch',
    '--skip-unknown',
    '--catalog',
    catalog,
    '--root',
    root,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
// The first generation is written before the site starts.
let started = false;
generate.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (started || !String(chunk).includes('watching')) return;
  started = true;
  const pages = spawn(process.execPath, [join(here, 'scripts/pages.mjs')], {
    cwd: here,
    env,
    stdio: 'inherit',
  });
  pages.on('exit', (code) => {
    if (code !== 0) return stop(code ?? 1);
    start([vitepress, 'dev', ...process.argv.slice(2)], { stdio: 'inherit' });
  });
});
