import { checkLink } from '../links.js';
import type { EntryInput } from '../schema.js';
import type { FileReport } from './check-context.js';
import { printable } from './printable.js';

/** Who provides and who sets an entry, and the provider's links and domain. */
export function checkParty(report: FileReport, entry: EntryInput): void {
  const { provider, setBy } = entry;
  if (provider.party === 'third') {
    if (setBy !== 'provider') {
      report.add(
        'entry/party',
        ['setBy'],
        `a third-party entry is set by its provider, not by ${setBy === 'vendor' ? 'a vendor on our domain' : `our ${setBy}`}`,
        'write setBy: provider, or change provider.party to first if it is on our own domain',
      );
    }
    if (!provider.name) {
      report.add(
        'entry/party',
        ['provider'],
        'a third party needs its company name',
        'add provider.name',
        {
          key: true,
        },
      );
    }
    if (!provider.privacyPolicy) {
      report.add(
        'entry/party',
        ['provider'],
        'a third party needs a link to its privacy policy (people must be able to read who processes their data)',
        'add provider.privacyPolicy: https://…',
        { key: true },
      );
    }
  } else if (setBy === 'provider') {
    report.add(
      'entry/party',
      ['setBy'],
      "a first-party entry is set on our own domain: by our server, our page scripts, or a vendor's software",
      'write setBy: server, client or vendor, or change provider.party to third',
    );
  } else if (setBy === 'vendor' && !provider.name) {
    report.add(
      'entry/party',
      ['provider'],
      'setBy: vendor needs the name of the company whose software sets it (the policy shows it)',
      'add provider.name, e.g. Cloudflare, Inc.',
      { key: true },
    );
  }
  for (const key of ['privacyPolicy', 'cookiePolicy'] as const) {
    const link = provider[key];
    if (link === undefined) continue;
    if (/^\s*TODO\b/.test(link)) {
      report.add(
        'text/todo',
        ['provider', key],
        `the ${key === 'privacyPolicy' ? 'privacy policy' : 'cookie policy'} link is still a placeholder`,
        'write the https:// link to the provider’s own page',
      );
      continue;
    }
    const checked = checkLink(link);
    if (!checked.ok)
      report.add('link/scheme', ['provider', key], checked.reason, 'write an https:// link');
  }
  const domain = checkProviderDomain(provider.domain);
  if (domain)
    report.add(
      'cookie/domain',
      ['provider', 'domain'],
      domain,
      'write the bare domain: the part of the address between "https://" and the next "/"',
    );
}

/** A provider name left as a TODO by `cookie-catalog import` or a draft. */
export function checkProviderPlaceholder(report: FileReport, entry: EntryInput): void {
  if (entry.provider.name !== undefined && /^\s*TODO\b/.test(entry.provider.name)) {
    report.add(
      'text/todo',
      ['provider', 'name'],
      `the provider is still a placeholder: "${entry.provider.name.trim().slice(0, 80)}"`,
      'write the name of the company whose software sets it',
    );
  }
}

function checkProviderDomain(domain: string): string | undefined {
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(domain)
    ? undefined
    : `"${printable(domain)}" is not a domain name`;
}
