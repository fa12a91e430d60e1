import { closestMatch } from '../closest-match.js';
import { isOwnCookie } from '../defaults.js';
import { controllerDomainsOf, isWithinDomains } from '../entry-facts.js';
import { checkLink } from '../links.js';
import type { EntryInput, PolicyInput } from '../schema.js';
import {
  cookieDomainOf,
  domainMatches,
  isAllUnder,
  reachOf,
  SERVICE_ID,
  sharedDomainOf,
} from '../service-reach.js';
import type { CatalogContext, CheckedEntry, FileReport } from './check-context.js';
import { checkLocalizedText } from './text-rules.js';

/*
 * Services (policy.yaml `services`): a site or app with its own hosts and its own table. An entry
 * says which services use it (default: all). What the browser does decides where a cookie can be
 * (service-reach.ts): these rules hold each entry's services against that.
 */

type DeclaredService = NonNullable<PolicyInput['services']>[number];

/** policy.yaml `services` on its own: ids, names, hosts, who runs each, its policy link. */
export function checkServices(
  report: FileReport,
  context: CatalogContext,
  policy: PolicyInput,
): void {
  const services = policy.services;
  if (!services) return;
  const ownDomains = controllerDomainsOf(policy.controller);
  const seen = new Set<string>();
  services.forEach((service, index) => {
    const at = ['services', index] as const;
    if (!SERVICE_ID.test(service.id)) {
      report.add(
        'schema/value',
        [...at, 'id'],
        `"${service.id}" is not a simple id`,
        'use lowercase letters, digits and hyphens, starting with a letter, e.g. platform or help-centre',
      );
    } else if (seen.has(service.id)) {
      report.add(
        'catalog/duplicate-id',
        [...at, 'id'],
        `"${service.id}" is declared twice in services`,
        'give each service a unique id',
      );
    }
    seen.add(service.id);
    checkLocalizedText(report, context, [...at, 'name'], service.name);
    const hosts = new Set<string>();
    (service.hosts ?? []).forEach((host, hostIndex) => {
      const path = [...at, 'hosts', hostIndex];
      const checked = checkServiceHost(host, ownDomains);
      if (!checked.ok) {
        report.add('service/host', path, checked.reason, checked.fix);
      } else if (hosts.has(host)) {
        report.add(
          'service/host',
          path,
          `"${host}" is listed twice for the service "${service.id}"`,
          'list each host once',
        );
      }
      hosts.add(host);
    });
    checkServiceDomain(report, service, index, ownDomains);
    if (service.runBy !== 'us' && !/\S/.test(service.runBy.vendor)) {
      report.add(
        'schema/value',
        [...at, 'runBy', 'vendor'],
        `the vendor that runs the service "${service.id}" has no name`,
        'write the company whose software serves its pages, e.g. "Zendesk, Inc."',
      );
    }
    if (service.policyUrl !== undefined) {
      const link = checkLink(service.policyUrl);
      if (!link.ok)
        report.add('link/scheme', [...at, 'policyUrl'], link.reason, 'write an https:// link');
    }
  });
}

/**
 * A service's `domain`: a domain name the controller owns, as a host is (checkServiceHost); where
 * hosts are stated too, each is under it (bis §5.1.3), else one of the two is wrong.
 */
function checkServiceDomain(
  report: FileReport,
  service: DeclaredService,
  index: number,
  ownDomains: readonly string[],
): void {
  const domain = service.domain;
  if (domain === undefined) return;
  const checked = checkServiceHost(domain, ownDomains, 'domain');
  if (!checked.ok) {
    report.add('service/domain', ['services', index, 'domain'], checked.reason, checked.fix);
    return;
  }
  (service.hosts ?? []).forEach((host, hostIndex) => {
    if (!checkServiceHost(host, ownDomains).ok || domainMatches(host, domain)) return;
    report.add(
      'service/host-outside-domain',
      ['services', index, 'hosts', hostIndex],
      `"${host}" is not under ${domain}, the domain the service "${service.id}" states its hosts are under`,
      `correct the host or domain: ${domain}; or leave domain: out, since the hosts are stated`,
    );
  });
}

type HostCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string; readonly fix: string };

/**
 * A host a service runs on: a host name as a browser keys cookies by it (lowercase, no scheme,
 * port, path or wildcard; not an IP address, bis §5.1.3), and the controller's own. A service's
 * `domain` (`as: 'domain'`) is held to the same, as the domain a cookie's Domain would name.
 */
export function checkServiceHost(
  host: string,
  ownDomains: readonly string[],
  as: 'host' | 'domain' = 'host',
): HostCheck {
  const fail = (reason: string, fix: string): HostCheck => ({ ok: false, reason, fix });
  const shown = JSON.stringify(host);
  const noun = as === 'host' ? 'host name' : 'domain name';
  // The name inside a link or beside a port, offered as the fix only when it is one: never text
  // with a line break or a space in it.
  const writeAlone = (bare: string | undefined) =>
    bare && /^[a-z0-9.-]+$/i.test(bare)
      ? `write the ${noun} alone: "${bare.toLowerCase()}"`
      : `write the ${noun} alone, as in the address bar`;
  if (host.includes('://') || /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(host)) {
    const bare = /^[a-z][a-z0-9+.-]*:\/*([^/:?#]*)/i.exec(host)?.[1];
    return fail(`${shown} is a link, not a ${noun}`, writeAlone(bare));
  }
  if (host.startsWith('*')) {
    return as === 'host'
      ? fail(
          `${shown} is a wildcard; a service runs on named hosts`,
          'list each host the service runs on, e.g. app.acme.com',
        )
      : fail(
          `${shown} is a wildcard; domain: names the domain the hosts are under, which covers every host below it`,
          `write "${host.replace(/^[*.]+/, '').toLowerCase()}"`,
        );
  }
  if (/[/?#@:\\]/.test(host)) {
    return fail(
      `${shown} has a port, a path or a user name in it; cookies are kept per host name alone (ports do not separate them)`,
      writeAlone(host.split(/[/?#:\\]/)[0]?.replace(/^.*@/, '')),
    );
  }
  if (host.startsWith('.') || host.endsWith('.')) {
    return fail(
      `${shown} ${host.startsWith('.') ? 'starts' : 'ends'} with a dot`,
      `write "${host.replace(/^\.+|\.+$/g, '')}"`,
    );
  }
  if (host !== host.toLowerCase()) {
    return fail(`${shown} has capital letters`, `write "${host.toLowerCase()}"`);
  }
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host)) {
    return fail(
      `${shown} is not a ${noun}: it has characters other than letters a–z, digits, hyphens and dots`,
      `write the ${as} as in the address bar; a name with other letters in its xn-- (punycode) form`,
    );
  }
  // RFC 1035 §2.3.4: a name of at most 253 characters, each label at most 63.
  if (host.length > 253)
    return fail(`${shown} is longer than 253 characters`, `use the real ${as}`);
  if (host.split('.').some((label) => label.length > 63))
    return fail(`${shown} has a label longer than 63 characters`, `use the real ${as}`);
  // A browser parses hosts by the WHATWG URL rules: `127.1` and `0x7f.1` are IPv4 addresses there.
  let parsed: string | undefined;
  try {
    parsed = new URL(`https://${host}/`).hostname;
  } catch {
    parsed = undefined;
  }
  // What the URL parser refuses here is an xn-- label that is not punycode, or a last label that
  // is a number (WHATWG URL: then the whole name must be an IPv4 address).
  if (parsed === undefined && !/^\d+$/.test(host.split('.').at(-1) ?? '')) {
    return fail(
      `${shown} is not a ${noun}: its xn-- label is not valid punycode, so a browser cannot open it`,
      `write the ${as}'s xn-- form as the address bar shows it (new URL("https://<name>").hostname)`,
    );
  }
  if (parsed === undefined || /^\d+(\.\d+){3}$/.test(parsed)) {
    return fail(
      `${shown} is ${parsed === undefined ? 'a broken' : 'an'} IP address to a browser, not a ${noun}`,
      as === 'host'
        ? 'list the host names the service is reached by'
        : 'write the domain name its hosts are under',
    );
  }
  if (!isWithinDomains(host, ownDomains)) {
    return fail(
      `${shown} is not within the controller's domains (${ownDomains.join(', ') || 'none known'}); a service of the catalog runs on the controller's own hosts`,
      ownDomains.length > 0
        ? `use ${as === 'host' ? 'a host under' : 'a domain at or under'} ${ownDomains.join(' or ')}, or add the domain to controller.domains in policy.yaml if it is the controller's`
        : 'state controller.domains (or controller.website) in policy.yaml',
    );
  }
  return { ok: true };
}

/** An entry's `services`: each one policy.yaml declares, once. */
export function checkEntryServices(
  report: FileReport,
  context: CatalogContext,
  entry: EntryInput,
): void {
  const listed = entry.services;
  const declared = context.services;
  if (!listed || !declared) return;
  const seen = new Set<string>();
  listed.forEach((id, index) => {
    if (seen.has(id)) {
      report.add(
        'service/unknown',
        ['services', index],
        `the service "${id}" is listed twice`,
        'list each service once',
      );
      return;
    }
    seen.add(id);
    if (declared.includes(id)) return;
    if (declared.length === 0) {
      report.add(
        'service/unknown',
        ['services', index],
        `policy.yaml declares no services, so "${id}" is not one`,
        'remove services: from this file (the entry is then on the one site), or declare the services under services: in policy.yaml',
      );
      return;
    }
    const meant = closestMatch(id, declared);
    report.add(
      'service/unknown',
      ['services', index],
      `the service "${id}" is not declared in policy.yaml${meant ? `: did you mean "${meant}"?` : ''}`,
      meant
        ? `write "${meant}"; service ids are case-sensitive`
        : `use one of ${declared.join(', ')}, or declare it under services: in policy.yaml`,
    );
  });
}

/** The services an entry is on: as listed (those declared), or every declared service. */
function servicesOf(
  input: EntryInput,
  services: readonly DeclaredService[],
): readonly DeclaredService[] {
  return input.services === undefined
    ? services
    : services.filter((service) => input.services?.includes(service.id));
}

/**
 * The services as the reach rules read them: the first of each id, with only the hosts that are
 * well formed and the controller's own (the others are reported at policy.yaml, and a service
 * left with none has no stated hosts), and its domain only when it is so too, so that one
 * mistake there is reported once.
 */
function readableServices(policy: PolicyInput): readonly DeclaredService[] {
  const ownDomains = controllerDomainsOf(policy.controller);
  const seen = new Set<string>();
  return (policy.services ?? []).flatMap((service) => {
    if (seen.has(service.id)) return [];
    seen.add(service.id);
    const hosts = service.hosts?.filter((host) => checkServiceHost(host, ownDomains).ok);
    const domain =
      service.domain !== undefined && checkServiceHost(service.domain, ownDomains, 'domain').ok
        ? service.domain
        : undefined;
    const { hosts: _written, domain: _writtenDomain, ...rest } = service;
    return [
      {
        ...rest,
        ...(hosts && hosts.length > 0 && { hosts }),
        ...(domain !== undefined && { domain }),
      },
    ];
  });
}

/** Where to point at a service in an entry: its place in `services`, or what makes it ours. */
function serviceAt(input: EntryInput, id: string, otherwise: 'setBy' | 'attributes') {
  const index = input.services?.indexOf(id) ?? -1;
  return index >= 0 ? (['services', index] as const) : ([otherwise] as const);
}

/**
 * Each entry is only on services whose hosts can receive it (RFC 6265bis):
 *  - a host-only cookie is sent back only to the host that set it (§5.7 host-only-flag, §5.8.3).
 *    One our code sets is on the hosts our code runs on: the services run by us. On a service run
 *    by a vendor, our code sets nothing, so the cookie is there only where that service shares a
 *    host with one of ours that lists it (a help centre served under the platform's own host);
 *  - a cookie with a Domain is sent to every host under it (§5.1.3): a service whose stated hosts
 *    are all outside that domain, or, hosts not stated, whose domain is outside it and not above
 *    it, never receives it, whoever sets it.
 * Services without stated hosts are held only to what is known: who runs them, and their domain.
 */
export function checkServiceReach(entries: readonly CheckedEntry[], written: PolicyInput): void {
  if (!written.services) return;
  const policy = withValidSharing(written);
  const services = readableServices(policy);
  for (const { input, report } of entries) {
    if (input?.kind !== 'cookie' || input.group) continue;
    // A consent cookie with its own Domain beside sharedAcross, or with a sharedAcross that is
    // wrong, is reported as that: where it reaches follows from what is meant.
    if (
      input.id === written.consent?.cookie &&
      written.consent.sharedAcross !== undefined &&
      (policy.consent?.sharedAcross === undefined || cookieDomainOf(input) !== undefined)
    )
      continue;
    const on = servicesOf(input, services);
    const domain = sharedDomainOf(input, policy);
    const ours = isOwnCookie(input);
    if (ours && domain === undefined) checkHostOnly(input, report, on, policy);
    if (ours && domain !== undefined && on.length > 0 && on.every((s) => s.runBy !== 'us')) {
      report.add(
        'service/unreachable',
        input.services ? ['services'] : ['setBy'],
        `our ${input.setBy === 'client' ? 'page scripts set' : 'server sets'} "${input.name}", but every service it is on (${on.map((s) => s.id).join(', ')}) is run by a vendor, where our code does not run`,
        `add the service of ours that sets it to services:${
          services.some((s) => s.runBy === 'us')
            ? ` (${services
                .filter((s) => s.runBy === 'us')
                .map((s) => s.id)
                .join(', ')})`
            : ''
        }`,
        { key: input.services !== undefined },
      );
    }
    if (domain === undefined) continue;
    // The consent cookie shared across a parent domain is host-only on our services outside it.
    const sharedConsent = ours && cookieDomainOf(input) === undefined;
    for (const service of on) {
      if (reachOf(service, domain) !== 'not reached') continue;
      if (sharedConsent && service.runBy === 'us') continue;
      report.add(
        'service/unreachable',
        serviceAt(input, service.id, 'attributes'),
        `"${input.name}" has Domain=${domain}, so browsers send it only to hosts under ${domain}; ${
          service.hosts
            ? `none of the hosts of the service "${service.id}" (${service.hosts.join(', ')}) is`
            : `the hosts of the service "${service.id}" are not stated, but all are under ${service.domain}, which is neither under ${domain} nor above it`
        }`,
        `remove "${service.id}" from services: in this file${input.services ? '' : ' (list the services it is on)'}, or give it a domain above the service's hosts`,
        { key: input.services === undefined },
      );
    }
  }
}

function checkHostOnly(
  input: EntryInput,
  report: FileReport,
  on: readonly DeclaredService[],
  policy: PolicyInput,
): void {
  const ourHosts = new Set(on.filter((s) => s.runBy === 'us').flatMap((s) => s.hosts ?? []));
  const ownDomains = controllerDomainsOf(policy.controller);
  for (const service of on) {
    if (service.runBy === 'us') continue;
    if (service.hosts?.some((host) => ourHosts.has(host))) continue;
    const setter = input.setBy === 'client' ? 'our page scripts set' : 'our server sets';
    const parent = (service.hosts ?? (service.domain !== undefined ? [service.domain] : []))
      .map((host) => ownDomains.find((own) => isWithinDomains(host, [own])))
      .find((own) => own !== undefined);
    report.add(
      'service/unreachable',
      serviceAt(input, service.id, 'setBy'),
      `"${input.name}" is a host-only cookie ${setter} (no attributes.domain), so a browser sends it back only to the host that set it; the service "${service.id}" is run by ${service.runBy.vendor}, whose pages our code does not serve, and ${service.hosts ? `none of its hosts (${service.hosts.join(', ')}) is a host of one of our services that lists it` : `the catalog states no host of it that one of our services shares${service.domain !== undefined ? ` (only that its hosts are under ${service.domain})` : ''}`}`,
      `${input.services ? `remove "${service.id}" from services:` : `list the services it is on under services: (without "${service.id}")`}; or, if it must be read there, make it a Domain cookie that reaches the service's hosts${parent ? ` (attributes: { domain: ${parent} })` : ''}`,
    );
  }
}

/**
 * A service that asks for consent keeps the answer in the consent cookie: it must be on that
 * service, or the answer given there could not be kept (nor read to hold back what needs it).
 */
export function checkServiceConsent(entries: readonly CheckedEntry[], policy: PolicyInput): void {
  if (!policy.services || !policy.consent) return;
  const services = readableServices(policy);
  const consentId = policy.consent.cookie;
  const cookie = entries.find((e) => e.input?.id === consentId);
  if (!cookie?.input?.services) return; // on every service, or reported elsewhere
  const optional = new Set(policy.categories.filter((c) => c.consentRequired).map((c) => c.id));
  const on = new Set(servicesOf(cookie.input, services).map((s) => s.id));
  for (const service of services) {
    if (on.has(service.id)) continue;
    const asking = entries.find(
      ({ input }) =>
        input &&
        input.retired === undefined &&
        optional.has(input.category) &&
        servicesOf(input, services).some((s) => s.id === service.id),
    );
    if (!asking?.input) continue;
    cookie.report.add(
      'service/consent-cookie',
      ['services'],
      `the service "${service.id}" asks for consent (${asking.relative} is on it, in category "${asking.input.category}", which needs consent), but the consent cookie ${consentId} is not on it, so the answer could not be kept there`,
      `add ${service.id} to services: in this file, or leave services: out so it is on every service`,
      { key: true },
    );
  }
}

/**
 * policy.yaml as the reach rules read it: consent.sharedAcross only when it is a domain of the
 * controller's that some service's hosts are all under (else it is reported at policy.yaml, once).
 */
function withValidSharing(policy: PolicyInput): PolicyInput {
  const parent = policy.consent?.sharedAcross;
  if (parent === undefined || !policy.consent) return policy;
  if (sharingProblem(policy, parent) === undefined) return policy;
  const { sharedAcross: _invalid, ...consent } = policy.consent;
  return { ...policy, consent };
}

/** What is wrong with consent.sharedAcross, or undefined when it is a domain that shares. */
export function sharingProblem(
  policy: PolicyInput,
  parent: string,
): { readonly reason: string; readonly fix: string } | undefined {
  const ownDomains = controllerDomainsOf(policy.controller);
  if (!isWithinDomains(parent, ownDomains) && /^[a-z0-9.-]+$/.test(parent)) {
    return {
      reason: `consent.sharedAcross: "${parent}" is not within the controller's domains (${ownDomains.join(', ') || 'none known'}); the answer is shared only across the controller's own hosts`,
      fix:
        ownDomains.length > 0
          ? `use ${ownDomains.join(' or ')} (or a domain below one that the services' hosts share)`
          : 'state controller.domains (or controller.website) in policy.yaml',
    };
  }
  const checked = checkServiceHost(parent, ownDomains);
  if (!checked.ok) return { reason: `consent.sharedAcross: ${checked.reason}`, fix: checked.fix };
  if (!policy.services)
    return {
      reason: `consent.sharedAcross shares one answer between the services policy.yaml declares, and it declares none`,
      fix: `declare the services under services: (each with its hosts under ${parent}); for one site whose subdomains share the answer, give the consent cookie attributes: { domain: ${parent} } instead`,
    };
  // A mistake in a service's hosts or domain is reported at it: here they count as not stated.
  const services = readableServices(policy);
  if (services.some((service) => isAllUnder(service, parent))) return undefined;
  return {
    reason: `consent.sharedAcross is ${parent}, but no service's hosts are all under it (nor, where its hosts are not stated, its domain), so no answer would be shared`,
    fix: `use the domain the services' hosts share (${
      services
        .flatMap((s) => s.hosts ?? (s.domain !== undefined ? [s.domain] : []))
        .slice(0, 3)
        .join(', ') || "state each service's hosts, or the domain they are under"
    }), or leave sharedAcross out`,
  };
}
