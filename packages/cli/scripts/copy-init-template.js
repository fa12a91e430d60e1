// `cookie-catalog init` writes a new organisation's repository. Its generated packages and docs
// site are set up as this repository's own (the package set-ups, the VitePress site): copied
// from them here at build, into dist/init/, so there is one source and the packed toolchain
// carries it. A generated package's src/ is not copied: it holds nothing but what `generate`
// writes (entry modules included), and what the generated code runs on comes from
// @cookie-catalog/runtime, so a fix there reaches an organisation with a toolchain upgrade, not
// only with a new `init`. init-template/ adds what only a new repository has (its tests, vitest
// set-up, CI script). init renames the packages to the organisation's scope as it writes them.
//
// Our own generated packages carry our organisation's names (@billogram/cookies-server, from
// policy.yaml `packages`); in the copy they are written as the toolchain's placeholders
// (@cookie-catalog/server, …), which init renames to the new organisation's.
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const out = fileURLToPath(new URL('../dist/init/', import.meta.url));
const own = fileURLToPath(new URL('../init-template/', import.meta.url));

/** Files of the repository that belong to every organisation's repository. */
const TAKE = {
  'packages/server': ['package.json', 'tsconfig.json', 'tsconfig.build.json'],
  'packages/client': ['package.json', 'tsconfig.json', 'tsconfig.build.json'],
  'packages/policy-table': ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/'],
  'packages/docs': ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/'],
  'packages/consent': ['package.json', 'tsconfig.json', 'tsconfig.build.json'],
  'apps/docs': [
    'package.json',
    'tsconfig.json',
    '.gitignore',
    '.vitepress/config.mts',
    '.vitepress/theme/',
    'assets/',
    'scripts/',
  ],
  '.': ['package.json', 'tsconfig.base.json', 'turbo.json'],
};

await rm(out, { recursive: true, force: true });
for (const [folder, paths] of Object.entries(TAKE)) {
  for (const path of paths) {
    const from = join(repo, folder, path);
    const to = join(out, folder, path);
    await mkdir(dirname(to), { recursive: true });
    // Sources only: no tests, nothing generated, nothing built.
    await cp(from, to, {
      recursive: true,
      filter: (source) => !/\.test\.ts$|[\\/](generated|dist|node_modules)([\\/]|$)/.test(source),
    });
  }
}
const placeholders = new Map();
for (const key of ['server', 'client', 'policy-table', 'docs', 'consent']) {
  const { name } = JSON.parse(await readFile(join(repo, 'packages', key, 'package.json'), 'utf8'));
  placeholders.set(name, `@cookie-catalog/${key}`);
}
const ours = new RegExp(
  `(${[...placeholders.keys()].map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(?![\\w-])`,
  'g',
);
for (const file of await readdir(out, { recursive: true })) {
  const path = join(out, file);
  const text = await readFile(path, 'utf8').catch(() => undefined); // a folder
  if (text === undefined) continue;
  const renamed = text.replace(ours, (name) => placeholders.get(name));
  if (renamed !== text) await writeFile(path, renamed);
}
await cp(own, out, { recursive: true });
const count = (await readdir(out, { recursive: true })).length;
if (process.env.INIT_TEMPLATE_REPORT)
  console.log(`dist/init: ${count} entries from ${relative(process.cwd(), repo) || '.'}`);
