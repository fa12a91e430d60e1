import { fileURLToPath } from 'node:url';
import { auditSite } from '@cookie-catalog/audit';
import { loadCatalog } from '@cookie-catalog/catalog';
import { type LocalServer, serveStatic } from '@cookie-catalog/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BUILT = fileURLToPath(new URL('../.vitepress/dist/', import.meta.url));
const { catalog } = await loadCatalog(fileURLToPath(new URL('../../../catalog/', import.meta.url)));
if (!catalog) throw new Error('catalog/ does not validate');

describe('the built docs site, audited before and after consent', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await serveStatic(BUILT);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('stores nothing the catalog does not declare', async () => {
    const audit = await auditSite(catalog, { url: `${server.origin}/`, pages: 20 });
    expect(audit.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // Every language's page was visited, in both passes.
    for (const pass of audit.passes)
      expect(pass.pages.length).toBeGreaterThanOrEqual(catalog.locales.length);
  }, 120_000);
});
