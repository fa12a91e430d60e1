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
 * The ids of the services with a stated host that a `Domain=domain` cookie is sent to. A service
 * without stated hosts is never counted: whether it is reached is not known.
 */
export function servicesReached(
  domain: string,
  services: readonly DeclaredService[],
): readonly string[] {
  return services
    .filter((service) => service.hosts?.some((host) => domainMatches(host, domain)))
    .map((service) => service.id);
}
