// The generated pages ship as files too (dist/html/*.html, dist/markdown/*.md), beside the index;
// the machine-readable exports (TCF disclosure, Open Cookie Database CSV, catalog JSON and its
// schema) ship flat in dist/exports/, where the docs site picks them up.
import { cp, mkdir, readdir } from 'node:fs/promises';

for (const kind of ['html', 'markdown']) {
  const from = new URL(`../src/generated/${kind}/`, import.meta.url);
  const to = new URL(`../dist/${kind}/`, import.meta.url);
  await mkdir(to, { recursive: true });
  for (const file of await readdir(from)) {
    if (/\.(html|md|css|json)$/.test(file)) await cp(new URL(file, from), new URL(file, to));
  }
}

const exportsTo = new URL('../dist/exports/', import.meta.url);
await mkdir(exportsTo, { recursive: true });
for (const kind of ['tcf', 'ocd', 'catalog']) {
  const from = new URL(`../src/generated/exports/${kind}/`, import.meta.url);
  for (const file of await readdir(from)) {
    if (/\.(json|csv)$/.test(file)) await cp(new URL(file, from), new URL(file, exportsTo));
  }
}
