// Templates live next to the generator that uses them (src/generators/<id>/); tsc does not copy
// them, so the build puts them beside the compiled generator in dist/.
import { cp, readdir } from 'node:fs/promises';

const src = new URL('../src/', import.meta.url);
const dist = new URL('../dist/', import.meta.url);
for (const file of await readdir(src, { recursive: true })) {
  if (/\.(hbs|css)$/.test(file)) await cp(new URL(file, src), new URL(file, dist));
}
