import { describe, expect, it } from 'vitest';
import {
  ACME_PACKAGES,
  type Edit,
  editedValidCatalog,
  onServices,
  THREE_SERVICES,
} from '../../catalog/test/catalog-copy.js';
import { diffCatalogs, formatChangeset, formatDiffMarkdown } from '../src/index.js';
import { packageBumps } from '../src/output-bumps.js';

/*
 * The diff names the services a change touches (issue #31, item 6), on the fixture as three
 * services on two parent domains: platform (app.billogram.com) and se (www.billogram.se), ours,
 * and help (help.billogram.com), Zendesk's.
 */

const base: readonly Edit[] = [ACME_PACKAGES, ...THREE_SERVICES];
/** THREE_SERVICES with `file` on `ids` instead. */
const listed = (file: string, ids: readonly string[]): Edit[] => [
  ACME_PACKAGES,
  ...THREE_SERVICES.filter((edit) => !(edit.file === file && edit.find === '\nkind:')),
  onServices(file, ids),
];

async function diff(before: readonly Edit[], after: readonly Edit[]) {
  return diffCatalogs(await editedValidCatalog(before), await editedValidCatalog(after));
}

describe('the diff of a catalog with services', () => {
  it('says which services an entry change touches, in the change and in its words', async () => {
    const result = await diff(base, [
      ...base,
      { file: 'cookies/csrftoken.yaml', find: 'lifetime: 1 year', with: 'lifetime: 200 days' },
      {
        file: 'cookies/zendesk_session.yaml',
        find: 'lifetime: 8 hours',
        with: 'lifetime: 9 hours',
      },
    ]);
    const of = (subject: string) => result.changes.filter((c) => c.subject === subject);
    expect(of('csrftoken')).toEqual([
      expect.objectContaining({
        description: 'csrftoken lifetime 1 year → 200 days (services: platform, se)',
        services: ['platform', 'se'],
      }),
    ]);
    expect(of('zendesk_session')[0]?.services).toEqual(['help']);
  });

  it('counts an entry that moves from one service to another as a change for both, and says its code moves between subpaths', async () => {
    const result = await diff(
      listed('cookies/language.yaml', ['platform']),
      listed('cookies/language.yaml', ['se']),
    );
    expect(result.changes).toEqual([
      {
        subject: 'language',
        description:
          'language moves from service platform to service se: its row leaves the table of platform and joins that of se; its setters and readers move from @acme/cookies-server/platform, @acme/cookies-client/platform to @acme/cookies-server/se, @acme/cookies-client/se once the code packages have a subpath per service',
        services: ['platform', 'se'],
        bumps: {
          '@acme/cookies-server': 'major',
          '@acme/cookies-client': 'major',
          '@acme/cookies-policy-table': 'minor',
          '@acme/cookies-docs': 'minor',
        },
      },
    ]);
  });

  it('tells an entry joining a service (minor) from one leaving it (major for its code)', async () => {
    const joins = await diff(
      listed('cookies/access_token.yaml', ['platform']),
      listed('cookies/access_token.yaml', ['platform', 'se']),
    );
    expect(joins.changes).toEqual([
      expect.objectContaining({
        description: expect.stringMatching(
          /^access_token joins service se: .*@acme\/cookies-server\/se once the code packages have a subpath per service$/,
        ),
        services: ['se'],
        bumps: expect.objectContaining({ '@acme/cookies-server': 'minor' }),
      }),
    ]);
    const leaves = await diff(
      listed('cookies/access_token.yaml', ['platform', 'se']),
      listed('cookies/access_token.yaml', ['platform']),
    );
    expect(leaves.changes).toEqual([
      expect.objectContaining({
        description: expect.stringMatching(/^access_token leaves service se: /),
        services: ['se'],
        bumps: expect.objectContaining({ '@acme/cookies-server': 'major' }),
      }),
    ]);
  });

  it("names the services of a service's own change, and every service for the policy's", async () => {
    const result = await diff(base, [
      ...base,
      {
        file: 'policy.yaml',
        find: 'hosts: [help.billogram.com]',
        with: 'hosts: [support.billogram.com]',
      },
      { file: 'policy.yaml', find: 'version: "2.0"', with: 'version: "2.1"' },
    ]);
    expect(result.changes).toContainEqual(
      expect.objectContaining({
        subject: 'service:help',
        description: 'service help hosts help.billogram.com → support.billogram.com',
        services: ['help'],
      }),
    );
    expect(result.changes).toContainEqual(
      expect.objectContaining({
        subject: 'policy',
        description: 'policy version 2.0 → 2.1 (services: platform, help, se)',
        services: ['platform', 'help', 'se'],
      }),
    );
  });

  it('says where a service states only the domain its hosts are under, and a Domain cookie still reaches it', async () => {
    const before = await editedValidCatalog(base);
    const after = await editedValidCatalog([
      ...base,
      {
        file: 'policy.yaml',
        find: 'hosts: [help.billogram.com]',
        with: 'domain: billogram.com',
      },
    ]);
    const result = diffCatalogs(before, after);
    expect(result.changes).toContainEqual(
      expect.objectContaining({
        subject: 'service:help',
        description: 'service help hosts help.billogram.com → not stated, under billogram.com',
        services: ['help'],
      }),
    );
    // Every Domain cookie that reached the help centre by its host reaches it by its domain.
    const reaching = (catalog: typeof before) =>
      catalog.entries.filter((e) => e.reaches?.includes('help')).map((e) => e.id);
    expect(reaching(before).length).toBeGreaterThan(0);
    expect(reaching(after)).toEqual(reaching(before));
    expect(result.changes.filter((c) => /reaches service help/.test(c.description))).toEqual([]);
  });

  it("tells where a Domain cookie's reach changes", async () => {
    const result = await diff(base, [
      ...base,
      {
        file: 'policy.yaml',
        find: 'hosts: [www.billogram.se, billogram.se]',
        with: 'hosts: [www.billogram.se, billogram.se, se.billogram.com]',
      },
    ]);
    const reach = result.changes.filter((c) => c.description.includes('now reaches service se'));
    expect(reach.map((c) => c.subject).sort()).toEqual(
      ['billogramGDPR', 'zendesk_chat_privacy', 'zendesk_chat_visitor'].sort(),
    );
    for (const change of reach) expect(change.services).toEqual(['se']);
  });

  it('reports declaring services as one change, not as every entry moving', async () => {
    const result = await diff([ACME_PACKAGES], base);
    const services = result.changes.filter((c) => c.description.includes('now has services'));
    expect(services).toEqual([
      expect.objectContaining({
        subject: 'policy',
        description:
          'the catalog now has services: platform, help, se (it was one site); each has its own table of the entries it uses',
        services: ['platform', 'help', 'se'],
      }),
    ]);
    expect(result.changes.some((c) => /joins|leaves|moves/.test(c.description))).toBe(false);
  });

  it('carries hostile service ids into the pull request comment and the changeset as text only', async () => {
    const result = await diff(base, [
      ...base,
      {
        file: 'policy.yaml',
        find: '\ncategories:',
        with: '\n  - id: x-script\n    name: { en: "<script>alert(1)</script>", sv: "# rubrik\\n- punkt" }\n    runBy: us\ncategories:',
      },
    ]);
    const added = result.changes.find((c) => c.subject === 'service:x-script');
    expect(added?.services).toEqual(['x-script']);
    const markdown = formatDiffMarkdown(result, 'main');
    expect(markdown).not.toMatch(/<script>/);
    expect(formatChangeset(result)).toMatch(/service x-script added/);
  });
});

describe('the diff of a catalog without services', () => {
  it('puts every change on the implicit service, and its words stay as they were', async () => {
    const result = await diff(
      [ACME_PACKAGES],
      [
        ACME_PACKAGES,
        { file: 'cookies/language.yaml', find: 'lifetime: 30 days', with: 'lifetime: 60 days' },
      ],
    );
    expect(result.changes).toEqual([
      expect.objectContaining({
        description: 'language lifetime 30 days → 60 days',
        services: ['site'],
      }),
    ]);
  });
});

/** The setter the server package generates for an entry of the loaded catalog. */
function setterOf(catalog: Awaited<ReturnType<typeof editedValidCatalog>>, id: string): string {
  const entry = catalog.entries.find((e) => e.id === id);
  if (!entry?.functionName) throw new Error(`test bug: the fixture has a cookie of ours "${id}"`);
  return `set${entry.functionName}`;
}

describe('bumps of the generated packages when code moves between service subpaths', () => {
  it("a cookie that leaves a service is a major of the package whose subpath lost it, naming the subpath, though the package's entry keeps it", async () => {
    const before = await editedValidCatalog(base);
    const after = await editedValidCatalog(listed('cookies/language.yaml', ['platform']));
    const server = packageBumps(before, after).find((b) => b.name === '@acme/cookies-server');
    const setter = setterOf(before, 'language');
    expect(server?.bump).toBe('major');
    expect(server?.reasons).toContain(`major: services/se: ${setter} removed`);
    // The whole package still exports it: only the subpath lost it.
    expect(server?.reasons).not.toContain(`major: ${setter} removed`);
  });

  it('a cookie that joins a service is a minor: its subpath gains names', async () => {
    const before = await editedValidCatalog(listed('cookies/access_token.yaml', ['platform']));
    const after = await editedValidCatalog(listed('cookies/access_token.yaml', ['platform', 'se']));
    const server = packageBumps(before, after).find((b) => b.name === '@acme/cookies-server');
    expect(server?.bump).toBe('minor');
    expect(server?.reasons).toContain(
      `minor: services/se: ${setterOf(after, 'access_token')} added`,
    );
  });
});
