import type { EntryInput, PolicyInput } from '../schema.js';
import type { FileReport } from './check-context.js';
import { printable } from './printable.js';

/**
 * Domains reserved so that they are never anyone's real site: example.com, .org and .net (RFC
 * 2606 §3), the top-level names .example, .test, .invalid (RFC 2606 §2) and localhost (RFC 6761
 * §6.3). A policy that names one was copied from a starter or a test and never finished: legal
 * would publish a provider or a link that does not exist. A warning, so `validate --strict` (CI)
 * refuses it while a draft can still be generated.
 */
const EXAMPLE_DOMAINS = ['example.com', 'example.org', 'example.net'];
const RESERVED_TOP_LEVEL = ['example', 'test', 'invalid', 'localhost'];

/** The reserved name `host` falls under, or undefined for a real domain. */
export function placeholderDomain(host: string): string | undefined {
  const name = host.trim().toLowerCase().replace(/^\.+/, '').replace(/\.+$/, '');
  const example = EXAMPLE_DOMAINS.find((d) => name === d || name.endsWith(`.${d}`));
  if (example) return example;
  const top = name.split('.').pop() ?? '';
  return RESERVED_TOP_LEVEL.includes(top) ? (top === 'localhost' ? top : `.${top}`) : undefined;
}

/** provider.domain and the provider's links of one entry. */
export function checkEntryPlaceholderDomains(report: FileReport, entry: EntryInput): void {
  const { provider } = entry;
  if (provider.domain !== undefined)
    warnForDomain(report, ['provider', 'domain'], "the provider's domain", provider.domain);
  for (const key of ['privacyPolicy', 'cookiePolicy'] as const) {
    const link = provider[key];
    if (link !== undefined) warnForLink(report, ['provider', key], `provider.${key}`, link);
  }
}

/** The controller's website and every link of policy.yaml to a page elsewhere. */
export function checkPolicyPlaceholderDomains(report: FileReport, policy: PolicyInput): void {
  warnForLink(
    report,
    ['controller', 'website'],
    "the controller's website",
    policy.controller.website,
  );
  policy.authorities.forEach((authority, index) => {
    for (const [locale, url] of Object.entries(authority.url)) {
      warnForLink(
        report,
        ['authorities', index, 'url', locale],
        `the link to ${authority.id}`,
        url,
      );
    }
  });
  const preferences = policy.consent?.preferencesUrl;
  if (preferences !== undefined && !preferences.startsWith('/'))
    warnForLink(report, ['consent', 'preferencesUrl'], 'the preferences link', preferences);
}

function warnForDomain(
  report: FileReport,
  path: readonly (string | number)[],
  what: string,
  domain: string,
): void {
  const reserved = placeholderDomain(domain);
  if (reserved === undefined) return;
  report.add(
    'domain/placeholder',
    path,
    `${what} "${printable(domain)}" is a placeholder: ${reason(reserved)}, so no cookie is ever set there`,
    "write the real domain the cookie is set on, as the provider's page or the browser's developer tools show it",
  );
}

function warnForLink(
  report: FileReport,
  path: readonly (string | number)[],
  what: string,
  link: string,
): void {
  let host: string;
  try {
    host = new URL(link.trim()).hostname;
  } catch {
    return; // not a link at all: link/scheme says so
  }
  const reserved = placeholderDomain(host);
  if (reserved === undefined) return;
  report.add(
    'domain/placeholder',
    path,
    `${what} "${printable(link)}" is a placeholder: ${reason(reserved)}, so the link leads nowhere`,
    "write the real https:// link, copied from the browser's address bar on that page",
  );
}

function reason(reserved: string): string {
  if (reserved === 'localhost') return "localhost is the reader's own computer (RFC 6761 §6.3)";
  if (reserved.startsWith('.'))
    return `names ending in ${reserved} are reserved and never anyone's site (RFC 2606 §2)`;
  return `${reserved} is reserved for examples and is nobody's site (RFC 2606 §3)`;
}
