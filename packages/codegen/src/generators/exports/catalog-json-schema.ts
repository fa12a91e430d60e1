import { CONSENT_MODE_TYPES, OCD_CATEGORIES } from '@cookie-catalog/catalog';

/*
 * The JSON Schema (draft 2020-12) of catalog.json. Written by hand from the Catalog model in
 * @cookie-catalog/catalog; a test validates the export of every fixture catalog against it, so
 * the two cannot drift apart silently.
 */

export const CATALOG_SCHEMA_VERSION = 2;

const text = { type: 'string' } as const;
const localized = {
  type: 'object',
  description: 'One text per locale of the catalog, keyed by locale.',
  additionalProperties: { type: 'string', minLength: 1 },
} as const;
const durationUnit = {
  enum: ['second', 'minute', 'hour', 'day', 'week', 'month', 'year'],
} as const;

function object(
  properties: Record<string, unknown>,
  required: readonly string[] = Object.keys(properties),
  description?: string,
) {
  return {
    type: 'object',
    ...(description && { description }),
    properties,
    required,
    additionalProperties: false,
  };
}

const durationProperties = {
  amount: {
    type: 'number',
    exclusiveMinimum: 0,
    description: 'As written: whole for a cookie our code sets, else e.g. 2.7 or 0.1.',
  },
  unit: { $ref: '#/$defs/durationUnit' },
  seconds: {
    type: 'integer',
    minimum: 1,
    description: 'In whole seconds, rounded up. A month is 30 days, a year 365.',
  },
  approximate: { const: true, description: 'Written as not exact ("about 2 years").' },
} as const;

const duration = object(
  durationProperties,
  ['amount', 'unit', 'seconds'],
  'An amount of a unit, and the same in whole seconds.',
);

const kindOnly = (kind: string, description: string) =>
  object({ kind: { const: kind } }, ['kind'], description);

export const CATALOG_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'catalog.schema.json',
  title: 'cookie-catalog: the normalized catalog',
  description:
    'Every cookie and similar technology of one organisation, with every default filled in. Written by `cookie-catalog export --format json/catalog`.',
  ...object({
    schemaVersion: { const: CATALOG_SCHEMA_VERSION },
    version: { ...text, description: 'The policy version, a number or a date.' },
    lastUpdated: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    locales: { type: 'array', items: text, minItems: 1, uniqueItems: true },
    defaultLocale: text,
    controller: object(
      {
        name: { ...text, description: 'The name in the default locale.' },
        names: { $ref: '#/$defs/localized', description: 'The name in every locale.' },
        website: { type: 'string', format: 'uri' },
        email: text,
        domains: {
          type: 'array',
          items: text,
          description: "The controller's own domains: an entry on one of them is first party.",
        },
      },
      ['name', 'names', 'website', 'domains'],
    ),
    dpo: object({ email: text }),
    consent: {
      description: 'How consent is recorded, or null when no consent cookie is named.',
      oneOf: [
        { type: 'null' },
        object({
          cookie: { ...text, description: 'The id of the entry whose cookie records the answer.' },
          version: { type: 'integer', minimum: 1 },
          preferencesUrl: { type: ['string', 'null'] },
          sharedAcross: {
            type: ['string', 'null'],
            description: 'The parent domain across which one answer is shared, or null.',
          },
          sharedBy: {
            type: 'array',
            items: text,
            description: 'The ids of the services that share the answer.',
          },
        }),
      ],
    },
    services: {
      type: 'array',
      minItems: 1,
      description:
        'The services (sites, apps) the catalog covers, in the order declared; one implicit service (id "site") when policy.yaml declares none.',
      items: object({
        id: text,
        name: { $ref: '#/$defs/localized' },
        hosts: {
          type: ['array', 'null'],
          items: text,
          description: 'The host names it runs on, or null where the catalog does not state them.',
        },
        domain: {
          type: ['string', 'null'],
          description:
            'The domain its hosts are under, where the catalog states that but not the hosts; else null.',
        },
        runBy: {
          oneOf: [
            object({ kind: { const: 'us' } }),
            object({ kind: { const: 'vendor' }, vendor: text }),
          ],
        },
        policyUrl: { type: ['string', 'null'] },
        implicit: { type: 'boolean' },
      }),
    },
    categories: {
      type: 'array',
      description: 'In the order declared.',
      items: object({
        id: text,
        consentRequired: { type: 'boolean' },
        label: { $ref: '#/$defs/localized' },
        description: { $ref: '#/$defs/localized' },
        tcf: object({
          purposes: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 11 } },
          specialPurposes: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 3 } },
        }),
        openCookieDatabase: { enum: [...OCD_CATEGORIES, null] },
        consentMode: {
          type: 'array',
          description: 'Google Consent Mode v2 types this category grants.',
          items: { enum: [...CONSENT_MODE_TYPES] },
        },
      }),
    },
    authorities: {
      type: 'array',
      items: object({
        id: text,
        supervises: { enum: ['cookies', 'personal-data', 'both'] },
        name: { $ref: '#/$defs/localized' },
        url: { $ref: '#/$defs/localized' },
      }),
    },
    entries: { type: 'array', items: { $ref: '#/$defs/entry' } },
    sections: {
      type: 'array',
      description: 'The prose of the policy in order, Markdown per locale.',
      items: object({ id: text, markdown: { $ref: '#/$defs/localized' } }),
    },
  }),
  $defs: {
    localized,
    durationUnit,
    duration,
    lifetime: {
      oneOf: [
        kindOnly('session', 'Gone when the browser session ends.'),
        kindOnly('persistent', 'Local storage: kept until deleted.'),
        kindOnly('none', 'Nothing is stored (a pixel).'),
        kindOnly('unknown', 'The provider does not say.'),
        object(
          { kind: { const: 'duration' }, ...durationProperties },
          ['kind', 'amount', 'unit', 'seconds'],
          'This long; for a cookie our code sets, exactly its Max-Age.',
        ),
        object(
          {
            kind: { const: 'provider-stated' },
            stated: {
              oneOf: [
                kindOnly('forever', 'The provider says it never expires.'),
                kindOnly('session', 'Until the browser session ends.'),
                object({ kind: { const: 'duration' }, ...durationProperties }, [
                  'kind',
                  'amount',
                  'unit',
                  'seconds',
                ]),
                object({
                  kind: { const: 'range' },
                  from: { $ref: '#/$defs/duration' },
                  to: { $ref: '#/$defs/duration' },
                }),
              ],
            },
            inactivity: { $ref: '#/$defs/duration' },
            keptSeconds: {
              type: 'integer',
              minimum: 0,
              maximum: 34560000,
              description: 'What browsers keep of the longest stated part: at most 400 days.',
            },
            note: { $ref: '#/$defs/localized' },
          },
          ['kind', 'stated', 'keptSeconds'],
          "Another company's own statement, which may exceed what browsers keep.",
        ),
      ],
    },
    entry: object(
      {
        id: text,
        name: object({
          pattern: { ...text, description: 'The name, or a pattern with {parameters}.' },
          parameters: {
            type: 'array',
            items: object(
              {
                name: text,
                type: { enum: ['string', 'integer'] },
                pattern: text,
                maxLength: { type: 'integer', minimum: 1 },
                example: { type: ['string', 'integer'] },
                description: { $ref: '#/$defs/localized' },
              },
              ['name', 'type', 'example'],
            ),
          },
        }),
        kind: {
          enum: ['cookie', 'localStorage', 'sessionStorage', 'indexedDB', 'cacheStorage', 'pixel'],
        },
        party: { enum: ['first', 'third'] },
        setBy: {
          enum: ['server', 'client', 'vendor', 'provider', null],
          description:
            'Who sets it; null where the cookie page does not say (an entry of ours without generated code).',
        },
        provider: object(
          {
            name: text,
            domain: {
              oneOf: [text, { type: 'null' }],
              description: 'The domain it belongs to; null where the cookie page gives none.',
            },
            privacyPolicy: { type: 'string', format: 'uri' },
            cookiePolicy: { type: 'string', format: 'uri' },
          },
          ['name', 'domain'],
        ),
        category: text,
        lifetime: { $ref: '#/$defs/lifetime' },
        retired: {
          type: 'string',
          pattern: '^\\d{4}-\\d{2}-\\d{2}$',
          description:
            'The day (YYYY-MM-DD) from which it is no longer set; it may stay on devices until its lifetime has run out. Absent while it is set.',
        },
        purpose: { $ref: '#/$defs/localized' },
        recipients: {
          type: 'array',
          items: text,
          minItems: 1,
          description: 'To whom the data goes, as the page names them.',
        },
        group: {
          const: true,
          description:
            "A vendor's group of cookies the page lists without names: every cookie of provider.domain.",
        },
        stores: { $ref: '#/$defs/localized' },
        note: { $ref: '#/$defs/localized' },
        attributes: object(
          {
            secure: { type: 'boolean' },
            httpOnly: { type: 'boolean' },
            sameSite: { enum: ['Strict', 'Lax', 'None'] },
            path: text,
            domain: text,
            partitioned: { type: 'boolean' },
          },
          ['secure', 'httpOnly', 'sameSite', 'path', 'partitioned'],
          'The exact Set-Cookie attributes, for cookies our code sets.',
        ),
        value: { $ref: '#/$defs/value' },
        location: object(
          { path: text, domain: text },
          ['path'],
          "Where a vendor's cookie on our domain lives, when the catalog says.",
        ),
        services: {
          type: 'array',
          items: text,
          minItems: 1,
          description: 'The ids of the services that use it.',
        },
        reaches: {
          type: 'array',
          items: text,
          description:
            'For a cookie with a Domain, where the catalog declares services: the services whose hosts browsers send it to.',
        },
        source: { ...text, description: 'The catalog file, relative to the catalog folder.' },
      },
      [
        'id',
        'name',
        'kind',
        'party',
        'setBy',
        'provider',
        'category',
        'lifetime',
        'purpose',
        'services',
        'source',
      ],
    ),
    value: {
      description: 'What a cookie our code sets holds.',
      oneOf: [
        object(
          {
            type: { const: 'string' },
            pattern: text,
            maxLength: { type: 'integer', minimum: 1 },
            encoding: { enum: ['raw', 'uri', 'base64url'] },
            example: text,
          },
          ['type', 'encoding', 'example'],
        ),
        object({ type: { const: 'enum' }, values: { type: 'array', items: text, minItems: 1 } }),
        object({ type: { const: 'integer' }, min: { type: 'integer' }, max: { type: 'integer' } }, [
          'type',
        ]),
        object({ type: { const: 'boolean' } }),
        object({
          type: { const: 'json' },
          fields: {
            type: 'array',
            items: object({
              name: text,
              type: {
                oneOf: [
                  object({ type: { enum: ['boolean', 'integer', 'string'] } }),
                  object({ type: { const: 'enum' }, values: { type: 'array', items: text } }),
                ],
              },
            }),
          },
          encoding: { enum: ['uri', 'base64url'] },
        }),
      ],
    },
  },
} as const;
