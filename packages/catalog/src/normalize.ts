import { builtInLabel, OPTIONAL_LABELS } from './built-in-labels.js';
import { MAX_LIFETIME_SECONDS } from './cookie-grammar.js';
import { DEFAULT_VALUE, effectiveAttributes, isOwnCookie } from './defaults.js';
import { controllerDomainsOf } from './entry-facts.js';
import { functionNameOf } from './function-name.js';
import { type Duration, parseDuration, parseStatedDuration } from './lifetime.js';
import {
  type Catalog,
  type CatalogEntry,
  type CookieAttributes,
  IMPLICIT_SERVICE_ID,
  type JsonFieldType,
  type LabelKey,
  type Lifetime,
  type LocalizedText,
  type PolicySection,
  packageNamesOf,
  type RecordRetention,
  type Service,
  type ValueType,
} from './model.js';
import { parseNamePattern } from './name-pattern.js';
import { deriveParameterExample } from './parameter-example.js';
import { defaultRecordRetention, parseRecordRetention } from './record-retention.js';
import type { EntryInput, PolicyInput } from './schema.js';
import { withoutComments } from './section-comments.js';
import { isAllUnder, servicesReached, sharedDomainOf } from './service-reach.js';

/**
 * Builds the immutable Catalog from inputs that have passed every rule. Anything that could fail
 * here was a validation problem first; a throw here is a bug in the rules, not a user mistake.
 */
export function normalizeCatalog(
  policy: PolicyInput,
  entries: readonly { input: EntryInput; source: string }[],
  sections: ReadonlyMap<string, LocalizedText>,
): Catalog {
  const categoryOrder = new Map(policy.categories.map((c, i) => [c.id, i] as const));
  const normalizedEntries = entries
    .map(({ input, source }) => normalizeEntry(policy, input, source))
    .sort(
      (a, b) =>
        (categoryOrder.get(a.category) ?? 0) - (categoryOrder.get(b.category) ?? 0) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  // In the order legal declared them: the policy reads that way.
  const orderedCategories = policy.categories;
  const normalizedSections: PolicySection[] = policy.sections.map((id) => ({
    id,
    // Legal's notes to each other are not part of the policy.
    markdown: Object.fromEntries(
      Object.entries(sections.get(id) ?? {}).map(([locale, text]) => [
        locale,
        withoutComments(text),
      ]),
    ),
  }));
  return deepFreeze({
    version: policy.version,
    lastUpdated: policy.lastUpdated,
    locales: [...policy.locales],
    defaultLocale: policy.defaultLocale,
    controller: {
      name: controllerName(policy, policy.defaultLocale),
      names: Object.fromEntries(
        policy.locales.map((locale) => [locale, controllerName(policy, locale)]),
      ),
      website: policy.controller.website,
      ...(policy.controller.email !== undefined && { email: policy.controller.email }),
      domains: controllerDomainsOf(policy.controller),
    },
    dpo: { ...policy.dpo },
    consent: policy.consent && {
      cookie: policy.consent.cookie,
      version: policy.consent.version,
      preferencesUrl: policy.consent.preferencesUrl,
      keepRecords: recordRetention(policy, entries),
      sharedAcross: policy.consent.sharedAcross,
      sharedBy: sharedBy(policy),
    },
    packages: packageNamesOf(policy.packages),
    services: normalizeServices(policy),
    categories: orderedCategories.map(
      ({ id, consentRequired, label, description, tcf, openCookieDatabase, consentMode }) => ({
        id,
        consentRequired,
        label,
        description,
        tcf: {
          purposes: sortedUnique(tcf?.purposes ?? (consentRequired ? [1] : [])),
          specialPurposes: sortedUnique(tcf?.specialPurposes ?? []),
        },
        openCookieDatabase: openCookieDatabase ?? (consentRequired ? undefined : 'Functional'),
        consentMode: [...new Set(consentMode ?? [])],
      }),
    ),
    authorities: policy.authorities.map(({ id, supervises, name, url }) => ({
      id,
      supervises,
      name,
      url,
    })),
    entries: normalizedEntries,
    sections: normalizedSections,
    labels: normalizeLabels(policy),
    durationWords: policy.durationWords ?? {},
  });
}

function normalizeEntry(policy: PolicyInput, input: EntryInput, source: string): CatalogEntry {
  const parsed = parseNamePattern(input.name);
  if (!parsed.ok) throw new Error(`bug: invalid name pattern passed validation in ${source}`);
  const parameters = parsed.parts.flatMap((part) => {
    if (part.type !== 'parameter') return [];
    const spec = input.nameParameters?.[part.name] ?? {};
    const example = spec.example ?? deriveParameterExample(spec);
    if (example === undefined)
      throw new Error(
        `bug: a parameter without a derivable example passed validation in ${source}`,
      );
    return [
      {
        name: part.name,
        type: spec.type ?? 'string',
        ...(spec.pattern !== undefined && { pattern: spec.pattern }),
        ...(spec.maxLength !== undefined && { maxLength: spec.maxLength }),
        example,
        ...(spec.description !== undefined && { description: spec.description }),
      },
    ];
  });
  const ownCookie = isOwnCookie(input);
  const entry: CatalogEntry = {
    id: input.id,
    functionName: functionNameOf(input.id),
    name: { pattern: input.name, parts: parsed.parts, parameters },
    kind: input.kind,
    party: input.provider.party,
    provider: {
      name: input.provider.name ?? controllerName(policy, policy.defaultLocale),
      domain: input.provider.domain,
      ...(input.provider.privacyPolicy !== undefined && {
        privacyPolicy: input.provider.privacyPolicy,
      }),
      ...(input.provider.cookiePolicy !== undefined && {
        cookiePolicy: input.provider.cookiePolicy,
      }),
    },
    setBy: input.setBy,
    category: input.category,
    lifetime: normalizeLifetime(input.lifetime, policy.locales, ownCookie),
    ...(input.retired !== undefined && { retired: input.retired }),
    purpose: input.purpose,
    ...(input.recipients !== undefined && { recipients: [...input.recipients] }),
    ...(input.group && { group: true }),
    ...(input.stores !== undefined && { stores: input.stores }),
    ...(input.note !== undefined && { note: input.note }),
    ...entryServices(policy, input),
    ...(ownCookie && { attributes: normalizeAttributes(input) }),
    ...(ownCookie && {
      value:
        policy.consent?.cookie === input.id
          ? consentValueType(policy)
          : normalizeValue(input.value ?? DEFAULT_VALUE),
    }),
    ...(!ownCookie &&
      input.provider.party === 'first' &&
      (input.setBy === 'vendor' || input.setBy === undefined) &&
      input.kind === 'cookie' &&
      input.attributes && {
        location: {
          path: input.attributes.path ?? '/',
          ...(input.attributes.domain !== undefined && { domain: input.attributes.domain }),
          ...(input.attributes.partitioned === true && { partitioned: true }),
        },
      }),
    source,
  };
  return entry;
}

/**
 * policy.yaml `services`, or the one implicit service: named after the controller, run by us,
 * its hosts not stated (a catalog without services says nothing about hosts).
 */
function normalizeServices(policy: PolicyInput): Service[] {
  if (!policy.services) {
    return [
      {
        id: IMPLICIT_SERVICE_ID,
        name: Object.fromEntries(
          policy.locales.map((locale) => [locale, controllerName(policy, locale)]),
        ),
        hosts: undefined,
        domain: undefined,
        runBy: { kind: 'us' },
        policyUrl: undefined,
        implicit: true,
      },
    ];
  }
  return policy.services.map((service) => ({
    id: service.id,
    name: service.name,
    hosts: service.hosts && [...new Set(service.hosts)],
    domain: service.domain,
    runBy:
      service.runBy === 'us' ? { kind: 'us' } : { kind: 'vendor', vendor: service.runBy.vendor },
    policyUrl: service.policyUrl,
    implicit: false,
  }));
}

/** The services an entry is on (as listed, in declared order, or all), and a Domain cookie's reach. */
function entryServices(
  policy: PolicyInput,
  input: EntryInput,
): Pick<CatalogEntry, 'services' | 'reaches'> {
  const declared = policy.services;
  if (!declared) return { services: [IMPLICIT_SERVICE_ID] };
  const listed = input.services;
  const services = declared
    .filter((service) => listed === undefined || listed.includes(service.id))
    .map((service) => service.id);
  const domain = sharedDomainOf(input, policy);
  return {
    services,
    ...(domain !== undefined && { reaches: servicesReached(domain, declared) }),
  };
}

/**
 * The consent cookie's value follows from the categories: the consent version, when the answer
 * was given (seconds since 1970), the consent id its records carry (32 hex digits, so the person
 * can quote it), and one yes or no per category that needs consent; with services, also the ids
 * of the categories answered so far (comma-separated), since each service asks only about its own.
 */
function consentValueType(policy: PolicyInput): ValueType {
  return {
    type: 'json',
    encoding: 'uri',
    fields: [
      { name: 'version', type: { type: 'integer' } },
      { name: 'given', type: { type: 'integer' } },
      { name: 'id', type: { type: 'string' } },
      // With services, each asks only about its own categories: which were answered so far.
      ...(policy.services ? [{ name: 'answered', type: { type: 'string' } } as const] : []),
      ...policy.categories
        .filter((c) => c.consentRequired)
        .map((c) => ({ name: c.id, type: { type: 'boolean' } as const })),
    ],
  };
}

/** consent.keepRecords as written, else the consent cookie's lifetime plus three years. */
function recordRetention(
  policy: PolicyInput,
  entries: readonly { input: EntryInput }[],
): RecordRetention {
  const written = policy.consent?.keepRecords;
  if (written !== undefined) {
    const parsed = parseRecordRetention(written, policy.locales);
    if (!parsed.ok) throw new Error(`bug: invalid keepRecords "${written}" passed validation`);
    return {
      seconds: parsed.duration.seconds,
      duration: parsed.duration,
      origin: 'stated',
      written,
    };
  }
  const lifetime = entries.find(({ input }) => input.id === policy.consent?.cookie)?.input.lifetime;
  const parsed =
    typeof lifetime === 'string' ? parseDuration(lifetime, { locales: policy.locales }) : undefined;
  // A session cookie (or anything that is not a duration) counts as one year.
  const duration = defaultRecordRetention(parsed?.ok ? parsed.duration : undefined);
  return { seconds: duration.seconds, duration, origin: 'default', written: undefined };
}

function normalizeAttributes(input: EntryInput): CookieAttributes {
  const { secure, httpOnly, sameSite, path, domain, partitioned } = effectiveAttributes(input);
  return {
    secure,
    httpOnly,
    sameSite,
    path,
    ...(domain !== undefined && { domain }),
    partitioned,
  };
}

function normalizeLifetime(
  lifetime: EntryInput['lifetime'],
  locales: readonly string[],
  exact: boolean,
): Lifetime {
  const duration = (text: string): Duration => {
    const parsed = parseDuration(text, { locales, exact });
    if (!parsed.ok) throw new Error(`bug: invalid lifetime "${text}" passed validation`);
    return parsed.duration;
  };
  if (typeof lifetime === 'object') {
    const given = lifetime.statedByProvider;
    const stated: Extract<Lifetime, { kind: 'provider-stated' }>['stated'] =
      given === 'forever' || given === 'session'
        ? { kind: given }
        : typeof given === 'object'
          ? { kind: 'range', from: duration(given.from), to: duration(given.to) }
          : { kind: 'duration', ...duration(given) };
    const longest =
      stated.kind === 'forever'
        ? MAX_LIFETIME_SECONDS
        : stated.kind === 'session'
          ? 0
          : stated.kind === 'range'
            ? stated.to.seconds
            : stated.seconds;
    return {
      kind: 'provider-stated',
      stated,
      ...(lifetime.orInactiveFor !== undefined && {
        inactivity: duration(lifetime.orInactiveFor),
      }),
      keptSeconds: Math.min(longest, MAX_LIFETIME_SECONDS),
      ...(lifetime.note !== undefined && { note: lifetime.note }),
    };
  }
  if (
    lifetime === 'session' ||
    lifetime === 'persistent' ||
    lifetime === 'none' ||
    lifetime === 'unknown'
  )
    return { kind: lifetime };
  if (exact) return { kind: 'duration', ...duration(lifetime) };
  // As the page states it, where no code depends on it: a range is a stated lifetime.
  const stated = parseStatedDuration(lifetime, { locales });
  if (!stated.ok) throw new Error(`bug: invalid lifetime "${lifetime}" passed validation`);
  if (stated.value.kind === 'duration') return stated.value;
  return {
    kind: 'provider-stated',
    stated: stated.value,
    keptSeconds: Math.min(stated.value.to.seconds, MAX_LIFETIME_SECONDS),
  };
}

function normalizeValue(value: NonNullable<EntryInput['value']>): ValueType {
  switch (value.type) {
    case 'string':
      return {
        type: 'string',
        ...(value.pattern !== undefined && { pattern: value.pattern }),
        ...(value.maxLength !== undefined && { maxLength: value.maxLength }),
        encoding: value.encoding ?? 'raw',
        example: value.example,
      };
    case 'enum':
      return { type: 'enum', values: [...value.values] };
    case 'integer':
      return {
        type: 'integer',
        ...(value.min !== undefined && { min: value.min }),
        ...(value.max !== undefined && { max: value.max }),
      };
    case 'boolean':
      return { type: 'boolean' };
    case 'json':
      return {
        type: 'json',
        encoding: value.encoding,
        fields: Object.entries(value.shape).map(([name, type]) => ({
          name,
          type: (typeof type === 'string'
            ? { type }
            : { type: 'enum', values: [...type.enum] }) as JsonFieldType,
        })),
      };
  }
}

/** Every label in every locale: policy.yaml's own, else the built-in words (validated to exist). */
function normalizeLabels(policy: PolicyInput): Catalog['labels'] {
  const given = (policy.labels ?? {}) as Partial<Record<LabelKey, LocalizedText>>;
  const labels = { ...given } as Record<LabelKey, LocalizedText>;
  for (const key of OPTIONAL_LABELS) {
    labels[key] = Object.fromEntries(
      policy.locales.map((locale) => [
        locale,
        given[key]?.[locale] ?? builtInLabel(key, locale) ?? '',
      ]),
    );
  }
  return labels;
}

/** The controller's name in `locale`: its one name, or the name policy.yaml gives for the locale. */
function controllerName(policy: PolicyInput, locale: string): string {
  const { name } = policy.controller;
  return typeof name === 'string' ? name : (name[locale] ?? '');
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function sortedUnique(ids: readonly number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

/**
 * The services that share the answer: every stated host under consent.sharedAcross, or no hosts
 * stated and the service's domain under it.
 */
function sharedBy(policy: PolicyInput): readonly string[] {
  const parent = policy.consent?.sharedAcross;
  if (parent === undefined || !policy.services) return [];
  return policy.services
    .filter((service) => isAllUnder(service, parent))
    .map((service) => service.id);
}
