// Rewrites schema/*.schema.json and FIELDS.md from the zod schema.
// Run after `npm run build`; a test fails while they are out of date.
import { mkdir, writeFile } from 'node:fs/promises';
import { catalogFieldReference, catalogJsonSchemas } from '../dist/index.js';

const dir = new URL('../schema/', import.meta.url);
await mkdir(dir, { recursive: true });
for (const [name, text] of Object.entries(catalogJsonSchemas())) {
  await writeFile(new URL(name, dir), text);
  console.log(`wrote packages/catalog/schema/${name}`);
}
await writeFile(new URL('../FIELDS.md', import.meta.url), catalogFieldReference());
console.log('wrote FIELDS.md');
