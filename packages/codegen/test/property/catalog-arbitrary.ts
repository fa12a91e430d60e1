import {
  CONSENT_MODE_TYPES,
  entrySchema,
  escapeInvisible,
  OCD_CATEGORIES,
  parseDuration,
  policySchema,
  SECONDS_PER_UNIT,
} from '@cookie-catalog/catalog';
import fc from 'fast-check';
import { stringify } from 'yaml';

/*
 * Whole catalogs, as legal and engineering write them (policy.yaml, cookies/*.yaml and
 * sections/<locale>/*.md), for the property test that holds validate and the generators together.
 * Shaped from the zod schema (its kinds, setBy, parties, SameSite values, units, label keys and
 * the placeholders their descriptions demand) and from the rules, so that most samples validate.
 * Some do not, and validate must refuse them with a located problem instead of a generator
 * failing later: now and then a choice is deliberately off (an undeclared category, an unsafe
 * pattern, a prefix without its attributes, …), and one catalog in nine gets a flaw (FLAW_VALUES:
 * a bidi control, a duration above 400 days, a `javascript:` link, … put anywhere in one file, or
 * a key deleted or added there).
 */

/** A catalog folder: its files by path inside the folder. */
export interface CatalogSample {
  readonly files: Readonly<Record<string, string>>;
}

type Json = string | number | boolean | readonly Json[] | { readonly [key: string]: Json };
type Localized = Record<string, string>;

/** An arbitrary that is usually `valid` and now and then (1 in `rarity`) `invalid`. */
function mostly<T, U>(
  valid: fc.Arbitrary<T>,
  invalid: fc.Arbitrary<U>,
  rarity = 40,
): fc.Arbitrary<T | U> {
  return fc.oneof({ arbitrary: valid, weight: rarity - 1 }, { arbitrary: invalid, weight: 1 });
}

/** `arbitrary` with the given chance (in tenths), else undefined: an optional field. */
const maybe = <T>(arbitrary: fc.Arbitrary<T>, tenths = 5) =>
  fc.oneof(
    { arbitrary, weight: tenths },
    { arbitrary: fc.constant(undefined), weight: 10 - tenths },
  );

// ─── From the schema ────────────────────────────────────────────────────────────────────────

const KINDS = entrySchema.shape.kind.options;
const SET_BY = entrySchema.shape.setBy.unwrap().options;
const PARTIES = entrySchema.shape.provider.unwrap().shape.party.unwrap().options;
const SAME_SITE = entrySchema.shape.attributes.unwrap().shape.sameSite.unwrap().options;
const UNITS = Object.keys(SECONDS_PER_UNIT) as (keyof typeof SECONDS_PER_UNIT)[];
const LABELS = policySchema.shape.labels.unwrap().shape;
const LABEL_KEYS = Object.keys(LABELS) as (keyof typeof LABELS)[];
/** The {placeholders} a label's description says it must contain ("must contain {a} and {b}"). */
const LABEL_PLACEHOLDERS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  LABEL_KEYS.map((key) => {
    const demand = /must contain ((?:\{\w+\}(?: and )?)+)/.exec(LABELS[key].description ?? '');
    return [key, [...(demand?.[1] ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '')];
  }),
);
const DAY = SECONDS_PER_UNIT.day;
const BROWSER_CAP = 400 * DAY;

// ─── Texts ──────────────────────────────────────────────────────────────────────────────────

/** Locales with the tool's built-in words, and some without (those must write every label). */
const BUILT_IN_LOCALES = [
  'en',
  'sv',
  'fi',
  'nb',
  'de',
  'da',
  'fr',
  'nl',
  'es',
  'sv-FI',
  'de-CH',
  'no',
  'en-GB',
];
/** Without built-in words: a right-to-left one, and one with a script and a region. */
const OTHER_LOCALES = ['et', 'pt-BR', 'is', 'ar', 'zh-Hant-TW'];

/** Pieces of prose: plain words in several scripts, and what breaks HTML, Markdown, Vue and JS. */
const PROSE = [
  'Remembers the language you chose.',
  'Håller dig inloggad på våra sidor.',
  'Muistaa valintasi.',
  'Husker valget ditt.',
  'Merkt sich Ihre Auswahl.',
  'ä ö å æ ø ß',
  'עברית',
  'العربية',
  '中文',
  '😀',
  '🇸🇪',
  '<script>alert(1)</script>',
  '</script><script>alert(2)</script>',
  '<img src=x onerror=alert(1)>',
  '<b>bold</b>',
  '<!-- a comment -->',
  '<!--@include: ./secret.md-->',
  '**not bold**',
  '_under_',
  '# not a heading',
  '- not a list',
  '1. not a list',
  '> quote',
  '[link](https://evil.example)',
  '![image](https://evil.example/x.png)',
  '| a | b |',
  'a|b',
  '"double quotes"',
  "'single quotes'",
  '`backticks`',
  '```',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: text that looks like a template literal's
  '${x}',
  '{{ x }}',
  '{{',
  '}}',
  '{stated}',
  '{name}',
  '{n}',
  "$& $' $` $1",
  '\\',
  '\\n',
  '&amp; &lt;',
  '::: danger',
  'v-html="x"',
  ':class="x"',
  '@click="x()"',
  '*/',
  '/*',
  '// comment',
  '-->',
  ']]>',
  'with\ttab',
  'line\u2028separator',
  'no\u00a0break',
  '__proto__',
  'constructor',
  'toString',
];

const prose = fc
  .array(fc.constantFrom(...PROSE), {
    minLength: 1,
    maxLength: 4,
  })
  .map((parts) => parts.join(' '));
/** Mostly pieces of prose; now and then any visible characters at all. */
const text = fc.oneof(
  { arbitrary: prose, weight: 29 },
  {
    // Invisible characters are errors of their own (FLAW_VALUES puts them in now and then).
    arbitrary: fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
      .filter((t) => escapeInvisible(t) === t && t.trim() !== '' && !/^\s*TODO/.test(t)),
    weight: 1,
  },
);
/** One line of text, for names and one-line values. */
const line = text.map((t) => t.replace(/[\t\n\r\u2028\u2029]/g, ' '));

function localized(locales: readonly string[], content: fc.Arbitrary<string> = text) {
  const complete = fc.tuple(...locales.map(() => content)).map((texts) => {
    const result: Localized = {};
    locales.forEach((locale, i) => {
      result[locale] = texts[i] ?? '';
    });
    return result;
  });
  return complete;
}

// ─── Small facts ────────────────────────────────────────────────────────────────────────────

const DOMAINS = [
  'example.com',
  'www.example.org',
  'cdn.example.net',
  'xn--exmple-cua.se',
  'a-b.io',
];
const domain = fc.constantFrom(...DOMAINS);
/** A cookie's Domain attribute: registrable domains, and public suffixes and IPs (invalid). */
const cookieDomain = fc.constantFrom('example.com', 'shop.example.com', 'example.co.uk');
const HTTPS = [
  'https://example.com/privacy',
  'https://example.com/a?b=c&d=\'e\'#"f"',
  'https://example.com/%3Cscript%3E',
  'https://xn--exmple-cua.se/',
  'https://example.com/{{x}}',
];
const https = fc.constantFrom(...HTTPS);
const email = fc.constantFrom('dpo@example.com', 'first.last+cookies@example.co.uk');
const companyName = fc.constantFrom(
  'Example AB',
  'Tracker Inc.',
  'Ö & Ä "Oy"',
  '<Evil> Corp',
  '`tick` Ltd',
  '{{ vendor }}',
);

/** A duration the catalog accepts, in any of the ways it may be written, at most `cap` seconds. */
function duration(cap: number) {
  return fc
    .constantFrom(...UNITS.filter((unit) => SECONDS_PER_UNIT[unit] <= cap))
    .chain((unit) =>
      fc.record({
        unit: fc.constant(unit),
        amount: fc.integer({ min: 1, max: Math.floor(cap / SECONDS_PER_UNIT[unit]) }),
        plural: fc.boolean(),
        spaced: fc.constantFrom('', '', '', ' ', '+'),
      }),
    )
    .map(({ unit, amount, plural, spaced }) => {
      // "1 day", "2 days", "2 day", " 30   minutes ", "+5 weeks": parseDuration reads them all.
      const units = plural || amount !== 1 ? `${unit}s` : unit;
      if (spaced === '+') return `+${amount} ${units}`;
      return spaced ? ` ${amount}   ${units} ` : `${amount} ${units}`;
    });
}
const ownDuration = duration(BROWSER_CAP);

const secondsOf = (text: string) => {
  const parsed = parseDuration(text);
  return parsed.ok ? parsed.duration.seconds : 0;
};

/** What another company states: a duration (beyond the browser cap too), forever, a range. */
const statedLifetime = fc.record(
  {
    statedByProvider: fc.oneof(
      duration(10 * 365 * DAY),
      fc.constantFrom('forever', 'session'),
      fc
        .tuple(duration(10 * 365 * DAY), duration(10 * 365 * DAY))
        .map((ends) => ends.sort((a, b) => secondsOf(a) - secondsOf(b)))
        .map(([from, to]) => ({ from, to })),
    ),
    orInactiveFor: duration(30 * DAY),
  },
  { requiredKeys: ['statedByProvider'] },
);

// ─── Policy ─────────────────────────────────────────────────────────────────────────────────

interface CategoryFacts {
  readonly id: string;
  readonly consentRequired: boolean;
}

interface PolicyFacts {
  readonly locales: readonly string[];
  readonly categories: readonly CategoryFacts[];
}

const CATEGORY_IDS = [
  'necessary',
  'preferences',
  'statistics',
  'marketing',
  'functional',
  'constructor',
  'prototype',
  'a',
  'x-1',
  'security',
  'version',
];

const locales = mostly(
  fc.uniqueArray(
    fc.oneof(
      { arbitrary: fc.constantFrom(...BUILT_IN_LOCALES), weight: 6 },
      { arbitrary: fc.constantFrom(...OTHER_LOCALES), weight: 1 },
    ),
    { minLength: 1, maxLength: 4 },
  ),
  fc.constantFrom(['EN'], ['en', 'en'], ['english']),
);

const policyFacts: fc.Arbitrary<PolicyFacts> = fc
  .record({
    locales,
    categories: fc.uniqueArray(
      fc.record({ id: fc.constantFrom(...CATEGORY_IDS), consentRequired: fc.boolean() }),
      { minLength: 0, maxLength: 3, selector: (c) => c.id },
    ),
    firstId: fc.constantFrom('necessary', 'essential', 'given'),
  })
  .map(({ locales, categories, firstId }) => ({
    locales,
    // The first category needs no consent, so that there is always one for the consent cookie.
    categories: [
      { id: firstId, consentRequired: false },
      // A category that needs consent cannot be called version (a field of the consent cookie).
      ...categories
        .filter((c) => c.id !== firstId)
        .map((c) => (c.id === 'version' ? { ...c, consentRequired: false } : c)),
    ],
  }));

function labelText(locales: readonly string[], key: string) {
  const slots = LABEL_PLACEHOLDERS[key] ?? [];
  // Now and then a translation that dropped a placeholder (invalid).
  const sentence = fc
    .tuple(prose, mostly(fc.constant(slots), fc.constant(slots.slice(1)), 400))
    .map(([words, kept]) => `${words} ${kept.map((slot) => `{${slot}}`).join(' / ')}`.trim());
  return localized(locales, slots.length > 0 ? sentence : prose);
}

function policyFile(facts: PolicyFacts, entryIds: readonly string[], consentCookie?: string) {
  const { locales, categories } = facts;
  const needsLabels = locales.filter((l) => OTHER_LOCALES.includes(l));
  const asks = categories.some((c) => c.consentRequired);
  return fc.record(
    {
      $schema: fc.constant('../packages/catalog/schema/policy.schema.json'),
      version: mostly(fc.constantFrom('1.0', '3', '2.10.1', '2026-11-26'), fc.constant('v1'), 150),
      lastUpdated: mostly(
        fc.constantFrom('2026-01-15', '2024-02-29'),
        fc.constant('2023-02-29'),
        150,
      ),
      locales: fc.constant(locales),
      defaultLocale: mostly(fc.constantFrom(...locales), fc.constant('xx'), 150),
      controller: fc.record(
        { name: companyName, website: https, email },
        { requiredKeys: ['name', 'website'] },
      ),
      dpo: fc.record({ email }),
      consent: (asks ? mostly(fc.constant(true), fc.constant(false), 60) : fc.boolean()).chain(
        (present) =>
          present
            ? fc.record(
                {
                  cookie: mostly(
                    fc.constant(consentCookie ?? entryIds[0] ?? 'none'),
                    fc.constant('missing'),
                    150,
                  ),
                  version: mostly(fc.integer({ min: 1, max: 1_000_000 }), fc.constant(0), 150),
                  preferencesUrl: mostly(
                    fc.constantFrom('/cookies', '/sv/kakor?x=1#a', "https://example.com/c'"),
                    fc.constantFrom('//evil.example', 'javascript:alert(1)'),
                    80,
                  ),
                  // Longer than any cookie lives (400 days); now and then not a period at all.
                  keepRecords: mostly(
                    fc.constantFrom('4 years', '60 months', '2000 days'),
                    fc.constantFrom('session', 'about 4 years', '1–4 years', '1 second'),
                    80,
                  ),
                },
                { requiredKeys: ['cookie', 'version'] },
              )
            : fc.constant(undefined),
      ),
      packages: fc.record(
        {
          scope: mostly(fc.constantFrom('@acme', '@a.b-c_d~e'), fc.constant('@Acme'), 150),
          prefix: fc.constantFrom('', 'cookies-', 'x.'),
        },
        { requiredKeys: ['scope'] },
      ),
      categories: fc.tuple(
        ...categories.map((category) =>
          fc.record(
            {
              id: fc.constant(category.id),
              consentRequired: fc.constant(category.consentRequired),
              label: localized(locales),
              description: localized(locales),
              tcf: fc.record(
                {
                  purposes: fc
                    .uniqueArray(fc.integer({ min: 2, max: 11 }), { maxLength: 4 })
                    .chain((ids) =>
                      // Purpose 1 exactly when the category needs consent (now and then not).
                      mostly(
                        fc.constant(category.consentRequired ? [1, ...ids] : ids),
                        fc.constant(category.consentRequired ? ids : [1, 12, ...ids]),
                        300,
                      ),
                    ),
                  specialPurposes: fc.uniqueArray(fc.integer({ min: 1, max: 3 }), { maxLength: 3 }),
                },
                { requiredKeys: ['purposes'] },
              ),
              consentMode: fc.uniqueArray(fc.constantFrom(...CONSENT_MODE_TYPES), { maxLength: 3 }),
              openCookieDatabase: fc.constantFrom(...OCD_CATEGORIES),
            },
            { requiredKeys: ['id', 'consentRequired', 'label', 'description'] },
          ),
        ),
      ),
      authorities: mostly(
        fc.oneof(
          fc.constant([{ id: 'pts', supervises: 'both' }]),
          fc.constant([
            { id: 'pts', supervises: 'cookies' },
            { id: 'imy', supervises: 'personal-data' },
          ]),
        ),
        fc.constant([{ id: 'pts', supervises: 'cookies' }]),
        150,
      ).chain((authorities) =>
        fc.tuple(
          ...authorities.map((authority) =>
            fc.record({
              id: fc.constant(authority.id),
              supervises: fc.constant(authority.supervises),
              name: localized(locales),
              url: localized(locales, https),
            }),
          ),
        ),
      ),
      sections: mostly(
        fc.uniqueArray(
          fc.constantFrom('introduction', 'cookie-table', 'contact', 'your-rights-2'),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        fc.constant(['Not A File Name']),
        150,
      ),
      labels: fc
        .tuple(
          fc.uniqueArray(fc.constantFrom(...LABEL_KEYS), { maxLength: 5 }),
          fc.constant(needsLabels.length > 0),
        )
        .chain(([keys, all]) => {
          // A locale without built-in words writes every label; any locale may override some.
          const chosen = all ? LABEL_KEYS : keys;
          return fc.tuple(...chosen.map((key) => labelText(locales, key))).map((texts) => {
            const labels: Record<string, Localized> = {};
            chosen.forEach((key, i) => {
              labels[key] = texts[i] ?? {};
            });
            return labels;
          });
        }),
      durationWords: fc
        .subarray([...locales], { maxLength: Math.min(2, locales.length) })
        .chain((chosen) =>
          fc.tuple(
            ...chosen.map((locale) =>
              fc
                .subarray([...UNITS], { minLength: 1, maxLength: 2 })
                .map((units) => [locale, durationWords(locale, units)] as const),
            ),
          ),
        )
        .map((pairs) => Object.fromEntries(pairs)),
    },
    {
      requiredKeys: [
        'version',
        'lastUpdated',
        'locales',
        'defaultLocale',
        'controller',
        'dpo',
        'categories',
        'authorities',
        'sections',
        // A locale without built-in words needs them all.
        ...(needsLabels.length > 0 ? (['labels'] as const) : []),
      ],
    },
  );
}

/** Words for a unit in each plural category the locale has, each with {n}. */
function durationWords(locale: string, units: readonly string[]) {
  let categories: readonly string[];
  try {
    categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  } catch {
    categories = ['other'];
  }
  return Object.fromEntries(
    units.map((unit) => [
      unit,
      Object.fromEntries(categories.map((c) => [c, `{n} ${unit}‹${c}› "<b>"`])),
    ]),
  );
}

// ─── Entries ────────────────────────────────────────────────────────────────────────────────

/** Words for ids: ordinary ones, run-time helper names, JavaScript's reserved and global names. */
const ID_WORDS = [
  'session',
  'csrf',
  'lang',
  'theme',
  'find',
  'append_set',
  'delete',
  'class',
  'default',
  'import',
  'new',
  'this',
  'await',
  'enum',
  'params',
  'raw',
  'value',
  'target',
  'cookies',
  'document',
  'consent',
  'ga',
  'x',
  'Q',
  'a1',
  'billogramGDPR',
  'access-token',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'Object',
  'Promise',
  'undefined',
  'NaN',
  'eval',
  'arguments',
  'read_me',
  'set-up',
];
const BAD_IDS = ['__proto__', '1st', 'a b', 'ä'];
/** One fold per generated name (`a_b` and `aB` both give `setAB`), so ids differ after it. */
const foldId = (id: string) =>
  id
    .split(/[_-]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')
    .toLowerCase();
const entryIds = fc.uniqueArray(
  mostly(fc.constantFrom(...ID_WORDS), fc.constantFrom(...BAD_IDS), 300),
  {
    minLength: 1,
    maxLength: 6,
    selector: foldId,
  },
);

/** Token characters a cookie name may hold, the odd ones included. */
const COOKIE_NAME_PIECES = [
  'a',
  'Z',
  '9',
  '_',
  '-',
  '.',
  "'",
  '`',
  '$',
  '|',
  '^',
  '%',
  '!',
  '#',
  '&',
  '+',
  '~',
];
const cookieNameTail = fc
  .array(fc.constantFrom(...COOKIE_NAME_PIECES), {
    maxLength: 4,
  })
  .map((p) => p.join(''));
const storageName = line;

const PARAMETER_NAMES = [
  'id',
  'n',
  'region',
  'params',
  'value',
  'name',
  'meaning',
  'raw',
  'stated',
  'xY9',
];

/** A typed name parameter with an example its declaration accepts (now and then one it does not). */
const nameParameter = (locales: readonly string[]) =>
  fc.oneof(
    fc.record(
      {
        type: fc.constant('integer'),
        example: mostly(fc.integer({ min: 0, max: 1_000_000 }), fc.constant(-1), 100),
        maxLength: fc.integer({ min: 1, max: 12 }),
        description: localized(locales),
      },
      { requiredKeys: ['type', 'example', 'description'] },
    ),
    fc
      .constantFrom(
        { pattern: '^[a-z]{2}$', example: 'se' },
        { pattern: '^[A-Za-z0-9_-]{1,40}$', example: 'G-ABC_123' },
        { pattern: '^(?:eu|us)$', example: 'eu' },
        { pattern: '^\\d+$', example: '42' },
        { pattern: '^[a-z*/]{1,8}$', example: 'a' },
        { pattern: '^[^\u2028;]{1,8}$', example: 'x' },
        { pattern: undefined, example: "it's`$|^" },
      )
      .chain((valid) =>
        mostly(
          fc.constant(valid),
          fc.constantFrom(
            { pattern: '^(a+)+$', example: 'aa' },
            { pattern: '^[a-z', example: 'a' },
            { pattern: '^[a-z]+$', example: 'A' },
          ),
          60,
        ),
      )
      .chain(({ pattern, example }) =>
        fc.record(
          {
            type: fc.constant('string'),
            example: fc.constant(example),
            pattern: fc.constant(pattern),
            maxLength: fc.integer({ min: example.length, max: 64 }),
            description: localized(locales),
          },
          // Often without an example (a page gives none): the catalog derives one from the pattern.
          { requiredKeys: ['type', 'description'] },
        ),
      )
      .map((p) => (p.pattern === undefined ? withoutKey(p, 'pattern') : p)),
  );

function withoutKey<T extends object>(value: T, key: string): T {
  const copy = { ...value } as Record<string, unknown>;
  delete copy[key];
  return copy as T;
}

/** `{ nameParameters, name }`: a name around parameters, with fixed text between them. */
function patternOf(base: string, locales: readonly string[]) {
  return fc
    .uniqueArray(fc.constantFrom(...PARAMETER_NAMES), { maxLength: 2 })
    .chain((names) =>
      fc.record({
        names: fc.constant(names),
        separators: fc.tuple(...names.map(() => fc.constantFrom('-', '.', '_x_', '|'))),
        parameters: fc.tuple(...names.map(() => nameParameter(locales))),
      }),
    )
    .map(({ names, separators, parameters }) => ({
      name: base + names.map((n, i) => `${separators[i]}{${n}}`).join(''),
      nameParameters:
        names.length === 0
          ? undefined
          : Object.fromEntries(names.map((n, i) => [n, parameters[i] as Json])),
    }));
}

/** Cookie-octets (RFC 6265bis §4.1.1) that break other languages: HTML, JS strings, templates. */
const ENUM_VALUES = [
  'light',
  'dark',
  'high-contrast',
  'sv',
  'en',
  '</script>',
  '{{x}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a value that looks like a template literal's
  '${a}',
  "a'b",
  '`',
  '*/',
  '__proto__',
  'toString',
  '0',
  '-1',
  'A=B',
];
const JSON_KEYS = [
  'fontSize',
  'mode',
  'a-b',
  'with space',
  '"q"',
  '`',
  '$',
  '0',
  '1e3',
  '😀',
  '</script>',
  'toString',
];

const value = fc.oneof(
  fc
    .constantFrom(
      {
        encoding: 'raw',
        pattern: '^[A-Za-z0-9]{32}$',
        example: 'Zq3xK8vN2pLw5TyRZq3xK8vN2pLw5TyR',
      },
      { encoding: 'raw', pattern: '^[a-f0-9]{8,64}$', example: '0123abcd' },
      { encoding: 'raw', pattern: undefined, example: "<b>'`$&{{x}}</b>" },
      { encoding: 'uri', pattern: '^.{1,2}$', example: '😀😀' },
      { encoding: 'uri', pattern: undefined, example: 'Hej då; "ses" imorgon!\\' },
      { encoding: 'base64url', pattern: '^[^\\u0000]*$', example: '{"a":1}\u2028' },
      { encoding: undefined, pattern: '^\\p{L}+$', example: 'abc' },
      // Patterns that end a comment or a regular-expression literal, or a line, where written as
      // they are: "*/", "/", and a raw line separator (which JavaScript takes for a line break).
      { encoding: 'raw', pattern: '^[a-z*/]{1,8}$', example: 'a*/b' },
      { encoding: 'uri', pattern: '^[^\u2028]{1,8}$', example: 'x y' },
      { encoding: 'raw', pattern: '^a/b\\/c$', example: 'a/b/c' },
    )
    .chain((v) =>
      fc
        .record(
          {
            type: fc.constant('string'),
            encoding: fc.constant(v.encoding),
            pattern: fc.constant(v.pattern),
            example: fc.constant(v.example),
            maxLength: fc.integer({ min: [...v.example].length, max: 400 }),
          },
          { requiredKeys: ['type', 'example'] },
        )
        .map((r) => Object.fromEntries(Object.entries(r).filter(([, x]) => x !== undefined))),
    ),
  fc.record({
    type: fc.constant('enum'),
    values: mostly(
      fc.uniqueArray(fc.constantFrom(...ENUM_VALUES), { minLength: 1, maxLength: 5 }),
      fc.constantFrom(['a', 'a'], ['a;b'], ['']),
      100,
    ),
  }),
  fc
    .record(
      {
        type: fc.constant('integer'),
        min: fc.integer({ min: -1_000_000_000, max: 100 }),
        max: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
      },
      { requiredKeys: ['type'] },
    )
    .map((v) =>
      v.min !== undefined && v.max !== undefined && v.min > v.max ? { ...v, max: v.min } : v,
    ),
  fc.constant({ type: 'boolean' }),
  fc.record({
    type: fc.constant('json'),
    encoding: fc.constantFrom('uri', 'base64url'),
    shape: fc
      .uniqueArray(fc.constantFrom(...JSON_KEYS), { minLength: 1, maxLength: 4 })
      .chain((keys) =>
        fc.tuple(
          ...keys.map((key) =>
            fc
              .oneof(
                fc.constantFrom('boolean', 'integer', 'string'),
                fc
                  .uniqueArray(fc.constantFrom('a', 'b c', '"', '</script>', '😀', ''), {
                    minLength: 1,
                    maxLength: 3,
                  })
                  .map((values) => ({ enum: values })),
              )
              .map((type) => [key, type] as const),
          ),
        ),
      )
      .map((fields) => Object.fromEntries(fields)),
  }),
);

/** Set-Cookie attributes of our own cookie, consistent with who sets it (now and then not). */
function attributesOf(setBy: 'server' | 'client') {
  return fc
    .record(
      {
        secure: mostly(fc.constant(true), fc.constant(false), 8),
        httpOnly:
          setBy === 'server' ? fc.boolean() : mostly(fc.constant(false), fc.constant(true), 100),
        sameSite: fc.constantFrom(...SAME_SITE),
        path: mostly(
          fc.constantFrom(
            '/',
            '/app',
            "/a'b",
            '/"><script>alert(1)</script>',
            '/{{x}}',
            '/$&`',
            '/%C3%A4',
          ),
          fc.constantFrom('app', '/a;Domain=evil.example', '/ä', '/a\u2028'),
          200,
        ),
        domain: cookieDomain,
        partitioned: fc.boolean(),
      },
      { requiredKeys: [] },
    )
    .map((a) => ({
      ...a,
      // SameSite=None and Partitioned need Secure; keep that mostly.
      ...(a.secure === false && a.sameSite === 'None' && { sameSite: 'Lax' as const }),
      ...(a.secure === false && a.partitioned && { partitioned: false }),
    }));
}

interface EntryContext {
  readonly facts: PolicyFacts;
}

/** A category for an entry: one the policy declares (now and then one it does not). */
const categoryOf = ({ facts }: EntryContext, consent?: boolean) => {
  const fitting = facts.categories.filter(
    (c) => consent === undefined || c.consentRequired === consent,
  );
  return mostly(
    fc.constantFrom(...(fitting.length > 0 ? fitting : facts.categories).map((c) => c.id)),
    fc.constantFrom('undeclared', 'TODO'),
    400,
  );
};

/** A cookie our server or page script sets, with generated code. */
function ownCookie(id: string, context: EntryContext, consentCookie = false) {
  const { locales } = context.facts;
  return fc.constantFrom('server' as const, 'client' as const).chain((setBy) =>
    fc
      .record({
        setBy: fc.constant(setBy),
        attributes: maybe(attributesOf(setBy), 7),
        prefix: fc.constantFrom(
          '',
          '',
          '',
          '__Host-',
          '__Secure-',
          '__host-',
          // HttpOnly ones, for cookies page scripts need not read.
          ...(setBy === 'server' && !consentCookie ? ['__Http-', '__Host-Http-'] : []),
        ),
        tail: cookieNameTail,
        // The consent cookie too may have a name pattern (now and then).
        pattern: consentCookie
          ? mostly(fc.constant({ name: '', nameParameters: undefined }), patternOf('', locales), 10)
          : patternOf('', locales),
        value: consentCookie ? fc.constant(undefined) : maybe(value, 8),
        lifetime: mostly(
          fc.oneof(ownDuration, fc.constant('session')),
          fc.constant('unknown'),
          200,
        ),
        category: categoryOf(context, consentCookie ? false : undefined),
        acknowledge: maybe(
          mostly(
            fc.constantFrom(
              { 'advice/host-prefix': 'clients depend on the name' },
              { 'advice/secure': 'a fixture', 'advice/host-only': "sub-domains read it: 'x'" },
            ),
            fc.constant({ 'cookie/name': 'errors cannot be declined' }),
          ),
          2,
        ),
      })
      .map((e) => {
        let attributes = e.attributes;
        if (consentCookie) attributes = { ...attributes, httpOnly: false };
        // A prefix comes with what it needs (bis §4.1.3), mostly.
        if (e.prefix !== '') {
          const host = e.prefix.toLowerCase().startsWith('__host-');
          attributes = {
            ...withoutKey(attributes ?? {}, host ? 'domain' : ''),
            secure: true,
            ...(host && { path: '/' }),
            ...(e.prefix.endsWith('Http-') && { httpOnly: true }),
          };
        }
        return {
          id,
          name: `${e.prefix}${id}${e.tail}${e.pattern.name}`,
          ...(e.pattern.nameParameters && { nameParameters: e.pattern.nameParameters }),
          kind: 'cookie',
          category: e.category,
          provider: { party: 'first', domain: 'example.com' },
          setBy: e.setBy,
          lifetime: e.lifetime,
          ...(attributes && { attributes }),
          ...(e.value && { value: e.value }),
          ...(e.acknowledge && { acknowledge: e.acknowledge }),
        };
      }),
  );
}

/** Lifetimes for what another company's software sets: as they state it, or unknown. */
const theirLifetime = (kind: string) =>
  fc.oneof(
    statedLifetime,
    fc.constant('unknown'),
    kind === 'cookie' ? fc.oneof(ownDuration, fc.constant('session')) : ownLifetimeOf(kind),
  );

/** The lifetime forms each kind has (storage-kind-rules.ts), now and then one it has not. */
function ownLifetimeOf(kind: string) {
  const forms: Record<string, fc.Arbitrary<string>> = {
    cookie: fc.oneof(ownDuration, fc.constant('session')),
    localStorage: fc.oneof(ownDuration, fc.constant('persistent')),
    indexedDB: fc.oneof(ownDuration, fc.constant('persistent')),
    cacheStorage: fc.oneof(ownDuration, fc.constant('persistent')),
    sessionStorage: fc.constant('session'),
    pixel: fc.constant('none'),
  };
  return mostly(
    forms[kind] ?? fc.constant('session'),
    fc.constantFrom('none', 'persistent', 'session'),
    100,
  );
}

/** Any other entry: a vendor's or third party's cookie, local or session storage, IndexedDB, a pixel. */
function otherEntry(id: string, context: EntryContext) {
  const { locales } = context.facts;
  return fc
    .record({
      kind: fc.constantFrom(...KINDS),
      party: fc.constantFrom(...PARTIES),
      ourSetter: fc.constantFrom(...SET_BY.filter((s) => s !== 'provider')),
    })
    .chain(({ kind, party, ourSetter }) => {
      const setBy = party === 'third' ? 'provider' : kind === 'cookie' ? 'vendor' : ourSetter;
      const theirs = setBy === 'vendor' || setBy === 'provider';
      return fc.record(
        {
          id: fc.constant(id),
          name: fc
            .oneof(
              kind === 'cookie'
                ? fc
                    .tuple(
                      mostly(
                        fc.constantFrom('_ga', '_fbp', 'AWSALB', '__cf_bm'),
                        fc.constant('SSESS*'),
                        100,
                      ),
                      cookieNameTail,
                    )
                    .map(([a, b]) => a + b)
                : // Braces make a pattern, `*` and `[…]` a wildcard (an error): mostly left out.
                  mostly(
                    storageName.map((n) => n.replace(/[{}*[\]]/g, '')),
                    storageName,
                  ),
            )
            .chain((base) =>
              fc.oneof(
                fc.constant({ name: base, nameParameters: undefined }),
                patternOf(base || id, locales),
              ),
            ),
          kind: fc.constant(kind),
          category: categoryOf(context),
          provider: fc.record(
            {
              party: fc.constant(party),
              name: companyName,
              domain,
              privacyPolicy: https,
              cookiePolicy: https,
            },
            {
              requiredKeys: theirs
                ? ['party', 'name', 'domain', 'privacyPolicy']
                : ['party', 'domain'],
            },
          ),
          setBy: mostly(fc.constant(setBy), fc.constantFrom(...SET_BY), 100),
          lifetime: theirs ? theirLifetime(kind) : ownLifetimeOf(kind),
          attributes:
            setBy === 'vendor' && kind === 'cookie'
              ? fc.record(
                  {
                    // Where the vendor sets it: withdrawing consent deletes it there.
                    path: mostly(
                      fc.constantFrom('/', '/app', "/it's", '/"><b>x</b>', '/{{x}}'),
                      fc.constantFrom('app', '/a;Domain=evil.example', '/ä'),
                      100,
                    ),
                    domain: mostly(
                      fc.constantFrom('example.com', 'shop.example.com'),
                      fc.constantFrom('co.uk', 'Example.com', 'example.com; Secure'),
                      100,
                    ),
                  },
                  { requiredKeys: [] },
                )
              : fc.constant(undefined),
          value:
            kind === 'localStorage' || kind === 'indexedDB'
              ? maybe(value, 1)
              : fc.constant(undefined),
        },
        { requiredKeys: ['id', 'name', 'kind', 'category', 'provider', 'setBy', 'lifetime'] },
      );
    })
    .map(({ name, ...entry }) => ({
      ...entry,
      name: name.name,
      ...(name.nameParameters && { nameParameters: name.nameParameters }),
    }));
}

/** The texts every entry has, and those it may have. */
function entryTexts(locales: readonly string[], lifetime: unknown) {
  return fc.record(
    {
      purpose: localized(locales),
      stores: localized(locales),
      note: localized(locales),
      lifetimeNote: typeof lifetime === 'object' ? localized(locales) : fc.constant(undefined),
      // No longer set since this day: its deleter stays, the policy lists it until it runs out.
      retired: maybe(
        mostly(
          fc.constantFrom('2025-01-15', '2026-06-30', '2030-12-31'),
          fc.constantFrom('2026-02-30', 'yesterday', ''),
          30,
        ),
        1,
      ),
    },
    { requiredKeys: ['purpose'] },
  );
}

function withTexts(
  entry: fc.Arbitrary<{ readonly id: string; readonly lifetime: unknown }>,
  locales: readonly string[],
): fc.Arbitrary<{ readonly id: string }> {
  return entry.chain((e) =>
    entryTexts(locales, e.lifetime).map(({ lifetimeNote, ...texts }) => ({
      ...e,
      ...texts,
      ...(lifetimeNote && { lifetime: { ...(e.lifetime as object), note: lifetimeNote } }),
    })),
  );
}

// ─── Sections ───────────────────────────────────────────────────────────────────────────────

/** Markdown lines legal might write, and what VitePress, Vue and GitHub would act on. */
const MARKDOWN = [
  'We use cookies. Read **why** below.',
  '## What cookies are',
  '- one\n- two',
  '1. first\n2. second',
  'Write to [our DPO](mailto:dpo@example.com) or see [PTS](https://www.pts.se/).',
  '<https://example.com/auto>',
  '`code with {{ x }}` and ``double ` tick``',
  '```js\nconsole.log("{{ x }}</script>")\n```',
  '| a | b |\n|---|---|\n| {{ x }} | <b>y</b> |',
  '{{ $t }} and {{ constructor.constructor("alert(1)")() }}',
  '::: danger\nnot a container\n:::',
  '<script setup>\nconsole.log(1)\n</script>',
  '<div v-html="x" :class="y" @click="z()">x</div>',
  '<!--@include: ./secret.md-->',
  '<style>body{display:none}</style>',
  '\\{{ escaped }}',
  '> quote 😀 🇸🇪 עברית',
  '[text\nbroken](https://example.com/a\nb)',
  '# Heading with `code` and <b>html</b>',
  '&lt;not html&gt; &amp; &copy;',
  '![img](https://example.com/x.png "t\'itle")',
];
const BAD_MARKDOWN = [
  '[click](javascript:alert(1))',
  'bidi \u2067x\u2069',
  'TODO write this',
  '   ',
];
const markdownSection = fc
  .array(mostly(fc.constantFrom(...MARKDOWN), fc.constantFrom(...BAD_MARKDOWN), 400), {
    minLength: 1,
    maxLength: 4,
  })
  .map((blocks) => `${blocks.join('\n\n')}\n`);

// ─── Flaws ──────────────────────────────────────────────────────────────────────────────────

/**
 * Values that break a rule wherever they land, or happen not to (a text replaced by `session` is
 * still a text): what a mistake in one place of a file puts there. The loader must refuse each
 * catalog they make invalid with a located problem, and everything it accepts must still render.
 */
const FLAW_VALUES: readonly unknown[] = [
  '\u202eevil',
  'zero\u200bwidth',
  'bell\u0007',
  'TODO: write this',
  '',
  ' ',
  'javascript:alert(1)',
  'http://example.com',
  '//evil.example',
  'https://a@b.example',
  '401 days',
  '2 years',
  '0 days',
  '-1 day',
  '1.5 days',
  '3 fortnights',
  'forever',
  'unknown',
  'session',
  'persistent',
  'none',
  'Example.com',
  '.example.com',
  '192.168.0.1',
  'co.uk',
  'github.io',
  '127.1',
  'a b',
  'a;b',
  'x\r\nSet-Cookie: y=z',
  '__Host-x',
  '*',
  '{x}',
  'not-an-address',
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 53,
  null,
  [],
  {},
  'first',
  'third',
  'server',
  'client',
  'vendor',
  'provider',
  'cookie',
  'pixel',
  'localStorage',
  'None',
  'Strict',
];
/** Keys a flaw adds: a typo of a real key, a locale the policy lacks, a prototype key. */
const FLAW_KEYS = ['httponly', 'xx', 'en', 'constructor', '__proto__', 'note'];

interface Flaw {
  readonly file: number;
  readonly at: number;
  readonly action: 'replace' | 'delete' | 'add';
  readonly value: unknown;
  readonly key: string;
}

const flaw: fc.Arbitrary<Flaw | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 8 },
  {
    arbitrary: fc.record({
      file: fc.nat(),
      at: fc.nat(),
      action: fc.constantFrom('replace' as const, 'delete' as const, 'add' as const),
      value: fc.constantFrom(...FLAW_VALUES),
      key: fc.constantFrom(...FLAW_KEYS),
    }),
    weight: 1,
  },
);

type Path = readonly (string | number)[];

/** Every place in a file's data: each value's path, containers included. */
function pathsOf(data: unknown, path: Path = []): Path[] {
  const paths: Path[] = [path];
  if (data !== null && typeof data === 'object')
    for (const [key, value] of Object.entries(data))
      paths.push(...pathsOf(value, [...path, Array.isArray(data) ? Number(key) : key]));
  return paths;
}

/** The file's data with the flaw in it, at one of its places. */
function withFlaw(data: unknown, { at, action, value, key }: Flaw): unknown {
  const copy = structuredClone(data) as Record<string | number, unknown>;
  const paths = pathsOf(copy);
  const path = paths[at % paths.length] ?? [];
  const parent = path.slice(0, -1).reduce<unknown>((node, k) => (node as never)[k], copy) as
    | Record<string | number, unknown>
    | undefined;
  const last = path.at(-1);
  const target = last === undefined ? copy : (parent?.[last] as Record<string, unknown>);
  if (action === 'add' && target !== null && typeof target === 'object' && !Array.isArray(target)) {
    // JSON.parse makes "__proto__" an own key, as the YAML a person writes would.
    Object.assign(target, JSON.parse(JSON.stringify({ [key]: value })));
  } else if (action === 'delete' && parent && last !== undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (parent && last !== undefined) {
    parent[last] = value;
  }
  return copy;
}

// ─── The whole catalog ──────────────────────────────────────────────────────────────────────

const YAML_STYLES = [
  { lineWidth: 0 },
  { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE' as const, defaultKeyType: 'PLAIN' as const },
  { lineWidth: 0, collectionStyle: 'flow' as const },
  { lineWidth: 20 },
];

function yamlText(data: unknown, style: number): string {
  // No anchors and aliases: the loader refuses them (alias bombs), and the same object may be used twice.
  return stringify(data, {
    ...YAML_STYLES[style % YAML_STYLES.length],
    aliasDuplicateObjects: false,
  });
}

/** Leaves out keys whose value is undefined, as a person writing the file would. */
function clean(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(clean);
  if (data !== null && typeof data === 'object')
    return Object.fromEntries(
      Object.entries(data)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, clean(v)]),
    );
  return data;
}

export const catalogSample: fc.Arbitrary<CatalogSample> = fc
  .record({ facts: policyFacts, ids: entryIds, style: fc.nat() })
  .chain(({ facts, ids, style }) => {
    const context = { facts };
    const [consentId, ...others] = ids;
    const entries = fc.tuple(
      withTexts(ownCookie(consentId ?? 'consent', context, true), facts.locales),
      ...others.map((id) =>
        withTexts(
          fc.oneof(
            { arbitrary: ownCookie(id, context), weight: 3 },
            { arbitrary: otherEntry(id, context), weight: 3 },
          ),
          facts.locales,
        ),
      ),
    );
    const sectionTexts = fc.tuple(
      ...facts.locales.map(() => fc.array(markdownSection, { minLength: 4, maxLength: 4 })),
    );
    return fc
      .record({
        policy: policyFile(facts, ids, consentId),
        entries,
        sectionTexts,
        styles: fc.array(fc.nat(), { minLength: ids.length + 1, maxLength: ids.length + 1 }),
        flaw,
      })
      .map(({ policy, entries, sectionTexts, styles, flaw }) => {
        const files: Record<string, string> = {};
        // The flaw lands in policy.yaml (file 0) or one entry's file.
        const flawed = (data: unknown, file: number) =>
          flaw && flaw.file % (entries.length + 1) === file ? withFlaw(data, flaw) : data;
        files['policy.yaml'] = yamlText(flawed(clean(policy), 0), style);
        entries.forEach((entry, i) => {
          files[`cookies/${entry.id}.yaml`] = yamlText(flawed(clean(entry), i + 1), styles[i] ?? 0);
        });
        const sections = (policy as { sections: readonly string[] }).sections;
        facts.locales.forEach((locale, i) => {
          sections.forEach((section, j) => {
            if (section === 'cookie-table') return;
            files[`sections/${locale}/${section}.md`] = sectionTexts[i]?.[j] ?? '';
          });
        });
        return { files };
      });
  });
