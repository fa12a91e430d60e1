// The generated HTML, JSON and CSS ship as files too (subpath exports), next to the compiled index.
import { cp, readdir } from 'node:fs/promises';

const generated = new URL('../src/generated/', import.meta.url);
const dist = new URL('../dist/', import.meta.url);
for (const file of await readdir(generated)) {
  if (/\.(html|json|css)$/.test(file)) await cp(new URL(file, generated), new URL(file, dist));
}
