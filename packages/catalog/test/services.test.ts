import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPLICIT_SERVICE_ID, loadCatalog } from '../src/index.js';
import {
  type Edit,
  FIXTURE_CATALOG,
  lineOf,
  onServices,
  THREE_SERVICES,
  THREE_SERVICES_SHARED,
} from './catalog-copy.js';
import { expectRuleErrors, loadEdited, type RuleCase } from './rule-cases.js';

/*
 * Services in the catalog (issue #31, item 1). The fixture as three services on two parent
 * domains (THREE_SERVICES): platform (app.billogram.com, ours), help (help.billogram.com,
 * Zendesk's) and se (www.billogram.se, ours).
 */

const policy = 'policy.yaml';
const csrf = 'cookies/csrftoken.yaml';
const consent = 'cookies/billogramGDPR.yaml';

const load = loadEdited;

describe('a catalog with three services on two parent domains', () => {
  it('validates, and the model holds each service and the services of each entry', async () => {
    const { result, errors } = await load(THREE_SERVICES);
    expect(errors).toEqual([]);
    const catalog = result.catalog;
    expect(catalog?.services).toEqual([
      {
        id: 'platform',
        name: { en: 'Invoicing platform', sv: 'Fakturaplattformen' },
        hosts: ['app.billogram.com'],
        runBy: { kind: 'us' },
        policyUrl: undefined,
        implicit: false,
      },
      {
        id: 'help',
        name: { en: 'Help centre', sv: 'Hjälpcenter' },
        hosts: ['help.billogram.com'],
        runBy: { kind: 'vendor', vendor: 'Zendesk, Inc.' },
        policyUrl: 'https://help.billogram.com/hc/cookies',
        implicit: false,
      },
      {
        id: 'se',
        name: { en: 'Swedish website', sv: 'Svenska webbplatsen' },
        hosts: ['www.billogram.se', 'billogram.se'],
        runBy: { kind: 'us' },
        policyUrl: undefined,
        implicit: false,
      },
    ]);
    const entry = (id: string) => catalog?.entries.find((e) => e.id === id);
    // As listed, in the order the services are declared.
    expect(entry('csrftoken')?.services).toEqual(['platform', 'se']);
    expect(entry('zendesk_session')?.services).toEqual(['help']);
    // Not listed: on every service.
    expect(entry('pubnub_subscription')?.services).toEqual(['platform', 'help', 'se']);
    // A Domain cookie reaches every service with a host under its domain, listed there or not.
    expect(entry('billogramGDPR')?.reaches).toEqual(['platform', 'help']);
    expect(entry('zendesk_chat_visitor')?.reaches).toEqual(['platform', 'help']);
    // Host-only, and not a cookie: no reach beyond the host that set it.
    expect(entry('csrftoken')).not.toHaveProperty('reaches');
    expect(entry('invoice_opened')).not.toHaveProperty('reaches');
  });

  it('states no host it does not know: a service without hosts has none, and no Domain cookie is counted as reaching it', async () => {
    const { result, errors } = await load([
      ...THREE_SERVICES,
      { file: policy, find: '    hosts: [help.billogram.com]\n', with: '' },
    ]);
    expect(errors).toEqual([]);
    expect(result.catalog?.services.find((s) => s.id === 'help')?.hosts).toBeUndefined();
    const gdpr = result.catalog?.entries.find((e) => e.id === 'billogramGDPR');
    expect(gdpr?.reaches).toEqual(['platform']);
  });
});

describe('a catalog without services', () => {
  it(`is one implicit service, "${IMPLICIT_SERVICE_ID}", named after the controller, that every entry is on`, async () => {
    const { catalog } = await loadCatalog(FIXTURE_CATALOG);
    expect(catalog?.services).toEqual([
      {
        id: 'site',
        name: { en: 'Billogram AB', sv: 'Billogram AB' },
        hosts: undefined,
        runBy: { kind: 'us' },
        policyUrl: undefined,
        implicit: true,
      },
    ]);
    for (const entry of catalog?.entries ?? []) {
      expect(entry.services).toEqual(['site']);
      expect(entry).not.toHaveProperty('reaches');
    }
  });

  it('rejects an entry that names a service', async () => {
    const { dir, errors } = await load([onServices(csrf, ['platform'])]);
    expect(errors.map((p) => p.rule)).toEqual(['service/unknown']);
    expect(errors[0]).toMatchObject({
      file: join(dir, csrf),
      line: await lineOf(dir, csrf, 'services: [platform]'),
      column: 12,
    });
    expect(errors[0]?.message).toMatch(/declares no services/);
  });
});

interface Case extends RuleCase {
  /** Edits on top of THREE_SERVICES; an entry's `services:` given here replaces the base's. */
  readonly edits: readonly Edit[];
  /** Entry files whose `services:` line the base leaves out (so they are on every service). */
  readonly unlisted?: readonly string[];
}

const listsServices = (edit: Edit) => edit.find === '\nkind:';

/** THREE_SERVICES with a case's edits: its own `services:` lines replace the base's. */
function withServices(test: Pick<Case, 'edits' | 'unlisted'>): Edit[] {
  const replaced = (base: Edit) =>
    listsServices(base) &&
    (test.unlisted?.includes(base.file) ||
      test.edits.some((edit) => edit.file === base.file && listsServices(edit)));
  return [...THREE_SERVICES.filter((base) => !replaced(base)), ...test.edits];
}

const host = (value: string): Edit => ({
  file: policy,
  find: 'hosts: [app.billogram.com]',
  with: `hosts: [${value}]`,
});

const cases: Record<string, Case> = {
  // Hosts: well-formed host names, the controller's own
  'a host written as a link': {
    edits: [host('"https://app.billogram.com"')],
    errors: ['service/host'],
    at: { file: policy, line: 'hosts: ["https://app.billogram.com"]', column: 13 },
    says: /a link.*"app\.billogram\.com"/,
  },
  'a javascript: host': {
    edits: [host('"javascript:alert(1)"')],
    errors: ['service/host'],
    at: { file: policy, line: 'javascript:' },
    says: /a link/,
  },
  'a host with capitals': {
    edits: [host('App.Billogram.com')],
    errors: ['service/host'],
    at: { file: policy, line: 'App.Billogram.com' },
    says: /capital.*"app\.billogram\.com"/,
  },
  'a host with a trailing dot': {
    edits: [host('app.billogram.com.')],
    errors: ['service/host'],
    at: { file: policy, line: 'app.billogram.com.]' },
    says: /ends with a dot/,
  },
  'a host with a leading dot': {
    edits: [host('.app.billogram.com')],
    errors: ['service/host'],
    at: { file: policy, line: '.app.billogram.com' },
    says: /starts with a dot/,
  },
  'a host with a port': {
    edits: [host('"app.billogram.com:8443"')],
    errors: ['service/host'],
    at: { file: policy, line: ':8443' },
    says: /ports do not separate them.*"app\.billogram\.com"/,
  },
  'a host with a path': {
    edits: [host('app.billogram.com/help')],
    errors: ['service/host'],
    at: { file: policy, line: 'app.billogram.com/help' },
    says: /a path/,
  },
  'a host with a user name': {
    edits: [host('"billogram.com@evil.example"')],
    errors: ['service/host'],
    at: { file: policy, line: '@evil.example' },
    says: /user name.*"evil\.example"/,
  },
  'a wildcard host': {
    edits: [host('"*.billogram.com"')],
    errors: ['service/host'],
    at: { file: policy, line: '*.billogram.com' },
    says: /wildcard/,
  },
  'an IP address': {
    edits: [host('127.0.0.1')],
    errors: ['service/host'],
    at: { file: policy, line: '127.0.0.1' },
    says: /IP address/,
  },
  'a host a browser reads as an IP address (127.1)': {
    edits: [host('"127.1"')],
    errors: ['service/host'],
    at: { file: policy, line: '127.1' },
    says: /IP address/,
  },
  'a host a browser reads as an IP address (0x7f.1)': {
    edits: [host('0x7f.1')],
    errors: ['service/host'],
    at: { file: policy, line: '0x7f.1' },
    says: /IP address/,
  },
  "another company's host": {
    edits: [host('app.billogram.zendesk.com')],
    errors: ['service/host'],
    at: { file: policy, line: 'app.billogram.zendesk.com' },
    says: /not within the controller's domains \(billogram\.com, billogram\.se\)/,
  },
  'a look-alike host that ends in the controller domain as text only': {
    edits: [host('evilbillogram.com')],
    errors: ['service/host'],
    at: { file: policy, line: 'evilbillogram.com' },
    says: /not within the controller's domains/,
  },
  'the controller domain inside a foreign one': {
    edits: [host('billogram.com.evil.example')],
    errors: ['service/host'],
    at: { file: policy, line: 'billogram.com.evil.example' },
    says: /not within the controller's domains/,
  },
  'a Cyrillic look-alike host': {
    edits: [host('\u0430pp.billogram.com')],
    errors: ['service/host'],
    at: { file: policy, line: 'pp.billogram.com]' },
    says: /xn--/,
  },
  'a host with a line break': {
    edits: [host('"app.billogram.com\\r\\nSet-Cookie: x=y"')],
    errors: ['service/host'],
    at: { file: policy, line: 'Set-Cookie' },
  },
  'a host listed twice': {
    edits: [host('app.billogram.com, app.billogram.com')],
    errors: ['service/host'],
    at: { file: policy, line: 'hosts: [app.billogram.com, app.billogram.com]', column: 32 },
    says: /twice/,
  },
  // The services themselves
  'a service id with capitals': {
    edits: [
      { file: policy, find: '- id: platform', with: '- id: Platform' },
      // Entries may name it as written: the id itself is what is wrong.
      ...['access_token', 'billopay_session', 'efaktura', 'csrftoken', 'language'].map((id) =>
        onServices(`cookies/${id}.yaml`, ['Platform']),
      ),
      {
        file: consent,
        find: '\nkind:',
        with: '\nservices: [Platform, help]\nacknowledge: { advice/host-only: shared }\nkind:',
      },
    ],
    errors: ['schema/value'],
    at: { file: policy, line: '- id: Platform' },
    says: /not a simple id/,
  },
  'a service id that is a path': {
    edits: [{ file: policy, find: '- id: se', with: '- id: "../se"' }],
    errors: ['schema/value', 'service/unknown', 'service/unknown'],
    at: { file: policy, line: '- id: "../se"', column: 9 },
  },
  'a service declared twice': {
    edits: [{ file: policy, find: '- id: se', with: '- id: help # again' }],
    errors: ['catalog/duplicate-id', 'service/unknown', 'service/unknown'],
    at: { file: policy, line: '- id: help # again', column: 9 },
    says: /declared twice/,
  },
  'a service without a name in every locale': {
    edits: [
      {
        file: policy,
        find: '{ en: Help centre, sv: Hjälpcenter }',
        with: '{ en: Help centre }',
      },
    ],
    errors: ['i18n/missing-translation'],
    at: { file: policy, line: 'name: { en: Help centre }' },
  },
  'a policy link that is not https': {
    edits: [
      {
        file: policy,
        find: 'policyUrl: https://help.billogram.com/hc/cookies',
        with: 'policyUrl: "JaVaScRiPt:alert(1)"',
      },
    ],
    errors: ['link/scheme'],
    at: { file: policy, line: 'policyUrl:' },
  },
  'a vendor without a name': {
    edits: [{ file: policy, find: 'vendor: "Zendesk, Inc."', with: 'vendor: " "' }],
    errors: ['schema/value'],
    at: { file: policy, line: 'vendor: " "' },
  },
  'who runs it, neither us nor a vendor': {
    edits: [{ file: policy, find: 'runBy: us', with: 'runBy: vendor' }],
    errors: ['schema/value'],
    at: { file: policy, line: 'runBy: vendor' },
    says: /"vendor", which is not one of us/,
  },
  'a typo in who runs it': {
    edits: [{ file: policy, find: 'runBy: { vendor:', with: 'runBy: { vendro:' }],
    errors: ['schema/unknown-key', 'schema/missing-key'],
    at: { file: policy, line: 'vendro', column: 14 },
    says: /unknown key "vendro" in services\[1\]\.runBy \| did you mean "vendor"\?/,
  },
  // An entry's services
  'an entry naming an unknown service (a typo)': {
    edits: [onServices(csrf, ['platfrom', 'se'])],
    errors: ['service/unknown'],
    at: { file: csrf, line: 'services: [platfrom, se]', column: 12 },
    says: /did you mean "platform"\?/,
  },
  'an entry naming a service in another case': {
    edits: [onServices(csrf, ['Platform'])],
    errors: ['service/unknown'],
    at: { file: csrf, line: 'services: [Platform]' },
    says: /did you mean "platform"\?/,
  },
  'an entry naming __proto__ as a service': {
    edits: [onServices(csrf, ['__proto__'])],
    errors: ['service/unknown'],
    at: { file: csrf, line: 'services: [__proto__]' },
    says: /use one of platform, help, se/,
  },
  'an entry naming a service twice': {
    edits: [onServices(csrf, ['platform', 'platform'])],
    errors: ['service/unknown'],
    at: { file: csrf, line: 'services: [platform, platform]', column: 22 },
    says: /twice/,
  },
  'an entry with an empty list of services': {
    edits: [onServices(csrf, [])],
    errors: ['schema/value'],
    at: { file: csrf, line: 'services: []' },
  },
  // Where a cookie can be (RFC 6265bis host-only and Domain cookies)
  'a host-only cookie of ours on the help centre Zendesk runs': {
    edits: [onServices(csrf, ['platform', 'help'])],
    errors: ['service/unreachable'],
    at: { file: csrf, line: 'services: [platform, help]', column: 22 },
    says: /host-only cookie our server sets.*"help" is run by Zendesk, Inc\..*attributes: \{ domain: billogram\.com \}/,
  },
  'a host-only cookie of ours on every service, by default': {
    edits: [],
    unlisted: [csrf],
    errors: ['service/unreachable'],
    at: { file: csrf, line: 'setBy: server' },
    says: /"help" is run by Zendesk.*list the services it is on under services: \(without "help"\)/,
  },
  'a host-only cookie our page scripts set, on a vendor service without stated hosts': {
    edits: [
      { file: policy, find: '    hosts: [help.billogram.com]\n', with: '' },
      onServices('cookies/language.yaml', ['help']),
    ],
    errors: ['service/unreachable'],
    at: { file: 'cookies/language.yaml', line: 'services: [help]' },
    says: /our page scripts set.*states no host of it/,
  },
  'a Domain cookie on a service whose hosts are under another parent domain': {
    edits: [
      {
        file: consent,
        find: '\nkind:',
        with: '\nservices: [platform, help, se]\nacknowledge: { advice/host-only: shared }\nkind:',
      },
    ],
    errors: ['service/unreachable'],
    at: { file: consent, line: 'services: [platform, help, se]', column: 28 },
    says: /Domain=billogram\.com.*"se" \(www\.billogram\.se, billogram\.se\)/,
  },
  "a vendor's Domain cookie on a service it cannot reach": {
    edits: [onServices('cookies/zendesk_chat_visitor.yaml', ['help', 'se'])],
    // The Swedish site now asks for consent, too.
    errors: ['service/unreachable', 'service/consent-cookie'],
    at: { file: 'cookies/zendesk_chat_visitor.yaml', line: 'services: [help, se]', column: 18 },
  },
  'a Domain cookie of ours only on services our code does not run on': {
    edits: [
      {
        file: consent,
        find: '\nkind:',
        with: '\nservices: [help]\nacknowledge: { advice/host-only: shared }\nkind:',
      },
    ],
    errors: ['service/unreachable'],
    at: { file: consent, line: 'services: [help]' },
    says: /run by a vendor, where our code does not run.*platform, se/,
  },
  // Consent
  'a service that asks for consent without the consent cookie': {
    edits: [
      {
        file: consent,
        find: '\nkind:',
        with: '\nservices: [platform]\nacknowledge: { advice/host-only: shared }\nkind:',
      },
    ],
    errors: ['service/consent-cookie'],
    at: { file: consent, line: 'services: [platform]', column: 1 },
    says: /"help" asks for consent.*help-center.*add help to services:/,
  },
};

describe('services: every mistake is an error at file:line:column, with the rule, the fix and a citation', () => {
  it.each(Object.entries(cases))('%s', async (_title, test) => {
    await expectRuleErrors(await load(withServices(test)), test);
  });
});

describe('a host-only cookie is on a vendor service only where that service shares a host with one of ours', () => {
  it('is valid when the help centre is served under the platform host too', async () => {
    const { errors, result } = await load([
      ...THREE_SERVICES.filter((e) => e.file !== csrf),
      {
        file: policy,
        find: 'hosts: [help.billogram.com]',
        with: 'hosts: [help.billogram.com, app.billogram.com]',
      },
      onServices(csrf, ['platform', 'help']),
    ]);
    expect(errors).toEqual([]);
    expect(result.catalog?.entries.find((e) => e.id === 'csrftoken')?.services).toEqual([
      'platform',
      'help',
    ]);
  });

  it('is valid on two services of ours on different hosts: each host keeps its own cookie', async () => {
    const { errors } = await load(THREE_SERVICES);
    expect(errors).toEqual([]);
  });
});

describe('the names of services are translations like any other text', () => {
  it('are recorded in translations.yaml, and a name never reviewed is a warning at its text', async () => {
    const { dir, result } = await load(THREE_SERVICES);
    const stale = result.problems.filter(
      (p) => p.rule === 'i18n/stale-translation' && p.message.includes('services.'),
    );
    expect(stale.map((p) => p.message)).toEqual([
      'the Swedish text of policy.yaml#services.platform.name has never been marked as reviewed',
      'the Swedish text of policy.yaml#services.help.name has never been marked as reviewed',
      'the Swedish text of policy.yaml#services.se.name has never been marked as reviewed',
    ]);
    expect(stale[1]).toMatchObject({
      file: join(dir, policy),
      line: await lineOf(dir, policy, 'name: { en: Help centre, sv: Hjälpcenter }'),
    });
  });
});

describe('labels of the service pages', () => {
  it('serviceScope must keep {service}, where the page names its service', async () => {
    const { dir, errors } = await load([
      ...THREE_SERVICES,
      {
        file: policy,
        find: '\nlabels:\n',
        with: '\nlabels:\n  serviceScope: { en: "This page covers one service.", sv: "Den här policyn gäller {service}." }\n',
      },
    ]);
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'i18n/placeholder',
        line: await lineOf(dir, policy, 'serviceScope:'),
        message: expect.stringContaining('labels.serviceScope in en lacks {service}'),
      }),
    ]);
  });
});

describe('consent.sharedAcross', () => {
  it('validates, and the model names the services that share the answer and where the cookie reaches', async () => {
    const { result, errors } = await load(THREE_SERVICES_SHARED);
    expect(errors).toEqual([]);
    const catalog = result.catalog;
    expect(catalog?.consent?.sharedAcross).toBe('billogram.com');
    // Those whose stated hosts are all under billogram.com.
    const expected = catalog?.services
      .filter((s) => s.hosts?.every((h) => h === 'billogram.com' || h.endsWith('.billogram.com')))
      .map((s) => s.id);
    expect(catalog?.consent?.sharedBy).toEqual(expected);
    expect(expected).toEqual(['platform', 'help']);
    const cookie = catalog?.entries.find((e) => e.id === catalog.consent?.cookie);
    expect(cookie?.reaches).toEqual(expected);
    // The entry itself stays host-only: the consent package adds the Domain where it is shared.
    expect(cookie?.attributes?.domain).toBeUndefined();
  });

  it('a domain that is not the controller’s is an error at policy.yaml, naming the fix', async () => {
    const { dir, errors } = await load([
      ...THREE_SERVICES_SHARED,
      { file: policy, find: 'sharedAcross: billogram.com', with: 'sharedAcross: example.org' },
    ]);
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'consent/shared-across',
        line: await lineOf(dir, policy, 'sharedAcross:'),
        message: expect.stringContaining('"example.org" is not within the controller\'s domains'),
      }),
    ]);
  });

  it('a domain no service is under shares nothing: an error', async () => {
    const { errors } = await load([
      ...THREE_SERVICES_SHARED,
      {
        file: policy,
        find: 'sharedAcross: billogram.com',
        with: 'sharedAcross: docs.billogram.com',
      },
    ]);
    expect(errors.map((e) => e.rule)).toEqual(['consent/shared-across']);
    expect(errors[0]?.message).toContain("no service's hosts are all under it");
  });

  it('a Domain written on the consent cookie contradicts it: an error at the entry', async () => {
    const { dir, errors } = await load([
      ...THREE_SERVICES_SHARED,
      {
        file: consent,
        find: '  sameSite: Lax',
        with: '  sameSite: Lax\n  domain: billogram.com # on every subdomain',
      },
    ]);
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'consent/shared-across',
        file: join(dir, consent),
        line: await lineOf(dir, consent, '# on every subdomain'),
      }),
    ]);
  });
});

describe('consent.sharedAcross without services', () => {
  it('is an error saying to declare the services, or to give the consent cookie a Domain', async () => {
    const { dir, errors } = await load([
      {
        file: policy,
        find: '  version: 3\n',
        with: '  version: 3\n  sharedAcross: billogram.com\n',
      },
    ]);
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'consent/shared-across',
        line: await lineOf(dir, policy, 'sharedAcross:'),
        message: expect.stringContaining('it declares none'),
        fix: expect.stringContaining('attributes: { domain: billogram.com }'),
      }),
    ]);
  });
});
