import { isFirstPartyCookie, loadCatalog } from '@cookie-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { editedCatalog } from '../../catalog/test/catalog-copy.js';
import { runGenerator } from '../src/generator.js';
import { htmlPolicyTableGenerator, tsServerGenerator } from '../src/generators/index.js';

/*
 * The facts legal really has, written as legal has them: a lifetime the vendor does not state,
 * one that also ends without activity, a range, cookies a vendor's software sets on our own
 * domain, and our own cookies described by no more than who sets them.
 */
const entry = (id: string, body: string) => ({
  file: `cookies/zz-${id}.yaml`,
  with: `id: ${id}\nname: ${id}\nkind: cookie\ncategory: necessary\npurpose: { en: Purpose., sv: Syfte. }\n${body}`,
});

const dir = await editedCatalog([
  entry(
    'minimal',
    'provider: { party: first, domain: billogram.com }\nsetBy: server\nlifetime: 1 hour\nacknowledge: { advice/host-prefix: a test }\n',
  ),
  entry(
    'scripted',
    'provider: { party: first, domain: billogram.com }\nsetBy: client\nlifetime: 1 day\n',
  ),
  entry(
    'AWSALB',
    'provider: { party: first, name: Amazon Web Services, domain: billogram.com }\nsetBy: vendor\nlifetime: { statedByProvider: 7 days }\n',
  ),
  // Its name would meet readMinimalFrom if it got code; vendor-set entries get none.
  entry(
    'minimal_from',
    'provider: { party: first, name: Example CMS, domain: billogram.com }\nsetBy: vendor\nlifetime: { statedByProvider: 1 day }\n',
  ),
  entry(
    'mystery',
    'provider: { party: first, name: Example CMS, domain: billogram.com }\nsetBy: vendor\nlifetime: unknown\n',
  ),
  entry(
    'ranged',
    'provider: { party: third, name: Example Ads, domain: ads.example, privacyPolicy: "https://ads.example/privacy" }\nsetBy: provider\nlifetime: { statedByProvider: { from: 1 day, to: 2 years } }\n',
  ),
  {
    file: 'cookies/pubnub_subscription.yaml',
    find: 'lifetime:\n  statedByProvider: forever',
    with: 'lifetime:\n  orInactiveFor: 30 minutes\n  statedByProvider: 1 day',
  },
]);
const result = await loadCatalog(dir);
const catalog = result.catalog;
if (!catalog) throw new Error(JSON.stringify(result.problems, null, 2));
const table = runGenerator(htmlPolicyTableGenerator, catalog);
const html = (locale: string) => table.find((f) => f.path === `${locale}.html`)?.contents ?? '';

describe('the facts legal really has', () => {
  it('gives our own cookies the safest attributes that fit who sets them, and an opaque token', () => {
    const byId = new Map(catalog.entries.map((e) => [e.id, e]));
    expect(byId.get('minimal')).toMatchObject({
      attributes: { secure: true, httpOnly: true, sameSite: 'Lax', path: '/', partitioned: false },
      value: { type: 'string', encoding: 'raw' },
    });
    // Page scripts cannot set an HttpOnly cookie (RFC 6265bis §5.7).
    expect(byId.get('scripted')?.attributes).toMatchObject({ httpOnly: false, secure: true });
    const [server] = runGenerator(tsServerGenerator, catalog, { runtimeImport: 'x' });
    const serializer = /function serializeMinimal[\s\S]*?\n}/.exec(server?.contents ?? '')?.[0];
    expect(serializer).toContain("'; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax'");
  });

  it('generates nothing for what a vendor sets on our domain, and names the vendor in the table', () => {
    const [server] = runGenerator(tsServerGenerator, catalog, { runtimeImport: 'x' });
    expect(server?.contents).not.toMatch(/AWSALB|Mystery/);
    expect(catalog.entries.filter(isFirstPartyCookie).map((e) => e.id)).not.toContain('AWSALB');
    expect(html('en')).toContain('set on our site by Amazon Web Services');
    expect(html('sv')).toContain('sätts på vår webbplats av Amazon Web Services');
  });

  it('says in every language when a lifetime is not stated, and warns legal to ask', () => {
    expect(result.problems).toContainEqual(
      expect.objectContaining({ rule: 'lifetime/unknown', severity: 'warning' }),
    );
    expect(html('en')).toContain('not stated by the provider');
    expect(html('sv')).toContain('anges inte av leverantören');
  });

  it('writes compound lifetimes and ranges in words, with the cap only when they exceed it', () => {
    expect(html('en')).toContain('1 day, or 30 minutes without activity</time>');
    expect(html('sv')).toContain('1 dag, eller 30 minuter utan aktivitet</time>');
    expect(html('en')).toContain(
      '1 day to 2 years according to the provider; browsers keep it at most 400 days',
    );
    expect(html('en')).toContain('<time datetime="P7D">7 days</time>');
  });
});
