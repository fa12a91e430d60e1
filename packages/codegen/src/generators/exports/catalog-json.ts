import type { Catalog, CatalogEntry, LocalizedText } from '@cookie-catalog/catalog';
import type { Generator } from '../../generator.js';
import { CATALOG_JSON_SCHEMA, CATALOG_SCHEMA_VERSION } from './catalog-json-schema.js';

/*
 * The normalized catalog as JSON, for other tools: every default filled in, every text in every
 * locale, lifetimes in seconds as well as words. Its shape is catalog.schema.json, published
 * beside it; schemaVersion rises only when a field changes meaning or goes away.
 */

export const CATALOG_JSON_FILE = 'catalog.json';
export const CATALOG_SCHEMA_FILE = 'catalog.schema.json';

export function catalogJson(catalog: Catalog): unknown {
  return {
    schemaVersion: CATALOG_SCHEMA_VERSION,
    version: catalog.version,
    lastUpdated: catalog.lastUpdated,
    locales: catalog.locales,
    defaultLocale: catalog.defaultLocale,
    controller: catalog.controller,
    dpo: catalog.dpo,
    consent: catalog.consent
      ? {
          cookie: catalog.consent.cookie,
          version: catalog.consent.version,
          preferencesUrl: catalog.consent.preferencesUrl ?? null,
          sharedAcross: catalog.consent.sharedAcross ?? null,
          sharedBy: catalog.consent.sharedBy,
        }
      : null,
    services: catalog.services.map((s) => ({
      id: s.id,
      name: s.name,
      hosts: s.hosts ?? null,
      domain: s.domain ?? null,
      runBy: s.runBy,
      policyUrl: s.policyUrl ?? null,
      implicit: s.implicit,
    })),
    categories: catalog.categories.map((c) => ({
      id: c.id,
      consentRequired: c.consentRequired,
      label: c.label,
      description: c.description,
      tcf: c.tcf,
      openCookieDatabase: c.openCookieDatabase ?? null,
      consentMode: c.consentMode,
    })),
    authorities: catalog.authorities,
    entries: catalog.entries.map(entryJson),
    sections: catalog.sections
      .filter((s) => Object.keys(s.markdown).length > 0)
      .map((s) => ({ id: s.id, markdown: s.markdown })),
  };
}

function entryJson(entry: CatalogEntry) {
  const optional = (key: string, text: LocalizedText | undefined) =>
    text === undefined ? {} : { [key]: text };
  return {
    id: entry.id,
    name: { pattern: entry.name.pattern, parameters: entry.name.parameters },
    kind: entry.kind,
    party: entry.party,
    setBy: entry.setBy ?? null,
    provider: { ...entry.provider, domain: entry.provider.domain ?? null },
    category: entry.category,
    lifetime: entry.lifetime,
    ...(entry.retired !== undefined && { retired: entry.retired }),
    purpose: entry.purpose,
    ...(entry.recipients && { recipients: entry.recipients }),
    ...(entry.group && { group: true }),
    ...optional('stores', entry.stores),
    ...optional('note', entry.note),
    ...(entry.attributes && { attributes: entry.attributes }),
    ...(entry.value && { value: entry.value }),
    ...(entry.location && { location: entry.location }),
    services: entry.services,
    ...(entry.reaches && { reaches: entry.reaches }),
    source: entry.source,
  };
}

export const catalogJsonGenerator: Generator = {
  id: 'json/catalog',
  description: 'the normalized catalog as JSON, with its JSON Schema beside it',
  outDir: 'packages/docs/src/generated/exports/catalog',
  defaultOptions: {},
  generate(catalog) {
    return [
      { path: CATALOG_JSON_FILE, contents: `${JSON.stringify(catalogJson(catalog), null, 2)}\n` },
      { path: CATALOG_SCHEMA_FILE, contents: `${JSON.stringify(CATALOG_JSON_SCHEMA, null, 2)}\n` },
    ];
  },
};
