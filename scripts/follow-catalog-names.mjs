#!/usr/bin/env node
// The generated packages of this workspace carry the names the catalog gives them (policy.yaml
// `packages`: ours are @billogram/cookies-server, …). When another organisation's catalog takes
// the place of catalog/ (.ci/examples), the workspace follows it: each generated package's
// manifest gets the catalog's name, and every manifest, import and test of the generated packages
// and the apps that names the old one names the new one; then npm links the workspace again.
// Run it again after putting our catalog back, and everything is as it was.
//
//   node scripts/follow-catalog-names.mjs [CATALOG_DIR]     (default: catalog)
import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_PACKAGES, loadCatalog } from '@cookie-catalog/catalog';

const root = fileURLToPath(new URL('..', import.meta.url));
const { catalog, problems } = await loadCatalog(resolve(process.argv[2] ?? join(root, 'catalog')));
if (!catalog) {
  console.error(`follow-catalog-names: the catalog is not valid (${problems.length} problems)`);
  process.exit(1);
}

const renames = new Map();
for (const key of GENERATED_PACKAGES) {
  const manifest = JSON.parse(await readFile(join(root, 'packages', key, 'package.json'), 'utf8'));
  if (manifest.name !== catalog.packages[key]) renames.set(manifest.name, catalog.packages[key]);
}
if (renames.size === 0) {
  console.log('follow-catalog-names: the workspace already has the catalog’s package names');
  process.exit(0);
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const names = new RegExp(`(${[...renames.keys()].map(escapeRegExp).join('|')})(?![\\w-])`, 'g');
const SKIP = /(^|[\\/])(node_modules|dist|generated|cache|\.next-app|\.turbo)([\\/]|$)/;
const TEXT = /\.(ts|mts|cts|js|mjs|cjs|vue|json|md)$/;
let files = 0;
for (const folder of [...GENERATED_PACKAGES.map((key) => `packages/${key}`), 'apps']) {
  for (const file of await readdir(join(root, folder), { recursive: true })) {
    if (SKIP.test(file) || !TEXT.test(file)) continue;
    const path = join(root, folder, file);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const renamed = text.replace(names, (name) => renames.get(name));
    if (renamed === text) continue;
    await writeFile(path, renamed);
    files++;
  }
}
console.log(
  `follow-catalog-names: ${[...renames].map(([from, to]) => `${from} → ${to}`).join(', ')} (${files} files); linking the workspace again`,
);
execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
