import {
  type Catalog,
  type CatalogEntry,
  type Category,
  declaredServices,
} from '@cookie-catalog/catalog';
import type { BannerTemplates, ShownKind } from '@cookie-catalog/runtime/consent';
import { fillPlaceholders } from '../fill-placeholders.js';
import { emitSourceFile } from '../typescript/emit-source-file.js';
import { dataLiteral, propertyName, stringLiteral } from '../typescript/literals.js';

/*
 * The consent package of a catalog that declares services (policy.yaml `services`): each service
 * asks only about the categories it uses, an answer keeps what it did not ask about (merged per
 * category), and with `consent.sharedAcross` the answer is one cookie of the parent domain on the
 * services under it. A catalog without services gets none of this: its package is as before.
 */

/** Whether the consent package is generated per service. */
export function consentPerService(catalog: Catalog): boolean {
  return declaredServices(catalog).length > 0;
}

/** Per declared service, the categories that need consent of the entries it uses, in order. */
export function serviceCategories(
  catalog: Catalog,
  optional: readonly Category[],
): Record<string, string[]> {
  return Object.fromEntries(
    declaredServices(catalog).map((service) => [
      service.id,
      optional
        .filter((category) =>
          catalog.entries.some(
            (e) =>
              e.category === category.id &&
              e.retired === undefined &&
              e.services.includes(service.id),
          ),
        )
        .map((category) => category.id),
    ]),
  );
}

/** consent.ts, per service: the services, what each asks, whether they share, and `answered`. */
export function serviceCoreStatements(catalog: Catalog, optional: readonly Category[]): string[] {
  const settings = catalog.consent;
  if (!settings) throw new Error('validated: a consent cookie');
  const services = declaredServices(catalog).map((s) => s.id);
  const choices = optional.map((c) => `${propertyName(c.id)}: boolean`).join('; readonly ');
  const fields = optional.map((c) => `  readonly ${propertyName(c.id)}: boolean;`).join('\n');
  const pick = optional
    .map((c) => `${propertyName(c.id)}: value[${stringLiteral(c.id)}]`)
    .join(', ');
  const write = optional
    .map((c) => `, ${propertyName(c.id)}: categories[${stringLiteral(c.id)}]`)
    .join('');
  return [
    `/** The services policy.yaml declares, by id. */`,
    `export type ConsentService = ${services.map(stringLiteral).join(' | ')};`,
    `export const CONSENT_SERVICES: readonly ConsentService[] = ${dataLiteral(services)};`,
    `/** Per service, the categories that need consent among the entries it uses: all its banner and preferences form ask about. */`,
    `export const SERVICE_CATEGORIES: Readonly<Record<ConsentService, readonly ConsentCategory[]>> = ${dataLiteral(serviceCategories(catalog, optional))};`,
    `/** consent.sharedAcross: the parent domain whose services share one answer (the consent cookie is set with that Domain there); undefined when each host keeps its own. */`,
    `export const SHARED_DOMAIN: string | undefined = ${settings.sharedAcross === undefined ? 'undefined' : stringLiteral(settings.sharedAcross)};`,
    `/** The services under SHARED_DOMAIN: an answer on one holds on all of them. */`,
    `export const SHARED_SERVICES: readonly ConsentService[] = ${dataLiteral(settings.sharedBy.filter((id) => services.includes(id)))};`,
    `export type ConsentChoices = ${optional.length === 0 ? 'Readonly<Record<string, never>>' : `{ readonly ${choices} }`};`,
    `export interface Consent {\n  readonly version: number;\n  /** When the answer was last given. */\n  readonly given: Date;\n  /** The consent id: 128 random bits (32 hex digits) that every record of this browser's answers carries, so the person can quote it. */\n  readonly id: string;\n  /** Yes or no per category; a category not answered yet is no. */\n  readonly categories: ConsentChoices;\n  /** The categories answered so far, on any service that shares the answer: a service asks about the others it uses. */\n  readonly answered: readonly ConsentCategory[];\n}`,
    `/** The consent cookie's value: what ${settings.cookie} holds on the wire. */`,
    `export interface ConsentValue {\n  readonly version: number;\n  /** Seconds since 1970 when the answer was last given. */\n  readonly given: number;\n  /** The consent id (32 hex digits). */\n  readonly id: string;\n  /** The ids of the categories answered so far, comma-separated. */\n  readonly answered: string;\n${fields}\n}`,
    `/** A stored answer that still holds: this consent version, not older than the cookie's lifetime, not from the future. */\nexport function consentFromValue(value: ConsentValue | undefined, now: number): Consent | undefined {\n  if (value === undefined || value.version !== CONSENT_VERSION || !/^[\\da-f]{32}$/.test(value.id)) return undefined;\n  const given = value.given * 1000;\n  if (!(given <= now + 300_000 && now - given < CONSENT_MAX_AGE_SECONDS * 1000)) return undefined;\n  const answered = value.answered.split(',');\n  return { version: value.version, given: new Date(given), id: value.id, categories: { ${pick} }, answered: CONSENT_CATEGORIES.filter((c) => answered.includes(c)) };\n}`,
    `export function consentValue(categories: ConsentChoices, now: number, id: string, answered: readonly ConsentCategory[] = CONSENT_CATEGORIES): ConsentValue {\n  return { version: CONSENT_VERSION, given: Math.floor(now / 1000), id, answered: answered.join(',')${write} };\n}`,
    `/** The categories a service still has to ask about: those it uses that the answer in force leaves unanswered (all it uses when there is none). */\nexport function unansweredCategories(consent: Consent | undefined, service: ConsentService): readonly ConsentCategory[] {\n  return SERVICE_CATEGORIES[service].filter((c) => !consent?.answered.includes(c));\n}`,
    `/** Whether a page of the service asks the consent question: some category it uses has no answer yet. */\nexport function needsAnswer(consent: Consent | undefined, service: ConsentService): boolean {\n  return unansweredCategories(consent, service).length > 0;\n}`,
  ];
}

/**
 * server.ts, per service: the newest stored answer (a host may carry its old host-only cookie and
 * the shared one during the move), and applyConsentForm asking and merging per service.
 */
export function serviceServerStatements(cookieName: string): string[] {
  const name = stringLiteral(cookieName);
  return [
    `/** An answer stored before the catalog declared services, without \`answered\`: that package asked about every category at once, so all of them were answered (the consent version says they are still the same). */\nfunction valueFromBefore(raw: string | undefined): ConsentValue | undefined {\n  if (raw === undefined) return undefined;\n  try {\n    const value: Partial<Record<string, unknown>> = JSON.parse(decodeURIComponent(raw));\n    if (!value || typeof value !== 'object' || value.answered !== undefined || !Number.isSafeInteger(value.version) || !Number.isSafeInteger(value.given) || typeof value.id !== 'string' || !CONSENT_CATEGORIES.every((c) => typeof value[c] === 'boolean')) return undefined;\n    return { ...(value as unknown as Omit<ConsentValue, 'answered'>), answered: CONSENT_CATEGORIES.join(',') };\n  } catch {\n    return undefined;\n  }\n}`,
    `/** Every stored answer the Cookie header carries, newest first: after consent.sharedAcross a host can carry its old host-only cookie beside the shared one until it answers again. */\nfunction storedValues(cookies: CookieSource): ConsentValue[] {\n  if (typeof cookies !== 'string') { const one = readConsentCookie(cookies) ?? valueFromBefore(cookieValue(cookies, ${name}, true)); return one === undefined ? [] : [one]; }\n  const values: ConsentValue[] = [];\n  for (const pair of cookies.split(';')) {\n    const at = pair.indexOf('=');\n    if (at < 0 || pair.slice(0, at).trim() !== ${name}) continue;\n    const value = readConsentCookie(pair.trim()) ?? valueFromBefore(pair.slice(at + 1).trim());\n    if (value !== undefined) values.push(value);\n  }\n  return values.sort((a, b) => b.given - a.given);\n}`,
    `/** The answer in a request's Cookie header (or a Next.js cookie store such as \`await cookies()\`): the newest that still holds; undefined when never asked, asked under an older consent version, or too long ago. */\nexport function readConsent(cookies: CookieSource, now: number = Date.now()): Consent | undefined {\n  for (const value of storedValues(cookies)) { const consent = consentFromValue(value, now); if (consent) return consent; }\n  return undefined;\n}`,
    `/** Whether an answer on the service is kept in the parent domain's cookie: the service shares it, and the request's host (when given) is under SHARED_DOMAIN. On another host (local development, a preview) a browser refuses that Domain, so the answer stays on the host. */\nfunction sharesAnswer(service: ConsentService, host: string | undefined): boolean {\n  if (SHARED_DOMAIN === undefined || !SHARED_SERVICES.includes(service)) return false;\n  if (host === undefined) return true;\n  // The Host header's name, without its port ([::1]:3000 keeps its brackets). A final dot stays:\n  // browsers key cookies by the name as sent, and refuse the parent's Domain on \`app.example.com.\`.\n  const name = host.trim().toLowerCase().replace(/:\\d*$/, '');\n  return name === SHARED_DOMAIN || name.endsWith(\`.\${SHARED_DOMAIN}\`);\n}`,
    `export function hasConsent(consent: Consent | undefined, category: ConsentCategory): boolean {\n  return consent?.categories[category] === true;\n}`,
    `/** The answered categories of a consent, as a record keeps them. */\nfunction answeredChoices(consent: { readonly categories: ConsentChoices; readonly answered: readonly ConsentCategory[] }): Record<string, boolean> {\n  return Object.fromEntries(consent.answered.map((c) => [c, consent.categories[c]]));\n}`,
  ];
}

/** The body of applyConsentForm per service, after `now` and `cookieHeader`. */
export const SERVICE_APPLY_BODY = `  const previous = readConsent(cookieHeader, now);
  // The browser's id: that of the answer that holds, else of the newest asked again (another
  // consent version, too old), never of one from the future, which no answer here wrote.
  const stored = previous ?? storedValues(cookieHeader).find((v) => v.given * 1000 <= now + 300_000);
  const id = isConsentId(stored?.id) ? stored.id : newConsentId();
  // The banner asks about what the service uses that nobody answered yet; the preferences form
  // (and a banner shown again) about everything it uses. The rest of the answer is kept.
  const open = unansweredCategories(previous, options.service);
  const asked = formAction(form) === 'save' || open.length === 0 ? SERVICE_CATEGORIES[options.service] : open;
  const choices = choicesFromForm(form, asked, options.gpc ? GPC_EXPLICIT_ONLY : []) as Partial<Record<ConsentCategory, boolean>>;
  const categories = Object.fromEntries(CONSENT_CATEGORIES.map((c) => [c, choices[c] ?? previous?.categories[c] ?? false])) as unknown as ConsentChoices;
  const answered = CONSENT_CATEGORIES.filter((c) => asked.includes(c) || previous?.answered.includes(c));
  const value = consentValue(categories, now, id, answered);
  if (sharesAnswer(options.service, options.host)) {
    // One cookie of the parent domain: the host-only one this host may hold from before goes, so
    // that two cookies of the same name never disagree.
    deleteConsentCookie(target);
    appendSetCookie(target, \`\${serializeConsentCookie(value)}; Domain=\${SHARED_DOMAIN}\`, true);
  } else setConsentCookie(target, value);
  const consent = consentFromValue(value, now) as Consent;
  const off = asked.filter((c) => !categories[c]);
  const result = { consent, ...applyRemovals(off.map((c) => [c, WITHDRAW[options.service][c]] as const), cookieHeader, (line) => appendSetCookie(target, line)) };
  if (options.records === null) return { ...result, recorded: undefined };
  const recorded = await recordAnswer(options.records, { consentId: id, form, previous: previous && answeredChoices(previous), choices: answeredChoices(consent), consentVersion: CONSENT_VERSION, policyVersion: POLICY_VERSION, packages: versions(), shown: SHOWN, locale: options.locale, service: options.service, gpc: options.gpc === true, policy: policyHash });
  return { ...result, recorded };`;

type Templates = BannerTemplates & { readonly shown: Record<ShownKind, string> };

/**
 * banner.ts, per service: each service's banner and preferences form per locale, the form asking
 * only about the categories that service uses; SHOWN lists every text of every service.
 */
export function serviceBanner(
  catalog: Catalog,
  optional: readonly Category[],
  consentRuntimeImport: string,
  bannerTemplates: (
    catalog: Catalog,
    locale: string,
    optional: readonly Category[],
    perService?: {
      readonly sharedWith: string | undefined;
      readonly names: Record<string, string>;
    },
  ) => Templates,
): string {
  const asked = serviceCategories(catalog, optional);
  const templates = Object.fromEntries(
    Object.entries(asked).map(([service, ids]) => [
      service,
      Object.fromEntries(
        catalog.locales.map((locale) => [
          locale,
          bannerTemplates(
            catalog,
            locale,
            optional.filter((c) => ids.includes(c.id)),
            {
              sharedWith: sharedWith(catalog, service, locale),
              names: Object.fromEntries(
                declaredServices(catalog).map((s) => [s.id, s.name[locale] ?? s.id]),
              ),
            },
          ),
        ]),
      ),
    ]),
  );
  const shown = Object.fromEntries(
    Object.values(templates).flatMap((byLocale) =>
      Object.entries(byLocale).flatMap(([locale, t]) =>
        Object.entries(t.shown).map(([kind, hash]) => [hash, { kind, locale }]),
      ),
    ),
  );
  return emitSourceFile([
    `import { type BannerState, type BannerTemplates, type PreferencesState, renderBanner, renderPreferences, type ShownKind, shownTexts } from ${stringLiteral(consentRuntimeImport)};`,
    `import { type Consent, CONSENT_SERVICES, type ConsentService } from './consent.js';`,
    `export type Locale = ${catalog.locales.map(stringLiteral).join(' | ')};`,
    `export const LOCALES: readonly Locale[] = ${dataLiteral(catalog.locales)};`,
    `/** Per service, the banner and the preferences form per locale, from the handlebars templates: catalog words escaped, request state in slots; each form asks about the categories its service uses. */\nconst TEMPLATES: Readonly<Record<ConsentService, Readonly<Record<Locale, BannerTemplates>>>> = ${dataLiteral(templates)};`,
    `/** Every text a person can be shown before answering, on any service, by the SHA-256 of its words: which it is and in which language. A consent record points at one of them. */\nexport const SHOWN: Readonly<Record<string, { readonly kind: ShownKind; readonly locale: Locale }>> = ${dataLiteral(shown)};`,
    `/** The words of each of them, for a consent store to keep once (\`source\`: this package and version). */\nexport function consentRenderings(source: string): { hash: string; kind: ShownKind; locale: Locale; format: 'html'; text: string; source: string }[] {\n  return CONSENT_SERVICES.flatMap((service) => LOCALES.flatMap((locale) => {\n    const texts = shownTexts(TEMPLATES[service][locale]);\n    return (Object.keys(texts) as ShownKind[]).map((kind) => ({ hash: TEMPLATES[service][locale].shown?.[kind] ?? '', kind, locale, format: 'html' as const, text: texts[kind], source }));\n  }));\n}`,
    `/** The GOV.UK-style banner of a service: accept and reject of equal weight, a link to choose; after an answer, its confirmation (focused). Show it where needsAnswer(consent, service). */\nexport function consentBanner(locale: Locale, state: BannerState, service: ConsentService): string {\n  return renderBanner(TEMPLATES[service][locale], state);\n}`,
    `/** A service's preferences form: one yes/no question per optional category it uses, with the catalog's words. */\nexport function consentPreferences(locale: Locale, state: PreferencesState<Consent>, service: ConsentService): string {\n  return renderPreferences(TEMPLATES[service][locale], state);\n}`,
  ]);
}

/**
 * browser.ts, per service: the newest answer document.cookie holds (a host can carry its old
 * host-only cookie beside the shared one until it answers again), valid as the server reads it.
 */
export function serviceBrowserReader(cookieName: string, optional: readonly Category[]): string {
  const escaped = cookieName.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const checks = optional
    .map((c) => ` && typeof value[${stringLiteral(c.id)}] === 'boolean'`)
    .join('');
  return `/**\n * The answer stored in this browser: the newest that still holds; undefined when never asked, asked again, or unreadable. A reader of its own, not the client package's general one, so that both readers stay small.\n */\nexport function readConsent(): Consent | undefined {\n  let newest: Consent | undefined;\n  // Without a document (rendering on a server) this throws, and reads as never asked.\n  try {\n    for (const [, raw = ''] of document.cookie.matchAll(/(?:^|; )${escaped}=([^;]*)/g)) {\n      try {\n        const value: Partial<Record<string, unknown>> = JSON.parse(decodeURIComponent(raw));\n        // An answer stored before the catalog declared services has no \`answered\`: that package asked about every category.\n        const answered = value?.answered === undefined ? CONSENT_CATEGORIES.join(',') : value.answered;\n        const consent = value && Number.isSafeInteger(value.given) && typeof value.id === 'string' && typeof answered === 'string'${checks} ? consentFromValue({ ...value, answered } as unknown as ConsentValue, Date.now()) : undefined;\n        if (consent && !(newest && newest.given >= consent.given)) newest = consent;\n      } catch {\n        // one unreadable cookie does not hide another\n      }\n    }\n  } catch {\n    return undefined;\n  }\n  return newest;\n}`;
}

/**
 * The banner's sentence naming the services an answer on `service` applies to, where it is
 * shared (consent.sharedAcross) with at least one other; undefined elsewhere.
 */
function sharedWith(catalog: Catalog, service: string, locale: string): string | undefined {
  const sharing = catalog.consent?.sharedBy ?? [];
  if (!sharing.includes(service) || sharing.length < 2) return undefined;
  const names = sharing.map((id) => catalog.services.find((s) => s.id === id)?.name[locale] ?? id);
  return fillPlaceholders(catalog.labels.consentSharedWith[locale] ?? '', {
    services: new Intl.ListFormat(locale, { type: 'conjunction' }).format(names),
  });
}

/**
 * Per service and category, what withdrawing consent on that service does: a cookie the service
 * uses (or that browsers send to its hosts) is deleted as the whole catalog's withdrawal deletes
 * it; one only on other services' hosts cannot be deleted from this host's response, so it is
 * named with those services (`other-service`). Another company's cookies stay third-party.
 */
export function serviceWithdrawals(
  catalog: Catalog,
  optional: readonly Category[],
  removalOf: (entry: CatalogEntry) => object[],
): Record<string, Record<string, object[]>> {
  return Object.fromEntries(
    declaredServices(catalog).map((service) => [
      service.id,
      Object.fromEntries(
        optional.map((category) => [
          category.id,
          catalog.entries
            .filter((e) => e.category === category.id)
            .flatMap((entry) => {
              const here =
                entry.services.includes(service.id) || entry.reaches?.includes(service.id);
              const removals = removalOf(entry);
              if (here) return removals;
              return removals.map((removal) =>
                'cannot' in removal && removal.cannot === 'third-party'
                  ? removal
                  : {
                      name: entry.name.pattern,
                      ...('pattern' in removal && { pattern: removal.pattern }),
                      cannot: 'other-service',
                      provider: entry.provider.name,
                      ...(entry.provider.privacyPolicy !== undefined && {
                        privacyPolicy: entry.provider.privacyPolicy,
                      }),
                      services: entry.services,
                    },
              );
            }),
        ]),
      ),
    ]),
  );
}
