import type { Severity } from './severity.js';

interface RuleInfo {
  readonly severity: Severity;
  readonly citation: string;
  /** One line for the README and `validate --rules`. */
  readonly summary: string;
}

const BIS = 'RFC 6265bis';

/**
 * Every rule the catalog is checked against. The id is what `validate` prints, so it is stable:
 * tests, docs and people's muscle memory depend on it.
 */
export const RULES = {
  // The file itself
  'yaml/syntax': rule('error', 'YAML 1.2', 'The file is well-formed YAML.'),
  'yaml/duplicate-key': rule('error', 'YAML 1.2 §3.2.1.1', 'A key appears once per mapping.'),
  'yaml/alias': rule('error', 'catalog safety', 'No anchors or aliases (they allow alias bombs).'),
  'yaml/merge-key': rule('error', 'catalog safety', 'No `<<` merge keys.'),
  'yaml/tag': rule('error', 'catalog safety', 'No explicit tags such as `!!str` or `!custom`.'),
  'yaml/directive': rule('error', 'catalog safety', 'No `%YAML` or `%TAG` directives.'),
  'yaml/multiple-documents': rule('error', 'catalog safety', 'One YAML document per file.'),
  'yaml/reserved-key': rule(
    'error',
    'catalog safety',
    'No `__proto__`, `constructor` or `prototype` keys.',
  ),
  'yaml/too-deep': rule('error', 'catalog safety', 'Nesting stays shallow.'),
  'yaml/empty': rule('error', 'catalog format', 'The file has content.'),
  // Shape (zod schema)
  'schema/unknown-key': rule(
    'error',
    'catalog schema',
    'Only documented keys; a typo is an error.',
  ),
  'schema/missing-key': rule('error', 'catalog schema', 'Every required key is present.'),
  'schema/type': rule('error', 'catalog schema', 'Each value has the documented type.'),
  'schema/value': rule('error', 'catalog schema', 'Each value is one of the documented choices.'),
  // The catalog as a whole
  'catalog/missing-file': rule('error', 'catalog format', 'policy.yaml and cookies/ exist.'),
  'catalog/file-type': rule(
    'error',
    'catalog format',
    'cookies/ holds only .yaml files; files are regular files, folders are folders.',
  ),
  'catalog/link': rule(
    'error',
    'catalog safety',
    'No symbolic links: the catalog reads only files inside its own folder.',
  ),
  'catalog/file-size': rule('error', 'catalog safety', 'No catalog file is larger than 2 MiB.'),
  'catalog/encoding': rule('error', 'catalog format', 'Catalog files are UTF-8.'),
  'catalog/ignored-file': rule(
    'warning',
    'catalog format',
    'Every file in cookies/ is read; hidden files are reported, not skipped.',
  ),
  'catalog/duplicate-id': rule('error', 'catalog format', 'Entry ids are unique.'),
  'catalog/duplicate-function-name': rule(
    'error',
    'generated API',
    'No two ids give the same generated function name.',
  ),
  'catalog/duplicate-cookie': rule(
    'error',
    `${BIS} §4.1.1`,
    'No two cookies share name, domain and path.',
  ),
  'catalog/unknown-category': rule(
    'error',
    'catalog format',
    'An entry names a declared category.',
  ),
  'catalog/unused-category': rule('warning', 'catalog format', 'Every category has an entry.'),
  // Services (policy.yaml `services`, an entry's `services`)
  'service/host': rule(
    'error',
    'RFC 1123 §2.1; RFC 6265bis §5.1.3',
    "A service's hosts are lowercase host names (no scheme, port, path or wildcard) within controller.domains.",
  ),
  'service/domain': rule(
    'error',
    'RFC 1123 §2.1; RFC 6265bis §5.1.3',
    "A service's domain (where its hosts are not stated) is a lowercase domain name (no scheme, port, path or wildcard) within controller.domains.",
  ),
  'service/host-outside-domain': rule(
    'error',
    `${BIS} §5.1.3 (domain-match)`,
    'Where a service states both its domain and its hosts, every host is under that domain.',
  ),
  'service/unknown': rule(
    'error',
    'catalog format',
    'An entry names services that policy.yaml declares, each once.',
  ),
  'service/unreachable': rule(
    'error',
    `${BIS} §5.7 (host-only-flag), §5.8.3, §5.1.3 (domain-match)`,
    'A cookie is only on services whose hosts can receive it: one our code sets host-only, on services our code runs on; one with a Domain, on services with a host (or, hosts not stated, their domain) under it.',
  ),
  'service/consent-cookie': rule(
    'error',
    'ePrivacy Directive art. 5(3); GDPR art. 7(1)',
    'Every service that asks for consent (uses a category that needs it) has the consent cookie among its entries.',
  ),
  'entry/id': rule('error', 'generated API', 'Ids are ASCII identifiers.'),
  'entry/party': rule(
    'error',
    'catalog format',
    'Who sets an entry fits its party and kind, and its party can be told.',
  ),
  'entry/party-domain': rule(
    'warning',
    'catalog format',
    "A stated party agrees with the domain: the controller's domains are first party.",
  ),
  'entry/group': rule(
    'error',
    'catalog format',
    "An entry without a name is another company's group of cookies on its stated domain.",
  ),
  'entry/set-by': rule(
    'warning',
    'generated API',
    'A cookie of ours says who sets it, or gets no typed code.',
  ),
  'entry/attributes': rule(
    'error',
    'catalog format',
    'First-party cookies declare attributes; others do not.',
  ),
  'entry/value': rule('error', 'catalog format', 'First-party cookies declare their value type.'),
  // Cookie protocol
  'cookie/name': rule(
    'error',
    `${BIS} §4.1.1 (token, RFC 9110 §5.6.2)`,
    'Cookie names are tokens.',
  ),
  'cookie/name-pattern': rule('error', `${BIS} §4.1.1`, 'Name patterns are well-formed.'),
  'cookie/value': rule('error', `${BIS} §4.1.1 (cookie-octet)`, 'Raw values are cookie-octets.'),
  'cookie/size': rule('error', `${BIS} §5.6`, 'Name and value fit in 4096 bytes.'),
  'cookie/prefix': rule(
    'error',
    `${BIS} §4.1.3`,
    '__Secure-, __Host-, __Http- prefixes are honoured.',
  ),
  'pattern/backtracking': rule(
    'error',
    'OWASP: Regular expression Denial of Service (ReDoS)',
    'Value and parameter patterns cannot backtrack catastrophically.',
  ),
  'cookie/same-site': rule('error', `${BIS} §5.7 step 19`, 'SameSite=None needs Secure.'),
  'cookie/partitioned': rule('error', 'CHIPS (privacycg/CHIPS)', 'Partitioned needs Secure.'),
  'cookie/http-only-script': rule(
    'error',
    `${BIS} §5.7`,
    'Script can neither read nor write HttpOnly cookies.',
  ),
  'cookie/path': rule('error', `${BIS} §4.1.2.4, §5.6`, 'Path starts with / and is safe.'),
  'cookie/domain': rule('error', `${BIS} §4.1.2.3, §5.6`, 'Domain is a registrable host name.'),
  'cookie/lifetime': rule('error', `${BIS} §4.1.2.2`, 'Lifetimes are whole, positive durations.'),
  'cookie/lifetime-cap': rule('error', `${BIS} §5.5, §7.2`, 'No lifetime above 400 days.'),
  'cookie/lifetime-kind': rule('error', 'catalog format', 'The lifetime fits the kind of entry.'),
  'lifetime/unknown': rule(
    'warning',
    'GDPR art. 13(2)(a)',
    'A lifetime the provider does not state is shown as such; ask them.',
  ),
  'retired/date': rule('error', 'ISO 8601', 'A retired date is a real calendar date.'),
  'retired/run-out': rule(
    'warning',
    'GDPR art. 13(2)(a); RFC 6265bis §5.5',
    "A retired entry whose lifetime has run out by the policy's lastUpdated can be removed from the catalog.",
  ),
  'cookie/name-wildcard': rule(
    'error',
    'catalog format',
    'A name that varies is a pattern with typed {parameters}, not a wildcard.',
  ),
  // Texts, translations, links
  'i18n/locale': rule('error', 'BCP 47', 'Locales are valid language tags.'),
  'i18n/missing-translation': rule(
    'error',
    'GDPR art. 12(1)',
    'Every text exists in every configured locale.',
  ),
  'i18n/empty-text': rule('error', 'GDPR art. 12(1)', 'No text is empty.'),
  'i18n/unknown-locale': rule('error', 'catalog format', 'Texts use configured locales only.'),
  'i18n/stale-translation': rule(
    'warning',
    'GDPR art. 12(1)',
    'A translation was reviewed against the current source text.',
  ),
  'i18n/placeholder': rule(
    'error',
    'catalog format',
    'Every translation keeps the {placeholders} of its label.',
  ),
  'text/invisible-character': rule(
    'error',
    'CVE-2021-42574 (Trojan Source)',
    'No bidirectional-override, zero-width or control characters in text.',
  ),
  'text/lone-surrogate': rule(
    'error',
    'RFC 3629 §3, RFC 8259 §8.2',
    'Text is well-formed Unicode: no half of a UTF-16 surrogate pair alone.',
  ),
  'text/too-long': rule('error', 'catalog safety', 'A catalog text is at most 5,000 characters.'),
  'text/markup': rule('warning', 'catalog safety', 'Text is plain; markup is shown as text.'),
  'link/scheme': rule('error', 'catalog safety', 'Links are https: (or mailto: for contacts).'),
  'domain/placeholder': rule(
    'warning',
    'RFC 2606 §2–3, RFC 6761 §6.3; GDPR art. 13(1)(a), (e)',
    'No example or placeholder domain (example.com, *.example, *.test, *.invalid, localhost) as a provider, website or link.',
  ),
  'policy/date': rule('error', 'ISO 8601', 'lastUpdated is a real calendar date.'),
  'policy/email': rule('error', 'RFC 5322', 'Contact addresses are e-mail addresses.'),
  'policy/default-locale': rule('error', 'catalog format', 'The default locale is configured.'),
  'policy/authority': rule(
    'error',
    'ePrivacy Directive art. 5(3); GDPR art. 13(2)(d), 77',
    'The policy names a cookie authority and a data-protection authority.',
  ),
  'policy/section': rule(
    'error',
    'catalog format',
    'Each policy section has a Markdown file per locale.',
  ),
  'policy/tcf-purposes': rule(
    'error',
    'IAB TCF Vendor Device Storage & Operational Disclosures v1.1',
    'TCF purposes are GVL ids, with purpose 1 exactly where consent is required.',
  ),
  'text/todo': rule(
    'error',
    'GDPR art. 12(1)',
    'No placeholder text (TODO) is published: legal writes every text.',
  ),
  'consent/cookie': rule(
    'error',
    'ePrivacy Directive art. 5(3); GDPR art. 7(1)',
    'The consent cookie is ours, readable by script, needs no consent itself, and its value follows from the categories.',
  ),
  'consent/missing': rule(
    'warning',
    'ePrivacy Directive art. 5(3); GDPR art. 7(1)',
    'A catalog with categories that need consent names the cookie that records it.',
  ),
  'consent/keep-records': rule(
    'error',
    'GDPR art. 7(1), 13(2)(a); EDPB Guidelines 05/2020 §5.1',
    "consent.keepRecords is one exact period, at least the consent cookie's lifetime: a record outlives the answer it proves.",
  ),
  'consent/keep-records-long': rule(
    'warning',
    'GDPR art. 5(1)(e), 17(3)(e)',
    'Records of consent are kept no longer than needed to prove it: more than 10 years is questioned.',
  ),
  'consent/shared-across': rule(
    'error',
    'RFC 6265bis §5.6.3 (Domain); GDPR art. 7(1)',
    "consent.sharedAcross is a parent domain of the controller's own, which the consent cookie's own Domain does not contradict, and which some service's hosts (or, hosts not stated, its domain) are under.",
  ),
  'consent/vendor-location': rule(
    'warning',
    'GDPR art. 7(3)',
    "A vendor's cookie on our domain in a category that needs consent says where it lives, so that withdrawing consent can delete it.",
  ),
  'markdown/raw-html': rule('warning', 'catalog safety', 'Raw HTML in Markdown is shown as text.'),
  // Scan (cookie-catalog scan): code held against the catalog
  'scan/other-service': rule(
    'error',
    'GDPR art. 13(1)(c), art. 12(1)',
    'Code of a service touches only what the catalog lists on that service (scan --service).',
  ),
  'scan/undeclared': rule(
    'error',
    'ePrivacy Directive art. 5(3); GDPR art. 13',
    'Code stores or reads only cookies and keys the catalog declares.',
  ),
  'scan/hand-written': rule(
    'warning',
    'generated API',
    'Cookies our code owns go through the generated setters and readers.',
  ),
  'scan/retired': rule(
    'error',
    'ePrivacy Directive art. 5(3); GDPR art. 13',
    'Code no longer writes a cookie the catalog retired: the policy says it is no longer set.',
  ),
  'scan/unresolved-name': rule(
    'info',
    'cookie-catalog scan',
    'A cookie or key named only at run time cannot be checked against the catalog.',
  ),
  'scan/ignore-reason': rule(
    'error',
    'cookie-catalog scan',
    'A cookie-catalog-ignore comment says why.',
  ),
  'scan/not-scanned': rule(
    'info',
    'cookie-catalog scan',
    'A file over the size or nesting budget is named, not silently left out.',
  ),
  // Audit (cookie-catalog audit): what a browser saw, held against the catalog
  'audit/name-only': rule(
    'info',
    'catalog format',
    "A third party's entry without a stated domain is matched by its name alone.",
  ),
  'audit/undeclared-cookie': rule(
    'error',
    'ePrivacy Directive art. 5(3); GDPR art. 13',
    'Every cookie the site stores is declared.',
  ),
  'audit/undeclared-storage': rule(
    'error',
    'ePrivacy Directive art. 5(3); GDPR art. 13',
    'Every local storage, session storage and IndexedDB key is declared.',
  ),
  'audit/undeclared-request': rule(
    'error',
    'ePrivacy Directive art. 5(3) (similar technologies)',
    'Pixels and beacons to other sites are declared.',
  ),
  'audit/before-consent': rule(
    'error',
    'ePrivacy Directive art. 5(3); GDPR art. 7',
    'Nothing of a category that needs consent is stored before the visitor answers.',
  ),
  'audit/lifetime': rule(
    'error',
    'GDPR art. 13(2)(a); RFC 6265bis §5.5',
    'A cookie is kept no longer than declared.',
  ),
  'audit/attributes': rule(
    'error',
    'RFC 6265bis §4.1.2',
    'A cookie is stored with at least the attributes declared.',
  ),
  'audit/third-party-host': rule(
    'info',
    'cookie-catalog audit',
    'Other sites the pages load from.',
  ),
  'audit/not-seen': rule(
    'info',
    'cookie-catalog audit',
    'A declared entry the pages visited did not use.',
  ),
  'audit/other-service': rule(
    'error',
    'GDPR art. 13(1)(c), art. 12(1); ePrivacy Directive art. 5(3)',
    "What a page stores is declared for that page's service: a cookie the catalog lists only on another service is not in this service's policy.",
  ),
  'audit/after-reject': rule(
    'error',
    'ePrivacy Directive art. 5(3); GDPR art. 7(3); EDPB Guidelines 05/2020 §114',
    'Nothing of a category that needs consent is stored after the visitor rejects.',
  ),
  'audit/gpc-advertising': rule(
    'error',
    'Global Privacy Control (W3C Privacy CG); CCPA Regulations §7025',
    'With Global Privacy Control on, nothing of an advertising category (Consent Mode ad_*) is stored, even after "accept all".',
  ),
  'audit/banner-reject-missing': rule(
    'error',
    'EDPB Guidelines 03/2022 (deceptive design); CNIL délibération 2020-092 art. 2',
    'The consent question lets the visitor reject on its first layer, with a visible control.',
  ),
  'audit/banner-reject-prominence': rule(
    'error',
    'EDPB Cookie Banner Taskforce report (2023) §3.4; WCAG 2.2 SC 1.4.3',
    'Reject is as prominent as accept: the same kind of element, at least 80 % of its area, text contrast at least 4.5:1.',
  ),
  'audit/banner-preselected': rule(
    'error',
    'GDPR art. 4(11); CJEU C-673/17 Planet49',
    'No optional category is preselected in the consent question.',
  ),
  'audit/drift-new': rule(
    'warning',
    'cookie-catalog audit --baseline',
    'A cookie, storage key or third-party host not seen in the baseline run.',
  ),
  'audit/drift-gone': rule(
    'warning',
    'cookie-catalog audit --baseline',
    'A cookie, storage key or third-party host of the baseline run no longer seen.',
  ),
  'audit/drift-changed': rule(
    'warning',
    'cookie-catalog audit --baseline',
    "A cookie's attributes or lifetime differ from the baseline run.",
  ),
  // Import (cookie-catalog import)
  'import/ocd-csv': rule(
    'error',
    'Open Cookie Database CSV (RFC 4180)',
    'An imported file is an Open Cookie Database CSV: its header, and rows of its columns.',
  ),
  // Exports: notes (validate lists them; generate and export leave the entry out and go on)
  'export/unknown-lifetime': rule(
    'info',
    'IAB TCF Vendor Device Storage & Operational Disclosures v1.1 (maxAgeSeconds)',
    'The TCF disclosure lists only cookies whose lifetime has a number of seconds.',
  ),
  'export/unknown-domain': rule(
    'info',
    'IAB TCF Vendor Device Storage & Operational Disclosures v1.1 (domains)',
    "The TCF disclosure lists a third party's cookies and storage only where the catalog states their domain (ours: the controller's domains).",
  ),
  'export/category-mapping': rule(
    'info',
    'Open Cookie Database categories',
    'The Open Cookie Database CSV lists only entries whose category names its OCD category.',
  ),
  'export/identifier': rule(
    'info',
    'IAB TCF Vendor Device Storage & Operational Disclosures v1.1 (identifier)',
    'The TCF disclosure lists no name that is a wildcard alone.',
  ),
  // Advice
  'advice/host-prefix': rule(
    'warning',
    `${BIS} §4.1.3.2`,
    'Security-sensitive cookies are safest with the __Host- prefix.',
  ),
  'advice/host-only': rule('warning', `${BIS} §4.1.2.3`, 'Prefer host-only cookies (no Domain).'),
  'advice/secure': rule('warning', `${BIS} §4.1.2.5`, 'First-party cookies should be Secure.'),
  'advice/shared-name': rule(
    'warning',
    '@edge-runtime/cookies ResponseCookies, behind Next.js cookies() and NextResponse.cookies',
    'Two of our cookies with the same name (on other paths or domains) replace each other in stores keyed by name.',
  ),
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

function rule(severity: Severity, citation: string, summary: string): RuleInfo {
  return { severity, citation, summary };
}
