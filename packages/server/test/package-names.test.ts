import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { GENERATED_PACKAGES, loadCatalog } from '@cookie-catalog/catalog';
import { describe, expect, it } from 'vitest';

const REPO = new URL('../../../', import.meta.url);

describe('the generated packages carry the names the catalog gives them', () => {
  it('each manifest, and each generated package another depends on, by policy.yaml `packages`', async () => {
    const { catalog } = await loadCatalog(fileURLToPath(new URL('catalog/', REPO)));
    if (!catalog) throw new Error('catalog/ is not valid');
    const generated = new Set(Object.values(catalog.packages));
    for (const key of GENERATED_PACKAGES) {
      const manifest = JSON.parse(
        await readFile(new URL(`packages/${key}/package.json`, REPO), 'utf8'),
      ) as { name: string; dependencies?: Record<string, string> };
      expect(manifest.name, key).toBe(catalog.packages[key]);
      // A dependency on a generated package names it as the catalog does (consent → server).
      for (const dependency of Object.keys(manifest.dependencies ?? {}))
        if (/\/(cookies-)?(server|client|policy-table|docs|consent)$/.test(dependency))
          expect(generated.has(dependency), `${key} → ${dependency}`).toBe(true);
    }
  });
});
