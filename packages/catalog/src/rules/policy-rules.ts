import { builtInLabel, OPTIONAL_LABELS } from '../built-in-labels.js';
import { isCalendarDate } from '../calendar-date.js';
import { controllerDomainsOf } from '../entry-facts.js';
import { languageName } from '../language-name.js';
import { checkLink, isEmailAddress } from '../links.js';
import type { LabelKey } from '../model.js';
import { LONG_RECORD_RETENTION_SECONDS, parseRecordRetention } from '../record-retention.js';
import type { PolicyInput } from '../schema.js';
import type { CatalogContext, FileReport } from './check-context.js';
import { checkPolicyPlaceholderDomains } from './placeholder-domain-rules.js';
import { checkServices, sharingProblem } from './service-rules.js';
import { checkLocalizedText } from './text-rules.js';

const SIMPLE_ID = /^[a-z][a-z0-9-]*$/;
/** Labels that are sentences with data in them; each translation must keep the slots. */
const LABEL_PLACEHOLDERS: Readonly<Record<string, readonly string[]>> = {
  keptByBrowsers: ['stated', 'kept'],
  parameter: ['name', 'meaning'],
  versionLine: ['version', 'date'],
  lifetimeRange: ['from', 'to'],
  inactivity: ['stated', 'inactive'],
  setOnOurSiteBy: ['vendor'],
  retired: ['date'],
  consentBannerTitle: ['controller'],
  approximately: ['duration'],
  recipients: ['recipients'],
  cookieGroup: ['provider'],
  consentRecords: ['period'],
  serviceScope: ['service'],
  sentToServices: ['services'],
  consentSharedWith: ['services'],
  consentReasonOtherService: ['services'],
};

/** Every rule policy.yaml must satisfy on its own. */
export function checkPolicy(report: FileReport, policy: PolicyInput): CatalogContext {
  const locales = checkLocales(report, policy);
  const context: CatalogContext = {
    locales,
    defaultLocale: policy.defaultLocale,
    categories: new Set(policy.categories.map((c) => c.id)),
    lastUpdated: isCalendarDate(policy.lastUpdated) ? policy.lastUpdated : undefined,
    controller: {
      ownDomains: controllerDomainsOf(policy.controller),
      name:
        typeof policy.controller.name === 'string'
          ? policy.controller.name
          : policy.controller.name[policy.defaultLocale],
    },
    services: [...new Set((policy.services ?? []).map((s) => s.id))],
  };
  if (!/^\d+(\.\d+){0,2}$/.test(policy.version) && !isCalendarDate(policy.version)) {
    report.add(
      'schema/value',
      ['version'],
      `the version "${policy.version}" is neither a version number nor a date`,
      'write e.g. "3.0", or the date of the version as YYYY-MM-DD',
    );
  }
  if (!isCalendarDate(policy.lastUpdated)) {
    report.add(
      'policy/date',
      ['lastUpdated'],
      `"${policy.lastUpdated}" is not a calendar date`,
      'write the date as YYYY-MM-DD, e.g. 2026-11-26',
    );
  }
  checkPolicyPlaceholderDomains(report, policy);
  const website = checkLink(policy.controller.website);
  if (!website.ok)
    report.add('link/scheme', ['controller', 'website'], website.reason, 'write an https:// link');
  for (const path of [
    ['controller', 'email'],
    ['dpo', 'email'],
  ] as const) {
    const address = path[0] === 'dpo' ? policy.dpo.email : policy.controller.email;
    if (address !== undefined && !isEmailAddress(address)) {
      report.add(
        'policy/email',
        path,
        `"${address}" is not an e-mail address`,
        'write it as name@example.com',
      );
    }
  }
  const preferences = policy.consent?.preferencesUrl;
  if (preferences !== undefined && !/^\/(?!\/)[^\s<>"'\\]*$/.test(preferences)) {
    const link = checkLink(preferences);
    if (!link.ok)
      report.add(
        'link/scheme',
        ['consent', 'preferencesUrl'],
        `${link.reason}; or a path on our own site`,
        'write a path such as /cookies, or an https:// link',
      );
  }
  checkRecordRetention(report, policy);
  checkServices(report, context, policy);
  checkSharedAcross(report, policy);
  checkUniqueIds(report, 'categories', policy.categories);
  checkUniqueIds(report, 'authorities', policy.authorities);
  policy.categories.forEach((category, index) => {
    checkLocalizedText(report, context, ['categories', index, 'label'], category.label);
    checkLocalizedText(report, context, ['categories', index, 'description'], category.description);
    checkTcfPurposes(report, category, index);
  });
  if (typeof policy.controller.name === 'object') {
    checkLocalizedText(report, context, ['controller', 'name'], policy.controller.name);
  }
  policy.authorities.forEach((authority, index) => {
    checkLocalizedText(report, context, ['authorities', index, 'name'], authority.name);
    checkLocalizedText(report, context, ['authorities', index, 'url'], authority.url);
    for (const [locale, url] of Object.entries(authority.url)) {
      const checked = checkLink(url);
      if (!checked.ok) {
        report.add(
          'link/scheme',
          ['authorities', index, 'url', locale],
          checked.reason,
          'write an https:// link',
        );
      }
    }
  });
  checkBuiltInLabels(report, policy, locales);
  for (const [key, text] of Object.entries(policy.labels ?? {})) {
    if (text === undefined) continue;
    // Words written for some locales only: the others keep the tool's built-in words.
    checkLocalizedText(
      report,
      context,
      ['labels', key],
      text,
      (locale) => builtInLabel(key as LabelKey, locale) !== undefined,
    );
    for (const placeholder of LABEL_PLACEHOLDERS[key] ?? []) {
      for (const [locale, value] of Object.entries(text)) {
        if (!value.includes(`{${placeholder}}`)) {
          report.add(
            'i18n/placeholder',
            ['labels', key, locale],
            `labels.${key} in ${locale} lacks {${placeholder}}, where the generated text puts the ${placeholder}`,
            `write {${placeholder}} in the sentence, as in the other languages`,
          );
        }
      }
    }
  }
  for (const [locale, units] of Object.entries(policy.durationWords ?? {})) {
    if (context.locales && !context.locales.includes(locale)) {
      report.add(
        'i18n/unknown-locale',
        ['durationWords', locale],
        `"${locale}" is not one of the policy's locales`,
        'remove it, or add the locale',
        { key: true },
      );
      continue;
    }
    const categories = new Intl.PluralRules(locale).resolvedOptions()
      .pluralCategories as readonly string[];
    for (const [unit, forms] of Object.entries(units)) {
      if (!('other' in forms)) {
        report.add(
          'i18n/placeholder',
          ['durationWords', locale, unit],
          `durationWords.${locale}.${unit} has no "other" form`,
          'add other: "{n} …"',
          { key: true },
        );
      }
      for (const [category, text] of Object.entries(forms)) {
        if (!categories.includes(category)) {
          report.add(
            'i18n/placeholder',
            ['durationWords', locale, unit, category],
            `"${category}" is not a plural category of ${locale} (${categories.join(', ')})`,
            `use ${categories.join(', ')}`,
            { key: true },
          );
        } else if (!text.includes('{n}')) {
          report.add(
            'i18n/placeholder',
            ['durationWords', locale, unit, category],
            `the text lacks {n}, where the number goes`,
            'write {n} in it, e.g. "{n} dagar"',
          );
        }
      }
    }
  }
  for (const supervises of ['cookies', 'personal-data'] as const) {
    if (!policy.authorities.some((a) => a.supervises === supervises || a.supervises === 'both')) {
      report.add(
        'policy/authority',
        ['authorities'],
        `no authority supervises ${supervises === 'cookies' ? 'cookies' : 'personal data'}`,
        `add the authority people can complain to, with supervises: ${supervises} (or both, where one authority does both)`,
        { key: true },
      );
    }
  }
  policy.sections.forEach((section, index) => {
    if (!SIMPLE_ID.test(section)) {
      report.add(
        'policy/section',
        ['sections', index],
        `"${section}" cannot be a file name`,
        'use lowercase letters, digits and hyphens, e.g. what-are-cookies',
      );
    }
  });
  if (new Set(policy.sections).size !== policy.sections.length) {
    report.add(
      'policy/section',
      ['sections'],
      'a section is listed twice',
      'list each section once',
      { key: true },
    );
  }
  return context;
}

function checkLocales(report: FileReport, policy: PolicyInput): readonly string[] | undefined {
  let ok = true;
  policy.locales.forEach((locale, index) => {
    let canonical: string | undefined;
    try {
      canonical = Intl.getCanonicalLocales(locale)[0];
    } catch {
      canonical = undefined;
    }
    if (canonical !== locale) {
      ok = false;
      report.add(
        'i18n/locale',
        ['locales', index],
        `"${locale}" is not a language tag`,
        canonical ? `write "${canonical}"` : 'use a BCP 47 tag such as en, sv or de-CH',
      );
    }
  });
  if (new Set(policy.locales).size !== policy.locales.length) {
    ok = false;
    report.add('i18n/locale', ['locales'], 'a locale is listed twice', 'list each locale once', {
      key: true,
    });
  }
  if (!policy.locales.includes(policy.defaultLocale)) {
    report.add(
      'policy/default-locale',
      ['defaultLocale'],
      `the default locale "${policy.defaultLocale}" is not one of the locales (${policy.locales.join(', ')})`,
      `use one of ${policy.locales.join(', ')}`,
    );
  }
  return ok ? policy.locales : undefined;
}

/**
 * consent.keepRecords: one exact period. Whether it outlives the consent cookie is checked with
 * the entries (catalog-rules.ts).
 */
function checkRecordRetention(report: FileReport, policy: PolicyInput): void {
  const text = policy.consent?.keepRecords;
  if (text === undefined) return;
  const parsed = parseRecordRetention(text, policy.locales);
  if (!parsed.ok) {
    report.add(
      'consent/keep-records',
      ['consent', 'keepRecords'],
      `consent.keepRecords: ${parsed.reason}`,
      parsed.fix,
    );
    return;
  }
  if (parsed.duration.seconds > LONG_RECORD_RETENTION_SECONDS) {
    report.add(
      'consent/keep-records-long',
      ['consent', 'keepRecords'],
      `consent.keepRecords "${text}" is more than 10 years: personal data may be kept only as long as its purpose needs (storage limitation), and proving an answer rarely needs that long`,
      "keep records for the consent cookie's lifetime plus the time in which a claim about the answer can be brought; leave keepRecords out for the cookie's lifetime plus three years",
    );
  }
}

/**
 * consent.sharedAcross: a domain browsers accept as a cookie's Domain on the services under it,
 * the controller's own; with services declared, at least one whose hosts are all under it (or,
 * hosts not stated, its domain).
 */
function checkSharedAcross(report: FileReport, policy: PolicyInput): void {
  const parent = policy.consent?.sharedAcross;
  if (parent === undefined) return;
  const problem = sharingProblem(policy, parent);
  if (problem)
    report.add('consent/shared-across', ['consent', 'sharedAcross'], problem.reason, problem.fix);
}

function checkUniqueIds(
  report: FileReport,
  key: 'categories' | 'authorities',
  items: readonly { id: string }[],
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (!SIMPLE_ID.test(item.id)) {
      report.add(
        'schema/value',
        [key, index, 'id'],
        `"${item.id}" is not a simple id`,
        'use lowercase letters, digits and hyphens',
      );
    }
    if (seen.has(item.id)) {
      report.add(
        'catalog/duplicate-id',
        [key, index, 'id'],
        `"${item.id}" is declared twice in ${key}`,
        'give each a unique id',
      );
    }
    seen.add(item.id);
  });
}

/**
 * Labels only some catalogs show: a locale without built-in words needs them only when an entry
 * uses them (checked with the entries, catalog-rules.ts), so catalogs without such entries stay
 * valid as they were.
 */
export const LABELS_WHEN_USED: ReadonlySet<LabelKey> = new Set([
  'domainNotStated',
  'approximately',
  'recipients',
  'cookieGroup',
]);

/**
 * Labels only a catalog with `consent:` shows: a locale without built-in words needs them only
 * then, so catalogs without consent stay valid as they were.
 */
export const LABELS_WITH_CONSENT: ReadonlySet<LabelKey> = new Set(['consentRecords']);

/**
 * Labels only a catalog with `services:` shows (each service's own page, the page listing them):
 * a locale without built-in words needs them only then.
 */
export const LABELS_WITH_SERVICES: ReadonlySet<LabelKey> = new Set([
  'serviceScope',
  'servicesTitle',
  'sentToServices',
  'consentSharedWith',
  'consentReasonOtherService',
]);

/** The labels of `keys` that neither policy.yaml nor the tool has words for in `locale`. */
export function missingLabels(
  policy: PolicyInput,
  locale: string,
  keys: Iterable<LabelKey>,
): LabelKey[] {
  const labels = (policy.labels ?? {}) as Partial<Record<string, Record<string, string>>>;
  return [...keys].filter(
    (key) => labels[key]?.[locale] === undefined && builtInLabel(key, locale) === undefined,
  );
}

/**
 * Labels with built-in texts may be left out; for a locale the tool has no words for, one error
 * lists every label still to write.
 */
function checkBuiltInLabels(
  report: FileReport,
  policy: PolicyInput,
  locales: readonly string[] | undefined,
): void {
  for (const locale of locales ?? []) {
    const missing = missingLabels(policy, locale, OPTIONAL_LABELS).filter(
      (key) =>
        !LABELS_WHEN_USED.has(key) &&
        (policy.consent || !LABELS_WITH_CONSENT.has(key)) &&
        (policy.services || !LABELS_WITH_SERVICES.has(key)),
    );
    if (missing.length === 0) continue;
    report.add(
      'i18n/missing-translation',
      ['labels'],
      `the tool has no built-in ${languageName(locale)} (${locale}) words for ${missing.join(', ')}`,
      `add them under labels, e.g. ${missing[0]}: { ${locale}: "${builtInLabel(missing[0] ?? 'unknownLifetime', 'en')}" } in ${languageName(locale)}`,
      { key: true },
    );
  }
}

/** GVL v3 (TCF 2.2): purposes 1–11, special purposes 1–3. */
const TCF_PURPOSES = 11;
const TCF_SPECIAL_PURPOSES = 3;

function checkTcfPurposes(
  report: FileReport,
  category: PolicyInput['categories'][number],
  index: number,
): void {
  if (!category.tcf) return;
  const path = ['categories', index, 'tcf'];
  for (const [key, max] of [
    ['purposes', TCF_PURPOSES],
    ['specialPurposes', TCF_SPECIAL_PURPOSES],
  ] as const) {
    (category.tcf[key] ?? []).forEach((id, i) => {
      if (id < 1 || id > max) {
        report.add(
          'policy/tcf-purposes',
          [...path, key, i],
          `${id} is not a TCF ${key === 'purposes' ? 'purpose' : 'special purpose'} id`,
          `use ids 1 to ${max} from the Global Vendor List`,
        );
      }
    });
  }
  const hasOne = category.tcf.purposes.includes(1);
  if (hasOne !== category.consentRequired) {
    report.add(
      'policy/tcf-purposes',
      [...path, 'purposes'],
      category.consentRequired
        ? `category "${category.id}" needs consent, but its TCF purposes lack 1 ("store and/or access information on a device"), which is how the TCF says consent is required`
        : `category "${category.id}" needs no consent, but its TCF purposes include 1, which tells consent tools that consent is required`,
      category.consentRequired
        ? 'add 1 to tcf.purposes'
        : 'remove 1 from tcf.purposes, or set consentRequired: true',
    );
  }
}
