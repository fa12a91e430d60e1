import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Catalog, type CatalogEntry, loadCatalog } from '@cookie-catalog/catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editedCatalog, onServices } from '../../catalog/test/catalog-copy.js';
import { auditSite } from '../src/index.js';
import { UNUSED_BY_TEST_SITES, withoutEntries } from './site-catalog.js';

/*
 * Audit per service (issue #31, item 4): each host is held against its own service's entries. Two
 * services on loopback under one parent (`*.billogram.localhost`: Chromium sends every
 * `.localhost` name to 127.0.0.1, and ports do not separate cookies): the platform, ours, and the
 * help centre, Zendesk's. The chat cookie is listed on the help centre only; the platform's page
 * sets it anyway, and that is the finding, naming both services. On the help centre it belongs.
 */

let catalog: Catalog;
let server: Server;
let port: number;

const entry = (id: string) => catalog.entries.find((e) => e.id === id) as CatalogEntry;

const PLATFORM = `  - id: platform
    name: { en: Invoicing platform, sv: Fakturaplattformen }
    hosts: [app.billogram.localhost]
    runBy: us
`;
const HELP = `  - id: help
    name: { en: Help centre, sv: Hjälpcenter }
    hosts: [help.billogram.localhost]
    runBy: { vendor: "Zendesk, Inc." }
`;
/** A service as stated only by the domain its hosts are under (services[].domain). */
const domainOnly = (service: string) =>
  service.replace(/hosts: \[[a-z]+\.billogram\.localhost\]/, 'domain: billogram.localhost');

/** The site's catalog with these services (policy.yaml `services:` items). */
async function siteCatalog(services: string): Promise<Catalog> {
  const dir = await editedCatalog([
    // Everything the site does not use, so that nothing else is an error.
    ...withoutEntries([...UNUSED_BY_TEST_SITES, 'access_token', 'csrftoken', 'language']),
    {
      file: 'policy.yaml',
      find: '  website: https://billogram.com\n',
      with: '  website: https://billogram.com\n  domains: [billogram.com, billogram.localhost]\n',
    },
    {
      file: 'policy.yaml',
      find: '\ncategories:',
      with: `
services:
${services}categories:`,
    },
    // The consent cookie is shared by both hosts: a Domain cookie of their parent.
    {
      file: 'cookies/billogramGDPR.yaml',
      find: '  sameSite: Lax',
      with: '  sameSite: Lax\n  domain: billogram.localhost',
    },
    // The chat cookie as a host-only cookie of the help centre's host.
    {
      file: 'cookies/zendesk_chat_visitor.yaml',
      find: '  path: /\n  domain: billogram.com\n',
      with: '  path: /\n',
    },
    {
      file: 'cookies/zendesk_chat_visitor.yaml',
      find: '  domain: billogram.com\n  privacyPolicy',
      with: '  domain: billogram.localhost\n  privacyPolicy',
    },
    onServices('cookies/zendesk_chat_visitor.yaml', ['help']),
  ]);
  const loaded = await loadCatalog(dir);
  if (!loaded.catalog)
    throw new Error(
      loaded.problems
        .map((p) => `${p.severity} ${p.rule} ${p.file}:${p.line} ${p.message}`)
        .join('\n'),
    );
  return loaded.catalog;
}

beforeAll(async () => {
  catalog = await siteCatalog(PLATFORM + HELP);
  const chat = entry('zendesk_chat_visitor');
  server = createServer((request, response) => {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    // Both hosts run the same page: its chat loader sets the chat cookie on whatever host it is.
    response.end(`<!doctype html><html lang="en"><head><title>${request.headers.host}</title></head><body>
<main><h1>Hello</h1></main>
<script>document.cookie = '${chat.name.pattern}=v1; Max-Age=3600; Path=/';</script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe('an audit of each service holds its host against its own entries', () => {
  it("reports a help-centre cookie found on the platform's host, naming both services", async () => {
    const chat = entry('zendesk_chat_visitor');
    const url = `http://app.billogram.localhost:${port}/`;
    const audit = await auditSite(catalog, { url, pages: 1, consent: 'none' });
    const found = audit.problems.filter((p) => p.rule === 'audit/other-service');
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: url,
        message: `${chat.name.pattern} (app.billogram.localhost/) (zendesk_chat_visitor) is stored on app.billogram.localhost, a host of the service platform (Invoicing platform), but the catalog lists it only on help (Help centre)`,
      }),
    ]);
    expect(found[0]?.fix).toContain(`add platform to services: in ${chat.source}`);
    // The help centre's entries are not "declared but not seen" on an audit of the platform.
    const notSeen = audit.problems.filter((p) => p.rule === 'audit/not-seen').map((p) => p.message);
    expect(notSeen.some((m) => m.startsWith('zendesk_chat_visitor'))).toBe(false);
  }, 120_000);

  it("the same cookie on the help centre's host is its own", async () => {
    const url = `http://help.billogram.localhost:${port}/`;
    const audit = await auditSite(catalog, { url, pages: 1, consent: 'none' });
    expect(audit.problems.filter((p) => p.rule === 'audit/other-service')).toEqual([]);
    // The cookie was seen and matched: it is not undeclared either.
    expect(audit.problems.filter((p) => p.rule === 'audit/undeclared-cookie')).toEqual([]);
    expect(audit.passes[0]?.cookies.map((c) => c.name)).toContain(
      entry('zendesk_chat_visitor').name.pattern,
    );
  }, 120_000);
});

describe('a service stated only by the domain its hosts are under', () => {
  it('owns a host under that domain when it is the only service that could: a cookie of another service there is a finding', async () => {
    const withDomain = await siteCatalog(domainOnly(PLATFORM) + HELP);
    expect(withDomain.services.find((s) => s.id === 'platform')).toMatchObject({
      hosts: undefined,
      domain: 'billogram.localhost',
    });
    const chat = withDomain.entries.find((e) => e.id === 'zendesk_chat_visitor');
    expect(chat?.services).toEqual(['help']);
    // app.billogram.localhost is stated by no service; only the platform could own it.
    const app = `http://app.billogram.localhost:${port}/`;
    const onApp = await auditSite(withDomain, { url: app, pages: 1, consent: 'none' });
    expect(onApp.problems.filter((p) => p.rule === 'audit/other-service')).toEqual([
      expect.objectContaining({
        file: app,
        message: `${chat?.name.pattern} (app.billogram.localhost/) (zendesk_chat_visitor) is stored on app.billogram.localhost, a host of the service platform (Invoicing platform), but the catalog lists it only on help (Help centre)`,
      }),
    ]);
    // A host the help centre states is the help centre's, though it is under the platform's domain.
    const help = `http://help.billogram.localhost:${port}/`;
    const onHelp = await auditSite(withDomain, { url: help, pages: 1, consent: 'none' });
    expect(onHelp.problems.filter((p) => p.rule === 'audit/other-service')).toEqual([]);
  }, 180_000);

  it('leaves a host unknown where two services could own it: no finding names a service for it', async () => {
    const both = await siteCatalog(domainOnly(PLATFORM) + domainOnly(HELP));
    const app = `http://app.billogram.localhost:${port}/`;
    const audit = await auditSite(both, { url: app, pages: 1, consent: 'none' });
    // With the platform alone under the domain, this is a finding (the test above); with both,
    // which service the host is, is not known, and nothing is said about it.
    expect(audit.problems.filter((p) => p.rule === 'audit/other-service')).toEqual([]);
    expect(audit.problems.filter((p) => p.rule === 'audit/undeclared-cookie')).toEqual([]);
  }, 120_000);
});
