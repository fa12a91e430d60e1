import {
  type Catalog,
  type CatalogEntry,
  compareStringRules,
  describeStringRuleChange,
  GENERATED_PACKAGES,
  type GeneratedPackage,
  isFirstPartyCookie,
  type JsonFieldType,
  type Lifetime,
  type LocalizedText,
  type ValueType,
} from '@cookie-catalog/catalog';

/** The packages a catalog change can bump, and how (semver). */
export const PACKAGES = [
  '@cookie-catalog/server',
  '@cookie-catalog/client',
  '@cookie-catalog/policy-table',
  '@cookie-catalog/docs',
  '@cookie-catalog/consent',
] as const;
export type PackageName = (typeof PACKAGES)[number];
export type Bump = 'major' | 'minor' | 'patch';

export interface CatalogChange {
  /** The entry id, `policy` for policy-level changes, or `service:<id>` for a service's own. */
  readonly subject: string;
  /**
   * The ids of the services (Catalog.services) the change touches: an entry's services at base
   * and head; both services when an entry moves from one to another; every service for what the
   * whole policy shows. In a catalog without declared services, the implicit one.
   */
  readonly services: readonly string[];
  /** In plain words: "access_token lifetime 1 hour → 2 hours". */
  readonly description: string;
  /**
   * What the catalog alone says the change means, by the packages' npm names (policy.yaml
   * `packages`: @acme/cookies-server, …). The release plan (releasePlan) decides the bumps from
   * the generated output; it takes these only where the output cannot tell (valueCheck).
   */
  readonly bumps: Readonly<Record<string, Bump>>;
  /**
   * The run-time check of a cookie's value changed (a pattern, a length, a range, enum members):
   * generated code may accept less than before although its types are the same.
   */
  readonly valueCheck?: true;
}

interface InternalChange {
  readonly subject: string;
  readonly description: string;
  readonly bumps: Partial<Record<PackageName, Bump>>;
  readonly valueCheck?: true;
  /** Given where the words already name the services; else found from the subject. */
  readonly services?: readonly string[];
}

export interface CatalogDiff {
  readonly changes: readonly CatalogChange[];
  /** The generated packages' npm names, in the order they are listed. */
  readonly packages: readonly string[];
  /** The highest bump per package (by npm name) over all changes. */
  readonly bumps: Readonly<Record<string, Bump>>;
  /** What the change probably forgot, in plain words (e.g. to raise the consent version). */
  readonly warnings: readonly string[];
}

const SERVER = '@cookie-catalog/server';
const CLIENT = '@cookie-catalog/client';
const TABLE = '@cookie-catalog/policy-table';
const DOCS = '@cookie-catalog/docs';
const CONSENT = '@cookie-catalog/consent';
const texts = (bump: Bump) => ({ [TABLE]: bump, [DOCS]: bump });

/**
 * What a catalog change means, entry by entry, and what it does to each generated package's
 * public API: removing or renaming a cookie, narrowing its value or hiding it from script is
 * major for the code it touches; adding a cookie or widening a value is minor; a change of
 * lifetime or attributes changes behaviour only (patch); text changes touch only the table and
 * the documents.
 */
export function diffCatalogs(before: Catalog, after: Catalog): CatalogDiff {
  const changes: InternalChange[] = [];
  const add: Add = (subject, description, bumps, valueCheck, services) =>
    changes.push({
      subject,
      description,
      bumps,
      ...(valueCheck && { valueCheck }),
      ...(services && { services }),
    });
  const beforeById = new Map(before.entries.map((e) => [e.id, e]));
  const afterById = new Map(after.entries.map((e) => [e.id, e]));

  for (const entry of before.entries) {
    if (afterById.has(entry.id)) continue;
    add(entry.id, `${entry.id} (${entry.name.pattern}) removed`, {
      ...codeBumps(entry, 'major'),
      ...texts('minor'),
    });
  }
  for (const entry of after.entries) {
    if (beforeById.has(entry.id)) continue;
    add(entry.id, `${entry.id} (${entry.name.pattern}) added`, {
      ...codeBumps(entry, 'minor'),
      ...texts('minor'),
    });
  }
  const servicesDeclared = declaresServices(before) && declaresServices(after);
  for (const old of before.entries) {
    const next = afterById.get(old.id);
    if (next) diffEntry(old, next, after, add);
    if (next && servicesDeclared) diffEntryServices(old, next, after, add);
  }
  diffPolicy(before, after, add);
  diffServices(before, after, add);
  const warnings = diffConsent(before, after, add);

  // Worked out under the internal names above; told under the names the catalog gives them.
  const named = (internal: Partial<Record<PackageName, Bump>>) =>
    Object.fromEntries(
      (Object.entries(internal) as [PackageName, Bump][]).map(([name, bump]) => [
        after.packages[name.slice('@cookie-catalog/'.length) as GeneratedPackage],
        bump,
      ]),
    );
  const bumps: Partial<Record<PackageName, Bump>> = {};
  for (const change of changes) {
    for (const [name, bump] of Object.entries(change.bumps) as [PackageName, Bump][]) {
      bumps[name] = higher(bumps[name], bump);
    }
  }
  const touched = servicesTouched(before, after, beforeById, afterById);
  const told = declaresServices(before) || declaresServices(after);
  return {
    changes: changes.map(({ services: given, ...change }) => {
      const services = given ?? touched(change.subject);
      return {
        ...change,
        // Where the catalog has services, the words say which a change touches.
        description:
          told && given === undefined
            ? `${change.description} (services: ${services.join(', ')})`
            : change.description,
        bumps: named(change.bumps),
        services,
      };
    }),
    packages: GENERATED_PACKAGES.map((name) => after.packages[name]),
    bumps: named(bumps),
    warnings,
  };
}

/**
 * The consent question: which categories it asks about (the closed union of the consent
 * package), its version, and the cookie that keeps the answer. Changing what is asked without
 * raising the version leaves earlier answers standing for a question never asked: a warning.
 */
function diffConsent(before: Catalog, after: Catalog, add: Add): string[] {
  const asked = (catalog: Catalog) =>
    catalog.categories.filter((c) => c.consentRequired).map((c) => c.id);
  const was = asked(before);
  const is = asked(after);
  const added = is.filter((id) => !was.includes(id));
  const removed = was.filter((id) => !is.includes(id));
  for (const id of added)
    add('policy', `the consent banner now asks about ${id}`, { [CONSENT]: 'minor' });
  for (const id of removed)
    add('policy', `the consent banner no longer asks about ${id}`, { [CONSENT]: 'major' });
  const warnings: string[] = [];
  if (before.consent && after.consent) {
    if (before.consent.version !== after.consent.version) {
      add(
        'policy',
        `consent version ${before.consent.version} → ${after.consent.version}: everyone who answered is asked again`,
        { [CONSENT]: 'patch' },
      );
    } else if (added.length + removed.length > 0) {
      warnings.push(
        `the categories that need consent changed (${[...added.map((id) => `+${id}`), ...removed.map((id) => `-${id}`)].join(', ')}) but consent.version is still ${after.consent.version}: people who answered before are not asked again. Raise consent.version in policy.yaml.`,
      );
    }
    if (before.consent.cookie !== after.consent.cookie)
      add(
        'policy',
        `the consent answer moves from ${before.consent.cookie} to ${after.consent.cookie}`,
        {
          [CONSENT]: 'major',
        },
      );
    if (before.consent.preferencesUrl !== after.consent.preferencesUrl)
      add(
        'policy',
        `the preferences page moves from ${before.consent.preferencesUrl ?? '(none)'} to ${after.consent.preferencesUrl ?? '(none)'}`,
        { [CONSENT]: 'patch', ...texts('patch') },
      );
  } else if (!before.consent && after.consent) {
    add('policy', `consent is recorded in ${after.consent.cookie}`, { [CONSENT]: 'minor' });
  } else if (before.consent && !after.consent) {
    add('policy', 'consent is no longer recorded in a cookie', { [CONSENT]: 'major' });
  }
  return warnings;
}

type Add = (
  subject: string,
  description: string,
  bumps: Partial<Record<PackageName, Bump>>,
  valueCheck?: true,
  services?: readonly string[],
) => void;

/** Whether policy.yaml declares services (rather than the one implicit service). */
function declaresServices(catalog: Catalog): boolean {
  return catalog.services.some((service) => !service.implicit);
}

/** Ids in the head's service order, then those only the base has. */
function inServiceOrder(before: Catalog, after: Catalog, ids: Iterable<string>): string[] {
  const wanted = new Set(ids);
  const order = [...after.services, ...before.services].map((service) => service.id);
  return [...new Set(order)].filter((id) => wanted.has(id));
}

/**
 * The services a change of `subject` touches: an entry's at base and head; a service's own;
 * every service of base and head for the policy (its texts are on every service's pages).
 */
function servicesTouched(
  before: Catalog,
  after: Catalog,
  beforeById: ReadonlyMap<string, CatalogEntry>,
  afterById: ReadonlyMap<string, CatalogEntry>,
): (subject: string) => string[] {
  const every = inServiceOrder(before, after, [
    ...after.services.map((s) => s.id),
    ...before.services.map((s) => s.id),
  ]);
  return (subject) => {
    if (subject.startsWith('service:')) return [subject.slice('service:'.length)];
    const was = beforeById.get(subject);
    const is = afterById.get(subject);
    if (!was && !is) return every;
    return inServiceOrder(before, after, [...(was?.services ?? []), ...(is?.services ?? [])]);
  };
}

/**
 * An entry that joins or leaves services: its row joins or leaves their tables, and its
 * setters and readers their code (the code packages get a subpath per service, e.g.
 * @acme/cookies-server/platform, where a cookie its service does not use does not compile).
 * Moving from one service to another is a change for both. What a Domain cookie reaches changes
 * the tables of the services it reaches.
 */
function diffEntryServices(
  old: CatalogEntry,
  next: CatalogEntry,
  catalog: Catalog,
  add: Add,
): void {
  const id = old.id;
  const left = old.services.filter((service) => !next.services.includes(service));
  const joined = next.services.filter((service) => !old.services.includes(service));
  const code = Object.keys(codeBumps(next, 'patch')).map(
    (name) => catalog.packages[name.slice('@cookie-catalog/'.length) as GeneratedPackage],
  );
  const subpaths = (services: readonly string[]) =>
    code.flatMap((name) => services.map((service) => `${name}/${service}`)).join(', ');
  const codeWords = (verb: string, services: readonly string[]) =>
    code.length > 0
      ? `; its setters and readers ${verb} ${subpaths(services)} once the code packages have a subpath per service`
      : '';
  const list = (services: readonly string[]) => services.join(', ');
  if (left.length > 0 && joined.length > 0) {
    add(
      id,
      `${id} moves from service ${list(left)} to service ${list(joined)}: its row leaves the table of ${list(left)} and joins that of ${list(joined)}${code.length > 0 ? `; its setters and readers move from ${subpaths(left)} to ${subpaths(joined)} once the code packages have a subpath per service` : ''}`,
      { ...codeBumps(old, 'major'), ...texts('minor') },
      undefined,
      [...left, ...joined],
    );
  } else if (left.length > 0) {
    add(
      id,
      `${id} leaves service ${list(left)}: its row leaves the table of ${list(left)}${codeWords('leave', left)}`,
      { ...codeBumps(old, 'major'), ...texts('minor') },
      undefined,
      left,
    );
  } else if (joined.length > 0) {
    add(
      id,
      `${id} joins service ${list(joined)}: its row joins the table of ${list(joined)}${codeWords('join', joined)}`,
      { ...codeBumps(next, 'minor'), ...texts('minor') },
      undefined,
      joined,
    );
  }
  const reachedBefore = old.reaches ?? [];
  const reachedAfter = next.reaches ?? [];
  const gained = reachedAfter.filter((service) => !reachedBefore.includes(service));
  const lost = reachedBefore.filter((service) => !reachedAfter.includes(service));
  if (gained.length > 0)
    add(
      id,
      `${id} now reaches service ${list(gained)} (its Domain covers a host there, or the domain its hosts are under)`,
      texts('patch'),
      undefined,
      gained,
    );
  if (lost.length > 0)
    add(id, `${id} no longer reaches service ${list(lost)}`, texts('patch'), undefined, lost);
}

/**
 * The services themselves: declared or no longer, added, removed, renamed, moved to other hosts,
 * run by someone else, their policy published elsewhere.
 */
function diffServices(before: Catalog, after: Catalog, add: Add): void {
  const ids = (catalog: Catalog) => catalog.services.map((service) => service.id);
  if (!declaresServices(before) && declaresServices(after)) {
    add(
      'policy',
      `the catalog now has services: ${ids(after).join(', ')} (it was one site); each has its own table of the entries it uses`,
      texts('minor'),
      undefined,
      ids(after),
    );
    return;
  }
  if (declaresServices(before) && !declaresServices(after)) {
    add(
      'policy',
      `the catalog no longer has services (${ids(before).join(', ')}): it is one site again, with one table`,
      texts('major'),
      undefined,
      ids(before),
    );
    return;
  }
  if (!declaresServices(after)) return;
  for (const service of after.services) {
    const old = before.services.find((s) => s.id === service.id);
    const subject = `service:${service.id}`;
    if (!old) {
      add(subject, `service ${service.id} added`, texts('minor'), undefined, [service.id]);
      continue;
    }
    for (const locale of changedLocales(old.name, service.name, after))
      add(subject, `service ${service.id} name changed in ${locale}`, texts('patch'), undefined, [
        service.id,
      ]);
    const hosts = (s: typeof service) =>
      s.hosts
        ? `${s.hosts.join(', ')}${s.domain !== undefined ? ` (under ${s.domain})` : ''}`
        : `not stated${s.domain !== undefined ? `, under ${s.domain}` : ''}`;
    if (hosts(old) !== hosts(service))
      add(
        subject,
        `service ${service.id} hosts ${hosts(old)} → ${hosts(service)}`,
        texts('patch'),
        undefined,
        [service.id],
      );
    const operator = (s: typeof service) => (s.runBy.kind === 'us' ? 'us' : s.runBy.vendor);
    if (operator(old) !== operator(service))
      add(
        subject,
        `service ${service.id} is now run by ${operator(service)} (was ${operator(old)})`,
        texts('patch'),
        undefined,
        [service.id],
      );
    if (old.policyUrl !== service.policyUrl)
      add(
        subject,
        `service ${service.id} policy ${old.policyUrl ?? '(not stated)'} → ${service.policyUrl ?? '(not stated)'}`,
        texts('patch'),
        undefined,
        [service.id],
      );
  }
  for (const service of before.services) {
    if (after.services.some((s) => s.id === service.id)) continue;
    add(
      `service:${service.id}`,
      `service ${service.id} removed: its table and pages go`,
      texts('major'),
      undefined,
      [service.id],
    );
  }
}

function diffEntry(old: CatalogEntry, next: CatalogEntry, catalog: Catalog, add: Add): void {
  const id = old.id;
  if (old.name.pattern !== next.name.pattern) {
    add(id, `${id} renamed on the wire: ${old.name.pattern} → ${next.name.pattern}`, {
      ...codeBumps(old, 'major'),
      ...codeBumps(next, 'major'),
      ...texts('patch'),
    });
  }
  if (old.kind !== next.kind || old.party !== next.party) {
    add(
      id,
      `${id} is now a ${next.party}-party ${next.kind} (was a ${old.party}-party ${old.kind})`,
      {
        ...codeBumps(old, 'major'),
        ...codeBumps(next, 'minor'),
        ...texts('patch'),
      },
    );
    return; // everything else follows from the new kind
  }
  if (old.retired !== next.retired) {
    add(
      id,
      next.retired === undefined
        ? `${id} is set again (it was retired since ${old.retired})`
        : old.retired === undefined
          ? `${id} retired since ${next.retired}: what sets and reads it goes, its deleter stays, and the policy lists it until its lifetime has run out`
          : `${id} retired since ${next.retired} (was ${old.retired})`,
      {
        ...codeBumps(next, next.retired === undefined ? 'minor' : 'major'),
        ...texts('patch'),
      },
    );
  }
  const lifetimeBefore = lifetimeWords(old.lifetime);
  const lifetimeAfter = lifetimeWords(next.lifetime);
  if (lifetimeBefore !== lifetimeAfter) {
    add(id, `${id} lifetime ${lifetimeBefore} → ${lifetimeAfter}`, {
      ...codeBumps(next, 'patch'),
      ...texts('patch'),
    });
  }
  if (old.category !== next.category) {
    add(id, `${id} category ${old.category} → ${next.category}`, { ...texts('patch') });
  }
  if (old.provider.domain !== next.provider.domain || old.provider.name !== next.provider.name) {
    add(
      id,
      `${id} provider ${old.provider.name} (${old.provider.domain}) → ${next.provider.name} (${next.provider.domain})`,
      texts('patch'),
    );
  }
  if (isFirstPartyCookie(old) && isFirstPartyCookie(next)) {
    const a = old.attributes;
    const b = next.attributes;
    for (const key of ['secure', 'sameSite', 'path', 'domain', 'partitioned'] as const) {
      if (a[key] !== b[key])
        add(
          id,
          `${id} ${key} ${String(a[key] ?? 'host-only')} → ${String(b[key] ?? 'host-only')}`,
          { [SERVER]: 'patch', [CLIENT]: 'patch' },
        );
    }
    if (a.httpOnly !== b.httpOnly) {
      add(
        id,
        b.httpOnly
          ? `${id} is now HttpOnly: page scripts can no longer read it (its client reader disappears)`
          : `${id} is no longer HttpOnly: page scripts can read it (a client reader appears)`,
        { [SERVER]: 'patch', [CLIENT]: b.httpOnly ? 'major' : 'minor' },
      );
    }
    if (old.setBy !== next.setBy) {
      add(id, `${id} is now set by the ${next.setBy} (was the ${old.setBy})`, {
        [CLIENT]: old.setBy === 'client' ? 'major' : 'minor',
      });
    }
    const value = compareValues(old.value, next.value);
    if (value) add(id, `${id} value ${value.description}`, value.bumps, true);
  }
  if (!isFirstPartyCookie(old) && !isFirstPartyCookie(next)) {
    // A vendor's cookie on our domain: where it lives is what withdrawing consent must delete.
    for (const key of ['path', 'domain'] as const) {
      const was = old.location?.[key];
      const is = next.location?.[key];
      if (was !== is)
        add(
          id,
          `${id} ${key} ${was ?? (key === 'domain' ? 'host-only' : 'not stated')} → ${is ?? (key === 'domain' ? 'host-only' : 'not stated')} (where withdrawing consent deletes it)`,
          { [CONSENT]: 'patch', ...texts('patch') },
        );
    }
  }
  for (const field of ['purpose', 'stores', 'note'] as const) {
    for (const locale of changedLocales(old[field], next[field], catalog)) {
      add(id, `${id} ${field} changed in ${locale}`, texts('patch'));
    }
  }
}

function diffPolicy(before: Catalog, after: Catalog, add: Add): void {
  for (const key of GENERATED_PACKAGES) {
    if (before.packages[key] !== after.packages[key])
      add(
        'policy',
        `the ${key} package is now published as ${after.packages[key]} (was ${before.packages[key]}): its users change the name they install`,
        {},
      );
  }
  if (before.version !== after.version)
    add('policy', `policy version ${before.version} → ${after.version}`, texts('patch'));
  if (before.lastUpdated !== after.lastUpdated)
    add('policy', `last updated ${before.lastUpdated} → ${after.lastUpdated}`, texts('patch'));
  for (const locale of after.locales.filter((l) => !before.locales.includes(l)))
    add('policy', `locale ${locale} added`, texts('minor'));
  for (const locale of before.locales.filter((l) => !after.locales.includes(l)))
    add('policy', `locale ${locale} removed`, texts('major'));
  const sectionsBefore = new Map(before.sections.map((s) => [s.id, s]));
  for (const section of after.sections) {
    const old = sectionsBefore.get(section.id);
    if (!old) add('policy', `section ${section.id} added`, texts('patch'));
    else
      for (const locale of changedLocales(old.markdown, section.markdown, after))
        add('policy', `section ${section.id} changed in ${locale}`, texts('patch'));
  }
  for (const section of before.sections) {
    if (!after.sections.some((s) => s.id === section.id))
      add('policy', `section ${section.id} removed`, texts('patch'));
  }
  for (const category of after.categories) {
    const old = before.categories.find((c) => c.id === category.id);
    if (!old) continue;
    if (old.consentRequired !== category.consentRequired) {
      add(
        'policy',
        `category ${category.id} ${category.consentRequired ? 'now needs consent' : 'no longer needs consent'}`,
        texts('patch'),
      );
    }
    for (const locale of changedLocales(old.label, category.label, after))
      add('policy', `category ${category.id} label changed in ${locale}`, texts('patch'));
    for (const locale of changedLocales(old.description, category.description, after)) {
      add('policy', `category ${category.id} description changed in ${locale}`, texts('patch'));
    }
  }
  for (const [key, text] of Object.entries(after.labels)) {
    for (const locale of changedLocales(
      before.labels[key as keyof typeof before.labels],
      text,
      after,
    )) {
      add('policy', `label ${key} changed in ${locale}`, texts('patch'));
    }
  }
  if (before.dpo.email !== after.dpo.email)
    add('policy', `DPO contact ${before.dpo.email} → ${after.dpo.email}`, texts('patch'));
  for (const locale of after.locales) {
    const was = before.controller.names[locale];
    const is = after.controller.names[locale];
    if (was !== undefined && was !== is)
      add('policy', `controller ${was} → ${is} (${locale})`, texts('patch'));
  }
}

/** The code packages an entry has API in, at the given bump. */
function codeBumps(entry: CatalogEntry, bump: Bump): Partial<Record<PackageName, Bump>> {
  if (!isFirstPartyCookie(entry)) return {};
  return entry.attributes.httpOnly ? { [SERVER]: bump } : { [SERVER]: bump, [CLIENT]: bump };
}

function compareValues(
  a: ValueType,
  b: ValueType,
): { description: string; bumps: Partial<Record<PackageName, Bump>> } | undefined {
  const code = (bump: Bump) => ({ [SERVER]: bump, [CLIENT]: bump });
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (a.type !== b.type) return { description: `type ${a.type} → ${b.type}`, bumps: code('major') };
  if (a.type === 'enum' && b.type === 'enum') {
    const removed = a.values.filter((v) => !b.values.includes(v));
    const added = b.values.filter((v) => !a.values.includes(v));
    const parts = [
      added.length ? `gains ${added.join(', ')}` : '',
      removed.length ? `loses ${removed.join(', ')}` : '',
    ].filter(Boolean);
    return {
      description: `${parts.join(' and ')} (now ${b.values.join(', ')})`,
      bumps: code(removed.length ? 'major' : 'minor'),
    };
  }
  if (a.type === 'string' && b.type === 'string') {
    const changes = [
      a.pattern !== b.pattern ? `pattern ${a.pattern ?? 'none'} → ${b.pattern ?? 'none'}` : '',
      a.maxLength !== b.maxLength
        ? `maxLength ${a.maxLength ?? 'none'} → ${b.maxLength ?? 'none'}`
        : '',
    ].filter(Boolean);
    if (a.encoding !== b.encoding) {
      changes.push(`encoding ${a.encoding} → ${b.encoding}`);
      return {
        description: `is written differently: ${changes.join(', ')} (cookies already set no longer read back)`,
        bumps: code('major'),
      };
    }
    if (changes.length === 0) return undefined; // only the example changed: no generated code uses it
    const relation = compareStringRules(a, b);
    const words = {
      same: 'accepts the same values as before',
      wider: 'accepts more values',
      narrower: 'accepts fewer values',
      different: 'accepts different values',
    }[relation];
    const bump = relation === 'same' ? 'patch' : relation === 'wider' ? 'minor' : 'major';
    const plain = describeStringRuleChange(a, b);
    return {
      description: plain.length
        ? `${words}: ${plain.join('; ')} (${changes.join(', ')})`
        : `${words}: ${changes.join(', ')}`,
      bumps: code(bump),
    };
  }
  if (a.type === 'json' && b.type === 'json') return compareJsonShapes(a, b);
  if (a.type === 'integer' && b.type === 'integer') {
    const narrower =
      (b.min ?? -Infinity) > (a.min ?? -Infinity) || (b.max ?? Infinity) < (a.max ?? Infinity);
    return {
      description: `range ${a.min ?? '-∞'}…${a.max ?? '∞'} → ${b.min ?? '-∞'}…${b.max ?? '∞'}`,
      bumps: code(narrower ? 'major' : 'minor'),
    };
  }
  return { description: 'shape changed', bumps: code('major') };
}

type JsonValue = Extract<ValueType, { type: 'json' }>;

/**
 * Fields gained, lost or retyped. A setter then needs a different object and a reader returns
 * one, so any of these is major; an enum field that only gains members is minor, as for a
 * top-level enum. A new encoding is major: cookies already set no longer read back.
 */
function compareJsonShapes(
  a: JsonValue,
  b: JsonValue,
): { description: string; bumps: Partial<Record<PackageName, Bump>> } | undefined {
  const before = new Map(a.fields.map((field) => [field.name, field.type]));
  const after = new Map(b.fields.map((field) => [field.name, field.type]));
  const changes: { words: string; bump: Bump }[] = [];
  for (const [name, type] of after) {
    const old = before.get(name);
    if (!old) changes.push({ words: `gains field ${name} (${fieldWords(type)})`, bump: 'major' });
    else if (old.type === 'enum' && type.type === 'enum') {
      const gained = type.values.filter((v) => !old.values.includes(v));
      const lost = old.values.filter((v) => !type.values.includes(v));
      if (gained.length || lost.length) {
        const parts = [
          gained.length ? `gains ${gained.join(', ')}` : '',
          lost.length ? `loses ${lost.join(', ')}` : '',
        ].filter(Boolean);
        changes.push({
          words: `field ${name} ${parts.join(' and ')} (now ${type.values.join(', ')})`,
          bump: lost.length ? 'major' : 'minor',
        });
      }
    } else if (old.type !== type.type) {
      changes.push({
        words: `field ${name} ${fieldWords(old)} → ${fieldWords(type)}`,
        bump: 'major',
      });
    }
  }
  for (const name of before.keys()) {
    if (!after.has(name)) changes.push({ words: `loses field ${name}`, bump: 'major' });
  }
  if (a.encoding !== b.encoding) {
    changes.push({
      words: `encoding ${a.encoding} → ${b.encoding} (cookies already set no longer read back)`,
      bump: 'major',
    });
  }
  if (changes.length === 0) {
    // The same fields (or enum members) in another order: the JSON written changes, what is
    // read does not.
    return {
      description: 'fields or their members in another order',
      bumps: { [SERVER]: 'patch', [CLIENT]: 'patch' },
    };
  }
  const bump = changes.reduce<Bump>((highest, change) => higher(highest, change.bump), 'patch');
  return {
    description: changes.map((change) => change.words).join(', '),
    bumps: { [SERVER]: bump, [CLIENT]: bump },
  };
}

function fieldWords(type: JsonFieldType): string {
  return type.type === 'enum' ? `one of ${type.values.join(', ')}` : type.type;
}

function changedLocales(
  a: LocalizedText | undefined,
  b: LocalizedText | undefined,
  catalog: Catalog,
): string[] {
  return catalog.locales.filter((locale) => (a?.[locale] ?? '') !== (b?.[locale] ?? ''));
}

function lifetimeWords(lifetime: Lifetime): string {
  switch (lifetime.kind) {
    case 'duration':
      return new Intl.NumberFormat('en', {
        style: 'unit',
        unit: lifetime.unit,
        unitDisplay: 'long',
      }).format(lifetime.amount);
    case 'provider-stated': {
      const { stated, inactivity } = lifetime;
      const words =
        stated.kind === 'forever' || stated.kind === 'session'
          ? stated.kind
          : stated.kind === 'range'
            ? `${lifetimeWords({ kind: 'duration', ...stated.from })} to ${lifetimeWords({ kind: 'duration', ...stated.to })}`
            : lifetimeWords(stated);
      const idle = inactivity
        ? `, or ${lifetimeWords({ kind: 'duration', ...inactivity })} without activity`
        : '';
      return `${words}${idle} (as stated by the provider)`;
    }
    default:
      return lifetime.kind;
  }
}

function higher(a: Bump | undefined, b: Bump): Bump {
  const order: Bump[] = ['patch', 'minor', 'major'];
  return a === undefined || order.indexOf(b) > order.indexOf(a) ? b : a;
}
