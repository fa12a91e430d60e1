import { builtInLabel } from '../built-in-labels.js';
import { TOKEN_PATTERN } from '../cookie-grammar.js';
import { effectiveAttributes, isOwnCookie } from '../defaults.js';
import { approximationPrefix, languagesOf } from '../duration-words.js';
import { generatedNamesOf } from '../generated-names.js';
import { languageName } from '../language-name.js';
import { parseDuration } from '../lifetime.js';
import type { LabelKey } from '../model.js';
import { type NamePart, parseNamePattern } from '../name-pattern.js';
import { deriveParameterExample } from '../parameter-example.js';
import { catastrophicBacktracking } from '../pattern-safety.js';
import { parseRecordRetention } from '../record-retention.js';
import type { EntryInput, PolicyInput } from '../schema.js';
import type { CheckedEntry, FileReport } from './check-context.js';
import { missingLabels } from './policy-rules.js';
import { checkServiceConsent, checkServiceReach } from './service-rules.js';

/** Rules about entries together: ids, generated names, and what a browser stores as one. */
export function checkAcrossEntries(
  entries: readonly CheckedEntry[],
  policy: PolicyInput | undefined,
  policyReport: FileReport | undefined,
): void {
  const ids = new Map<string, string>();
  const names = new Map<string, { id: string; relative: string }>();
  const usedCategories = new Set<string>();
  const stores = new Map<string, StoredName[]>();
  for (const { input, report, relative } of entries) {
    if (!input) continue;
    usedCategories.add(input.category);
    const firstId = ids.get(input.id);
    if (firstId) {
      report.add(
        'catalog/duplicate-id',
        ['id'],
        `the id "${input.id}" is already used by ${firstId}`,
        'give each entry its own id',
      );
      continue;
    }
    ids.set(input.id, relative);
    const parsed = parseNamePattern(input.name);
    if (!parsed.ok) continue;
    if (isOwnCookie(input)) checkGeneratedNames(input, parsed.parts, report, relative, names);
    const store = storeOf(input);
    if (store) {
      const group = stores.get(store.key) ?? [];
      group.push({ input, parts: parsed.parts, report, relative, where: store.where });
      stores.set(store.key, group);
    }
  }
  for (const group of stores.values()) checkOneStore(group);
  checkSharedNames(entries);
  if (policy && policyReport) checkConsentCookie(entries, policy, policyReport, usedCategories);
  if (policy && policyReport) checkUsedLabels(entries, policy, policyReport);
  if (policy) checkVendorLocations(entries, policy);
  if (policy) checkServiceReach(entries, policy);
  if (policy) checkServiceConsent(entries, policy);
  if (policy && policyReport) {
    policy.categories.forEach((category, index) => {
      if (!usedCategories.has(category.id) && entries.every((e) => e.input)) {
        policyReport.add(
          'catalog/unused-category',
          ['categories', index, 'id'],
          `no entry is in the category "${category.id}"`,
          'remove the category, or move entries into it',
        );
      }
    });
  }
}

/**
 * Withdrawing consent deletes a vendor's cookie on our domain only with the Path (and Domain) it
 * lives at: a cookie of a category that needs consent without them could never be deleted.
 */
function checkVendorLocations(entries: readonly CheckedEntry[], policy: PolicyInput): void {
  const optional = new Set(policy.categories.filter((c) => c.consentRequired).map((c) => c.id));
  for (const { input, report } of entries) {
    if (
      !input ||
      !(
        input.setBy === 'vendor' ||
        (input.setBy === undefined && input.provider.party === 'first')
      ) ||
      input.kind !== 'cookie' ||
      input.group ||
      !optional.has(input.category) ||
      input.attributes?.path !== undefined ||
      input.acknowledge?.['consent/vendor-location'] !== undefined
    )
      continue;
    report.add(
      'consent/vendor-location',
      ['setBy'],
      `withdrawing consent cannot delete "${input.name}": the catalog does not say where on our domain ${input.provider.name ?? 'the software that sets it'} keeps it, and a browser deletes a cookie only with its path and domain`,
      `add attributes: { path: /, domain: … } as ${input.provider.name ?? 'the vendor'}'s documentation or the browser's developer tools (Application → Cookies) show them; until then withdrawal names it as not deleted`,
    );
  }
}

/** Words the table needs only for some entries, in a locale the tool has none for. */
function checkUsedLabels(
  entries: readonly CheckedEntry[],
  policy: PolicyInput,
  policyReport: FileReport,
): void {
  const used = new Set<LabelKey>();
  if (entries.some((e) => e.input && e.input.provider.domain === undefined))
    used.add('domainNotStated');
  const languages = languagesOf(policy.locales);
  const approximate = (text: unknown) =>
    typeof text === 'string' && approximationPrefix(text.trim(), languages) !== undefined;
  if (
    entries.some((e) => {
      const lifetime = e.input?.lifetime;
      if (typeof lifetime !== 'object') return approximate(lifetime);
      const stated = lifetime.statedByProvider;
      return typeof stated === 'object' ? approximate(stated.from) : approximate(stated);
    })
  )
    used.add('approximately');
  if (entries.some((e) => e.input?.recipients)) used.add('recipients');
  if (entries.some((e) => e.input && e.input.name === undefined)) used.add('cookieGroup');
  for (const locale of policy.locales) {
    const missing = missingLabels(policy, locale, used);
    if (missing.length === 0) continue;
    reportMissingLabels(policyReport, locale, missing);
  }
}

function reportMissingLabels(
  policyReport: FileReport,
  locale: string,
  missing: readonly LabelKey[],
): void {
  policyReport.add(
    'i18n/missing-translation',
    ['labels'],
    `the tool has no built-in ${languageName(locale)} (${locale}) words for ${missing.join(', ')}, which the table shows for what some entries state`,
    `add them under labels, e.g. ${missing[0]}: { ${locale}: "${builtInLabel(missing[0] ?? 'domainNotStated', 'en')}" } in ${languageName(locale)}`,
    { key: true },
  );
}

/**
 * Two of our own cookies with one name in different places (paths, domains, partitions) are two
 * cookies to a browser, but one to the cookie stores of Next.js, which are keyed by name alone:
 * setting either through `cookies()` or `NextResponse.cookies` replaces the other. Advice, so a
 * team that never sets them through Next.js can decline it with a reason.
 */
function checkSharedNames(entries: readonly CheckedEntry[]): void {
  const first = new Map<string, { relative: string; store: string | undefined }>();
  for (const { input, report, relative } of entries) {
    if (!input || !isOwnCookie(input)) continue;
    const store = storeOf(input)?.key;
    const earlier = first.get(input.name);
    if (!earlier) {
      first.set(input.name, { relative, store });
      continue;
    }
    // The same store is already an error (catalog/duplicate-cookie).
    if (earlier.store === store || input.acknowledge?.['advice/shared-name'] !== undefined)
      continue;
    report.add(
      'advice/shared-name',
      ['name'],
      `${earlier.relative} also declares a cookie named "${input.name}"; Next.js's cookie stores (cookies(), NextResponse.cookies) keep one cookie per name, so setting one of them there replaces the other`,
      'give one of them another name, or decline advice/shared-name under acknowledge: with the reason (e.g. the app never sets them through Next.js)',
    );
  }
}

function checkGeneratedNames(
  input: EntryInput,
  parts: readonly NamePart[],
  report: FileReport,
  relative: string,
  taken: Map<string, { id: string; relative: string }>,
): void {
  const parameters = parts.flatMap((p) => (p.type === 'parameter' ? [p.name] : []));
  const own = generatedNamesOf(input.id, parameters);
  const shared = own.filter((name) => taken.has(name));
  const other = shared[0] === undefined ? undefined : taken.get(shared[0]);
  if (other) {
    const listed = shared.slice(0, 4).join(', ') + (shared.length > 4 ? ', …' : '');
    report.add(
      'catalog/duplicate-function-name',
      ['id'],
      `the id "${input.id}" gives generated names that "${other.id}" in ${other.relative} gives too (${listed}); the generated packages would not compile`,
      'choose an id that differs in more than "_", "-" or the case of its first letter, and does not end in "_from"',
    );
    return;
  }
  for (const name of own) taken.set(name, { id: input.id, relative });
}

interface StoredName {
  readonly input: EntryInput;
  readonly parts: readonly NamePart[];
  readonly report: FileReport;
  readonly relative: string;
  readonly where: string;
}

/**
 * Where a browser keeps an entry, apart from its name: two entries with the same store and name
 * are one thing to the browser. For cookies that is domain, path and partition (RFC 6265bis
 * §5.7 step 22; CHIPS keys partitioned cookies apart); for storage, the kind and the origin.
 */
function storeOf(input: EntryInput): { key: string; where: string } | undefined {
  // A group stands for the cookies of its domain that no other entry names: never a clash.
  if (input.kind === 'pixel' || input.group) return undefined;
  // Where the page gives no domain, two entries of the same name may be two things or one: a
  // store of its own per entry never claims they clash.
  const unstated = `(domain not stated: ${input.id})`;
  if (input.kind !== 'cookie') {
    const origin = input.provider.domain ?? unstated;
    return { key: `${input.kind}\n${origin}`, where: `in ${input.kind} of ${origin}` };
  }
  const domain = input.attributes?.domain ?? input.provider.domain ?? unstated;
  const path = input.attributes?.path ?? '/';
  const partitioned = input.attributes?.partitioned ?? false;
  return {
    key: `cookie\n${domain}\n${path}\n${partitioned}`,
    where: `for ${domain} on the path ${path}${partitioned ? ' (partitioned)' : ''}`,
  };
}

function checkOneStore(group: readonly StoredName[]): void {
  for (let later = 1; later < group.length; later++) {
    const entry = group[later];
    if (!entry) continue;
    for (let earlier = 0; earlier < later; earlier++) {
      const other = group[earlier];
      if (!other) continue;
      const literal = (e: StoredName) => e.parts.every((p) => p.type === 'literal');
      if (literal(entry) && literal(other)) {
        if (entry.input.name !== other.input.name) continue;
        entry.report.add(
          'catalog/duplicate-cookie',
          ['name'],
          `${other.relative} already declares "${entry.input.name}" ${entry.where}; a browser stores the two as one, so they would overwrite each other`,
          'merge the entries, or give this one another name or path',
        );
        break;
      }
      const overlap = sharedName(entry, other) ?? sharedName(other, entry);
      if (overlap === undefined) continue;
      entry.report.add(
        'catalog/duplicate-cookie',
        ['name'],
        `"${entry.input.name}" and "${other.input.name}" in ${other.relative} can both be "${overlap}" ${entry.where}; each one's reader would return the other's value`,
        'give the pattern fixed text that the other name does not have, or narrow its parameters with a pattern',
      );
      break;
    }
  }
}

/**
 * A name that `pattern` can produce and `other` has: `other` itself when it is a literal, or
 * the name `other` builds from its parameters' examples. (Whether two patterns can ever produce
 * the same name is not decided in general; the examples catch the usual case, `sub-{id}` beside
 * `sub-{n}`.)
 */
function sharedName(pattern: StoredName, other: StoredName): string | undefined {
  if (pattern.parts.every((p) => p.type === 'literal')) return undefined;
  const candidate = other.parts
    .map((part) =>
      part.type === 'literal'
        ? part.text
        : String(parameterExample(other.input.nameParameters?.[part.name] ?? {})),
    )
    .join('');
  return canProduce(pattern, candidate) ? candidate : undefined;
}

/** The parameter's example as written, or the one derived from its declaration. */
function parameterExample(
  spec: NonNullable<EntryInput['nameParameters']>[string],
): string | number | undefined {
  return spec.example ?? deriveParameterExample(spec);
}

/** Whether the name pattern can produce exactly `name`, given its parameters' rules. */
function canProduce(pattern: StoredName, name: string): boolean {
  const { parts } = pattern;
  const fits = (parameter: string, text: string): boolean => {
    const spec = pattern.input.nameParameters?.[parameter] ?? {};
    if (text === '') return false;
    if (spec.type === 'integer')
      return /^(0|[1-9][0-9]*)$/.test(text) && Number.isSafeInteger(Number(text));
    if (!TOKEN_PATTERN.test(text)) return false;
    if (spec.maxLength !== undefined && text.length > spec.maxLength) return false;
    if (spec.pattern === undefined || catastrophicBacktracking(spec.pattern)) return true;
    try {
      return new RegExp(spec.pattern, 'u').test(text);
    } catch {
      return true;
    }
  };
  // Parameters never follow each other (name-pattern.ts), so each one ends where the next
  // literal starts: try every such place.
  const memo = new Map<number, boolean>();
  const match = (index: number, at: number): boolean => {
    const key = index * (name.length + 1) + at;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const result = matchFrom(index, at);
    memo.set(key, result);
    return result;
  };
  const matchFrom = (index: number, at: number): boolean => {
    const part = parts[index];
    if (!part) return at === name.length;
    if (part.type === 'literal')
      return name.startsWith(part.text, at) && match(index + 1, at + part.text.length);
    const next = parts[index + 1];
    if (next?.type !== 'literal') return fits(part.name, name.slice(at));
    for (
      let end = name.indexOf(next.text, at + 1);
      end >= 0;
      end = name.indexOf(next.text, end + 1)
    ) {
      if (fits(part.name, name.slice(at, end)) && match(index + 1, end)) return true;
    }
    return false;
  };
  return match(0, 0);
}

/** Names a consent-required category cannot have: they are the consent cookie's own fields. */
const CONSENT_FIELDS = new Set(['version', 'given', 'id']);

/** policy.yaml `consent`: the cookie it names can record the answer, and is there when needed. */
function checkConsentCookie(
  entries: readonly CheckedEntry[],
  policy: PolicyInput,
  policyReport: FileReport,
  usedCategories: ReadonlySet<string>,
): void {
  const optional = policy.categories.filter((c) => c.consentRequired);
  if (!policy.consent) {
    const asked = optional.findIndex((c) => usedCategories.has(c.id));
    if (asked !== -1) {
      policyReport.add(
        'consent/missing',
        ['categories', policy.categories.indexOf(optional[asked] as never), 'consentRequired'],
        `category "${optional[asked]?.id}" needs consent, but policy.yaml names no cookie that records the answer`,
        'add consent: { cookie: <entry id>, version: 1, preferencesUrl: /cookies } to policy.yaml (@cookie-catalog/consent asks, records and withdraws from it)',
      );
    }
    return;
  }
  policy.categories.forEach((category, index) => {
    if (
      category.consentRequired &&
      (CONSENT_FIELDS.has(category.id) || (policy.services && category.id === 'answered'))
    ) {
      policyReport.add(
        'consent/cookie',
        ['categories', index, 'id'],
        `a category that needs consent cannot be called "${category.id}": the consent cookie uses that field itself`,
        'choose another id',
      );
    }
  });
  const id = policy.consent.cookie;
  const found = entries.find((e) => e.input?.id === id);
  if (!found?.input) {
    if (entries.every((e) => e.input))
      policyReport.add(
        'consent/cookie',
        ['consent', 'cookie'],
        `no entry has the id "${id}"`,
        'name the entry (its id) whose cookie records the answer',
      );
    return;
  }
  const { input, report } = found;
  const where = `the consent cookie (consent.cookie in policy.yaml)`;
  if (!isOwnCookie(input)) {
    report.add(
      'consent/cookie',
      ['setBy'],
      `${where} must be a first-party cookie our server or page script sets`,
      'set kind: cookie, provider.party: first and setBy: server (the form posts the answer), or name another entry',
    );
    return;
  }
  if (input.retired !== undefined) {
    report.add(
      'consent/cookie',
      ['retired'],
      `${where} is retired, so nothing could record the answer: a retired cookie has no setter`,
      'name another entry as consent.cookie in policy.yaml before retiring this one',
      { key: true },
    );
  }
  const name = parseNamePattern(input.name);
  if (name.ok && name.parts.some((part) => part.type === 'parameter')) {
    // The consent package sets and reads the answer by the cookie's name alone: a pattern's
    // setter would want its parameters, which the consent form does not have.
    report.add(
      'consent/cookie',
      ['name'],
      `${where} has a name pattern ("${input.name}"), but the answer is kept in one cookie with a fixed name`,
      'give it a fixed name, e.g. cookie_consent, or name another entry',
    );
  }
  if (optional.some((c) => c.id === input.category)) {
    report.add(
      'consent/cookie',
      ['category'],
      `${where} is in category "${input.category}", which needs consent: the answer could not be kept without it`,
      'put it in a category without consent, e.g. necessary',
    );
  }
  const shared = policy.consent.sharedAcross;
  const own = input.attributes?.domain;
  if (shared !== undefined && own !== undefined) {
    // The consent package sets Domain=<sharedAcross> where the answer is shared, and no Domain on
    // a service outside it (a browser refuses a Domain the host is not under): the entry's own
    // Domain would contradict one or the other.
    report.add(
      'consent/shared-across',
      ['attributes', 'domain'],
      `${where} has attributes.domain ${own}, but consent.sharedAcross (${shared}) decides its Domain: that domain on the services under it, none elsewhere`,
      'remove domain: from attributes in this file',
      { key: true },
    );
  }
  if (effectiveAttributes(input).httpOnly) {
    report.add(
      'consent/cookie',
      input.attributes?.httpOnly === undefined ? ['setBy'] : ['attributes', 'httpOnly'],
      `${where} is HttpOnly, so page scripts cannot read the answer to hold back the scripts that need it`,
      'set attributes: { httpOnly: false }',
    );
  }
  if (input.value) {
    report.add(
      'consent/cookie',
      ['value'],
      `${where} gets its value from the categories (the consent version, when, and one yes or no per category that needs consent)`,
      'remove value: from this file',
      { key: true },
    );
  }
  checkRecordsOutliveCookie(policy, policyReport, input);
}

/**
 * A record of consent proves an answer the person can rely on for as long as the consent cookie
 * keeps it: deleting the record sooner leaves an answer in force that nothing proves (GDPR
 * art. 7(1)).
 */
function checkRecordsOutliveCookie(
  policy: PolicyInput,
  policyReport: FileReport,
  cookie: EntryInput,
): void {
  const text = policy.consent?.keepRecords;
  if (text === undefined || typeof cookie.lifetime !== 'string') return;
  const kept = parseRecordRetention(text, policy.locales);
  const lifetime = parseDuration(cookie.lifetime, { locales: policy.locales });
  if (!kept.ok || !lifetime.ok || kept.duration.seconds >= lifetime.duration.seconds) return;
  policyReport.add(
    'consent/keep-records',
    ['consent', 'keepRecords'],
    `consent.keepRecords "${text}" is shorter than the lifetime of the consent cookie ${cookie.id} ("${cookie.lifetime.trim()}"): records would be deleted while people can still rely on the answers they prove`,
    `keep records at least "${cookie.lifetime.trim()}", or leave keepRecords out for the cookie's lifetime plus three years`,
  );
}
