// The generated pages ship as files too (dist/html/*.html, dist/markdown/*.md), beside the index;
// the machine-readable exports (TCF disclosure, Open Cookie Database CSV, catalog JSON and its
// schema) ship flat in dist/exports/, where the docs site picks them up. Where the catalog
// declares services, each one's pages and exports sit below, at services/<id>/.
import { cp, mkdir, readdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Copies the files of `from` (and its folders) whose names match `pattern` into `to`. */
async function copyTree(from, to, pattern) {
  for (const file of await readdir(from, { recursive: true })) {
    if (!pattern.test(file)) continue;
    await mkdir(new URL(dirname(file) === '.' ? './' : `${dirname(file)}/`, to), {
      recursive: true,
    });
    await cp(new URL(file, from), new URL(file, to));
  }
}

for (const kind of ['html', 'markdown']) {
  const to = new URL(`../dist/${kind}/`, import.meta.url);
  await mkdir(to, { recursive: true });
  await copyTree(
    new URL(`../src/generated/${kind}/`, import.meta.url),
    to,
    /\.(html|md|css|json)$/,
  );
}

const exportsTo = new URL('../dist/exports/', import.meta.url);
await mkdir(exportsTo, { recursive: true });
for (const kind of ['tcf', 'ocd', 'catalog']) {
  await copyTree(
    new URL(`../src/generated/exports/${kind}/`, import.meta.url),
    exportsTo,
    /\.(json|csv)$/,
  );
}
