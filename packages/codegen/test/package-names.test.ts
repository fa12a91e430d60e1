import { describe, expect, it } from 'vitest';
import { ACME_PACKAGES, editedValidCatalog } from '../../catalog/test/catalog-copy.js';
import { runGenerator, tsConsentGenerator } from '../src/index.js';

const load = editedValidCatalog;
const acme = ACME_PACKAGES;

describe('the generated packages under the names policy.yaml gives them', () => {
  it('are @cookie-catalog/* without `packages`, and <scope>/cookies-* with it', async () => {
    expect((await load([])).packages).toEqual({
      server: '@cookie-catalog/server',
      client: '@cookie-catalog/client',
      'policy-table': '@cookie-catalog/policy-table',
      docs: '@cookie-catalog/docs',
      consent: '@cookie-catalog/consent',
    });
    expect((await load([acme])).packages.server).toBe('@acme/cookies-server');
    const prefixed = await load([
      { ...acme, with: '\npackages:\n  scope: "@acme"\n  prefix: ""\ncategories:' },
    ]);
    expect(prefixed.packages['policy-table']).toBe('@acme/policy-table');
  });

  it('the consent package imports the server package by that name', async () => {
    const files = runGenerator(tsConsentGenerator, await load([acme]));
    const server = files.find((f) => f.path === 'server.ts');
    expect(server?.contents).toContain("from '@acme/cookies-server'");
    expect(server?.contents).not.toContain('@cookie-catalog/server');
  });
});
