import type { AddressInfo } from 'node:net';
import { auditSite } from '@cookie-catalog/audit';
import { loadCatalog } from '@cookie-catalog/catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoServer, loadClientScript } from '../src/demo-server.js';

const { catalog } = await loadCatalog(new URL('../../../catalog/', import.meta.url).pathname);
if (!catalog) throw new Error('catalog/ does not validate');

describe('the invoice demo, audited before and after consent', () => {
  let server: ReturnType<typeof createDemoServer>;
  let origin: string;
  beforeAll(async () => {
    server = createDemoServer({ clientScript: await loadClientScript(), records: null });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('stores what the catalog declares, as declared, and nothing optional before consent', async () => {
    const audit = await auditSite(catalog, { url: `${origin}/` });
    expect(audit.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(audit.passes.map((p) => p.name)).toEqual(['before consent', 'after consent']);
  }, 120_000);

  it('keeps a refusal and GPC, and its generated banner passes a supervisor’s reading', async () => {
    const audit = await auditSite(catalog, { url: `${origin}/`, passes: ['reject', 'gpc'] });
    expect(audit.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const reject = audit.passes[0];
    expect(reject?.banner?.reject).toMatchObject({ kind: 'button', visible: true });
    expect(reject?.banner?.preselected).toEqual([]);
    expect(audit.warnings).toEqual([]);
  }, 120_000);
});
