import type { Party, SetBy } from './model.js';
import type { EntryInput, StatedEntryInput } from './schema.js';

/*
 * What an entry states, and what follows from it when a cookie page leaves a fact out. Pages
 * rarely say who sets a cookie or which party it is: the domain decides the party, the party
 * decides who sets a third party's entry, and an entry the controller's own page lists without a
 * domain is a cookie of the controller's site. Nothing is guessed beyond that.
 */

/**
 * The controller's own domains: policy.yaml's `controller.domains`, or else the website's host
 * without a leading `www.`. Lower-case, without leading dots.
 */
export function controllerDomainsOf(controller: {
  readonly website?: unknown;
  readonly domains?: unknown;
}): readonly string[] {
  if (Array.isArray(controller.domains)) {
    const listed = controller.domains
      .filter((d): d is string => typeof d === 'string')
      .map((d) => d.trim().toLowerCase().replace(/^\.+/, ''))
      .filter(Boolean);
    if (listed.length > 0) return listed;
  }
  if (typeof controller.website !== 'string') return [];
  try {
    const host = new URL(controller.website).hostname.toLowerCase();
    return host ? [host.replace(/^www\./, '')] : [];
  } catch {
    return [];
  }
}

/** Whether `domain` is one of `domains` or below one of them, on a dot boundary. */
export function isWithinDomains(domain: string, domains: readonly string[]): boolean {
  const host = domain.toLowerCase().replace(/^\.+/, '');
  return domains.some((own) => host === own || host.endsWith(`.${own}`));
}

/** What decided an entry's party: the catalog said so, or it follows from another fact. */
export type PartySource = 'stated' | 'domain' | 'setBy' | 'listed' | 'unknown';

export interface ResolvedParty {
  /** Undefined only when `source` is `unknown`: nothing the entry states decides it. */
  readonly party: Party | undefined;
  readonly source: PartySource;
  /** What the domain alone says, when the entry has one. */
  readonly byDomain: Party | undefined;
}

/**
 * The entry's party: as stated; else from who sets it (`provider` is a third party on its own
 * domain, our code and vendors work on ours); else from its domain against the controller's;
 * else, without a domain, first: the controller's cookie page lists it as a cookie of its site
 * (a named tool's software sets it there). Where a stated fact and the domain disagree, validate
 * warns (party-rules.ts). Unknown only when a domain is stated and the controller's domains are
 * not known (its website is still a TODO, which policy.yaml's own problems report).
 */
export function resolveParty(
  entry: Pick<StatedEntryInput, 'provider' | 'setBy'>,
  ownDomains: readonly string[],
): ResolvedParty {
  const provider = entry.provider ?? {};
  const byDomain =
    typeof provider.domain === 'string' && ownDomains.length > 0
      ? isWithinDomains(provider.domain, ownDomains)
        ? 'first'
        : 'third'
      : undefined;
  if (provider.party !== undefined) return { party: provider.party, source: 'stated', byDomain };
  if (entry.setBy !== undefined)
    return { party: entry.setBy === 'provider' ? 'third' : 'first', source: 'setBy', byDomain };
  if (byDomain !== undefined) return { party: byDomain, source: 'domain', byDomain };
  // The controller's own cookie page lists it without a domain, a party or a setter: a cookie of
  // the controller's site, whichever company's software (a named tool) sets it there.
  if (provider.domain === undefined) return { party: 'first', source: 'listed', byDomain };
  return { party: undefined, source: 'unknown', byDomain };
}

/**
 * Who sets the entry: as stated; a third party's entry is set by its provider (on its own
 * domain, by definition); otherwise unstated, and the entry gets no generated code.
 */
export function resolveSetBy(
  entry: Pick<StatedEntryInput, 'setBy'>,
  party: Party | undefined,
): SetBy | undefined {
  if (entry.setBy !== undefined) return entry.setBy;
  return party === 'third' ? 'provider' : undefined;
}

/** The parameter that stands for any name in a nameless group's name. */
export const GROUP_PARAMETER = 'name';

/** What the rest of the catalog tells an entry: the controller, for what follows from a domain. */
export interface Controller {
  readonly ownDomains: readonly string[];
  readonly name: string | undefined;
}

/**
 * The entry with what follows from its stated facts filled in: the party, a third party's
 * setter, and a nameless group's any-name pattern. Where the party cannot be told yet, `party`
 * says so and the entry is read as ours, so that its other rules still run; policy.yaml is then
 * invalid, so such an entry never reaches the generators.
 */
export function deriveEntry(
  stated: StatedEntryInput,
  controller: Controller,
): { readonly entry: EntryInput; readonly party: ResolvedParty } {
  const party = resolveParty(stated, controller.ownDomains);
  const setBy = resolveSetBy(stated, party.party);
  const { setBy: _stated, provider, name, ...rest } = stated;
  const entry: EntryInput = {
    ...rest,
    // A group the page lists without names stands for any name (of its domain).
    name: name ?? `{${GROUP_PARAMETER}}`,
    ...(name === undefined && { group: true as const }),
    ...(setBy !== undefined && { setBy }),
    provider: { ...provider, party: party.party ?? 'first' },
  };
  return { entry, party };
}
