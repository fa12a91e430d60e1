import { describe, expect, it } from 'vitest';
import { ACME_PACKAGES, editedValidCatalog } from '../../catalog/test/catalog-copy.js';
import { diffCatalogs } from '../src/index.js';

const load = editedValidCatalog;
const acme = ACME_PACKAGES;

describe('the generated packages under the names policy.yaml gives them', () => {
  it('a catalog change bumps the packages by that name', async () => {
    const before = await load([acme]);
    const after = await load([
      acme,
      { file: 'cookies/language.yaml', find: 'lifetime: 30 days', with: 'lifetime: 60 days' },
    ]);
    const diff = diffCatalogs(before, after);
    expect(diff.packages).toEqual(Object.values(after.packages));
    expect(Object.keys(diff.bumps).sort()).toEqual(
      [
        '@acme/cookies-client',
        '@acme/cookies-docs',
        '@acme/cookies-policy-table',
        '@acme/cookies-server',
      ].sort(),
    );
    for (const change of diff.changes)
      for (const name of Object.keys(change.bumps)) expect(name).toMatch(/^@acme\/cookies-/);
  });
});
