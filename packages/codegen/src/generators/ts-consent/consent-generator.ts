import { createHash } from 'node:crypto';
import {
  type Catalog,
  type CatalogEntry,
  type Category,
  isFirstPartyCookie,
  nameMatcherSource,
} from '@cookie-catalog/catalog';
import { type BannerTemplates, type ShownKind, shownTexts } from '@cookie-catalog/runtime/consent';
import Handlebars from 'handlebars';
import type { Generator } from '../../generator.js';
import { template } from '../policy-docs/templates.js';
import { emitSourceFile } from '../typescript/emit-source-file.js';
import { entryModule } from '../typescript/entry-module.js';
import { dataLiteral, propertyName, stringLiteral } from '../typescript/literals.js';
import {
  consentPerService,
  SERVICE_APPLY_BODY,
  serviceBanner,
  serviceBrowserReader,
  serviceCoreStatements,
  serviceServerStatements,
  serviceWithdrawals,
} from './consent-services.js';

/*
 * `ts/consent`: asking for consent, derived from the catalog. The categories that need consent
 * become a closed union; the consent cookie policy.yaml names records the answer (its value type
 * follows from them); withdrawing a category deletes every cookie of it that lives on our own
 * domain, and names the ones only their provider can remove. The banner and preferences form
 * are rendered per locale from the handlebars templates beside this file (catalog words escaped
 * there); the toolchain's renderer (@cookie-catalog/runtime/consent) fills in request state,
 * escaped, at run time.
 */

export interface TsConsentOptions {
  /**
   * Where the typed setter and reader of the consent cookie come from: the server package, by
   * the name policy.yaml gives it (`packages`) unless set here.
   */
  readonly serverImport?: string | undefined;
  /** Where the response adapters come from (appendSetCookie): the toolchain's run time. */
  readonly runtimeImport: string;
  /** Where withdrawal and the banner renderer come from: the toolchain's consent run time. */
  readonly consentRuntimeImport: string;
  /** Where consent records and their stores come from: the toolchain's, on the server only. */
  readonly recordsRuntimeImport: string;
  /**
   * The policy in force, which consent records keep (its Markdown per locale): the docs package,
   * by the name policy.yaml gives it, unless set here.
   */
  readonly docsImport?: string | undefined;
}

export const tsConsentGenerator: Generator<TsConsentOptions> = {
  id: 'ts/consent',
  description: 'Consent types, readers, withdrawal and the banner (the consent package)',
  outDir: 'packages/consent/src/generated',
  defaultOptions: {
    runtimeImport: '@cookie-catalog/runtime',
    consentRuntimeImport: '@cookie-catalog/runtime/consent',
    recordsRuntimeImport: '@cookie-catalog/runtime/consent-records',
  },
  generate(
    catalog,
    {
      serverImport = catalog.packages.server,
      docsImport = catalog.packages.docs,
      runtimeImport,
      consentRuntimeImport,
      recordsRuntimeImport,
    },
  ) {
    const consentPackage = catalog.packages.consent;
    const settings = catalog.consent;
    if (!settings) return withoutConsentCookie(catalog, consentRuntimeImport);
    const cookie = catalog.entries.find((e) => e.id === settings.cookie);
    if (!cookie || !isFirstPartyCookie(cookie))
      throw new Error('validated: consent cookie is ours');
    const optional = catalog.categories.filter((c) => c.consentRequired);
    const fn = cookie.functionName;
    const union =
      optional.length === 0 ? 'never' : optional.map((c) => stringLiteral(c.id)).join(' | ');
    const lifetime = cookie.lifetime.kind === 'duration' ? cookie.lifetime.seconds : 365 * 86_400;
    const perService = consentPerService(catalog);
    const categoriesType = `{ readonly ${optional.map((c) => `${propertyName(c.id)}: boolean`).join('; readonly ')} }`;

    const core = emitSourceFile([
      `/** The categories people are asked about: those that need consent, in the catalog's order. */`,
      `export type ConsentCategory = ${union};`,
      `export const CONSENT_CATEGORIES: readonly ConsentCategory[] = ${dataLiteral(optional.map((c) => c.id))};`,
      `/** Raised by legal when the optional categories change; an answer under another version is asked again. */`,
      `export const CONSENT_VERSION = ${settings.version};`,
      `/** An answer older than the consent cookie's lifetime is asked again. */`,
      `export const CONSENT_MAX_AGE_SECONDS = ${lifetime};`,
      `/** The cookie that records the answer. */`,
      `export const CONSENT_COOKIE = ${stringLiteral(cookie.name.pattern)};`,
      `/** Where people change their answer; the banner and policy link here. */`,
      `export const PREFERENCES_URL: string | undefined = ${settings.preferencesUrl === undefined ? 'undefined' : stringLiteral(settings.preferencesUrl)};`,
      ...(perService
        ? serviceCoreStatements(catalog, optional)
        : [
            `export type ConsentChoices = ${optional.length === 0 ? 'Readonly<Record<string, never>>' : categoriesType};`,
            `export interface Consent {\n  readonly version: number;\n  /** When the answer was given. */\n  readonly given: Date;\n  /** The consent id: 128 random bits (32 hex digits) that every record of this browser's answers carries, so the person can quote it. */\n  readonly id: string;\n  readonly categories: ConsentChoices;\n}`,
            `/** The consent cookie's value: what ${cookie.name.pattern} holds on the wire. */`,
            `export interface ConsentValue {\n  readonly version: number;\n  /** Seconds since 1970 when the answer was given. */\n  readonly given: number;\n  /** The consent id (32 hex digits). */\n  readonly id: string;\n${optional.map((c) => `  readonly ${propertyName(c.id)}: boolean;`).join('\n')}\n}`,
            `/** A stored answer that still holds: this consent version, not older than the cookie's lifetime, not from the future. */\nexport function consentFromValue(value: ConsentValue | undefined, now: number): Consent | undefined {\n  if (value === undefined || value.version !== CONSENT_VERSION || !/^[\\da-f]{32}$/.test(value.id)) return undefined;\n  const given = value.given * 1000;\n  if (!(given <= now + 300_000 && now - given < CONSENT_MAX_AGE_SECONDS * 1000)) return undefined;\n  return { version: value.version, given: new Date(given), id: value.id, categories: { ${optional.map((c) => `${propertyName(c.id)}: value[${stringLiteral(c.id)}]`).join(', ')} } };\n}`,
            `export function consentValue(categories: ConsentChoices, now: number, id: string): ConsentValue {\n  return { version: CONSENT_VERSION, given: Math.floor(now / 1000), id${optional.map((c) => `, ${propertyName(c.id)}: categories[${stringLiteral(c.id)}]`).join('')} };\n}`,
          ]),
      `/** Google Consent Mode v2: each type the catalog maps, and the categories that grant it. */`,
      `export const CONSENT_MODE: Readonly<Record<string, readonly ConsentCategory[]>> = ${dataLiteral(consentModeMap(optional))};`,
    ]);

    const templates = Object.fromEntries(
      catalog.locales.map((l) => [l, bannerTemplates(catalog, l, optional)]),
    );
    const plans = optional.map((category) => ({
      category: category.id,
      removals: catalog.entries.filter((e) => e.category === category.id).flatMap(removalOf),
    }));
    const server = emitSourceFile([
      `import { createRequire } from 'node:module';`,
      // Aliased: an entry whose id is "consent" would have a reader called readConsent too.
      `import { appendSetCookie, type CookieSource, type CookieTarget${perService ? ', cookieValue' : ''} } from ${stringLiteral(runtimeImport)};`,
      perService
        ? `import { delete${fn} as deleteConsentCookie, read${fn} as readConsentCookie, serialize${fn} as serializeConsentCookie, set${fn} as setConsentCookie } from ${stringLiteral(serverImport)};`
        : `import { read${fn} as readConsentCookie, set${fn} as setConsentCookie } from ${stringLiteral(serverImport)};`,
      `import { markdown as POLICY_DOCUMENTS } from ${stringLiteral(docsImport)};`,
      perService
        ? `import { type Consent, type ConsentCategory, type ConsentChoices, type ConsentService, type ConsentValue, CONSENT_CATEGORIES, CONSENT_VERSION, consentFromValue, consentValue, SERVICE_CATEGORIES, SHARED_DOMAIN, SHARED_SERVICES, unansweredCategories } from './consent.js';`
        : `import { type Consent, type ConsentCategory, type ConsentChoices, CONSENT_CATEGORIES, CONSENT_VERSION, consentFromValue, consentValue } from './consent.js';`,
      `import { type Locale, LOCALES, SHOWN, consentRenderings } from './banner.js';`,
      `import { type ConsentForm, type ConsentResult, type EndpointLimits, type Removal, applyRemovals, choicesFromForm, consentEndpointHandler${perService ? ', formAction' : ''} } from ${stringLiteral(consentRuntimeImport)};`,
      `import { type ConsentLog, type ConsentLogOptions, isConsentId, newConsentId, openConsentLog, type RecordOutcome, recordAnswer, type Rendering, renderingHash } from ${stringLiteral(recordsRuntimeImport)};`,
      `export type { ConsentForm, ConsentResult, NotDeleted } from ${stringLiteral(consentRuntimeImport)};`,
      `export type { ConsentLog, ConsentStore, RecordOutcome } from ${stringLiteral(recordsRuntimeImport)};`,
      ...(perService
        ? serviceServerStatements(cookie.name.pattern)
        : [
            `/** The answer in a request's Cookie header (or a Next.js cookie store such as \`await cookies()\`); undefined when never asked, asked under an older consent version, or too long ago. */\nexport function readConsent(cookies: CookieSource, now: number = Date.now()): Consent | undefined {\n  return consentFromValue(readConsentCookie(cookies), now);\n}`,
            `export function hasConsent(consent: Consent | undefined, category: ConsentCategory): boolean {\n  return consent?.categories[category] === true;\n}`,
          ]),
      `/** Under Global Privacy Control, categories that share data for advertising (Consent Mode ad_* types) are turned on only by their own yes, never by "accept all". */\nconst GPC_EXPLICIT_ONLY: readonly ConsentCategory[] = ${dataLiteral(optional.filter((c) => c.consentMode.some((t) => t.startsWith('ad_'))).map((c) => c.id))};`,
      perService
        ? `/** Per service and category, what withdrawing it there removes, or cannot: a cookie only on other services' hosts is named, with them. From the catalog. */\nconst WITHDRAW: Readonly<Record<ConsentService, Readonly<Record<ConsentCategory, readonly Removal[]>>>> = ${dataLiteral(serviceWithdrawals(catalog, optional, removalOf))};`
        : `/** Per category, what withdrawing it removes, or cannot. From the catalog. */\nconst WITHDRAW: Readonly<Record<ConsentCategory, readonly Removal[]>> = ${dataLiteral(Object.fromEntries(plans.map((p) => [p.category, p.removals])))};`,
      `/** The policy's version (policy.yaml), which every consent record carries. */\nexport const POLICY_VERSION = ${stringLiteral(catalog.version)};`,
      `/** The packages whose words and code an answer went through; their versions are read from their manifests when first needed, so a release can never leave them stale. */\nconst PACKAGES = ${dataLiteral([consentPackage, serverImport, docsImport].filter((name) => !name.startsWith('.')))};\nlet packageVersions: Readonly<Record<string, string>> | undefined;\nfunction versions(): Readonly<Record<string, string>> {\n  const require = createRequire(${IMPORT_META_URL});\n  const version = (pkg: string) => {\n    try {\n      return String((require(\`\${pkg}/package.json\`) as { version?: unknown }).version);\n    } catch {\n      return undefined; // not installed where this module can see it: left out, never guessed\n    }\n  };\n  packageVersions ??= Object.fromEntries(PACKAGES.flatMap((pkg) => { const v = version(pkg); return v === undefined ? [] : [[pkg, v]]; }));\n  return packageVersions;\n}`,
      `const policyHashes = new Map<Locale, string>();\nfunction policyHash(locale: string): string | null {\n  if (!(LOCALES as readonly string[]).includes(locale)) return null;\n  const known = policyHashes.get(locale as Locale);\n  if (known !== undefined) return known;\n  const hash = renderingHash(POLICY_DOCUMENTS[locale as Locale]);\n  policyHashes.set(locale as Locale, hash);\n  return hash;\n}`,
      `/**\n * Opens the log that records every answer (a folder for the embedded store, or a \`postgres://\` address) and stores, once each, the words this version can show: the banner and preferences form per locale, and the policy in force (the docs package's, per locale).\n */\nexport async function openConsentRecords(options: ConsentLogOptions): Promise<ConsentLog> {\n  const log = await openConsentLog(options);\n  const source = (pkg: string) => \`\${pkg}@\${versions()[pkg] ?? 'unknown'}\`;\n  const policy: Rendering[] = LOCALES.map((locale) => ({ hash: renderingHash(POLICY_DOCUMENTS[locale]), kind: 'policy', locale, format: 'markdown', text: POLICY_DOCUMENTS[locale], source: source(${stringLiteral(docsImport)}) }));\n  await log.addRenderings([...consentRenderings(source(${stringLiteral(consentPackage)})), ...policy]);\n  return log;\n}`,
      perService
        ? `/**\n * Records the answer of the banner or preferences form (\`cookies=accept|reject|save\`, and for save \`consent-<category>=yes|no\`) with the consent cookie's setter, and for each category now off deletes every cookie of it on our own domain that the request carries. Returns the consent and the cookies only their provider can remove (show them, with the link). With \`gpc\` (the request sent \`Sec-GPC: 1\`), "accept all" leaves advertising categories off.\n *\n * The answer is also appended to \`records\` (from {@link openConsentRecords}), and the promise resolves once that record is durable: send the response after it. \`records: null\` records nothing — then you must be able to prove consent some other way (GDPR Art. 7(1)). The browser keeps its consent id across answers, so one person's records share it.\n */\nexport async function applyConsentForm(\n  target: CookieTarget,\n  form: ConsentForm,\n  options: {\n    readonly records: ConsentLog | null;\n    readonly cookieHeader?: string | null | undefined;\n    readonly gpc?: boolean;\n    readonly now?: number;\n    /** The page's locale, when the form carries no text this package knows. */\n    readonly locale?: Locale | undefined;\n    /** The service the answer was given on: it asks about the categories that service uses. */\n    readonly service: ConsentService;\n    /** The request's host (its Host header). On a host outside SHARED_DOMAIN (local development, a preview) a shared answer is kept on that host: a browser refuses the parent's Domain there. */\n    readonly host?: string | undefined;\n  },\n): Promise<ConsentResult<Consent> & { readonly recorded: RecordOutcome | undefined }> {\n  const now = options.now ?? Date.now();\n  const cookieHeader = options.cookieHeader ?? '';\n${SERVICE_APPLY_BODY}\n}`
        : `/**\n * Records the answer of the banner or preferences form (\`cookies=accept|reject|save\`, and for save \`consent-<category>=yes|no\`) with the consent cookie's setter, and for each category now off deletes every cookie of it on our own domain that the request carries. Returns the consent and the cookies only their provider can remove (show them, with the link). With \`gpc\` (the request sent \`Sec-GPC: 1\`), "accept all" leaves advertising categories off.\n *\n * The answer is also appended to \`records\` (from {@link openConsentRecords}), and the promise resolves once that record is durable: send the response after it. \`records: null\` records nothing — then you must be able to prove consent some other way (GDPR Art. 7(1)). The browser keeps its consent id across answers, so one person's records share it.\n */\nexport async function applyConsentForm(\n  target: CookieTarget,\n  form: ConsentForm,\n  options: {\n    readonly records: ConsentLog | null;\n    readonly cookieHeader?: string | null | undefined;\n    readonly gpc?: boolean;\n    readonly now?: number;\n    /** The page's locale, when the form carries no text this package knows. */\n    readonly locale?: Locale | undefined;\n    /** The service or host the answer was given on. */\n    readonly service?: string | undefined;\n  },\n): Promise<ConsentResult<Consent> & { readonly recorded: RecordOutcome | undefined }> {\n  const now = options.now ?? Date.now();\n  const cookieHeader = options.cookieHeader ?? '';\n  const stored = readConsentCookie(cookieHeader);\n  const previous = consentFromValue(stored, now);\n  const id = isConsentId(stored?.id) ? stored.id : newConsentId();\n  const choices = choicesFromForm(form, CONSENT_CATEGORIES, options.gpc ? GPC_EXPLICIT_ONLY : []) as ConsentChoices;\n  setConsentCookie(target, consentValue(choices, now, id));\n  const consent = consentFromValue(consentValue(choices, now, id), now) as Consent;\n  const off = CONSENT_CATEGORIES.filter((c) => !choices[c]);\n  const result = { consent, ...applyRemovals(off.map((c) => [c, WITHDRAW[c]] as const), cookieHeader, (line) => appendSetCookie(target, line)) };\n  if (options.records === null) return { ...result, recorded: undefined };\n  const recorded = await recordAnswer(options.records, { consentId: id, form, previous: previous?.categories, choices, consentVersion: CONSENT_VERSION, policyVersion: POLICY_VERSION, packages: versions(), shown: SHOWN, locale: options.locale, service: options.service ?? null, gpc: options.gpc === true, policy: policyHash });\n  return { ...result, recorded };\n}`,
      `/**\n * For pages that answer with \`fetch\`: a Fetch API handler (Request in, Response out) for \`POST\` with a JSON body holding what the consent form holds (\`cookies\`, \`consent-<category>\`, \`consent_shown\`). It answers with the consent (id, version, categories), the cookies deleted and not deleted, and whether the record is durable, and sets the cookies; it bounds the body's size and the answers per second, overall and per consent id.\n */\nexport function consentEndpoint(options: { readonly records: ConsentLog | null; readonly locale?: Locale | undefined; ${perService ? 'readonly service: ConsentService' : 'readonly service?: string | undefined'} } & EndpointLimits): (request: Request) => Promise<Response> {\n  return consentEndpointHandler(\n    async (form, request, headers) => {\n      const { consent, deleted, notDeleted, recorded } = await applyConsentForm(headers, form, { records: options.records, cookieHeader: request.headers.get('cookie'), gpc: hasGlobalPrivacyControl(request.headers), locale: options.locale, service: options.service${perService ? ', host: new URL(request.url).host' : ' ?? new URL(request.url).host'} });\n      return { consent: { id: consent.id, version: consent.version, given: consent.given.toISOString(), categories: consent.categories }, deleted, notDeleted, recorded: recorded?.durable ?? false };\n    },\n    (request) => {\n      const stored = readConsentCookie(request.headers.get('cookie') ?? '');\n      return isConsentId(stored?.id) ? stored.id : undefined;\n    },\n    options,\n  );\n}`,
      `/** Whether a request carries the Global Privacy Control signal (\`Sec-GPC: 1\`). */\nexport function hasGlobalPrivacyControl(headers: { get(name: string): string | null } | Readonly<Record<string, string | string[] | undefined>>): boolean {\n  const value = typeof headers.get === 'function' ? (headers as { get(name: string): string | null }).get('sec-gpc') : (headers as Record<string, string | string[] | undefined>)['sec-gpc'];\n  return (Array.isArray(value) ? value[0] : value)?.trim() === '1';\n}`,
      `export { CONSENT_CATEGORIES };`,
    ]);

    const browser = emitSourceFile([
      `// In the browser: reading the answer, running the scripts it allows, and removing the storage it withdraws. Tree-shakeable.`,
      `import { type Consent, type ConsentCategory, CONSENT_CATEGORIES, CONSENT_MODE, consentFromValue, type ConsentValue } from './consent.js';`,
      BROWSER_CONSENT_EXPORTS,
      ...(perService
        ? [
            `export { type ConsentService, CONSENT_SERVICES, needsAnswer, SERVICE_CATEGORIES, unansweredCategories } from './consent.js';`,
          ]
        : []),
      perService
        ? serviceBrowserReader(cookie.name.pattern, optional)
        : `/**\n * The answer stored in this browser; undefined when never asked, asked again, or unreadable. A reader of its own, not the client package's general one, so that both readers stay within a few hundred bytes.\n */\nexport function readConsent(): Consent | undefined {\n  // Without a document (rendering on a server) this throws, and reads as never asked.\n  try {\n    const raw = ${cookieRegExp(cookie.name.pattern)}.exec(document.cookie)?.[1];\n    const value: Partial<Record<string, unknown>> | undefined = raw === undefined ? undefined : JSON.parse(decodeURIComponent(raw));\n    return value && Number.isSafeInteger(value.given)${optional.map((c) => ` && typeof value[${stringLiteral(c.id)}] === 'boolean'`).join('')} ? consentFromValue(value as unknown as ConsentValue, Date.now()) : undefined;\n  } catch {\n    return undefined;\n  }\n}`,
      `export function hasConsent(category: ConsentCategory): boolean {\n  return readConsent()?.categories[category] === true;\n}`,
      `/**\n * Runs the scripts a page holds back until consent: \`<script type="text/plain" data-consent-category="…">\` becomes a real script (src or inline) when its category is granted. Call it on load and after the answer changes.\n */\nexport function activateConsentedScripts(root: ParentNode = document): void {\n  const consent = readConsent();\n  for (const held of root.querySelectorAll<HTMLScriptElement>('script[type="text/plain"][data-consent-category]')) {\n    if (consent?.categories[held.dataset.consentCategory as ConsentCategory] !== true) continue;\n    const script = document.createElement('script');\n    for (const { name, value } of held.attributes) if (name !== 'type' && name !== 'data-consent-category') script.setAttribute(name, value);\n    script.text = held.text;\n    held.replaceWith(script);\n  }\n}`,
      `/** Google Consent Mode v2 state for the current answer: each mapped type granted when one of its categories is. */\nexport function consentModeState(consent: Consent | undefined = readConsent()): Record<string, 'granted' | 'denied'> {\n  const state: Record<string, 'granted' | 'denied'> = {};\n  for (const [type, categories] of Object.entries(CONSENT_MODE)) state[type] = categories.some((c) => consent?.categories[c] === true) ? 'granted' : 'denied';\n  return state;\n}`,
      `/** Tells gtag the state: \`default\` before any tag loads, \`update\` after the answer changes. */\nexport function updateGtagConsent(command: 'default' | 'update', gtag: ((...args: unknown[]) => void) | undefined = (globalThis as { gtag?: (...args: unknown[]) => void }).gtag): void {\n  gtag?.('consent', command, consentModeState());\n}`,
      ...withdrawnStorageRemoval(catalog, optional, {
        tableType: 'Readonly<Record<ConsentCategory, readonly DeclaredStorage[]>>',
        parameter: 'consent: Consent | undefined = readConsent()',
        withdrawn: 'CONSENT_CATEGORIES.flatMap((c) => (consent?.categories[c] ? [] : STORAGE[c]))',
      }),
    ]);

    const banner = perService
      ? serviceBanner(catalog, optional, consentRuntimeImport, bannerTemplates)
      : emitSourceFile([
          `import { type BannerState, type BannerTemplates, type PreferencesState, renderBanner, renderPreferences, type ShownKind, shownTexts } from ${stringLiteral(consentRuntimeImport)};`,
          `import type { Consent } from './consent.js';`,
          `export type Locale = ${catalog.locales.map(stringLiteral).join(' | ')};`,
          `export const LOCALES: readonly Locale[] = ${dataLiteral(catalog.locales)};`,
          `/** The banner and the preferences form per locale, from the handlebars templates: catalog words escaped, request state in slots. */\nconst TEMPLATES: Readonly<Record<Locale, BannerTemplates>> = ${dataLiteral(templates)};`,
          `/** Every text a person can be shown before answering, by the SHA-256 of its words: which it is and in which language. A consent record points at one of them. */\nexport const SHOWN: Readonly<Record<string, { readonly kind: ShownKind; readonly locale: Locale }>> = ${dataLiteral(Object.fromEntries(Object.entries(templates).flatMap(([locale, t]) => Object.entries(t.shown).map(([kind, hash]) => [hash, { kind, locale }]))))};`,
          `/** The words of each of them, for a consent store to keep once (\`source\`: this package and version). */\nexport function consentRenderings(source: string): { hash: string; kind: ShownKind; locale: Locale; format: 'html'; text: string; source: string }[] {\n  return LOCALES.flatMap((locale) => {\n    const texts = shownTexts(TEMPLATES[locale]);\n    return (Object.keys(texts) as ShownKind[]).map((kind) => ({ hash: TEMPLATES[locale].shown?.[kind] ?? '', kind, locale, format: 'html' as const, text: texts[kind], source }));\n  });\n}`,
          `/** The GOV.UK-style banner: accept and reject of equal weight, a link to choose; after an answer, its confirmation (focused). */\nexport function consentBanner(locale: Locale, state: BannerState): string {\n  return renderBanner(TEMPLATES[locale], state);\n}`,
          `/** The preferences form: one yes/no question per optional category, with the catalog's words. */\nexport function consentPreferences(locale: Locale, state: PreferencesState<Consent>): string {\n  return renderPreferences(TEMPLATES[locale], state);\n}`,
        ]);
    return [
      { path: 'banner.ts', contents: banner },
      { path: 'browser.ts', contents: browser },
      { path: 'consent.ts', contents: core },
      { path: 'index.ts', contents: serverEntry(consentRuntimeImport) },
      { path: 'server.ts', contents: server },
    ];
  },
};

/** The package's entry (`.`), for the server. The browser's (`./browser`) is browser.ts. */
function serverEntry(consentRuntimeImport: string): string {
  return entryModule(
    'On the server: the consent types, reading and recording the answer, and the banner.',
    [
      { from: consentRuntimeImport, values: ['CONSENT_STYLES', 'escapeHtml'] },
      { from: './banner.js' },
      { from: './consent.js' },
      { from: './server.js' },
    ],
  );
}

/** What browser.ts, the browser's entry, passes on from consent.ts beside its readers. */
const BROWSER_CONSENT_EXPORTS = `export { CONSENT_CATEGORIES, CONSENT_VERSION, type Consent, type ConsentCategory, PREFERENCES_URL } from './consent.js';`;

/**
 * Finds the cookie's value in document.cookie, which browsers write as `name=value` pairs joined
 * by "; " (RFC 6265bis §5.7.3 via the cookie-string): the first pair with exactly this name.
 */
export function cookieRegExp(name: string): string {
  return `/(?:^|; )${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}=([^;]*)/`;
}

function consentModeMap(optional: readonly Category[]): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const category of optional) {
    for (const type of category.consentMode) map[type] = [...(map[type] ?? []), category.id];
  }
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** What withdrawing consent does to one entry: a deletion we can make, or one only its provider can. */
function removalOf(entry: CatalogEntry): object[] {
  if (entry.kind !== 'cookie') return [];
  // A group the page lists without names: all of the provider's cookies, shown as `*`.
  if (entry.group)
    return [
      {
        name: '*',
        cannot: 'third-party',
        provider: entry.provider.name,
        ...(entry.provider.privacyPolicy !== undefined && {
          privacyPolicy: entry.provider.privacyPolicy,
        }),
      },
    ];
  const name =
    entry.name.parameters.length === 0
      ? { name: entry.name.pattern }
      : {
          name: entry.name.pattern,
          pattern: nameMatcherSource(entry.name),
        };
  // A pattern names cookies the request must carry to be found: one on a path the request to
  // the form may not reach is listed as not deleted when the request carries none.
  const unseen = (path: string) =>
    entry.name.parameters.length > 0 && path !== '/'
      ? {
          unseen: {
            provider: entry.provider.name,
            ...(entry.provider.privacyPolicy !== undefined && {
              privacyPolicy: entry.provider.privacyPolicy,
            }),
          },
        }
      : {};
  if (isFirstPartyCookie(entry)) {
    const a = entry.attributes;
    return [
      {
        ...name,
        attributes: `; Max-Age=0; Path=${a.path}${a.domain ? `; Domain=${a.domain}` : ''}${a.secure ? '; Secure' : ''}; SameSite=${a.sameSite}${a.partitioned ? '; Partitioned' : ''}`,
        ...unseen(a.path),
      },
    ];
  }
  if (entry.location) {
    const { path, domain, partitioned } = entry.location;
    // A browser ignores a deletion without Secure for a cookie whose name demands it
    // (__Secure-, __Host-), and one without Partitioned for a cookie in a partitioned jar.
    const literal = entry.name.parts[0]?.type === 'literal' ? entry.name.parts[0].text : '';
    const secure = partitioned || /^__(Secure|Host)-/i.test(literal);
    return [
      {
        ...name,
        attributes: `; Max-Age=0; Path=${path}${domain ? `; Domain=${domain}` : ''}${secure ? '; Secure' : ''}${partitioned ? '; Partitioned' : ''}`,
        ...unseen(path),
      },
    ];
  }
  return [
    {
      ...name,
      // On our own domain (a vendor's, or one the page does not say who sets): where is unknown.
      cannot: entry.party === 'first' ? 'path-unknown' : 'third-party',
      provider: entry.provider.name,
      ...(entry.provider.privacyPolicy !== undefined && {
        privacyPolicy: entry.provider.privacyPolicy,
      }),
    },
  ];
}

/**
 * The generated module's own URL. Spelt in two parts: the CLI's bundle rewrites that expression
 * wherever it appears in codegen's source, which would otherwise reach the generated code.
 */
const IMPORT_META_URL = ['import', 'meta', 'url'].join('.');

/** What a service's banner says beyond the catalog's words (catalogs with services). */
export interface ServiceWords {
  /** The sentence naming the services an answer applies to, where it is shared. */
  readonly sharedWith: string | undefined;
  /** Each service's name in the locale. */
  readonly names: Readonly<Record<string, string>>;
}

/** A marker the run-time renderer fills (never in catalog text: validate refuses NUL). */
const slot = (name: string) => `\u0000${name}\u0000`;

/**
 * One locale's banner, confirmation and preferences form, rendered from the handlebars templates
 * beside this file: every catalog word escaped by handlebars (and braces, for Vue pages), request
 * state left in slots.
 */
export function bannerTemplates(
  catalog: Catalog,
  locale: string,
  optional: readonly Category[],
  perService?: ServiceWords,
): BannerTemplates & { readonly shown: Record<ShownKind, string> } {
  const label = (key: keyof Catalog['labels']) => catalog.labels[key][locale] ?? '';
  const view = {
    lang: locale,
    /** Where the answer is shared across services: the sentence naming them. */
    sharedWith: perService?.sharedWith ?? '',
    title: label('consentBannerTitle').replaceAll(
      '{controller}',
      catalog.controller.names[locale] ?? catalog.controller.name,
    ),
    text: label('consentBannerText'),
    accept: label('consentAccept'),
    reject: label('consentReject'),
    choose: label('consentChoose'),
    save: label('consentSave'),
    saved: label('consentSaved'),
    change: label('consentChange'),
    gpc: label('consentGpc'),
    notDeleted: label('consentNotDeleted'),
    yes: label('consentYes'),
    no: label('consentNo'),
    preferencesUrl: catalog.consent?.preferencesUrl ?? '',
    categories: optional.map((c) => ({
      id: c.id,
      label: c.label[locale] ?? '',
      description: c.description[locale] ?? '',
      slotYes: slot(`yes:${c.id}`),
      slotNo: slot(`no:${c.id}`),
    })),
    slotGpc: slot('gpc'),
    slotAction: slot('action'),
    slotHidden: slot('hidden'),
    slotMessage: slot('message'),
    slotNotDeleted: slot('notDeleted'),
    slotConfirmation: slot('confirmation'),
    slotItems: slot('items'),
  };
  const render = (name: string) => inert(template<typeof view>(TEMPLATES, name)(view).trim());
  const words = (key: keyof Catalog['labels']) => inert(Handlebars.escapeExpression(label(key)));
  const templates = {
    question: render('question.hbs'),
    confirmation: render('confirmation.hbs'),
    preferences: render('preferences.hbs'),
    gpc: render('gpc.hbs'),
    notDeleted: render('not-deleted.hbs'),
    saved: render('saved.hbs'),
    messages: {
      accept: words('consentAccepted'),
      reject: words('consentRejected'),
      save: words('consentSaved'),
    },
    reasons: {
      'third-party': words('consentReasonThirdParty'),
      'path-unknown': words('consentReasonPathUnknown'),
      'not-sent': words('consentReasonNotSent'),
      ...(perService && { 'other-service': words('consentReasonOtherService') }),
    },
    // With services: the language for lists, and each service's name, for {services} in a reason.
    ...(perService && { lang: locale, services: perService.names }),
  };
  // What the form carries back: the SHA-256 of the words shown, computed as the run time's
  // renderer fills them, so that a record points at exactly those words.
  const texts = shownTexts(templates);
  const shown = Object.fromEntries(
    Object.entries(texts).map(([kind, text]) => [
      kind,
      createHash('sha256').update(text, 'utf8').digest('hex'),
    ]),
  ) as Record<ShownKind, string>;
  return { ...templates, shown };
}

const TEMPLATES = new URL('./', import.meta.url);

/** Braces as entities: in a Vue or VitePress page, catalog text must not become an expression. */
function inert(html: string): string {
  return html.replace(/[{}]/g, (c) => (c === '{' ? '&#123;' : '&#125;'));
}

/**
 * policy.yaml names no consent cookie: nothing can record an answer, so no category is ever
 * granted (validate warns when a category needs consent). The package says exactly that in its
 * types and functions instead of guessing a cookie.
 */
function withoutConsentCookie(catalog: Catalog, consentRuntimeImport: string) {
  const note =
    '/** policy.yaml names no consent cookie (consent: { cookie: … }): nothing records an answer, so nothing is ever granted. */';
  return [
    {
      path: 'banner.ts',
      contents: emitSourceFile([
        `export type Locale = ${catalog.locales.map(stringLiteral).join(' | ')};`,
        `export const LOCALES: readonly Locale[] = ${dataLiteral(catalog.locales)};`,
      ]),
    },
    {
      path: 'browser.ts',
      contents: emitSourceFile([
        `// In the browser: reading the answer, running the scripts it allows, and removing the storage it withdraws. Tree-shakeable.`,
        `import type { Consent, ConsentCategory } from './consent.js';`,
        BROWSER_CONSENT_EXPORTS,
        `${note}\nexport function readConsent(): Consent | undefined {\n  return undefined;\n}`,
        `export function hasConsent(_category: ConsentCategory): boolean {\n  return false;\n}`,
        `/** Nothing is granted, so every held-back script stays held back. */\nexport function activateConsentedScripts(_root?: ParentNode): void {}`,
        // Nothing is granted: the storage of every category that needs consent is withdrawn.
        ...withdrawnStorageRemoval(
          catalog,
          catalog.categories.filter((c) => c.consentRequired),
          {
            // Keyed by the categories' own ids: under Record<string, …> a category called
            // "constructor" would take Object's constructor as its contextual type, and the
            // storage kinds in it would widen to string.
            tableType: `Readonly<Record<${
              catalog.categories
                .filter((c) => c.consentRequired)
                .map((c) => stringLiteral(c.id))
                .join(' | ') || 'never'
            }, readonly DeclaredStorage[]>>`,
            parameter: '_consent?: Consent',
            withdrawn: 'Object.values<readonly DeclaredStorage[]>(STORAGE).flat()',
          },
        ),
      ]),
    },
    {
      path: 'consent.ts',
      contents: emitSourceFile([
        note,
        'export type ConsentCategory = never;',
        'export const CONSENT_CATEGORIES: readonly ConsentCategory[] = [];',
        'export const CONSENT_VERSION = 0;',
        'export const CONSENT_COOKIE: string | undefined = undefined;',
        'export const PREFERENCES_URL: string | undefined = undefined;',
        'export interface Consent {\n  readonly version: number;\n  readonly given: Date;\n  readonly categories: Readonly<Record<string, never>>;\n}',
      ]),
    },
    { path: 'index.ts', contents: serverEntry(consentRuntimeImport) },
    {
      path: 'server.ts',
      contents: emitSourceFile([
        `import type { Consent, ConsentCategory } from './consent.js';`,
        `${note}\nexport function readConsent(_cookies: unknown): Consent | undefined {\n  return undefined;\n}`,
        `export function hasConsent(_consent: Consent | undefined, _category: ConsentCategory): boolean {\n  return false;\n}`,
      ]),
    },
  ];
}

/** The kinds of storage a page can empty for itself, in the catalog's words. */
const PAGE_STORAGE_KINDS: readonly string[] = ['localStorage', 'sessionStorage', 'indexedDB'];

/**
 * The local and session storage keys and IndexedDB databases of `category` that live in our own
 * origin, as browser.ts removes them: a fixed name, or a pattern's matcher. Another site's storage
 * (in its own iframe) belongs to its origin, which a page cannot reach: Web Storage and IndexedDB
 * are kept per origin. A group the page lists without names stands for every key of its provider:
 * never ours to empty (validate refuses one on our own domain).
 */
function declaredStorageOf(catalog: Catalog, category: Category): object[] {
  return catalog.entries
    .filter(
      (e) =>
        e.category === category.id &&
        PAGE_STORAGE_KINDS.includes(e.kind) &&
        e.party === 'first' &&
        !e.group,
    )
    .map((e) => ({
      kind: e.kind,
      name: e.name.pattern,
      ...(e.name.parameters.length > 0 && { pattern: nameMatcherSource(e.name) }),
    }));
}

/**
 * browser.ts's `removeWithdrawnStorage` and its table, from the catalog: `withdrawn` is the
 * expression for the declarations of every category the answer does not grant.
 */
function withdrawnStorageRemoval(
  catalog: Catalog,
  categories: readonly Category[],
  options: { readonly tableType: string; readonly parameter: string; readonly withdrawn: string },
): string[] {
  const table = Object.fromEntries(categories.map((c) => [c.id, declaredStorageOf(catalog, c)]));
  // Nothing declared: nothing of the page's to remove, and a page that calls it on every load
  // (as it should) pays for no storage code and no read of the consent cookie.
  if (Object.values(table).every((declared) => declared.length === 0))
    return [
      `/** Removes the local and session storage keys and IndexedDB databases the catalog declares for a category the answer does not grant. This catalog declares none for a category that needs consent, so there is nothing to remove: it resolves with none. Call it on every page load all the same: a catalog that declares some makes it remove them. */\nexport async function removeWithdrawnStorage(_consent?: Consent): Promise<string[]> {\n  return [];\n}`,
    ];
  return [
    `type StorageKind = 'localStorage' | 'sessionStorage' | 'indexedDB';`,
    `/** A key or database the catalog declares: its name, and for a name with parameters the matcher of every name it stands for. */\ninterface DeclaredStorage {\n  readonly kind: StorageKind;\n  readonly name: string;\n  readonly pattern?: string;\n}`,
    `/** Per category that needs consent, the local and session storage keys and IndexedDB databases of this origin the catalog declares. Another site's storage (in its own iframe) is out of a page's reach and not listed. From the catalog. */\nconst STORAGE: ${options.tableType} = ${dataLiteral(table)};`,
    [
      `/**`,
      ` * Removes from this page's origin the local and session storage keys and the IndexedDB databases that the catalog declares for each category the answer does not grant (never asked: none is granted), and resolves with what it removed: \`localStorage:<key>\`, \`sessionStorage:<key>\`, \`indexedDB:<name>\`. The server deletes the cookies (applyConsentForm); this is the storage only the page can reach.`,
      ` *`,
      ` * Call it on every page load, before the scripts of optional categories run (an answer given on another page, or one that has expired, reaches this page then), and right after an answer that withdraws a category when the page stays (an answer sent by \`fetch\`).`,
      ` *`,
      ` * It never throws: storage the browser blocks (a SecurityError, an opaque origin) is skipped and the rest is still removed. Databases are found with \`indexedDB.databases()\`; a browser without it has its fixed names deleted, unreported, and its patterns cannot be found. A database a connection still holds open (another tab's) is deleted once it is closed, and counts as removed. Tree-shakeable: a page that does not import it pays nothing.`,
      ` */`,
      `export async function removeWithdrawnStorage(${options.parameter}): Promise<string[]> {`,
      `  const declared: readonly DeclaredStorage[] = ${options.withdrawn};`,
      `  const removed: string[] = [];`,
      `  const remove = async (kind: StorageKind, names: readonly string[], drop: (name: string) => boolean | Promise<boolean>) => {`,
      `    for (const name of names)`,
      `      if (declared.some((d) => d.kind === kind && (d.pattern ? new RegExp(d.pattern).test(name) : d.name === name)) && (await drop(name))) removed.push(\`\${kind}:\${name}\`);`,
      `  };`,
      `  for (const kind of ['localStorage', 'sessionStorage'] as const)`,
      `    try {`,
      `      const storage = globalThis[kind];`,
      // Keys by index, not Object.keys: a key such as "length" is hidden behind Storage's own
      // properties (WebIDL named properties); all are read before any is removed.
      `      await remove(kind, Array.from({ length: storage.length }, (_, i) => storage.key(i) as string), (key) => {`,
      `        storage.removeItem(key);`,
      `        return true;`,
      `      });`,
      `    } catch {`,
      `      // Blocked by the browser (SecurityError): nothing of this page's can be there either.`,
      `    }`,
      `  try {`,
      `    const listed = typeof indexedDB.databases === 'function' ? (await indexedDB.databases()).map((d) => d.name as string) : undefined;`,
      // Blocked: a connection (another tab's) still holds it open; it is deleted once that closes,
      // and cannot be opened before (the IndexedDB spec's "delete a database" waits for them).
      `    await remove('indexedDB', listed ?? declared.flatMap((d) => (d.kind === 'indexedDB' && !d.pattern ? [d.name] : [])), (name) =>`,
      `      new Promise((resolve) => {`,
      `        const request = indexedDB.deleteDatabase(name);`,
      `        request.onsuccess = request.onblocked = () => resolve(listed !== undefined);`,
      `        request.onerror = () => resolve(false);`,
      `      }),`,
      `    );`,
      `  } catch {`,
      `    // No IndexedDB here, or blocked by the browser.`,
      `  }`,
      `  return removed;`,
      `}`,
    ].join('\n'),
  ];
}
