import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/index.js';
import { type Edit, editedCatalog, lineOf } from './catalog-copy.js';

interface Case {
  /** What legal (or an attacker) did to a copy of the real catalog. */
  readonly edits: readonly Edit[];
  /** The rule ids of every error, in file order. */
  readonly errors: readonly string[];
  /** Where the first error must point: a file and a text on the expected line. */
  readonly at: { readonly file: string; readonly line: string; readonly column?: number };
  /** Something the message or fix must say, so the reader knows what to do. */
  readonly says?: RegExp;
}

const csrf = 'cookies/csrftoken.yaml';
const language = 'cookies/language.yaml';
const pubnub = 'cookies/pubnub_subscription.yaml';
const rename = (to: string): Edit => ({ file: csrf, find: 'name: csrftoken', with: `name: ${to}` });
const csrfPath = (to: string): Edit => ({ file: csrf, find: '  path: /', with: `  path: ${to}` });
const csrfDomain = (domain: string): Edit => ({
  file: csrf,
  find: '  path: /',
  with: `  path: /\n  domain: ${domain}`,
});
const languageLifetime = (to: string): Edit => ({
  file: language,
  find: 'lifetime: 30 days',
  with: `lifetime: ${to}`,
});
const privacyLink = (to: string): Edit => ({
  file: pubnub,
  find: 'privacyPolicy: https://www.pubnub.com/privacy-policy/',
  with: `privacyPolicy: ${to}`,
});

/** A whole third-party entry file for the fixture's pubnub.com. */
const thirdParty = (id: string, name: string) =>
  `id: ${id}\nname: ${name}\nkind: cookie\ncategory: necessary\nprovider: { party: third, name: PubNub Inc., domain: pubnub.com, privacyPolicy: "https://www.pubnub.com/privacy-policy/" }\nsetBy: provider\nlifetime: session\npurpose: { en: Test., sv: Test. }\n`;
/** A whole first-party entry file with a value pattern, and a patterned parameter if named. */
const firstParty = (id: string, name: string, parameter?: string) =>
  `id: ${id}\nname: ${name}\n${parameter ? `nameParameters:\n  ${parameter}: { type: string, pattern: "^[a-z]+$", example: abc, description: { en: a word, sv: ett ord } }\n` : ''}kind: cookie\ncategory: necessary\nprovider: { party: first, domain: billogram.com }\nsetBy: server\nlifetime: 1 hour\npurpose: { en: Test., sv: Test. }\nattributes: { secure: true, httpOnly: true, sameSite: Lax }\nvalue: { type: string, pattern: "^[a-z]+$", example: abc }\nacknowledge: { advice/host-prefix: test }\n`;

const cases: Record<string, Case> = {
  // Cookie names (RFC 6265bis §4.1.1: a name is an RFC 9110 token)
  'empty name': {
    edits: [rename('""')],
    errors: ['cookie/name'],
    at: { file: csrf, line: 'name: ""' },
    says: /empty/,
  },
  'name with a space': {
    edits: [rename('"a b"')],
    errors: ['cookie/name'],
    at: { file: csrf, line: 'name: "a b"' },
    says: /a space/,
  },
  'name with ;': {
    edits: [rename('"a;b"')],
    errors: ['cookie/name'],
    at: { file: csrf, line: 'name: "a;b"', column: 9 },
    says: /";"/,
  },
  'name with =': {
    edits: [rename('"a=b"')],
    errors: ['cookie/name'],
    at: { file: csrf, line: 'name: "a=b"' },
    says: /"="/,
  },
  'name with ,': {
    edits: [rename('"a,b"')],
    errors: ['cookie/name'],
    at: { file: csrf, line: 'name: "a,b"' },
    says: /","/,
  },
  'name with ä': {
    edits: [rename('ä')],
    errors: ['cookie/name'],
    at: { file: csrf, line: 'name: ä' },
    says: /U\+00E4/,
  },
  'Cyrillic look-alike of csrftoken': {
    edits: [rename('\u0441srftoken')],
    errors: ['cookie/name'],
    at: { file: csrf, line: 'name: \u0441', column: 7 },
    says: /U\+0441, not an ASCII character/,
  },
  'header injection in a name': {
    edits: [rename('"x\\r\\nSet-Cookie: y=z"')],
    errors: ['cookie/name'],
    at: { file: csrf, line: 'Set-Cookie' },
    says: /carriage return/,
  },
  '__HOST- prefix without Secure': {
    edits: [rename('__HOST-x'), { file: csrf, find: 'secure: true', with: 'secure: false' }],
    errors: ['cookie/prefix'],
    at: { file: csrf, line: 'name: __HOST-x' },
    says: /__Host- prefix.*secure: true/,
  },
  '__Host- prefix with a Domain': {
    edits: [rename('__Host-csrftoken'), csrfDomain('billogram.com')],
    errors: ['cookie/prefix'],
    at: { file: csrf, line: 'name: __Host-csrftoken' },
    says: /no domain/,
  },
  '__Http- prefix without HttpOnly': {
    edits: [rename('__Http-csrftoken')],
    errors: ['cookie/prefix'],
    at: { file: csrf, line: 'name: __Http-csrftoken' },
    says: /httpOnly: true/,
  },
  'unclosed name pattern': {
    edits: [{ file: pubnub, find: 'name: sub-{id}', with: 'name: sub-{id' }],
    errors: ['cookie/name-pattern'],
    at: { file: pubnub, line: 'name: sub-{id' },
  },
  'a declared parameter the name does not use (a typo of one it does)': {
    edits: [{ file: pubnub, find: 'name: sub-{id}', with: 'name: sub-{ident}' }],
    errors: ['cookie/name-pattern'],
    at: { file: pubnub, line: '  id:' },
    says: /the parameter "id" is not used in the name "sub-\{ident\}"/,
  },
  'a parameter whose pattern gives no example to test with': {
    edits: [
      {
        file: pubnub,
        find: '    example: 9f1c2e7a-4b6d-4c3e-8a2f-5d7e9b0c1a3f\n',
        with: '',
      },
      { file: pubnub, find: '"^[A-Za-z0-9-]{1,64}$"', with: '"^(?=a)[a-z]{1,64}$"' },
    ],
    errors: ['cookie/name-pattern'],
    at: { file: pubnub, line: '  id:' },
    says: /no example of \{id\} can be derived .* \| write nameParameters\.id\.example/,
  },
  // Paths and domains
  'path without a leading slash': {
    edits: [csrfPath('foo')],
    errors: ['cookie/path'],
    at: { file: csrf, line: 'path: foo' },
    says: /"\/foo"/,
  },
  'path smuggling a Domain attribute': {
    edits: [csrfPath('"/a;Domain=evil"')],
    errors: ['cookie/path'],
    at: { file: csrf, line: 'Domain=evil' },
    says: /";"/,
  },
  'path of 1025 bytes': {
    edits: [csrfPath(`/${'a'.repeat(1024)}`)],
    errors: ['cookie/path'],
    at: { file: csrf, line: 'path: /aaa' },
    says: /1024/,
  },
  'domain com': {
    edits: [csrfDomain('com')],
    errors: ['cookie/domain'],
    at: { file: csrf, line: 'domain: com' },
    says: /public suffix/,
  },
  'domain co.uk': {
    edits: [csrfDomain('co.uk')],
    errors: ['cookie/domain'],
    at: { file: csrf, line: 'domain: co.uk' },
    says: /public suffix/,
  },
  'domain github.io': {
    edits: [csrfDomain('github.io')],
    errors: ['cookie/domain'],
    at: { file: csrf, line: 'domain: github.io' },
    says: /public suffix/,
  },
  'domain 192.168.0.1': {
    edits: [csrfDomain('192.168.0.1')],
    errors: ['cookie/domain'],
    at: { file: csrf, line: 'domain: 192' },
    says: /IP address/,
  },
  'domain example.com.': {
    edits: [csrfDomain('example.com.')],
    errors: ['cookie/domain'],
    at: { file: csrf, line: 'domain: example' },
    says: /ends with a dot/,
  },
  'domain with a leading dot': {
    edits: [csrfDomain('.billogram.com')],
    errors: ['cookie/domain'],
    at: { file: csrf, line: 'domain: .bill' },
    says: /"billogram.com"/,
  },
  ...Object.fromEntries(
    ['127.1', '0x7f.1', '0x7f.0.0.1', '1.2.3'].map((domain) => [
      `domain ${domain} (an IPv4 address to a browser)`,
      {
        edits: [csrfDomain(`"${domain}"`)],
        errors: ['cookie/domain'],
        at: { file: csrf, line: `domain: "${domain}"` },
        says: /IP address/,
      } satisfies Case,
    ]),
  ),
  'domain example.123 (ends in a number)': {
    edits: [csrfDomain('example.123')],
    errors: ['cookie/domain'],
    at: { file: csrf, line: 'domain: example.123' },
    says: /ends in a number/,
  },
  'path with U+2028 (Node refuses the header)': {
    edits: [csrfPath('"/a\\u2028b"')],
    errors: ['cookie/path'],
    at: { file: csrf, line: 'path: "/a' },
    says: /U\+2028.*only ASCII.*"\/ab"/,
  },
  'path with ä (sent as a raw byte)': {
    edits: [csrfPath('/ä')],
    errors: ['cookie/path'],
    at: { file: csrf, line: 'path: /ä', column: 10 },
    says: /"\/%C3%A4"/,
  },
  'a name pattern whose parameter can form __Host- without Secure': {
    edits: [
      {
        file: 'cookies/zz-prefix.yaml',
        with: firstParty('prefixed', '__{kind}-s', 'kind').replace('secure: true', 'secure: false'),
      },
    ],
    errors: ['cookie/prefix'],
    at: { file: 'cookies/zz-prefix.yaml', line: 'name: __{kind}-s' },
    says: /__Host-.*needs secure: true/,
  },
  // Lifetimes
  'negative lifetime': {
    edits: [languageLifetime('-1 days')],
    errors: ['cookie/lifetime'],
    at: { file: language, line: 'lifetime:' },
    says: /negative/,
  },
  'fractional lifetime': {
    edits: [languageLifetime('1.5 days')],
    errors: ['cookie/lifetime'],
    at: { file: language, line: 'lifetime:' },
    says: /"36 hours"/,
  },
  'NaN lifetime': {
    edits: [languageLifetime('NaN days')],
    errors: ['cookie/lifetime'],
    at: { file: language, line: 'lifetime:' },
    says: /not a number/,
  },
  'zero lifetime': {
    edits: [languageLifetime('0 days')],
    errors: ['cookie/lifetime'],
    at: { file: language, line: 'lifetime:' },
    says: /zero/,
  },
  'unknown unit': {
    edits: [languageLifetime('3 fortnights')],
    errors: ['cookie/lifetime'],
    at: { file: language, line: 'lifetime:' },
    says: /fortnights/,
  },
  'lifetime above 400 days': {
    edits: [languageLifetime('2 years')],
    errors: ['cookie/lifetime-cap'],
    at: { file: language, line: 'lifetime: 2 years' },
    says: /400 days/,
  },
  'a first-party cookie that lives forever': {
    edits: [languageLifetime('forever')],
    errors: ['cookie/lifetime-cap'],
    at: { file: language, line: 'lifetime: forever' },
  },
  'a third-party lifetime above 400 days': {
    edits: [
      {
        file: 'cookies/zendesk_chat_visitor.yaml',
        find: 'lifetime: 365 days',
        with: 'lifetime: 2 years',
      },
    ],
    errors: ['cookie/lifetime-cap'],
    at: { file: 'cookies/zendesk_chat_visitor.yaml', line: 'lifetime: 2 years' },
    says: /statedByProvider/,
  },
  'a pixel with a cookie lifetime': {
    edits: [
      { file: 'cookies/invoice_opened.yaml', find: 'lifetime: none', with: 'lifetime: 30 days' },
    ],
    errors: ['cookie/lifetime-kind'],
    at: { file: 'cookies/invoice_opened.yaml', line: 'lifetime: 30 days' },
  },
  // Attributes
  'SameSite=None without Secure': {
    edits: [
      { file: csrf, find: 'sameSite: Lax', with: 'sameSite: None' },
      { file: csrf, find: 'secure: true', with: 'secure: false' },
    ],
    errors: ['cookie/same-site'],
    at: { file: csrf, line: 'sameSite: None' },
    says: /secure: true/,
  },
  'Partitioned without Secure': {
    edits: [
      { file: csrf, find: 'secure: true', with: 'secure: false' },
      { file: csrf, find: '  path: /', with: '  path: /\n  partitioned: true' },
    ],
    errors: ['cookie/partitioned'],
    at: { file: csrf, line: 'partitioned: true' },
  },
  'HttpOnly cookie written by script': {
    edits: [{ file: language, find: 'httpOnly: false', with: 'httpOnly: true' }],
    errors: ['cookie/http-only-script'],
    at: { file: language, line: 'httpOnly: true' },
  },
  'a typo in a key: httponly': {
    edits: [{ file: csrf, find: 'httpOnly: false', with: 'httponly: false' }],
    errors: ['schema/unknown-key'],
    at: { file: csrf, line: 'httponly' },
    says: /httpOnly/,
  },
  'a typo does not hide the other problems of the same entry': {
    edits: [
      { file: csrf, find: 'httpOnly: false', with: 'httponly: false' },
      { file: csrf, find: 'secure: true', with: 'secure: false' },
      { file: csrf, find: 'sameSite: Lax', with: 'sameSite: None' },
    ],
    errors: ['schema/unknown-key', 'cookie/same-site'],
    at: { file: csrf, line: 'httponly' },
  },
  'a missing key says "is missing" and what to write': {
    edits: [{ file: csrf, find: 'kind: cookie\n', with: '' }],
    errors: ['schema/missing-key'],
    at: { file: csrf, line: 'id: csrftoken' },
    says: /"kind" is missing \| add "kind:" and write one of cookie, localStorage/,
  },
  'a missing key in a mapping says so, and what to write': {
    edits: [{ file: 'policy.yaml', find: '  website: https://billogram.com\n', with: '' }],
    errors: ['schema/missing-key'],
    at: { file: 'policy.yaml', line: 'controller:' },
    says: /"website" is missing in controller \| add "website:" under controller and write text \(https link/,
  },
  'a missing list says what to write, with the example the schema gives': {
    edits: [{ file: language, find: '  values: [en, sv]\n', with: '' }],
    errors: ['schema/missing-key'],
    at: { file: language, line: 'value:' },
    says: /"values" is missing in value \| add "values:" under value and write a list such as "\[en, sv\]"/,
  },
  'a misspelt required key is one problem, at the typo, with did you mean': {
    edits: [{ file: csrf, find: 'lifetime: 1 year', with: 'lifetme: 1 year' }],
    errors: ['schema/unknown-key'],
    at: { file: csrf, line: 'lifetme:' },
    says: /did you mean "lifetime"\? \("lifetime" is missing\) \| rename "lifetme" to "lifetime"/,
  },
  'a misspelt required key inside a mapping is one problem too': {
    edits: [{ file: 'policy.yaml', find: '  website: https://', with: '  websiet: https://' }],
    errors: ['schema/unknown-key'],
    at: { file: 'policy.yaml', line: 'websiet:' },
    says: /unknown key "websiet" in controller: did you mean "website"\? \("website" is missing\) \| rename "websiet" to "website"/,
  },
  'a misspelt optional key inside a mapping is one problem, with did you mean': {
    edits: [{ file: csrf, find: '  domain: billogram.com', with: '  domian: billogram.com' }],
    errors: ['schema/unknown-key'],
    at: { file: csrf, line: 'domian:' },
    says: /unknown key "domian" in provider \| did you mean "domain"\?/,
  },
  'a misspelt required key does not hide the other problems of the entry': {
    edits: [
      { file: csrf, find: 'lifetime: 1 year', with: 'lifetme: 1 year' },
      { file: csrf, find: 'secure: true', with: 'secure: false' },
      { file: csrf, find: 'sameSite: Lax', with: 'sameSite: None' },
    ],
    errors: ['schema/unknown-key', 'cookie/same-site'],
    at: { file: csrf, line: 'lifetme:' },
  },
  'a wrong key of a name parameter says what to write, not only what the field is': {
    edits: [
      {
        file: csrf,
        find: 'name: csrftoken',
        with: 'name: csrf-{testName}\nnameParameters:\n  testName: { type: text }',
      },
    ],
    errors: ['schema/value'],
    at: { file: csrf, line: 'testName:' },
    says: /string, integer/,
  },
  'a missing key does not hide the problems of the fields that are there': {
    edits: [
      { file: csrf, find: 'lifetime: 1 year\n', with: '' },
      rename('"a b"'),
      { file: csrf, find: 'category: necessary', with: 'category: neccessary' },
      { file: csrf, find: '  sv: En slumpmässig säkerhetskod.\n', with: '' },
    ],
    errors: [
      'schema/missing-key',
      'cookie/name',
      'catalog/unknown-category',
      'i18n/missing-translation',
    ],
    at: { file: csrf, line: 'id: csrftoken' },
  },
  'a wrong value in one field does not hide the problems of the others': {
    edits: [{ file: csrf, find: 'sameSite: Lax', with: 'sameSite: lax' }, rename('"a;b"')],
    errors: ['cookie/name', 'schema/value'],
    at: { file: csrf, line: 'name: "a;b"' },
    says: /did you mean "Lax"/,
  },
  'a schema error in policy.yaml does not hide its other problems': {
    edits: [
      { file: 'policy.yaml', find: 'lastUpdated: "2026-11-26"', with: 'lastUpdated: 2026' },
      {
        file: 'policy.yaml',
        find: '  website: https://billogram.com',
        with: '  website: http://billogram.com',
      },
    ],
    errors: ['schema/type', 'link/scheme'],
    at: { file: 'policy.yaml', line: 'lastUpdated: 2026' },
  },
  'a broken policy.yaml does not hide the translation problems of the entries': {
    edits: [
      { file: 'policy.yaml', find: 'lastUpdated: "2026-11-26"', with: 'lastUpdated: 2026' },
      {
        file: language,
        find: '  sv: Kommer ihåg vilket språk du valde för våra sidor.\n',
        with: '',
      },
    ],
    errors: ['i18n/missing-translation', 'schema/type'],
    at: { file: language, line: 'purpose:' },
    says: /no Swedish \(sv\) text/,
  },
  'a value SameSite must not take': {
    edits: [{ file: csrf, find: 'sameSite: Lax', with: 'sameSite: lax' }],
    errors: ['schema/value'],
    at: { file: csrf, line: 'sameSite: lax' },
    says: /did you mean "Lax"/,
  },
  // Values
  'an enum value a cookie cannot carry': {
    edits: [{ file: language, find: 'values: [en, sv]', with: 'values: [en, "s;v"]' }],
    errors: ['cookie/value'],
    at: { file: language, line: 'values:' },
  },
  'a value that cannot fit in 4096 bytes': {
    edits: [{ file: csrf, find: 'maxLength: 64', with: 'maxLength: 5000' }],
    errors: ['cookie/size'],
    at: { file: csrf, line: 'maxLength: 5000' },
    says: /at most 4087/,
  },
  ...Object.fromEntries(
    [
      ['SSESS*', 'SSESS{suffix}'],
      ['_pk_id.*', '_pk_id.{suffix}'],
      ['ABTest-[Test name]', 'ABTest-{testName}'],
    ].map(([name, written]) => [
      `a wildcard-looking name ${name}`,
      {
        edits: [{ file: 'cookies/zz-wild.yaml', with: thirdParty('wild', `"${name}"`) }],
        errors: ['cookie/name-wildcard'],
        at: { file: 'cookies/zz-wild.yaml', line: 'name:' },
        says: new RegExp(`name: "${(written ?? '').replace(/[.*{}[\]]/g, '\\$&')}"`),
      } satisfies Case,
    ]),
  ),
  'an unknown lifetime for a cookie our own code sets': {
    edits: [languageLifetime('unknown')],
    errors: ['cookie/lifetime'],
    at: { file: language, line: 'lifetime: unknown' },
    says: /ours to state/,
  },
  'a vendor-set cookie without the vendor': {
    edits: [
      {
        file: 'cookies/zz-vendor.yaml',
        with: 'id: lb\nname: AWSALB\nkind: cookie\ncategory: necessary\nprovider: { party: first, domain: billogram.com }\nsetBy: vendor\nlifetime: 7 days\npurpose: { en: Load balancing., sv: Lastbalansering. }\n',
      },
    ],
    errors: ['entry/party'],
    at: { file: 'cookies/zz-vendor.yaml', line: 'provider:' },
    says: /provider\.name/,
  },
  'a vendor-set cookie with attributes we cannot decide': {
    edits: [
      {
        file: 'cookies/zz-vendor.yaml',
        with: 'id: lb\nname: AWSALB\nkind: cookie\ncategory: necessary\nprovider: { party: first, name: Amazon Web Services, domain: billogram.com }\nsetBy: vendor\nlifetime: 7 days\npurpose: { en: Load balancing., sv: Lastbalansering. }\nattributes: { secure: true }\n',
      },
    ],
    errors: ['entry/attributes'],
    at: { file: 'cookies/zz-vendor.yaml', line: 'attributes:' },
    says: /Amazon Web Services's software sets this cookie/,
  },
  // Where a vendor's cookie lives goes into the Set-Cookie line that withdrawing consent deletes
  // it with, so it is held to the rules of our own cookies' Path and Domain.
  'a vendor-set cookie whose path would add an attribute': {
    edits: [
      {
        file: 'cookies/zz-vendor.yaml',
        with: 'id: lb\nname: AWSALB\nkind: cookie\ncategory: necessary\nprovider: { party: first, name: Amazon Web Services, domain: billogram.com }\nsetBy: vendor\nlifetime: 7 days\npurpose: { en: Load balancing., sv: Lastbalansering. }\nattributes: { path: "/a;Domain=evil.example" }\n',
      },
    ],
    errors: ['cookie/path'],
    at: { file: 'cookies/zz-vendor.yaml', line: 'attributes:', column: 24 },
    says: /would end or corrupt the Set-Cookie header/,
  },
  'a vendor-set cookie on a public suffix': {
    edits: [
      {
        file: 'cookies/zz-vendor.yaml',
        with: 'id: lb\nname: AWSALB\nkind: cookie\ncategory: necessary\nprovider: { party: first, name: Amazon Web Services, domain: billogram.com }\nsetBy: vendor\nlifetime: 7 days\npurpose: { en: Load balancing., sv: Lastbalansering. }\nattributes: { path: /, domain: co.uk }\n',
      },
    ],
    errors: ['cookie/domain'],
    at: { file: 'cookies/zz-vendor.yaml', line: 'attributes:' },
    says: /public suffix/,
  },
  'a stated range that ends before it starts': {
    edits: [
      {
        file: pubnub,
        find: '  statedByProvider: forever',
        with: '  statedByProvider: { from: 2 years, to: 1 day }',
      },
    ],
    errors: ['cookie/lifetime'],
    at: { file: pubnub, line: 'statedByProvider' },
    says: /swap from and to/,
  },
  'an example the declaration refuses': {
    edits: [
      { file: csrf, find: 'example: "kP3xV9qLm2Zt7RbW4nYc8sHd6JfG1aQe"', with: 'example: "short"' },
    ],
    errors: ['entry/value'],
    at: { file: csrf, line: 'example: "short"' },
    says: /does not match the pattern/,
  },
  'a name parameter example the pattern refuses': {
    edits: [
      {
        file: pubnub,
        find: 'example: 9f1c2e7a-4b6d-4c3e-8a2f-5d7e9b0c1a3f',
        with: 'example: "not;valid"',
      },
    ],
    errors: ['cookie/name-pattern'],
    at: { file: pubnub, line: 'example: "not;valid"' },
    says: /cannot carry/,
  },
  'declining an error instead of advice': {
    edits: [{ file: csrf, find: '  advice/host-prefix:', with: '  cookie/same-site:' }],
    errors: ['schema/value'],
    at: { file: csrf, line: 'cookie/same-site:' },
    says: /not advice that can be declined/,
  },
  'an invalid pattern': {
    edits: [{ file: csrf, find: 'pattern: "^[A-Za-z0-9]{32,64}$"', with: 'pattern: "^[A-Z"' }],
    errors: ['schema/value'],
    at: { file: csrf, line: 'pattern:' },
    says: /regular expression/,
  },
  // Patterns: catastrophic backtracking (generated readers run them on every request)
  'a nested quantifier (a+)+': {
    edits: [{ file: csrf, find: 'pattern: "^[A-Za-z0-9]{32,64}$"', with: 'pattern: "^(a+)+$"' }],
    errors: ['pattern/backtracking'],
    at: { file: csrf, line: 'pattern: "^(a+)+$"' },
    says: /exponentially long.*\^\(a\+\)\+\$/,
  },
  'overlapping alternatives (a|a)* in a name parameter': {
    edits: [{ file: pubnub, find: 'pattern: "^[A-Za-z0-9-]{1,64}$"', with: 'pattern: "^(a|a)*$"' }],
    errors: ['pattern/backtracking'],
    at: { file: pubnub, line: 'pattern: "^(a|a)*$"' },
  },
  // Text that reaches HTML and Markdown
  'a right-to-left override in a purpose': {
    edits: [
      {
        file: language,
        find: '  en: Remembers the language',
        with: '  en: Remembers \u202Ethe language',
      },
    ],
    errors: ['text/invisible-character'],
    at: { file: language, line: 'en: Remembers' },
    says: /U\+202E/,
  },
  'a lone surrogate (half of a UTF-16 pair) in a purpose': {
    edits: [
      {
        file: language,
        find: '  en: Remembers the language you chose for our pages.',
        with: '  en: "Remembers the language you chose \\ud800 for our pages."',
      },
    ],
    errors: ['text/lone-surrogate'],
    at: { file: language, line: 'en: "Remembers' },
    says: /lone surrogate \(U\+D800/,
  },
  'a lone low surrogate in a label': {
    edits: [
      {
        file: 'policy.yaml',
        find: 'en: Strictly necessary',
        with: 'en: "Strictly \\udc00necessary"',
      },
    ],
    errors: ['text/lone-surrogate'],
    at: { file: 'policy.yaml', line: 'Strictly' },
    says: /U\+DC00/,
  },
  'a zero-width space in a label': {
    edits: [
      {
        file: 'policy.yaml',
        find: 'en: Strictly necessary',
        with: 'en: "Strictly\\u200Bnecessary"',
      },
    ],
    errors: ['text/invisible-character'],
    at: { file: 'policy.yaml', line: 'Strictly' },
    says: /U\+200B/,
  },
  'an Arabic letter mark (U+061C) in a purpose': {
    edits: [
      {
        file: language,
        find: '  en: Remembers the language',
        with: '  en: Remembers \u061Cthe language',
      },
    ],
    errors: ['text/invisible-character'],
    at: { file: language, line: 'en: Remembers', column: 17 },
    says: /U\+061C/,
  },
  'tag characters (U+E0041) hiding text in a purpose': {
    edits: [
      {
        file: language,
        find: '  en: Remembers the language',
        with: '  en: Remembers\u{E0041}\u{E0042} the language',
      },
    ],
    errors: ['text/invisible-character'],
    at: { file: language, line: 'en: Remembers' },
    says: /U\+E0041/,
  },
  'a purpose of 50,000 characters': {
    edits: [
      {
        file: language,
        find: '  en: Remembers the language',
        with: `  en: ${'Remembers the language. '.repeat(2_100)}`,
      },
    ],
    errors: ['text/too-long'],
    at: { file: language, line: 'en: Remembers' },
    says: /at most 5,000/,
  },
  'a line break in the name of a pixel': {
    edits: [
      {
        file: 'cookies/invoice_opened.yaml',
        find: 'name: invoice-opened pixel',
        with: 'name: "invoice-opened\\n### Approved by legal"',
      },
    ],
    errors: ['cookie/name'],
    at: { file: 'cookies/invoice_opened.yaml', line: 'name: "invoice-opened' },
    says: /a line break/,
  },
  'invisible characters in a Markdown section': {
    edits: [{ file: 'sections/sv/contact.md', find: 'Frågor', with: 'Fr\u2066ågor' }],
    errors: ['text/invisible-character'],
    at: { file: 'sections/sv/contact.md', line: 'Fr' },
  },
  // Links
  'a mailto: link in a section with a broken percent-escape': {
    edits: [
      {
        file: 'sections/en/contact.md',
        find: '\n',
        with: '\n\nWrite to [us](mailto:a%E0@b.com).\n',
      },
    ],
    errors: ['link/scheme'],
    at: { file: 'sections/en/contact.md', line: 'mailto:a%E0', column: 15 },
    says: /not a valid e-mail link/,
  },
  'javascript: link': {
    edits: [privacyLink('javascript:alert(1)')],
    errors: ['link/scheme'],
    at: { file: pubnub, line: 'privacyPolicy' },
    says: /javascript/,
  },
  'JaVaScRiPt: link': {
    edits: [privacyLink('JaVaScRiPt:alert(1)')],
    errors: ['link/scheme'],
    at: { file: pubnub, line: 'privacyPolicy' },
  },
  'space before javascript:': {
    edits: [privacyLink('" javascript:alert(1)"')],
    errors: ['link/scheme'],
    at: { file: pubnub, line: 'privacyPolicy' },
  },
  'java<TAB>script:': {
    edits: [privacyLink('"java\\tscript:alert(1)"')],
    errors: ['link/scheme'],
    at: { file: pubnub, line: 'privacyPolicy' },
  },
  'data: link': {
    edits: [privacyLink('"data:text/html,<script>alert(1)</script>"')],
    errors: ['link/scheme'],
    at: { file: pubnub, line: 'privacyPolicy' },
  },
  'vbscript: link': {
    edits: [privacyLink('vbscript:msgbox(1)')],
    errors: ['link/scheme'],
    at: { file: pubnub, line: 'privacyPolicy' },
  },
  'protocol-relative link': {
    edits: [privacyLink('//evil.example')],
    errors: ['link/scheme'],
    at: { file: pubnub, line: 'privacyPolicy' },
  },
  'link with credentials': {
    edits: [privacyLink('https://www.pubnub.com@evil.example/')],
    errors: ['link/scheme'],
    at: { file: pubnub, line: 'privacyPolicy' },
    says: /user name/,
  },
  'plain http link': {
    edits: [privacyLink('http://www.pubnub.com/privacy-policy/')],
    errors: ['link/scheme'],
    at: { file: pubnub, line: 'privacyPolicy' },
  },
  'javascript: link in an authority': {
    edits: [
      { file: 'policy.yaml', find: 'en: https://www.pts.se/en/', with: 'en: javascript:alert(1)' },
    ],
    errors: ['link/scheme'],
    at: { file: 'policy.yaml', line: 'javascript:' },
  },
  'javascript: link in Markdown': {
    edits: [
      {
        file: 'sections/en/contact.md',
        find: '(mailto:dpo@billogram.com)',
        with: '(javascript:alert(1))',
      },
    ],
    errors: ['link/scheme'],
    at: { file: 'sections/en/contact.md', line: 'javascript:' },
  },
  // Translations
  'a deleted Swedish purpose': {
    edits: [
      {
        file: language,
        find: '  sv: Kommer ihåg vilket språk du valde för våra sidor.\n',
        with: '',
      },
    ],
    errors: ['i18n/missing-translation'],
    at: { file: language, line: 'purpose:' },
    says: /Swedish \(sv\)/,
  },
  'an empty Swedish purpose': {
    edits: [
      {
        file: language,
        find: '  sv: Kommer ihåg vilket språk du valde för våra sidor.',
        with: '  sv: ""',
      },
    ],
    errors: ['i18n/empty-text'],
    at: { file: language, line: 'sv: ""' },
  },
  'a deleted Swedish section': {
    edits: [{ file: 'sections/sv/changes.md', with: null }],
    errors: ['policy/section'],
    at: { file: 'policy.yaml', line: '- changes' },
    says: /sections\/sv\/changes\.md/,
  },
  'a section file nobody lists': {
    edits: [{ file: 'sections/en/extra.md', with: 'Hello.\n' }],
    errors: ['policy/section'],
    at: { file: 'sections/en/extra.md', line: 'Hello' },
  },
  // The catalog as a whole
  'two entries with one id': {
    edits: [
      { file: 'cookies/zz-copy.yaml', copyOf: language, with: '' },
      { file: 'cookies/zz-copy.yaml', find: 'name: language', with: 'name: lang' },
    ],
    errors: ['catalog/duplicate-id'],
    at: { file: 'cookies/zz-copy.yaml', line: 'id: language' },
    says: /cookies\/language\.yaml/,
  },
  'ids that give the same function name': {
    edits: [
      { file: 'cookies/zz-copy.yaml', copyOf: language, with: '' },
      { file: 'cookies/zz-copy.yaml', find: 'id: language', with: 'id: Language' },
      { file: 'cookies/zz-copy.yaml', find: 'name: language', with: 'name: lang' },
    ],
    errors: ['catalog/duplicate-function-name'],
    at: { file: 'cookies/zz-copy.yaml', line: 'id: Language' },
    says: /gives generated names that "language" in cookies\/language\.yaml gives too/,
  },
  'two cookies with one name, domain and path': {
    edits: [
      { file: 'cookies/zz-copy.yaml', copyOf: language, with: '' },
      { file: 'cookies/zz-copy.yaml', find: 'id: language', with: 'id: language2' },
    ],
    errors: ['catalog/duplicate-cookie'],
    at: { file: 'cookies/zz-copy.yaml', line: 'name: language' },
  },
  'a literal name a pattern can produce (sub-1 beside sub-{id})': {
    edits: [{ file: 'cookies/zz-one.yaml', with: thirdParty('pubnub_one', 'sub-1') }],
    errors: ['catalog/duplicate-cookie'],
    at: { file: 'cookies/zz-one.yaml', line: 'name: sub-1' },
    says: /"sub-1" and "sub-\{id\}".*can both be "sub-1"|"sub-\{id\}" .*can both be "sub-1"/,
  },
  'two patterns that can give the same name (sub-{id} beside sub-{n})': {
    edits: [
      { file: 'cookies/zz-copy.yaml', copyOf: pubnub, with: '' },
      { file: 'cookies/zz-copy.yaml', find: 'id: pubnub_subscription', with: 'id: pubnub_other' },
      { file: 'cookies/zz-copy.yaml', find: 'name: sub-{id}', with: 'name: sub-{n}' },
      {
        file: 'cookies/zz-copy.yaml',
        find: '  id:\n    type: string',
        with: '  n:\n    type: string',
      },
    ],
    errors: ['catalog/duplicate-cookie'],
    at: { file: 'cookies/zz-copy.yaml', line: 'name: sub-{n}' },
    says: /can both be "sub-9f1c2e7a/,
  },
  'ids whose generated names meet (x and x_from both give readXFrom)': {
    edits: [
      { file: 'cookies/zz-copy.yaml', copyOf: language, with: '' },
      { file: 'cookies/zz-copy.yaml', find: 'id: language', with: 'id: language_from' },
      { file: 'cookies/zz-copy.yaml', find: 'name: language', with: 'name: lang' },
    ],
    errors: ['catalog/duplicate-function-name'],
    at: { file: 'cookies/zz-copy.yaml', line: 'id: language_from' },
    says: /\(read[A-Z]\w+From\)/,
  },
  'a parameter pattern and a value pattern with one generated name (aBPattern)': {
    edits: [
      { file: 'cookies/zz-a.yaml', with: firstParty('cs', 'cs-{token}', 'token') },
      { file: 'cookies/zz-b.yaml', with: firstParty('cs_token', 'cstoken') },
    ],
    errors: ['catalog/duplicate-function-name'],
    at: { file: 'cookies/zz-b.yaml', line: 'id: cs_token' },
    says: /csTokenPattern/,
  },
  'a package scope without its @': {
    edits: [
      {
        file: 'policy.yaml',
        find: '\ncategories:',
        with: '\npackages:\n  scope: acme\ncategories:',
      },
    ],
    errors: ['schema/value'],
    at: { file: 'policy.yaml', line: 'scope: acme' },
    says: /not an npm scope.*@acme/,
  },
  'an unknown category': {
    edits: [{ file: language, find: 'category: necessary', with: 'category: marketing' }],
    errors: ['catalog/unknown-category'],
    at: { file: language, line: 'category: marketing' },
  },
  'a third party without a privacy policy': {
    edits: [
      { file: pubnub, find: '  privacyPolicy: https://www.pubnub.com/privacy-policy/\n', with: '' },
    ],
    errors: ['entry/party'],
    at: { file: pubnub, line: 'provider:' },
  },
  'an alias in an entry': {
    edits: [{ file: csrf, find: 'lifetime: 1 year', with: 'lifetime: &l 1 year\nstores2: *l' }],
    errors: ['yaml/alias', 'yaml/alias'],
    at: { file: csrf, line: 'lifetime: &l' },
  },
  'a __proto__ key in an entry': {
    edits: [{ file: csrf, find: 'attributes:', with: '__proto__:\n  polluted: true\nattributes:' }],
    errors: ['yaml/reserved-key'],
    at: { file: csrf, line: '__proto__' },
  },
  // policy.yaml
  'an impossible date': {
    edits: [
      { file: 'policy.yaml', find: 'lastUpdated: "2026-11-26"', with: 'lastUpdated: "2026-02-30"' },
    ],
    errors: ['policy/date'],
    at: { file: 'policy.yaml', line: 'lastUpdated' },
  },
  'a default locale that is not configured': {
    edits: [{ file: 'policy.yaml', find: 'defaultLocale: en', with: 'defaultLocale: de' }],
    errors: ['policy/default-locale'],
    at: { file: 'policy.yaml', line: 'defaultLocale: de' },
  },
  'a translated label that lost its placeholder': {
    edits: [
      {
        file: 'policy.yaml',
        find: 'webbläsare sparar den i högst {kept}',
        with: 'webbläsare sparar den i högst 400 dagar',
      },
    ],
    errors: ['i18n/placeholder'],
    at: { file: 'policy.yaml', line: 'högst 400 dagar' },
    says: /lacks \{kept\}/,
  },
  'a broken DPO address': {
    edits: [
      { file: 'policy.yaml', find: 'email: dpo@billogram.com', with: 'email: dpo at billogram' },
    ],
    errors: ['policy/email'],
    at: { file: 'policy.yaml', line: 'email: dpo at' },
  },
  // Drafts (import, audit --propose) leave TODOs that must never be published
  'a purpose still TODO': {
    edits: [
      {
        file: language,
        find: '  sv: Kommer ihåg vilket språk du valde för våra sidor.',
        with: '  sv: "TODO: why we use it"',
      },
    ],
    errors: ['text/todo'],
    at: { file: language, line: 'sv: "TODO', column: 7 },
    says: /still a placeholder/,
  },
  'a lifetime and a category still TODO': {
    edits: [
      {
        file: 'cookies/todo.yaml',
        with: thirdParty('todo', 'todo')
          .replace('category: necessary', 'category: "TODO: choose"')
          .replace('lifetime: session', 'lifetime: "TODO: ask PubNub"'),
      },
    ],
    errors: ['text/todo', 'text/todo'],
    at: { file: 'cookies/todo.yaml', line: 'category: "TODO' },
    says: /choose one of necessary, help-center/,
  },
  // Retirement (an entry's `retired:` day)
  'a retired day that does not exist': {
    edits: [
      { file: csrf, find: 'lifetime: 1 year\n', with: 'lifetime: 1 year\nretired: 2026-02-30\n' },
    ],
    errors: ['retired/date'],
    at: { file: csrf, line: 'retired: 2026-02-30', column: 10 },
    says: /"2026-02-30" is not a calendar date.*YYYY-MM-DD/,
  },
  'a retired day written another way': {
    edits: [
      { file: csrf, find: 'lifetime: 1 year\n', with: 'lifetime: 1 year\nretired: 1.12.2026\n' },
    ],
    errors: ['retired/date'],
    at: { file: csrf, line: 'retired: 1.12.2026' },
  },
  'a retired year alone (YAML reads a number)': {
    edits: [{ file: csrf, find: 'lifetime: 1 year\n', with: 'lifetime: 1 year\nretired: 2026\n' }],
    errors: ['schema/type'],
    at: { file: csrf, line: 'retired: 2026' },
  },
  // Consent (policy.yaml consent)
  'a consent cookie that does not exist': {
    edits: [{ file: 'policy.yaml', find: 'cookie: billogramGDPR', with: 'cookie: billogramGDRP' }],
    errors: ['consent/cookie'],
    at: { file: 'policy.yaml', line: 'cookie: billogramGDRP' },
    says: /no entry has the id "billogramGDRP"/,
  },
  'a consent cookie page scripts cannot read': {
    edits: [
      {
        file: 'cookies/billogramGDPR.yaml',
        find: '  httpOnly: false',
        with: '  httpOnly: true',
      },
    ],
    errors: ['consent/cookie'],
    at: { file: 'cookies/billogramGDPR.yaml', line: 'httpOnly: true' },
    says: /set attributes: \{ httpOnly: false \}/,
  },
  'a consent cookie that declares its own value': {
    edits: [
      {
        file: 'cookies/billogramGDPR.yaml',
        find: '  sameSite: Lax\n',
        with: '  sameSite: Lax\nvalue:\n  type: boolean\n',
      },
    ],
    errors: ['consent/cookie'],
    at: { file: 'cookies/billogramGDPR.yaml', line: 'value:' },
    says: /gets its value from the categories/,
  },
  // Found by the property test (packages/codegen/test/property-catalogs.test.ts): the consent
  // package's calls of the pattern's setter and reader lacked its parameters and did not compile.
  'a consent cookie with a name pattern': {
    edits: [
      {
        file: 'cookies/billogramGDPR.yaml',
        find: 'name: billogramGDPR\n',
        with: 'name: billogramGDPR-{site}\nnameParameters:\n  site:\n    type: string\n    example: main\n    description: { en: the site, sv: webbplatsen }\n',
      },
    ],
    errors: ['consent/cookie'],
    at: { file: 'cookies/billogramGDPR.yaml', line: 'name: billogramGDPR-{site}' },
    says: /has a name pattern .*fixed name/,
  },
  'a consent cookie in a category that needs consent': {
    edits: [
      {
        file: 'cookies/billogramGDPR.yaml',
        find: 'category: necessary',
        with: 'category: help-center',
      },
    ],
    errors: ['consent/cookie'],
    at: { file: 'cookies/billogramGDPR.yaml', line: 'category: help-center' },
    says: /needs consent: the answer could not be kept/,
  },
  'a consent cookie another company sets': {
    edits: [
      { file: 'policy.yaml', find: 'cookie: billogramGDPR', with: 'cookie: zendesk_chat_visitor' },
    ],
    errors: ['consent/cookie'],
    at: { file: 'cookies/zendesk_chat_visitor.yaml', line: 'setBy: vendor' },
  },
  'a retired consent cookie': {
    edits: [
      {
        file: 'cookies/billogramGDPR.yaml',
        find: 'lifetime: 1 year\n',
        with: 'lifetime: 1 year\nretired: 2026-11-01\n',
      },
    ],
    errors: ['consent/cookie'],
    at: { file: 'cookies/billogramGDPR.yaml', line: 'retired: 2026-11-01' },
    says: /nothing could record the answer.*name another entry as consent\.cookie/,
  },
  'a preferences page that is neither a path nor https': {
    edits: [
      {
        file: 'policy.yaml',
        find: 'preferencesUrl: /cookies',
        with: 'preferencesUrl: "javascript:alert(1)"',
      },
    ],
    errors: ['link/scheme'],
    at: { file: 'policy.yaml', line: 'preferencesUrl: "javascript' },
  },
  // Exports' mappings in policy.yaml (IAB TCF)
  'a TCF purpose that is not a GVL purpose': {
    edits: [
      {
        file: 'policy.yaml',
        find: '    openCookieDatabase: Functional\n',
        with: '    openCookieDatabase: Functional\n    tcf: { purposes: [1, 12] }\n',
      },
    ],
    errors: ['policy/tcf-purposes'],
    at: { file: 'policy.yaml', line: 'purposes: [1, 12]', column: 26 },
    says: /use ids 1 to 11/,
  },
  'consent required, but TCF purposes without purpose 1': {
    edits: [
      {
        file: 'policy.yaml',
        find: '    openCookieDatabase: Functional\n',
        with: '    openCookieDatabase: Functional\n    tcf: { purposes: [8] }\n',
      },
    ],
    errors: ['policy/tcf-purposes'],
    at: { file: 'policy.yaml', line: 'purposes: [8]' },
    says: /add 1 to tcf.purposes/,
  },
};

describe('the real catalog', () => {
  it('validates with no errors', async () => {
    const { REAL_CATALOG } = await import('./catalog-copy.js');
    const result = await loadCatalog(REAL_CATALOG);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.catalog).toBeDefined();
  });
});

describe('each hostile edit to the catalog gives its own clear error at the right line', () => {
  it.each(Object.entries(cases))('%s', async (_title, test) => {
    const dir = await editedCatalog(test.edits);
    const result = await loadCatalog(dir);
    const errors = result.problems.filter((p) => p.severity === 'error');
    expect(result.catalog).toBeUndefined();
    expect(errors.map((p) => p.rule)).toEqual(test.errors);
    const first = errors[0];
    expect(first?.file).toBe(join(dir, test.at.file));
    expect(first?.line).toBe(await lineOf(dir, test.at.file, test.at.line));
    if (test.at.column !== undefined) expect(first?.column).toBe(test.at.column);
    for (const problem of errors) {
      expect(problem.message.length).toBeGreaterThan(10);
      expect(problem.fix.length).toBeGreaterThan(5);
      expect(problem.message).not.toMatch(/[\r\n]/);
    }
    if (test.says)
      expect(errors.map((p) => `${p.message} | ${p.fix}`).join('\n')).toMatch(test.says);
  });
});

describe('advice/shared-name', () => {
  const twin: Edit[] = [
    { file: 'cookies/zz-copy.yaml', copyOf: language, with: '' },
    { file: 'cookies/zz-copy.yaml', find: 'id: language', with: 'id: language_admin' },
    {
      file: 'cookies/zz-copy.yaml',
      find: '  secure: true',
      with: '  path: /admin\n  secure: true',
    },
  ];

  it('warns, at the name, when two of our cookies share a name on different paths', async () => {
    const dir = await editedCatalog(twin);
    const result = await loadCatalog(dir);
    expect(result.catalog).toBeDefined(); // a browser keeps them apart: advice, not an error
    const shared = result.problems.filter((p) => p.rule === 'advice/shared-name');
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({
      severity: 'warning',
      file: join(dir, 'cookies/zz-copy.yaml'),
      line: await lineOf(dir, 'cookies/zz-copy.yaml', 'name: language'),
    });
    expect(shared[0]?.message).toMatch(/cookies\/language\.yaml.*Next\.js.*one cookie per name/);
  });

  it('can be declined with a reason', async () => {
    const dir = await editedCatalog([
      ...twin,
      {
        file: 'cookies/zz-copy.yaml',
        find: 'kind: cookie',
        with: 'kind: cookie\nacknowledge:\n  advice/shared-name: the app does not use Next.js',
      },
    ]);
    const result = await loadCatalog(dir);
    expect(result.problems.filter((p) => p.rule === 'advice/shared-name')).toEqual([]);
  });
});

describe('retired entries', () => {
  /** The fixture's lastUpdated is 2026-11-26: "run out" is judged against it, never today. */
  const retire = (file: string, after: string, day: string): Edit => ({
    file,
    find: `${after}\n`,
    with: `${after}\nretired: ${day}\n`,
  });
  const runOut = async (edits: readonly Edit[]) => {
    const dir = await editedCatalog(edits);
    const result = await loadCatalog(dir);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    return { dir, result, warnings: result.problems.filter((p) => p.rule === 'retired/run-out') };
  };

  it('are valid with the day quoted or not, and keep it in the model', async () => {
    const { result, warnings } = await runOut([
      retire(csrf, 'lifetime: 1 year', '2026-11-01'),
      retire(language, 'lifetime: 30 days', '"2026-11-20"'),
    ]);
    expect(warnings).toEqual([]);
    const entry = (id: string) => result.catalog?.entries.find((e) => e.id === id);
    expect(entry('csrftoken')?.retired).toBe('2026-11-01');
    expect(entry('language')?.retired).toBe('2026-11-20');
    expect(entry('access_token')).not.toHaveProperty('retired');
  });

  it('warn at the retired day, with file:line:column, once the lifetime has run out by lastUpdated', async () => {
    const { dir, warnings } = await runOut([retire(csrf, 'lifetime: 1 year', '2025-11-26')]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      severity: 'warning',
      file: join(dir, csrf),
      line: await lineOf(dir, csrf, 'retired: 2025-11-26'),
      column: 10,
      citation: expect.stringMatching(/GDPR art\. 13/),
    });
    expect(warnings[0]?.message).toMatch(
      /retired since 2025-11-26, and by the policy's lastUpdated \(2026-11-26\) no browser holds it any more: its lifetime is "1 year", so it was gone by 2026-11-26/,
    );
    expect(warnings[0]?.fix).toMatch(/can now be removed from the catalog: delete this file/);
  });

  it('do not warn a day before the lifetime has run out', async () => {
    const { warnings } = await runOut([retire(csrf, 'lifetime: 1 year', '2025-11-27')]);
    expect(warnings).toEqual([]);
  });

  it('count a session cookie as gone 30 days after the retired day, and say so', async () => {
    const efaktura = 'cookies/efaktura.yaml';
    const gone = await runOut([retire(efaktura, 'lifetime: session', '2026-10-27')]);
    expect(gone.warnings).toHaveLength(1);
    expect(gone.warnings[0]?.message).toMatch(
      /it is a session cookie, which counts as gone 30 days after it was last set \(browsers that restore sessions keep them across restarts\), so it was gone by 2026-11-26/,
    );
    const kept = await runOut([retire(efaktura, 'lifetime: session', '2026-10-28')]);
    expect(kept.warnings).toEqual([]);
  });

  it('count a third party\'s "forever" as the 400 days browsers keep a cookie', async () => {
    const kept = await runOut([retire(pubnub, 'setBy: provider', '2025-10-23')]);
    expect(kept.warnings).toEqual([]);
    const gone = await runOut([retire(pubnub, 'setBy: provider', '2025-10-22')]);
    expect(gone.warnings[0]?.message).toMatch(
      /the provider says "forever", but browsers keep no cookie longer than 400 days.*gone by 2026-11-26/,
    );
  });

  it('never warn for local storage kept until deleted: nothing ends it by itself', async () => {
    const { warnings, result } = await runOut([
      {
        file: 'cookies/draft.yaml',
        with: 'id: draft\nname: draft\nkind: localStorage\ncategory: necessary\nprovider: { party: first, domain: billogram.com }\nsetBy: client\nlifetime: persistent\nretired: 2020-01-01\npurpose: { en: Test., sv: Test. }\n',
      },
    ]);
    expect(result.catalog?.entries.find((e) => e.id === 'draft')?.retired).toBe('2020-01-01');
    expect(warnings).toEqual([]);
  });

  it('get no advice on how they are set: they are no longer set', async () => {
    const undeclined: Edit = {
      file: csrf,
      find: 'acknowledge:\n  advice/host-prefix:',
      with: '# acknowledge:\n#  advice/host-prefix:',
    };
    const advised = await runOut([undeclined]);
    expect(advised.result.problems.map((p) => p.rule)).toContain('advice/host-prefix');
    const { result } = await runOut([undeclined, retire(csrf, 'lifetime: 1 year', '2026-11-01')]);
    expect(result.problems.filter((p) => p.rule.startsWith('advice/'))).toEqual([]);
  });
});
