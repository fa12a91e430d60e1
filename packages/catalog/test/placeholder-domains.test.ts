import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/index.js';
import { placeholderDomain } from '../src/rules/placeholder-domain-rules.js';
import { type Edit, editedCatalog, lineOf, REAL_CATALOG } from './catalog-copy.js';

const pubnub = 'cookies/pubnub_subscription.yaml';

describe('placeholderDomain', () => {
  it.each([
    ['example.com', 'example.com'],
    ['www.example.org', 'example.org'],
    ['EXAMPLE.NET.', 'example.net'],
    ['your-site.example', '.example'],
    ['shop.test', '.test'],
    ['nowhere.invalid', '.invalid'],
    ['localhost', 'localhost'],
    ['app.localhost', 'localhost'],
  ])('%s is reserved (%s)', (host, reserved) => {
    expect(placeholderDomain(host)).toBe(reserved);
  });

  it.each([
    'example.service.gov.uk',
    'myexample.com',
    'examples.com',
    'test.com',
    'contest.se',
    'pubnub.com',
  ])('%s is a real name', (host) => {
    expect(placeholderDomain(host)).toBeUndefined();
  });
});

describe('domain/placeholder: example and placeholder domains are a warning', () => {
  const warnings = async (edits: Edit[]) => {
    const dir = await editedCatalog(edits);
    const result = await loadCatalog(dir);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    return { dir, found: result.problems.filter((p) => p.rule === 'domain/placeholder') };
  };

  it("in a provider's domain, at its line, with a fix", async () => {
    const { dir, found } = await warnings([
      { file: pubnub, find: 'domain: pubnub.com', with: 'domain: example.com' },
    ]);
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'warning',
        file: join(dir, pubnub),
        line: await lineOf(dir, pubnub, 'domain: example.com'),
        column: 11,
        citation: expect.stringMatching(/RFC 2606/),
      }),
    ]);
    expect(found[0]?.message).toMatch(
      /the provider's domain "example\.com" is a placeholder: example\.com is reserved for examples/,
    );
    expect(found[0]?.fix).toMatch(/write the real domain/);
  });

  it("in a provider's links", async () => {
    const { found } = await warnings([
      {
        file: pubnub,
        find: 'privacyPolicy: https://www.pubnub.com/privacy-policy/',
        with: 'privacyPolicy: https://vendor.test/privacy',
      },
    ]);
    expect(found.map((p) => p.message)).toEqual([
      expect.stringMatching(
        /provider\.privacyPolicy "https:\/\/vendor\.test\/privacy" is a placeholder: names ending in \.test/,
      ),
    ]);
  });

  it("in the controller's website", async () => {
    const { dir, found } = await warnings([
      {
        file: 'policy.yaml',
        find: 'website: https://billogram.com',
        with: 'website: https://your-site.example',
      },
    ]);
    expect(found).toEqual([
      expect.objectContaining({
        file: join(dir, 'policy.yaml'),
        line: await lineOf(dir, 'policy.yaml', 'website: https://your-site.example'),
      }),
    ]);
    expect(found[0]?.fix).toMatch(/real https:\/\/ link/);
  });

  it('not for a real domain that only contains the word', async () => {
    const { found } = await warnings([
      { file: pubnub, find: 'domain: pubnub.com', with: 'domain: example.service.gov.uk' },
    ]);
    expect(found).toEqual([]);
  });

  it('the real catalog has none', async () => {
    const result = await loadCatalog(REAL_CATALOG);
    expect(result.problems.filter((p) => p.rule === 'domain/placeholder')).toEqual([]);
  });
});
