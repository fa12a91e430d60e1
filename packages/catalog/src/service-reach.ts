import { isWithinDomains } from './entry-facts.js';
import type { EntryInput, PolicyInput } from './schema.js';

/*
 * Which services a cookie can be on, by the browser's rules (RFC 6265bis):
 *  - a cookie without a Domain attribute is host-only: its domain is the host that set it, and
 *    it is sent to that host alone (§5.7, host-only-flag; §5.8.3, "identical to the cookie's
 *    domain"). One of ours exists only on hosts where our code runs and sets it;
 *  - a cookie with `Domain=d` is sent to d and every host below it (§5.1.3, domain-match), on
 *    whichever service that host serves.
 */

/** The id of a declared service, as entries name it; shared by the rules and the model. */
export const SERVICE_ID = /^[a-z][a-z0-9-]*$/;

/** Whether a browser sends a cookie with `Domain=domain` to `host` (bis §5.1.3, domain-match). */
export function domainMatches(host: string, domain: string): boolean {
  return isWithinDomains(host, [domain]);
}

/** The Domain attribute of a cookie entry (ours, or where a vendor's lives); else host-only. */
export function cookieDomainOf(entry: EntryInput): string | undefined {
  if (entry.kind !== 'cookie' || entry.provider.party !== 'first') return undefined;
  return entry.attributes?.domain;
}

/**
 * The domain a cookie is sent under on the services that share it: its own Domain attribute, or
 * for the consent cookie with `consent.sharedAcross`, that parent domain (the consent package
 * sets it so on the services under it).
 */
export function sharedDomainOf(entry: EntryInput, policy: PolicyInput): string | undefined {
  return (
    cookieDomainOf(entry) ??
    (entry.id === policy.consent?.cookie ? policy.consent.sharedAcross : undefined)
  );
}

type DeclaredService = NonNullable<PolicyInput['services']>[number];

/**
 * Whether every host of a service is known to be under `parent`: its stated hosts all are, or,
 * with no hosts stated, its `domain` is `parent` or below it (every host of it is under that
 * domain, so under `parent`). A service with neither stated is not known to be.
 */
export function isAllUnder(
  service: Pick<DeclaredService, 'hosts' | 'domain'>,
  parent: string,
): boolean {
  if (service.hosts !== undefined && service.hosts.length > 0)
    return service.hosts.every((host) => domainMatches(host, parent));
  return service.domain !== undefined && domainMatches(service.domain, parent);
}

/** Whether a `Domain` cookie is sent to a service's hosts, as far as the catalog tells. */
export type Reach = 'reached' | 'not reached' | 'unknown';

/**
 * Whether a `Domain=domain` cookie is sent to a service (bis §5.1.3, domain-match):
 *  - with hosts stated: reached when one of them is under the domain, else not;
 *  - with only its `domain` stated (every host of it is under that): reached when that is the
 *    cookie's domain or below it; not reached when neither is under the other (no host can be
 *    under both); unknown when the cookie's domain is below the service's (some hosts may be);
 *  - with neither stated: unknown.
 */
export function reachOf(service: Pick<DeclaredService, 'hosts' | 'domain'>, domain: string): Reach {
  if (service.hosts !== undefined && service.hosts.length > 0)
    return service.hosts.some((host) => domainMatches(host, domain)) ? 'reached' : 'not reached';
  if (service.domain === undefined) return 'unknown';
  if (domainMatches(service.domain, domain)) return 'reached';
  return domainMatches(domain, service.domain) ? 'unknown' : 'not reached';
}

/**
 * The ids of the services a `Domain=domain` cookie is known to be sent to (reachOf): a service
 * whose reach is unknown is never counted.
 */
export function servicesReached(
  domain: string,
  services: readonly DeclaredService[],
): readonly string[] {
  return services
    .filter((service) => reachOf(service, domain) === 'reached')
    .map((service) => service.id);
}
