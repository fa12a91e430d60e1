import { MAX_LIFETIME_SECONDS } from './cookie-grammar.js';
import { functionNameOf } from './function-name.js';
import { type Duration, parseDuration } from './lifetime.js';
import type {
  Catalog,
  CatalogEntry,
  JsonFieldType,
  Lifetime,
  LocalizedText,
  PolicySection,
  ValueType,
} from './model.js';
import { parseNamePattern } from './name-pattern.js';
import type { EntryInput, PolicyInput } from './schema.js';

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
  const orderedCategories = [...policy.categories].sort(
    (a, b) => Number(a.consentRequired) - Number(b.consentRequired),
  );
  const normalizedSections: PolicySection[] = policy.sections.map((id) => ({
    id,
    markdown: sections.get(id) ?? {},
  }));
  return deepFreeze({
    version: policy.version,
    lastUpdated: policy.lastUpdated,
    locales: [...policy.locales],
    defaultLocale: policy.defaultLocale,
    controller: {
      name: policy.controller.name,
      website: policy.controller.website,
      ...(policy.controller.email !== undefined && { email: policy.controller.email }),
    },
    dpo: { ...policy.dpo },
    categories: orderedCategories.map(({ id, consentRequired, label, description }) => ({
      id,
      consentRequired,
      label,
      description,
    })),
    authorities: policy.authorities.map(({ id, supervises, name, url }) => ({
      id,
      supervises,
      name,
      url,
    })),
    entries: normalizedEntries,
    sections: normalizedSections,
    labels: { ...policy.labels },
    durationWords: policy.durationWords ?? {},
  });
}

function normalizeEntry(policy: PolicyInput, input: EntryInput, source: string): CatalogEntry {
  const parsed = parseNamePattern(input.name);
  if (!parsed.ok) throw new Error(`bug: invalid name pattern passed validation in ${source}`);
  const parameters = parsed.parts.flatMap((part) => {
    if (part.type !== 'parameter') return [];
    const spec = input.nameParameters?.[part.name];
    if (!spec) throw new Error(`bug: undeclared parameter passed validation in ${source}`);
    return [
      {
        name: part.name,
        type: spec.type,
        ...(spec.pattern !== undefined && { pattern: spec.pattern }),
        ...(spec.maxLength !== undefined && { maxLength: spec.maxLength }),
        example: spec.example,
        description: spec.description,
      },
    ];
  });
  const firstPartyCookie = input.kind === 'cookie' && input.provider.party === 'first';
  const entry: CatalogEntry = {
    id: input.id,
    functionName: functionNameOf(input.id),
    name: { pattern: input.name, parts: parsed.parts, parameters },
    kind: input.kind,
    party: input.provider.party,
    provider: {
      name: input.provider.name ?? policy.controller.name,
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
    lifetime: normalizeLifetime(input.lifetime),
    purpose: input.purpose,
    ...(input.stores !== undefined && { stores: input.stores }),
    ...(input.note !== undefined && { note: input.note }),
    ...(firstPartyCookie &&
      input.attributes && {
        attributes: {
          secure: input.attributes.secure,
          httpOnly: input.attributes.httpOnly,
          sameSite: input.attributes.sameSite,
          path: input.attributes.path ?? '/',
          ...(input.attributes.domain !== undefined && { domain: input.attributes.domain }),
          partitioned: input.attributes.partitioned ?? false,
        },
      }),
    ...(firstPartyCookie && input.value && { value: normalizeValue(input.value) }),
    source,
  };
  return entry;
}

function normalizeLifetime(lifetime: EntryInput['lifetime']): Lifetime {
  if (typeof lifetime === 'object') {
    const stated =
      lifetime.statedByProvider === 'forever'
        ? ({ kind: 'forever' } as const)
        : ({ kind: 'duration', ...duration(lifetime.statedByProvider) } as const);
    return {
      kind: 'provider-stated',
      stated,
      keptSeconds:
        stated.kind === 'forever'
          ? MAX_LIFETIME_SECONDS
          : Math.min(stated.seconds, MAX_LIFETIME_SECONDS),
      ...(lifetime.note !== undefined && { note: lifetime.note }),
    };
  }
  if (lifetime === 'session' || lifetime === 'persistent' || lifetime === 'none')
    return { kind: lifetime };
  return { kind: 'duration', ...duration(lifetime) };
}

function duration(text: string): Duration {
  const parsed = parseDuration(text);
  if (!parsed.ok) throw new Error(`bug: invalid lifetime "${text}" passed validation`);
  return parsed.duration;
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

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
