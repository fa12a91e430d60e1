import type { ResolvedParty } from '../entry-facts.js';
import { checkLink } from '../links.js';
import type { EntryInput, StatedEntryInput } from '../schema.js';
import type { CatalogContext, FileReport } from './check-context.js';
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
  if (provider.domain !== undefined && /^\s*TODO\b/.test(provider.domain)) {
    report.add(
      'text/todo',
      ['provider', 'domain'],
      `the domain is still a placeholder: "${printable(provider.domain.trim().slice(0, 80))}"`,
      'write the bare domain the page gives (e.g. stats.vendor.com), or leave provider.domain out if it gives none',
    );
    return;
  }
  const domain = provider.domain === undefined ? undefined : checkProviderDomain(provider.domain);
  if (domain)
    report.add(
      'cookie/domain',
      ['provider', 'domain'],
      domain,
      'write the bare domain: the part of the address between "https://" and the next "/"',
    );
}

/**
 * What the entry states about its party against what its domain says, and what is missing when
 * nothing decides it. A stated party that its domain contradicts is a warning: the domain is the
 * fact a browser acts on.
 */
export function checkStatedParty(
  report: FileReport,
  context: CatalogContext,
  stated: StatedEntryInput,
  party: ResolvedParty,
): void {
  const provider = stated.provider ?? {};
  const own = context.controller?.ownDomains ?? [];
  const ownList = own.join(', ');
  if (
    (party.source === 'stated' || party.source === 'setBy') &&
    party.byDomain !== undefined &&
    party.byDomain !== party.party
  ) {
    const domain = provider.domain ?? '';
    const claim =
      party.source === 'stated' ? `provider.party: ${party.party}` : `setBy: ${stated.setBy}`;
    report.add(
      'entry/party-domain',
      party.source === 'stated' ? ['provider', 'party'] : ['setBy'],
      party.byDomain === 'first'
        ? `${domain} is one of the controller's domains (${ownList}), so this lives on our own domain and is first party, even when another company's software sets it; ${claim} says otherwise`
        : `${domain} is not one of the controller's domains (${ownList}), but ${claim} says it lives on ours`,
      party.byDomain === 'first'
        ? `write setBy: vendor (another company's software on our domain) and leave provider.party out; if ${domain} is not ours, take it out of controller.domains in policy.yaml`
        : `if ${domain} is ours, add it to controller.domains in policy.yaml; otherwise write setBy: provider (a third party on its own domain) and leave provider.party out`,
    );
  }
  if (stated.name === undefined) {
    checkGroup(report, stated, party);
    return;
  }
  if (
    stated.setBy === undefined &&
    party.party === 'first' &&
    stated.kind === 'cookie' &&
    stated.retired === undefined &&
    stated.acknowledge?.['entry/set-by'] === undefined
  ) {
    report.add(
      'entry/set-by',
      ['name'],
      `it is not stated who sets the cookie "${printable(stated.name)}": the policy lists it, but no typed code is generated for it`,
      "for typed setters and readers write setBy: server (our HTTP responses) or setBy: client (our page scripts); write setBy: vendor when another company's software sets it on our domain",
      { key: true },
    );
  }
}

/**
 * An entry without a name: a vendor's group of cookies the page lists as one ("cookies set by
 * the Vimeo player"). It stands for every cookie of its domain, so the domain must be stated and
 * must be another company's: on ours it would stand for every cookie of our own site.
 */
function checkGroup(report: FileReport, stated: StatedEntryInput, party: ResolvedParty): void {
  const add = (path: readonly string[], message: string, fix: string) =>
    report.add('entry/group', path, message, fix, { key: true });
  if (stated.setBy === 'server' || stated.setBy === 'client') {
    add(
      ['setBy'],
      `our own ${stated.setBy} code names the cookies it sets, so this entry needs a name`,
      'write name: the cookie name our code uses (one entry per cookie)',
    );
  } else if (stated.kind === 'pixel') {
    add(
      ['kind'],
      'a pixel stores nothing, so it is not a group of cookies',
      'write name: the pixel',
    );
  } else if (stated.provider?.domain === undefined) {
    add(
      stated.provider ? ['provider'] : [],
      'an entry without a name stands for every cookie of its domain, and no domain is stated',
      'write provider.domain: the domain the group of cookies belongs to, e.g. vimeo.com; or write name when the page names the cookie',
    );
  } else if (party.byDomain === 'first' || party.party === 'first') {
    add(
      ['provider', 'domain'],
      `an entry without a name on our own domain (${stated.provider.domain}) would stand for every cookie of our site`,
      'write name: one entry per cookie the page names on our domain',
    );
  }
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
