import * as z from 'zod';
import { CONSENT_MODE_TYPES, OCD_CATEGORIES } from './model.js';

/*
 * The shape of the catalog files. Every field carries its description here, once: the JSON
 * schemas for editors (schema/*.schema.json), the README's field list and validate's fix hints
 * are all derived from these descriptions. Rules that need more than the shape (RFC 6265bis,
 * translations, links) live in src/rules/.
 */

export const localizedText = z
  .record(z.string(), z.string())
  .describe('One text per configured locale, keyed by locale code, e.g. `en: ...` and `sv: ...`.');

const duration = z
  .string()
  .describe(
    'A number and a unit: "30 minutes", "1 hour", "30 days", "1 year". Units: second, minute, hour, day, week, month (30 days), year (365 days), in English or in the words of the catalog\'s built-in languages ("30 dagar", "13 kuukautta", "2 døgn"), with a decimal point or comma. For a cookie our code sets, a whole number; otherwise also "0,1 seconds", "about 2 years" and a range "1–4 weeks".',
  );

const statedDuration = duration.or(z.literal('forever')).or(
  z
    .strictObject({
      from: duration.describe('The shortest the provider states, e.g. "1 day".'),
      to: duration.describe('The longest the provider states, e.g. "2 years".'),
    })
    .describe('A range, where the provider gives one: { from: 1 day, to: 2 years }.'),
);

export const lifetimeSchema = z
  .union([
    z
      .string()
      .describe(
        '`session` (gone when the browser session ends), `persistent` (local storage, kept until deleted), `none` (nothing is stored, e.g. a pixel), `unknown` (the provider does not say; only for what our own code does not set) or a duration such as "1 year".',
      ),
    z
      .strictObject({
        statedByProvider: statedDuration.describe(
          'The lifetime the provider states, e.g. "2 years", `forever`, `session`, or a range { from, to }. Browsers keep cookies at most 400 days; the policy shows both.',
        ),
        orInactiveFor: duration
          .optional()
          .describe(
            'When it also ends after a time without activity: "1 day, or 30 minutes without activity" is statedByProvider: 1 day, orInactiveFor: 30 minutes.',
          ),
        note: localizedText
          .optional()
          .describe('Why the stated lifetime differs from what browsers keep, per locale.'),
      })
      .describe(
        "For what another company's software sets (setBy: provider or vendor): the lifetime as the provider states it, which may exceed what browsers keep.",
      ),
  ])
  .describe(
    "How long the entry is kept on the device. For cookies our code sets, exactly the cookie's Max-Age.",
  );

const providerSchema = z
  .strictObject({
    party: z
      .enum(['first', 'third'])
      .optional()
      .describe(
        "`first` when it lives on our own domain, `third` when on another company's. Leave it out to let the domain decide: a domain within controller.domains is first party, any other third. Without a domain, setBy decides (provider: third, otherwise first), and an entry that says neither is ours when it names no other company.",
      ),
    name: z
      .string()
      .optional()
      .describe(
        'The company that sets it. Defaults to the controller for first-party entries; required for third parties and for setBy: vendor.',
      ),
    domain: z
      .string()
      .optional()
      .describe(
        'The domain it belongs to, as shown in the policy: the bare host name, without https:// or a path. Leave it out when the page gives none: the policy shows "not stated", and audit matches the entry by its name only.',
      ),
    privacyPolicy: z
      .string()
      .optional()
      .describe("https link to the third party's privacy policy. Required for third parties."),
    cookiePolicy: z
      .string()
      .optional()
      .describe("https link to the third party's own cookie documentation."),
  })
  .describe(
    "Who provides the entry and on which domain. Leave out what the page does not state: without it, the entry is the controller's own.",
  );

const attributesSchema = z
  .strictObject({
    secure: z.boolean().optional().describe('Send only over HTTPS (`Secure`). Defaults to true.'),
    httpOnly: z
      .boolean()
      .optional()
      .describe(
        'Hide from page scripts (`HttpOnly`); no client reader is generated. Defaults to true when setBy is server, false when client (page scripts cannot set HttpOnly cookies).',
      ),
    sameSite: z
      .enum(['Strict', 'Lax', 'None'])
      .optional()
      .describe(
        '`SameSite`: `Strict`, `Lax` or `None` (None needs secure: true). Defaults to Lax.',
      ),
    path: z.string().optional().describe('`Path`, starting with `/`. Defaults to `/`.'),
    domain: z
      .string()
      .optional()
      .describe('`Domain`. Leave out for a host-only cookie (safer). Lowercase, no leading dot.'),
    partitioned: z
      .boolean()
      .optional()
      .describe('`Partitioned` (CHIPS): a separate jar per top-level site. Needs secure: true.'),
  })
  .describe(
    'The Set-Cookie attributes of a cookie our code sets. Setters always use exactly these. Leave out what the safe default fits: Secure, SameSite=Lax, Path=/, HttpOnly when the server sets it.',
  );

const encoding = z
  .enum(['raw', 'uri', 'base64url'])
  .describe(
    'How the value is written on the wire: `raw` (already safe cookie characters), `uri` (percent-encoded) or `base64url`.',
  );

const jsonFieldType = z
  .union([
    z.enum(['boolean', 'integer', 'string']),
    z
      .strictObject({ enum: z.array(z.string()).min(1).describe('The allowed strings.') })
      .describe('One of a fixed list of strings.'),
  ])
  .describe('`boolean`, `integer`, `string`, or `{ enum: [...] }`.');

export const valueSchema = z
  .discriminatedUnion('type', [
    z
      .strictObject({
        type: z.literal('string').describe('Free text, optionally restricted.'),
        pattern: z
          .string()
          .optional()
          .describe('A regular expression the whole value must match, e.g. `^[A-Za-z0-9]{32}$`.'),
        maxLength: z
          .number()
          .int()
          .positive()
          .optional()
          .describe('The longest value in characters, before encoding.'),
        encoding: encoding.optional().describe('Defaults to `raw`.'),
        example: z
          .string()
          .describe('A realistic value (never a real secret), shown in docs and used by tests.'),
      })
      .describe('A string value.'),
    z
      .strictObject({
        type: z.literal('enum').describe('One of a fixed list of strings.'),
        values: z.array(z.string()).min(1).describe('The allowed values, e.g. `[en, sv]`.'),
      })
      .describe('An enum value.'),
    z
      .strictObject({
        type: z.literal('integer').describe('A whole number written in decimal.'),
        min: z.number().int().optional().describe('The smallest allowed value.'),
        max: z.number().int().optional().describe('The largest allowed value.'),
      })
      .describe('An integer value.'),
    z
      .strictObject({
        type: z.literal('boolean').describe('`true` or `false` on the wire.'),
      })
      .describe('A boolean value.'),
    z
      .strictObject({
        type: z.literal('json').describe('A small JSON object with a fixed shape.'),
        shape: z
          .record(z.string(), jsonFieldType)
          .describe('Each field of the object and its type. All fields are required.'),
        encoding: z
          .enum(['uri', 'base64url'])
          .describe('JSON contains characters cookies cannot carry raw: `uri` or `base64url`.'),
      })
      .describe('A JSON value.'),
  ])
  .describe('What the cookie holds. Setters reject anything else; readers return undefined.');

const nameParameterSchema = z
  .strictObject({
    type: z
      .enum(['string', 'integer'])
      .optional()
      .describe("The parameter's type in generated code. Defaults to `string`."),
    pattern: z
      .string()
      .optional()
      .describe('A regular expression the parameter must match (strings only).'),
    maxLength: z.number().int().positive().optional().describe('The longest parameter value.'),
    example: z
      .union([z.string(), z.number().int()])
      .optional()
      .describe(
        'A realistic value of the parameter, used by tests. Leave it out to have one derived from the pattern.',
      ),
    description: localizedText
      .optional()
      .describe('What the parameter stands for, per locale, shown in the policy where given.'),
  })
  .describe('A typed parameter of a cookie name pattern.');

export const entrySchema = z
  .strictObject({
    $schema: z.string().optional().describe('Link to this JSON schema, for editors.'),
    id: z
      .string()
      .describe(
        'Stable identifier; generated functions are named after it (`access_token` → `setAccessToken`).',
      ),
    name: z
      .string()
      .optional()
      .describe(
        'The name on the wire, or a pattern with parameters in braces, e.g. `sub-{id}`. Leave it out for a vendor\'s group of cookies the page lists without names ("cookies set by the Vimeo player"): the entry then stands for every cookie of provider.domain, which it must state.',
      ),
    nameParameters: z
      .record(z.string(), nameParameterSchema)
      .optional()
      .describe('The parameters of a name pattern, one per `{name}` in `name`.'),
    kind: z
      .enum(['cookie', 'localStorage', 'sessionStorage', 'indexedDB', 'cacheStorage', 'pixel'])
      .describe(
        '`cookie`, or a similar technology: `localStorage`, `sessionStorage`, `indexedDB` (a database, named by `name`), `cacheStorage` (a Cache Storage cache, named by `name`: what service workers keep), `pixel`.',
      ),
    category: z.string().describe('The id of a category declared in policy.yaml.'),
    provider: providerSchema.optional(),
    setBy: z
      .enum(['server', 'client', 'vendor', 'provider'])
      .optional()
      .describe(
        "`server` (our HTTP responses), `client` (our page scripts), `vendor` (another company's software on our own domain: a load balancer, CMS or analytics script; provider.name says whose; no code is generated) or `provider` (a third party on its own domain). Leave it out when the page does not say: a third party's entry is then set by the provider, and one of ours is documented without generated code (validate warns, naming what to add for typed setters and readers).",
      ),
    lifetime: lifetimeSchema,
    retired: z
      .string()
      .optional()
      .describe(
        'The day from which we no longer set it, as YYYY-MM-DD (e.g. 2026-12-01). Retire an entry instead of deleting its file: browsers keep what was set before until its lifetime has run out, so the policy keeps listing it ("no longer set since" that day) and the generated packages keep only what deletes it (deleteX on the server, removeX in the browser where page script wrote it), nothing that sets or reads it. Any kind of entry can be retired. Validate warns once its lifetime has run out by the policy\'s lastUpdated: then delete the file. For that, a session cookie counts as gone 30 days after this day (browsers that restore sessions keep it across restarts), and a cookie whose lifetime is unknown or longer than 400 days after the 400 days browsers keep any cookie; local storage kept until deleted never runs out by itself.',
      ),
    purpose: localizedText.describe('Why we use it, per locale, in plain words.'),
    recipients: z
      .array(z.string())
      .min(1)
      .optional()
      .describe(
        'To whom the data goes (GDPR art. 13(1)(e)), as the page names them, e.g. [Google Ireland Ltd]. Shown in the table where given.',
      ),
    stores: localizedText
      .optional()
      .describe('What it holds (a random id, a token, a preference), per locale.'),
    note: localizedText
      .optional()
      .describe('Anything else a reader should know, e.g. a fact the provider does not document.'),
    attributes: attributesSchema.optional(),
    value: valueSchema
      .optional()
      .describe(
        'What the cookie holds, for cookies our code sets. Setters reject anything else; readers return undefined. Defaults to an opaque token: a string of cookie-safe characters.',
      ),
    services: z
      .array(z.string())
      .min(1)
      .optional()
      .describe(
        'The ids of the services (policy.yaml `services`) whose pages use it, e.g. `[platform]`. Leave it out when every service uses it, and always when policy.yaml declares no services. A host-only cookie our code sets can only be on services our code runs on; a `Domain` cookie also reaches every service whose hosts are under that domain, and each of their tables says so.',
      ),
    acknowledge: z
      .record(z.string(), z.string())
      .optional()
      .describe(
        'Advice (warnings) considered and declined for this entry: the rule id and why, e.g. "advice/host-prefix": "clients depend on the name". Besides advice/*, `entry/set-by` (no typed code wanted) and `consent/vendor-location` (withdrawal cannot delete it) can be declined.',
      ),
  })
  .describe('One cookie or similar technology, one file per entry in catalog/cookies/.');

const categorySchema = z
  .strictObject({
    id: z.string().describe('Identifier used by entries, e.g. `necessary`.'),
    consentRequired: z
      .boolean()
      .describe('Whether we must ask before setting these (ePrivacy art. 5(3)).'),
    label: localizedText.describe("The category's name, per locale."),
    description: localizedText.describe('A short introduction to the category, per locale.'),
    tcf: z
      .strictObject({
        purposes: z
          .array(z.number().int())
          .describe(
            'TCF purpose ids (1–11) of the Global Vendor List. Include 1 ("store and/or access information on a device") exactly when the category needs consent.',
          ),
        specialPurposes: z
          .array(z.number().int())
          .optional()
          .describe('TCF special purpose ids (1–3), e.g. 1 for security and fraud prevention.'),
      })
      .optional()
      .describe(
        'How the IAB TCF device-storage export describes this category. Defaults to purposes [1] when consent is required, [] when not.',
      ),
    consentMode: z
      .array(z.enum(CONSENT_MODE_TYPES))
      .optional()
      .describe(
        'Google Consent Mode v2 types granted when people say yes to this category, e.g. [analytics_storage].',
      ),
    openCookieDatabase: z
      .enum(OCD_CATEGORIES)
      .optional()
      .describe(
        'The Open Cookie Database category for the CSV export: `Functional`, `Personalization`, `Analytics`, `Marketing` or `Security`. Defaults to `Functional` for a category without consent; required by the export for one with consent.',
      ),
  })
  .describe('A category of cookies.');

const authoritySchema = z
  .strictObject({
    id: z.string().describe('Identifier, e.g. `pts`.'),
    supervises: z
      .enum(['cookies', 'personal-data', 'both'])
      .describe(
        '`cookies` (electronic communications), `personal-data` (GDPR), or `both` where one authority supervises both.',
      ),
    name: localizedText.describe("The authority's name, per locale."),
    url: localizedText.describe('https link to the authority, per locale.'),
  })
  .describe('A supervisory authority people can complain to.');

/** The words of the policy's tables and pages that are not about one cookie, per locale. */
const labelsSchema = z
  .strictObject({
    name: localizedText.optional().describe('Column heading for the cookie name, e.g. "Name".'),
    provider: localizedText
      .optional()
      .describe('Column heading for who sets it, e.g. "Belongs to".'),
    lifetime: localizedText
      .optional()
      .describe('Column heading for how long it lasts, e.g. "Expires".'),
    purpose: localizedText
      .optional()
      .describe('Column heading for why we use it, e.g. "Why we use it".'),
    firstParty: localizedText
      .optional()
      .describe('Marks our own entries, e.g. "first party (us)".'),
    thirdParty: localizedText
      .optional()
      .describe('Marks another company\'s entries, e.g. "third party".'),
    privacyPolicy: localizedText
      .optional()
      .describe("Link text to a third party's privacy policy."),
    consentRequired: localizedText
      .optional()
      .describe('Added to a category that needs consent, e.g. "we ask first".'),
    noConsent: localizedText
      .optional()
      .describe('Added to a category that needs no consent, e.g. "always on".'),
    session: localizedText
      .optional()
      .describe('The lifetime of a session cookie, without promising deletion.'),
    persistent: localizedText
      .optional()
      .describe('The lifetime of local storage: kept until deleted.'),
    none: localizedText
      .optional()
      .describe('The lifetime of something that stores nothing (a pixel).'),
    forever: localizedText
      .optional()
      .describe('What a provider calls a cookie that never expires, e.g. "never expires".'),
    keptByBrowsers: localizedText
      .optional()
      .describe(
        'For a third party\'s stated lifetime: must contain {stated} and {kept}, e.g. "{stated} (browsers keep it at most {kept})".',
      ),
    parameter: localizedText
      .optional()
      .describe(
        'Explains a name pattern: must contain {name} and {meaning}, e.g. "{name} is {meaning}".',
      ),
    localStorage: localizedText
      .optional()
      .describe('Names the kind "local storage" where an entry is not a cookie.'),
    sessionStorage: localizedText.optional().describe('Names the kind "session storage".'),
    consentBannerTitle: localizedText
      .optional()
      .describe(
        'The consent banner\'s heading: must contain {controller}, e.g. "Cookies on {controller}".',
      ),
    consentBannerText: localizedText
      .optional()
      .describe('The consent question, in one or two sentences.'),
    consentAccept: localizedText
      .optional()
      .describe('The button that accepts every optional category.'),
    consentReject: localizedText
      .optional()
      .describe('The button that rejects every optional category.'),
    consentChoose: localizedText
      .optional()
      .describe('The link from the banner to the preferences form.'),
    consentSave: localizedText.optional().describe('The button that saves the preferences form.'),
    consentAccepted: localizedText
      .optional()
      .describe('Confirms that optional cookies were accepted.'),
    consentRejected: localizedText
      .optional()
      .describe('Confirms that optional cookies were rejected.'),
    consentSaved: localizedText.optional().describe('Confirms that the preferences were saved.'),
    consentChange: localizedText.optional().describe("The link to change one's answer later."),
    consentGpc: localizedText
      .optional()
      .describe(
        "Tells people that their browser's Global Privacy Control signal keeps optional cookies off.",
      ),
    consentNotDeleted: localizedText
      .optional()
      .describe(
        'Introduces the cookies that withdrawing consent could not delete; each is followed by its reason.',
      ),
    consentReasonThirdParty: localizedText
      .optional()
      .describe(
        'Why withdrawal could not delete a cookie another company keeps on its own domain.',
      ),
    consentReasonPathUnknown: localizedText
      .optional()
      .describe(
        "Why withdrawal could not delete a cookie a vendor's software sets on our site, where the catalog does not say where (attributes.path).",
      ),
    consentReasonNotSent: localizedText
      .optional()
      .describe(
        'Why withdrawal could not delete cookies of a name pattern on another path: the browser did not send them with the answer.',
      ),
    consentReasonOtherService: localizedText
      .optional()
      .describe(
        'Why withdrawal on one service could not delete a cookie that lives on other services\' hosts (policy.yaml services); must contain {services}, e.g. "it is kept for {services}, so it can only be removed there". Built in for en, sv, nb, da, fi, de, fr, nl, es.',
      ),
    consentYes: localizedText
      .optional()
      .describe('The yes answer to a category in the preferences form.'),
    consentNo: localizedText
      .optional()
      .describe('The no answer to a category in the preferences form.'),
    consentRecords: localizedText
      .optional()
      .describe(
        'After the cookie table when policy.yaml has `consent`: that each answer is recorded with the words shown and kept for a period (consent.keepRecords), and that the consent id in the consent cookie identifies the records; must contain {period}, e.g. "We keep a record of each answer for {period}." Built in for en, sv, nb, da, fi, de, fr, nl, es.',
      ),
    serviceScope: localizedText
      .optional()
      .describe(
        'Under the title of a service\'s own policy page when policy.yaml declares `services`: which service the page covers; must contain {service} (the service\'s name), e.g. "This policy covers {service}." Built in for en, sv, nb, da, fi, de, fr, nl, es.',
      ),
    consentSharedWith: localizedText
      .optional()
      .describe(
        'In the consent banner of a service that shares its answer (consent.sharedAcross): the services the answer applies to; must contain {services}, e.g. "Your answer applies to {services}." Built in for en, sv, nb, da, fi, de, fr, nl, es.',
      ),
    sentToServices: localizedText
      .optional()
      .describe(
        'In the cookie table, under the purpose of a cookie with a Domain when policy.yaml declares services: the services whose hosts browsers send it to; must contain {services} (their names, joined as a list in the language), e.g. "Browsers send it to {services}." Built in for en, sv, nb, da, fi, de, fr, nl, es.',
      ),
    servicesTitle: localizedText
      .optional()
      .describe(
        "The title of the page that lists the services and links to each one's policy, when policy.yaml declares `services`. Built in for en, sv, nb, da, fi, de, fr, nl, es.",
      ),
    siteSkipToContent: localizedText
      .optional()
      .describe("The docs site's skip link, to the page's content."),
    siteOutline: localizedText
      .optional()
      .describe("The docs site's title over a page's table of contents."),
    siteReturnToTop: localizedText
      .optional()
      .describe("The docs site's link back to the top of the page."),
    siteLanguageMenu: localizedText
      .optional()
      .describe("The docs site's name for its language menu."),
    sitePreviousPage: localizedText
      .optional()
      .describe("The docs site's link to the previous page."),
    siteNextPage: localizedText.optional().describe("The docs site's link to the next page."),
    siteLastUpdated: localizedText
      .optional()
      .describe("The docs site's words before a page's last change date."),
    siteAppearance: localizedText
      .optional()
      .describe("The docs site's name for the light and dark switch."),
    siteLightMode: localizedText.optional().describe("The docs site's switch to light colours."),
    siteDarkMode: localizedText.optional().describe("The docs site's switch to dark colours."),
    siteMenu: localizedText
      .optional()
      .describe("The docs site's button that opens the menu on a small screen."),
    siteNotFoundTitle: localizedText
      .optional()
      .describe("The heading of the docs site's page for an address that leads nowhere."),
    siteNotFoundText: localizedText
      .optional()
      .describe("Explains the docs site's page for an address that leads nowhere."),
    siteHome: localizedText
      .optional()
      .describe("The docs site's link from that page to its first page."),
    indexedDB: localizedText
      .optional()
      .describe('Names the kind "IndexedDB database" (a database in the browser).'),
    cacheStorage: localizedText
      .optional()
      .describe('Names the kind "Cache Storage cache" (responses a service worker keeps).'),
    pixel: localizedText
      .optional()
      .describe('Names the kind "pixel" (a tiny image that reports an event).'),
    policyTitle: localizedText
      .optional()
      .describe('The title of the policy page, e.g. "Cookie policy".'),
    versionLine: localizedText
      .optional()
      .describe(
        'Under the title: must contain {version} and {date}, e.g. "Version {version}, last updated {date}".',
      ),
    controller: localizedText
      .optional()
      .describe('Heading for who is responsible, e.g. "Responsible for your data".'),
    dpo: localizedText
      .optional()
      .describe('Heading for the data protection officer, e.g. "Data protection officer".'),
    authorities: localizedText
      .optional()
      .describe('Heading for the supervisory authorities, e.g. "Supervisory authorities".'),
    languages: localizedText
      .optional()
      .describe('Label of the language switch, e.g. "This policy in other languages".'),
    unknownLifetime: localizedText
      .optional()
      .describe(
        'The lifetime of an entry whose provider does not state one, e.g. "not stated by the provider". Built in for en, sv, nb, da, fi, de, fr, nl, es.',
      ),
    approximately: localizedText
      .optional()
      .describe(
        'A lifetime written as not exact ("about 2 years"): must contain {duration}, e.g. "about {duration}". Built in for en, sv, nb, da, fi, de, fr, nl, es.',
      ),
    recipients: localizedText
      .optional()
      .describe(
        'Before the recipients of an entry\'s data in the table: must contain {recipients}, e.g. "Recipients: {recipients}". Built in for en, sv, nb, da, fi, de, fr, nl, es.',
      ),
    cookieGroup: localizedText
      .optional()
      .describe(
        'Stands for the name of an entry without one (a vendor\'s group of cookies): must contain {provider}, e.g. "cookies set by {provider}". Built in for en, sv, nb, da, fi, de, fr, nl, es.',
      ),
    domainNotStated: localizedText
      .optional()
      .describe(
        'Shown instead of the domain where the cookie page gives none, e.g. "domain not stated". Built in for en, sv, nb, da, fi, de, fr, nl, es.',
      ),
    lifetimeRange: localizedText
      .optional()
      .describe(
        'A stated range: must contain {from} and {to}, e.g. "{from} to {to}". Built in for en, sv, nb, da, fi, de, fr, nl, es.',
      ),
    inactivity: localizedText
      .optional()
      .describe(
        'A lifetime that also ends without activity: must contain {stated} and {inactive}, e.g. "{stated}, or {inactive} without activity". Built in for en, sv, nb, da, fi, de, fr, nl, es.',
      ),
    setOnOurSiteBy: localizedText
      .optional()
      .describe(
        'Who sets an entry on our own domain with their software (setBy: vendor): must contain {vendor}, e.g. "set on our site by {vendor}". Built in for en, sv, nb, da, fi, de, fr, nl, es.',
      ),
    retired: localizedText
      .optional()
      .describe(
        'Marks a retired entry (`retired:` in its file) in the table, beside its lifetime: must contain {date}, e.g. "no longer set since {date}". Built in for en, sv, nb, da, fi, de, fr, nl, es.',
      ),
  })
  .describe(
    "The words around the catalog's data in the generated table and policy, per locale. Built in for en, sv, nb, da, fi, de, fr, nl and es; write any of them here to use your own words, and all of them for another language.",
  );

const serviceSchema = z
  .strictObject({
    id: z
      .string()
      .describe(
        'Identifier used by entries (`services: [platform]`) and, later, by the per-service pages and code subpaths: lowercase letters, digits and hyphens, e.g. `platform`, `help-centre`.',
      ),
    name: localizedText.describe('The name people know the service by, per locale.'),
    hosts: z
      .array(z.string())
      .min(1)
      .optional()
      .describe(
        'The host names it runs on, e.g. [app.acme.com]: lowercase, without https://, a port or a path, each within controller.domains. Leave it out when the page does not state them: validate then cannot tell which cookies reach the service, and never guesses.',
      ),
    domain: z
      .string()
      .optional()
      .describe(
        'The domain its hosts are under, where the page states that but not the hosts, e.g. `acme.com`: lowercase, without https://, within controller.domains; with `hosts`, each host is under it. A `Domain` cookie of this domain or above then reaches the service, and consent.sharedAcross of this domain or above shares with it; a host-only cookie of ours is still not known to be on it.',
      ),
    runBy: z
      .union([
        z
          .strictObject({
            vendor: z
              .string()
              .describe('The company whose software serves the pages, e.g. `Zendesk, Inc.`.'),
          })
          .describe(
            "Another company's software serves its pages (a hosted help centre): our server code and our page scripts do not run there, so no cookie our code sets host-only can be on it.",
          ),
        z.literal('us').describe('Our own code serves its pages.'),
      ])
      .describe('Who runs the service: `us`, or `{ vendor: Zendesk, Inc. }`.'),
    policyUrl: z
      .string()
      .optional()
      .describe('https link to where the policy of this service is published, where it is.'),
  })
  .describe(
    'One service: a site or app with its own pages and hosts (an invoicing platform, a help centre), each with its own table of the entries it uses.',
  );

export const policySchema = z
  .strictObject({
    $schema: z.string().optional().describe('Link to this JSON schema, for editors.'),
    version: z
      .string()
      .describe(
        'The policy\'s version, e.g. "3.0" or a date such as "2026-11-26". Raise it with every change.',
      ),
    lastUpdated: z.string().describe('The day the policy last changed, as YYYY-MM-DD.'),
    locales: z.array(z.string()).min(1).describe('The languages of the policy, e.g. `[en, sv]`.'),
    defaultLocale: z.string().describe('The language texts are written in first.'),
    controller: z
      .strictObject({
        name: z
          .union([z.string(), localizedText])
          .describe(
            'The legal name of the controller: one name, or one per locale where it has several (`fi: Espoon kaupunki`, `sv: Esbo stad`).',
          ),
        website: z.string().describe("https link to the controller's website."),
        domains: z
          .array(z.string())
          .min(1)
          .optional()
          .describe(
            "The controller's own domains, e.g. [acme.com, acme.se]: an entry on one of them or a subdomain is first party. Defaults to the website's host without `www.`.",
          ),
        email: z.string().optional().describe('A general contact address.'),
      })
      .describe('Who is responsible for the cookies (GDPR art. 13(1)(a)).'),
    dpo: z
      .strictObject({ email: z.string().describe("The data protection officer's address.") })
      .describe('The data protection officer (GDPR art. 13(1)(b)).'),
    consent: z
      .strictObject({
        cookie: z
          .string()
          .describe(
            'The id of the entry whose cookie records the answer: a cookie our server or page script sets, with a fixed name (no pattern), readable by script, in a category without consent. Its value follows from the categories; leave `value` out of its file.',
          ),
        version: z
          .number()
          .int()
          .positive()
          .describe(
            'Raise it when the optional categories change: everyone who answered under another version is asked again.',
          ),
        preferencesUrl: z
          .string()
          .optional()
          .describe(
            'Where people change their answer: a path on our site (`/cookies`) or an https link. The banner and the cookie table link to it.',
          ),
        sharedAcross: z
          .string()
          .optional()
          .describe(
            'A parent domain of the controller (one of controller.domains, or a domain below one) under which one answer holds for every service: the consent cookie is then set with `Domain=` that domain on each service whose hosts are under it, so an answer given on one is not asked again on the others, and each service asks only about the categories it uses that nobody has answered yet. A service outside it asks on its own. Leave it out for an answer per host.',
          ),
        keepRecords: z
          .string()
          .optional()
          .describe(
            'How long we keep the record of each answer (with the words the person was shown) before `consent prune` deletes it: a number and a unit, written like a lifetime ("4 years", "48 months", or in the catalog\'s languages, "4 år"); no ranges and no "about". Leave it out for the default: the consent cookie\'s lifetime plus three years (one year plus three if it is a session cookie). It cannot be shorter than the consent cookie\'s lifetime, since a record proves an answer the person may still rely on; validate warns above 10 years (storage limitation, GDPR art. 5(1)(e)). The policy states the period in every language.',
          ),
      })
      .optional()
      .describe('How we ask for consent and keep the answer (@cookie-catalog/consent).'),
    packages: z
      .strictObject({
        scope: z
          .string()
          .regex(
            /^@[a-z0-9][a-z0-9._~-]*$/,
            'is not an npm scope: @ and lower-case letters, such as @acme',
          )
          .describe('Your npm scope, e.g. `@acme`.'),
        prefix: z
          .string()
          .regex(
            /^([a-z0-9][a-z0-9._~-]*)?$/,
            'may hold only lower-case letters, digits, ".", "_", "~" and "-"',
          )
          .optional()
          .describe('What every package name starts with after the scope (default `cookies-`).'),
      })
      .optional()
      .describe(
        'The npm names of the generated packages: `<scope>/<prefix>server`, `…client`, `…policy-table`, `…docs`, `…consent` (e.g. @acme/cookies-server). Without it they are @cookie-catalog/server and so on.',
      ),
    services: z
      .array(serviceSchema)
      .min(1)
      .optional()
      .describe(
        'The services the catalog covers, in the order shown: each with its own hosts and table. Leave it out for one site: the catalog is then one implicit service, `site`, which every entry is on.',
      ),
    categories: z.array(categorySchema).min(1).describe('The categories, in the order shown.'),
    authorities: z
      .array(authoritySchema)
      .min(1)
      .describe('Supervisory authorities: one for cookies, one for personal data.'),
    sections: z
      .array(z.string())
      .min(1)
      .describe('The prose sections, in order; each is sections/<locale>/<id>.md.'),
    labels: labelsSchema.optional(),
    durationWords: z
      .record(
        z.string(),
        z.partialRecord(
          z.enum(['second', 'minute', 'hour', 'day', 'week', 'month', 'year']),
          z
            .record(z.string(), z.string())
            .describe('One text per plural category (one, other, …), with {n} for the number.'),
        ),
      )
      .optional()
      .describe(
        'Per locale, words for durations where the standard (Intl/CLDR) ones are not what we want, e.g. sv: { day: { one: "{n} dag", other: "{n} dagar" } } instead of "dygn".',
      ),
  })
  .describe('The policy as a whole: catalog/policy.yaml.');

/** An entry file as written: what the page states, nothing more. */
export type StatedEntryInput = z.infer<typeof entrySchema>;
type StatedProvider = NonNullable<StatedEntryInput['provider']>;
/**
 * An entry file with what follows from it filled in (entry-facts.ts): the provider is present and
 * its party known, and a nameless group has a name that matches any name. `setBy` and
 * `provider.domain` stay undefined where the page does not state them.
 */
export type EntryInput = Omit<StatedEntryInput, 'provider' | 'name'> & {
  readonly provider: StatedProvider & { readonly party: 'first' | 'third' };
  /** As written, or `{name}` (any name) for a group of cookies the page lists without names. */
  readonly name: string;
  /** The page lists the entry without a name: it stands for every cookie of its domain. */
  readonly group?: true;
};
export type PolicyInput = z.infer<typeof policySchema>;
export type ServiceInput = z.infer<typeof serviceSchema>;
export type ValueInput = z.infer<typeof valueSchema>;
