import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { domainMatches } from '../src/service-reach.js';
import { DOMAIN_ONLY_SERVICES, type Edit, lineOf, onServices } from './catalog-copy.js';
import { expectRuleErrors, loadEdited, type RuleCase } from './rule-cases.js';

/*
 * A service that states the domain its hosts are under, not the hosts (policy.yaml
 * services[].domain; issue #31, item 5): our source policy says only that every cookie is on
 * billogram.com and that the help centre is on our website. DOMAIN_ONLY_SERVICES: the platform
 * (ours) and the help centre (Zendesk's), each `domain: billogram.com`, sharing one answer.
 */

const policy = 'policy.yaml';
const consent = 'cookies/billogramGDPR.yaml';
const chat = 'cookies/zendesk_chat_visitor.yaml';
const csrf = 'cookies/csrftoken.yaml';

const load = loadEdited;

/** DOMAIN_ONLY_SERVICES with the help centre's `domain:` line (the second) replaced. */
const helpDomain = (line: string): Edit => ({
  file: policy,
  find: '    domain: billogram.com\n    runBy: { vendor:',
  with: `${line}    runBy: { vendor:`,
});

describe('services that state only their domain', () => {
  it('validate; the model keeps the domain as written, states no host, and both share the answer', async () => {
    const { result, errors } = await load(DOMAIN_ONLY_SERVICES);
    expect(errors).toEqual([]);
    const catalog = result.catalog;
    const parent = catalog?.consent?.sharedAcross;
    expect(parent).toBe('billogram.com');
    expect(catalog?.services.map((s) => [s.id, s.hosts, s.domain])).toEqual([
      ['platform', undefined, 'billogram.com'],
      ['help', undefined, 'billogram.com'],
    ]);
    // Those whose domain is the parent or below it: here, every declared service.
    const expected = catalog?.services
      .filter(
        (s) => s.domain !== undefined && parent !== undefined && domainMatches(s.domain, parent),
      )
      .map((s) => s.id);
    expect(expected).toEqual(['platform', 'help']);
    expect(catalog?.consent?.sharedBy).toEqual(expected);
    const entry = (id: string) => catalog?.entries.find((e) => e.id === id);
    // The shared consent cookie, and a Domain=billogram.com cookie, reach both.
    expect(entry('billogramGDPR')?.reaches).toEqual(expected);
    expect(entry('zendesk_chat_visitor')?.location?.domain).toBe('billogram.com');
    expect(entry('zendesk_chat_visitor')?.reaches).toEqual(['platform', 'help']);
  });

  it('a Domain cookie of a domain below the services’ domain is not known to reach either', async () => {
    const { result, errors } = await load([
      ...DOMAIN_ONLY_SERVICES,
      {
        file: chat,
        find: '  domain: billogram.com\nlifetime',
        with: '  domain: help.billogram.com\nlifetime',
      },
    ]);
    expect(errors).toEqual([]);
    const cookie = result.catalog?.entries.find((e) => e.id === 'zendesk_chat_visitor');
    expect(cookie?.location?.domain).toBe('help.billogram.com');
    expect(cookie?.reaches).toEqual([]);
  });

  it('a service with neither hosts nor domain is still not counted', async () => {
    const { result, errors } = await load([...DOMAIN_ONLY_SERVICES, helpDomain('')]);
    expect(errors).toEqual([]);
    expect(result.catalog?.consent?.sharedBy).toEqual(['platform']);
    const entry = (id: string) => result.catalog?.entries.find((e) => e.id === id);
    expect(entry('billogramGDPR')?.reaches).toEqual(['platform']);
    expect(entry('zendesk_chat_visitor')?.reaches).toEqual(['platform']);
  });

  it('a host-only cookie of ours on the help centre Zendesk runs is still not known to reach it', async () => {
    const { dir, errors } = await load([
      ...DOMAIN_ONLY_SERVICES.filter((edit) => edit.file !== csrf),
      onServices(csrf, ['platform', 'help']),
    ]);
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'service/unreachable',
        file: join(dir, csrf),
        line: await lineOf(dir, csrf, 'services: [platform, help]'),
        column: 22,
      }),
    ]);
    expect(errors[0]?.message).toMatch(
      /host-only cookie our server sets.*states no host of it.*only that its hosts are under billogram\.com/,
    );
    expect(errors[0]?.fix).toContain('attributes: { domain: billogram.com }');
  });
});

interface Case extends RuleCase {
  readonly edits: readonly Edit[];
  readonly says: RegExp;
}

const cases: Record<string, Case> = {
  "a domain that is not the controller's": {
    edits: [helpDomain('    domain: billogram.zendesk.com\n')],
    errors: ['service/domain'],
    at: { file: policy, line: 'domain: billogram.zendesk.com', column: 13 },
    says: /"billogram\.zendesk\.com" is not within the controller's domains \(billogram\.com, billogram\.se\).*\| use a domain at or under billogram\.com or billogram\.se/,
  },
  'a look-alike domain that ends in the controller domain as text only': {
    edits: [helpDomain('    domain: evilbillogram.com\n')],
    errors: ['service/domain'],
    at: { file: policy, line: 'domain: evilbillogram.com' },
    says: /not within the controller's domains/,
  },
  'a domain written as a link': {
    edits: [helpDomain('    domain: "https://billogram.com/help"\n')],
    errors: ['service/domain'],
    at: { file: policy, line: 'domain: "https://billogram.com/help"', column: 13 },
    says: /is a link, not a domain name \| write the domain name alone: "billogram\.com"/,
  },
  'a wildcard domain': {
    edits: [helpDomain('    domain: "*.billogram.com"\n')],
    errors: ['service/domain'],
    at: { file: policy, line: '*.billogram.com' },
    says: /wildcard.*\| write "billogram\.com"/,
  },
  'a domain with capitals': {
    edits: [helpDomain('    domain: Billogram.com\n')],
    errors: ['service/domain'],
    at: { file: policy, line: 'domain: Billogram.com' },
    says: /capital letters \| write "billogram\.com"/,
  },
  'a domain with a leading dot': {
    edits: [helpDomain('    domain: .billogram.com\n')],
    errors: ['service/domain'],
    at: { file: policy, line: 'domain: .billogram.com' },
    says: /starts with a dot \| write "billogram\.com"/,
  },
  'an IP address as the domain': {
    edits: [helpDomain('    domain: 127.0.0.1\n')],
    errors: ['service/domain'],
    at: { file: policy, line: 'domain: 127.0.0.1' },
    says: /IP address/,
  },
  'a domain with a line break': {
    edits: [helpDomain('    domain: "billogram.com\\r\\nSet-Cookie: x=y"\n')],
    errors: ['service/domain'],
    at: { file: policy, line: 'Set-Cookie' },
    // The fix never offers a name with the line break in it.
    says: /has a port, a path or a user name in it;.* \| write the domain name alone, as in the address bar$/,
  },
  'a link whose host has a space in it': {
    edits: [helpDomain('    domain: "https://billogram .com/"\n')],
    errors: ['service/domain'],
    at: { file: policy, line: 'https://billogram .com/' },
    says: /is a link, not a domain name \| write the domain name alone, as in the address bar$/,
  },
  'a punycode domain a browser cannot decode': {
    edits: [helpDomain('    domain: xn--bllogram-d7a.com\n')],
    errors: ['service/domain'],
    at: { file: policy, line: 'domain: xn--bllogram-d7a.com', column: 13 },
    says: /^"xn--bllogram-d7a\.com" is not a domain name: its xn-- label is not valid punycode, so a browser cannot open it \| .*xn--/,
  },
  'a number a browser cannot read as an IP address': {
    edits: [helpDomain('    domain: billogram.com.256\n')],
    errors: ['service/domain'],
    at: { file: policy, line: 'domain: billogram.com.256' },
    says: /a broken IP address to a browser/,
  },
  'a look-alike domain in punycode (Cyrillic і)': {
    edits: [helpDomain('    domain: xn--bllogram-thh.com\n')],
    errors: ['service/domain'],
    at: { file: policy, line: 'domain: xn--bllogram-thh.com' },
    says: /not within the controller's domains/,
  },
  'a domain with a label longer than DNS allows': {
    edits: [helpDomain(`    domain: ${'a'.repeat(64)}.billogram.com\n`)],
    errors: ['service/domain'],
    at: { file: policy, line: `domain: ${'a'.repeat(64)}` },
    says: /has a label longer than 63 characters.*\| use the real domain/,
  },
  'a domain longer than DNS allows': {
    edits: [helpDomain(`    domain: ${'a'.repeat(63).concat('.').repeat(4)}billogram.com\n`)],
    errors: ['service/domain'],
    at: { file: policy, line: `domain: ${'a'.repeat(63)}` },
    says: /longer than 253 characters \| use the real domain/,
  },
  // Only the schema's error: the services it leaves unread are not reported as missing.
  'a domain that is a number': {
    edits: [helpDomain('    domain: 42\n')],
    errors: ['schema/type'],
    at: { file: policy, line: 'domain: 42', column: 13 },
    says: /^services\[1\]\.domain must be text, not 42 \| write text$/,
  },
  'a domain that is a list': {
    edits: [helpDomain('    domain: [billogram.com]\n')],
    errors: ['schema/type'],
    at: { file: policy, line: 'domain: [billogram.com]', column: 13 },
    says: /must be text, not a list/,
  },
  'a stated host that is not under the stated domain': {
    edits: [
      helpDomain('    domain: billogram.com\n    hosts: [help.billogram.com, help.billogram.se]\n'),
    ],
    errors: ['service/host-outside-domain'],
    at: { file: policy, line: 'hosts: [help.billogram.com, help.billogram.se]', column: 33 },
    says: /"help\.billogram\.se" is not under billogram\.com, the domain the service "help" states its hosts are under \| correct the host or domain: billogram\.com/,
  },
  'consent shared across a parent no service is under': {
    edits: [
      {
        file: policy,
        find: '    domain: billogram.com\n    runBy: us',
        with: '    domain: billogram.se\n    runBy: us',
      },
      helpDomain('    domain: billogram.se\n'),
    ],
    // Zendesk's chat cookies, Domain=billogram.com, cannot reach the help centre either.
    errors: ['consent/shared-across', 'service/unreachable', 'service/unreachable'],
    at: { file: policy, line: 'sharedAcross: billogram.com', rule: 'consent/shared-across' },
    says: /consent\.sharedAcross is billogram\.com, but no service's hosts are all under it \(nor, where its hosts are not stated, its domain\).*\| use the domain the services' hosts share \(billogram\.se, billogram\.se\)/,
  },
  'a Domain cookie on a service whose domain is under another parent': {
    edits: [helpDomain('    domain: billogram.se\n')],
    // The shared consent cookie and Zendesk's two chat cookies with Domain=billogram.com.
    errors: ['service/unreachable', 'service/unreachable', 'service/unreachable'],
    at: { file: consent, line: 'services: [platform, help]', column: 22 },
    says: /"billogramGDPR" has Domain=billogram\.com.*the hosts of the service "help" are not stated, but all are under billogram\.se, which is neither under billogram\.com nor above it/,
  },
};

describe('services[].domain: every mistake is an error at file:line:column, with the rule, the fix and a citation', () => {
  it.each(Object.entries(cases))('%s', async (_title, test) => {
    await expectRuleErrors(await load([...DOMAIN_ONLY_SERVICES, ...test.edits]), test);
  });
});
