// Rewrites schema/*.schema.json from the zod schema (run after `npm run build`).
import { mkdir, writeFile } from 'node:fs/promises';
import { catalogJsonSchemas } from '../dist/index.js';

const dir = new URL('../schema/', import.meta.url);
await mkdir(dir, { recursive: true });
for (const [name, text] of Object.entries(catalogJsonSchemas())) {
  await writeFile(new URL(name, dir), text);
  console.log(`wrote packages/catalog/schema/${name}`);
}
