// The generated pages ship as files too (dist/html/*.html, dist/markdown/*.md), beside the index.
import { cp, mkdir, readdir } from 'node:fs/promises';

for (const kind of ['html', 'markdown']) {
  const from = new URL(`../src/generated/${kind}/`, import.meta.url);
  const to = new URL(`../dist/${kind}/`, import.meta.url);
  await mkdir(to, { recursive: true });
  for (const file of await readdir(from)) {
    if (/\.(html|md|css|json)$/.test(file)) await cp(new URL(file, from), new URL(file, to));
  }
}
