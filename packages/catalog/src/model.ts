import type { Duration } from './lifetime.js';
import type { NamePart } from './name-pattern.js';

/*
 * The normalized, immutable catalog that generators read. Everything here has passed validation:
 * a generator may rely on every invariant documented below without checking it again.
 */

export type Locale = string;
/** One text per configured locale; every configured locale is present and non-empty. */
export type LocalizedText = Readonly<Record<Locale, string>>;

export type EntryKind =
  | 'cookie'
  | 'localStorage'
  | 'sessionStorage'
  | 'indexedDB'
  | 'cacheStorage'
  | 'pixel';
export type Party = 'first' | 'third';
/**
 * `server`/`client`: our own code (and only these get generated code); `vendor`: another company's
 * software on our own domain; `provider`: a third party on its own domain.
 */
export type SetBy = 'server' | 'client' | 'vendor' | 'provider';
export type SameSite = 'Strict' | 'Lax' | 'None';

export type Lifetime =
  /** A cookie without Max-Age, or sessionStorage: gone when the browser session ends. */
  | { readonly kind: 'session' }
  /** Stored until deleted: local storage, which has no expiry of its own. */
  | { readonly kind: 'persistent' }
  /** Nothing is stored on the device (a pixel). */
  | { readonly kind: 'none' }
  /** The provider does not say. Never for what our own code sets. */
  | { readonly kind: 'unknown' }
  /**
   * A duration: for a cookie our code sets, exactly its Max-Age (whole, at most 400 days);
   * otherwise as the page states it, possibly `approximate` or below a second.
   */
  | ({ readonly kind: 'duration' } & Duration)
  /**
   * Another company's own statement (setBy: provider or vendor), or a range the page states for
   * an entry without generated code. `keptSeconds` is what browsers actually keep of the longest
   * stated part: capped at 400 days (bis §5.5); 0 for a session.
   */
  | {
      readonly kind: 'provider-stated';
      readonly stated:
        | { readonly kind: 'forever' }
        | { readonly kind: 'session' }
        | ({ readonly kind: 'duration' } & Duration)
        | { readonly kind: 'range'; readonly from: Duration; readonly to: Duration };
      /** It also ends after this long without activity, when that comes first. */
      readonly inactivity?: Duration;
      readonly keptSeconds: number;
      readonly note?: LocalizedText;
    };

export interface NameParameter {
  readonly name: string;
  readonly type: 'string' | 'integer';
  /** Source of a regular expression the whole parameter must match. */
  readonly pattern?: string;
  readonly maxLength?: number;
  /** The catalog's example, or one derived from the declaration when the catalog gives none. */
  readonly example: string | number;
  /** What the parameter stands for; absent when the cookie page does not say. */
  readonly description?: LocalizedText;
}

export interface CookieName {
  /** As written in the catalog: `csrftoken`, `sub-{id}`. */
  readonly pattern: string;
  readonly parts: readonly NamePart[];
  /** In the order they appear in the name. Empty for a fixed name. */
  readonly parameters: readonly NameParameter[];
}

export interface CookieAttributes {
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly sameSite: SameSite;
  readonly path: string;
  /** Undefined for a host-only cookie. */
  readonly domain?: string;
  readonly partitioned: boolean;
}

export type JsonFieldType =
  | { readonly type: 'boolean' }
  | { readonly type: 'integer' }
  | { readonly type: 'string' }
  | { readonly type: 'enum'; readonly values: readonly string[] };

export type ValueType =
  | {
      readonly type: 'string';
      readonly pattern?: string;
      readonly maxLength?: number;
      readonly encoding: 'raw' | 'uri' | 'base64url';
      /** A realistic value that satisfies the declaration. */
      readonly example: string;
    }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'integer'; readonly min?: number; readonly max?: number }
  | { readonly type: 'boolean' }
  | {
      readonly type: 'json';
      readonly fields: readonly { readonly name: string; readonly type: JsonFieldType }[];
      readonly encoding: 'uri' | 'base64url';
    };

export interface Provider {
  readonly name: string;
  /** Undefined when the cookie page gives no domain: the policy says "not stated". */
  readonly domain: string | undefined;
  readonly privacyPolicy?: string;
  readonly cookiePolicy?: string;
}

export interface CatalogEntry {
  readonly id: string;
  /** PascalCase basis of generated names: `access_token` → `AccessToken` → `setAccessToken`. */
  readonly functionName: string;
  readonly name: CookieName;
  readonly kind: EntryKind;
  readonly party: Party;
  readonly provider: Provider;
  /**
   * Undefined when the page does not say who sets one of our own entries: it is documented and
   * gets no generated code. A third party's entry is always set by its `provider`.
   */
  readonly setBy: SetBy | undefined;
  /** The id of a declared category. */
  readonly category: string;
  readonly lifetime: Lifetime;
  /**
   * The day (YYYY-MM-DD) from which we no longer set it. A retired entry stays in the policy while
   * browsers may still hold it; of its generated code only what deletes it remains.
   */
  readonly retired?: string;
  readonly purpose: LocalizedText;
  /** To whom the data goes, as the page names them (GDPR art. 13(1)(e)). */
  readonly recipients?: readonly string[];
  /**
   * A vendor's group of cookies the page lists without names: the entry stands for every cookie
   * (or key) of `provider.domain`, and its name is an unnamed pattern that matches any name.
   * Never set by our own code, never deleted by name.
   */
  readonly group?: true;
  readonly stores?: LocalizedText;
  readonly note?: LocalizedText;
  /** Present exactly for cookies our code sets (isFirstPartyCookie), defaults filled in. */
  readonly attributes?: CookieAttributes;
  /** Present exactly for cookies our code sets (isFirstPartyCookie), defaults filled in. */
  readonly value?: ValueType;
  /** Where a vendor's cookie on our domain lives, when the catalog says: what deleting it needs. */
  readonly location?: {
    readonly path: string;
    readonly domain?: string;
    /** In a partitioned jar (CHIPS): deleting it needs `Partitioned` (and so `Secure`). */
    readonly partitioned?: true;
  };
  /**
   * The ids of the services whose pages use it, in the order of Catalog.services: as the entry
   * lists them, or every service when it lists none (always the implicit one when policy.yaml
   * declares no services). Never empty.
   */
  readonly services: readonly string[];
  /**
   * For a cookie with a `Domain` (its attributes.domain, or a vendor's location.domain): the ids
   * of the declared services with a stated host under that domain, or, with no hosts stated,
   * whose `domain` is that domain or below it (so every host of it is), in the order of
   * Catalog.services. The browser sends the cookie to them whether or not they list it, so the
   * table of each can say so. Undefined for a host-only cookie, for anything that is not a
   * cookie, and in a catalog that declares no services; empty when no service is known to be
   * under the domain (a service with neither hosts nor domain stated is never counted: that it
   * is reached is not known).
   */
  readonly reaches?: readonly string[];
  /** The file it came from, relative to the catalog directory, with `/` separators. */
  readonly source: string;
}

/** A first-party HTTP cookie: the only kind of entry that gets setters and readers. */
export interface FirstPartyCookie extends CatalogEntry {
  readonly kind: 'cookie';
  readonly party: 'first';
  readonly setBy: 'server' | 'client';
  readonly attributes: CookieAttributes;
  readonly value: ValueType;
}

/** A cookie our own code sets on our own domain: the entries that get generated code. */
export function isFirstPartyCookie(entry: CatalogEntry): entry is FirstPartyCookie {
  return (
    entry.kind === 'cookie' &&
    entry.party === 'first' &&
    (entry.setBy === 'server' || entry.setBy === 'client')
  );
}

/**
 * Whether the catalog says we no longer set this entry (`retired`). Retired first-party cookies
 * still get code, but only what deletes them.
 */
export function isRetired(
  entry: CatalogEntry,
): entry is CatalogEntry & { readonly retired: string } {
  return entry.retired !== undefined;
}

/** The id of the one service of a catalog whose policy.yaml declares none. */
export const IMPLICIT_SERVICE_ID = 'site';

/** Who runs a service: our own code, or another company's software (a hosted help centre). */
export type ServiceOperator =
  | { readonly kind: 'us' }
  | { readonly kind: 'vendor'; readonly vendor: string };

/**
 * A site or app with its own pages and hosts (policy.yaml `services`). A catalog without
 * `services:` has exactly one, implicit: id `site` (IMPLICIT_SERVICE_ID), named after the
 * controller, run by us, hosts not stated, and on it every entry.
 */
export interface Service {
  /** Lowercase letters, digits and hyphens; unique. */
  readonly id: string;
  readonly name: LocalizedText;
  /**
   * Lowercase host names, each the controller's own (within controller.domains); undefined when
   * the catalog does not state them (never guessed), and for the implicit service.
   */
  readonly hosts: readonly string[] | undefined;
  /**
   * policy.yaml `domain`: the domain its hosts are under, where the catalog states that but not
   * the hosts (lowercase, as written, the controller's own); every stated host is under it.
   * undefined when not stated, and for the implicit service.
   */
  readonly domain: string | undefined;
  /** `vendor`: our server code and page scripts do not run on its pages. */
  readonly runBy: ServiceOperator;
  /** https link to where this service's policy is published, where stated. */
  readonly policyUrl: string | undefined;
  /** True only for the one service of a catalog that declares none. */
  readonly implicit: boolean;
}

/** Google Consent Mode v2 consent types a category can grant. */
export const CONSENT_MODE_TYPES = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
] as const;
export type ConsentModeType = (typeof CONSENT_MODE_TYPES)[number];

/** policy.yaml `consent`: how the answer to the consent question is kept. */
export interface ConsentSettings {
  /** The id of the entry whose cookie records the answer (a cookie our code sets). */
  readonly cookie: string;
  /** Raised when the optional categories change: an answer under another version is asked again. */
  readonly version: number;
  /** Where people change their answer: a path on our site or an https link. */
  readonly preferencesUrl: string | undefined;
  /** How long each recorded answer is kept: `consent prune` deletes older records. */
  readonly keepRecords: RecordRetention;
  /**
   * policy.yaml `consent.sharedAcross`: the parent domain under which one answer holds for every
   * service (the consent cookie is set with that Domain there); undefined for an answer per host.
   */
  readonly sharedAcross: string | undefined;
  /**
   * The declared services that share the answer: those whose stated hosts are all under
   * sharedAcross, or, with no hosts stated, whose `domain` is sharedAcross or below it, in the
   * order of Catalog.services. Empty without sharedAcross (which validate
   * allows only with declared services).
   */
  readonly sharedBy: readonly string[];
}

/**
 * How long records of consent are kept (policy.yaml `consent.keepRecords`). Never shorter than
 * the consent cookie's lifetime: a record proves an answer the person may still rely on.
 */
export interface RecordRetention {
  /** In whole seconds: `consent prune` deletes a record older than this. */
  readonly seconds: number;
  /**
   * The period as the policy states it: as written ("48 months" stays 48 months), or for the
   * default in the largest unit that divides it exactly (1 year + 3 years → 4 years).
   */
  readonly duration: Duration;
  /**
   * `stated`: written in policy.yaml; `default`: not written, so the consent cookie's lifetime
   * plus three years (a session cookie counting as one year).
   */
  readonly origin: 'stated' | 'default';
  /** keepRecords as written in policy.yaml; undefined for the default. */
  readonly written: string | undefined;
}

/** The generated packages, and the npm name of each (policy.yaml `packages`). */
export const GENERATED_PACKAGES = ['server', 'client', 'policy-table', 'docs', 'consent'] as const;
export type GeneratedPackage = (typeof GENERATED_PACKAGES)[number];

/** The npm names of the generated packages: `@acme/cookies-server`, or `@cookie-catalog/server`. */
export function packageNamesOf(
  packages: { readonly scope: string; readonly prefix?: string | undefined } | undefined,
): Readonly<Record<GeneratedPackage, string>> {
  const scope = packages?.scope ?? '@cookie-catalog';
  const prefix = packages ? (packages.prefix ?? 'cookies-') : '';
  return Object.fromEntries(
    GENERATED_PACKAGES.map((name) => [name, `${scope}/${prefix}${name}`]),
  ) as Record<GeneratedPackage, string>;
}

/** The categories of the Open Cookie Database (github.com/jkwakman/Open-Cookie-Database). */
export const OCD_CATEGORIES = [
  'Functional',
  'Personalization',
  'Analytics',
  'Marketing',
  'Security',
] as const;
export type OcdCategory = (typeof OCD_CATEGORIES)[number];

export interface Category {
  readonly id: string;
  readonly consentRequired: boolean;
  readonly label: LocalizedText;
  readonly description: LocalizedText;
  /**
   * IAB TCF purpose and special purpose ids, sorted. Purpose 1 is present exactly when consent is
   * required (the TCF's marker for storage subject to ePrivacy consent).
   */
  readonly tcf: {
    readonly purposes: readonly number[];
    readonly specialPurposes: readonly number[];
  };
  /** Undefined only for a category that needs consent and names none: the OCD export refuses. */
  readonly openCookieDatabase: OcdCategory | undefined;
  /** The Google Consent Mode v2 types this category grants when people say yes. */
  readonly consentMode: readonly ConsentModeType[];
}

export interface Authority {
  readonly id: string;
  readonly supervises: 'cookies' | 'personal-data' | 'both';
  readonly name: LocalizedText;
  readonly url: LocalizedText;
}

export interface PolicySection {
  /** `cookie-table` marks where the generated tables go; its markdown is empty. */
  readonly id: string;
  /** Markdown written by legal, per locale. Render with raw HTML off. */
  readonly markdown: LocalizedText;
}

/** The words around the catalog's data in generated tables and pages (policy.yaml `labels`). */
export type LabelKey =
  | 'name'
  | 'provider'
  | 'lifetime'
  | 'purpose'
  | 'firstParty'
  | 'thirdParty'
  | 'privacyPolicy'
  | 'consentRequired'
  | 'noConsent'
  | 'session'
  | 'persistent'
  | 'none'
  | 'forever'
  | 'keptByBrowsers'
  | 'parameter'
  | 'localStorage'
  | 'sessionStorage'
  | 'indexedDB'
  | 'cacheStorage'
  | 'pixel'
  | 'policyTitle'
  | 'versionLine'
  | 'controller'
  | 'dpo'
  | 'authorities'
  | 'languages'
  | 'unknownLifetime'
  | 'domainNotStated'
  | 'approximately'
  | 'recipients'
  | 'cookieGroup'
  | 'lifetimeRange'
  | 'inactivity'
  | 'setOnOurSiteBy'
  | 'retired'
  | 'consentBannerTitle'
  | 'consentBannerText'
  | 'consentAccept'
  | 'consentReject'
  | 'consentChoose'
  | 'consentSave'
  | 'consentAccepted'
  | 'consentRejected'
  | 'consentSaved'
  | 'consentChange'
  | 'consentGpc'
  | 'consentNotDeleted'
  | 'consentReasonThirdParty'
  | 'consentReasonPathUnknown'
  | 'consentReasonNotSent'
  | 'consentReasonOtherService'
  | 'consentYes'
  | 'consentNo'
  | 'consentRecords'
  | 'serviceScope'
  | 'sentToServices'
  | 'consentSharedWith'
  | 'servicesTitle'
  | 'siteSkipToContent'
  | 'siteOutline'
  | 'siteReturnToTop'
  | 'siteLanguageMenu'
  | 'sitePreviousPage'
  | 'siteNextPage'
  | 'siteLastUpdated'
  | 'siteAppearance'
  | 'siteLightMode'
  | 'siteDarkMode'
  | 'siteMenu'
  | 'siteNotFoundTitle'
  | 'siteNotFoundText'
  | 'siteHome';

export interface Catalog {
  readonly version: string;
  /** YYYY-MM-DD. */
  readonly lastUpdated: string;
  readonly locales: readonly Locale[];
  readonly defaultLocale: Locale;
  readonly controller: {
    /** The name in the default locale (a first-party provider's name). */
    readonly name: string;
    /** The name in every locale: the same name, or the one policy.yaml gives per locale. */
    readonly names: LocalizedText;
    readonly website: string;
    readonly email?: string;
    /** The controller's own domains (policy.yaml, or the website's host without `www.`). */
    readonly domains: readonly string[];
  };
  readonly dpo: { readonly email: string };
  /** How consent is recorded; undefined when policy.yaml names no consent cookie. */
  readonly consent: ConsentSettings | undefined;
  /** The npm name of each generated package (policy.yaml `packages`). */
  readonly packages: Readonly<Record<GeneratedPackage, string>>;
  /**
   * The services, in the order declared; never empty: without `services:` in policy.yaml, the one
   * implicit service (IMPLICIT_SERVICE_ID) that every entry is on.
   */
  readonly services: readonly Service[];
  /**
   * Set only on the view of one service (catalogOfService): the service whose own table, policy,
   * exports or code is being made from it; `entries` then holds only what that service uses.
   */
  readonly scope?: Service;
  /** In the order declared; categories without consent first. */
  readonly categories: readonly Category[];
  readonly authorities: readonly Authority[];
  /** Sorted by category order, then by id. */
  readonly entries: readonly CatalogEntry[];
  readonly sections: readonly PolicySection[];
  readonly labels: Readonly<Record<LabelKey, LocalizedText>>;
  /**
   * Per locale and unit, words for durations by plural category (`one`, `other`, …) with `{n}`
   * for the number; where absent, Intl's words are used.
   */
  readonly durationWords: Readonly<
    Record<Locale, Readonly<Record<string, Readonly<Record<string, string>>>>>
  >;
}
