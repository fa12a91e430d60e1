import type { Catalog } from '@cookie-catalog/catalog';

/**
 * What a validated catalog exercises, as tags (`kind:pixel`, `lifetime:provider-stated:range`,
 * `value:json`, …). The property test counts them over the samples that validated and holds the
 * arbitraries to reaching every tag in FEATURES: a sample that never validates with a feature
 * tests nothing about it.
 */
export function catalogFeatures(catalog: Catalog): Set<string> {
  const tags = new Set<string>();
  tags.add(`locales:${catalog.locales.length}`);
  for (const locale of catalog.locales) tags.add(`locale:${locale}`);
  if (catalog.packages.server !== '@cookie-catalog/server') tags.add('packages:scope');
  if (catalog.consent) {
    tags.add('consent');
    if (catalog.consent.preferencesUrl) tags.add('consent:preferencesUrl');
    if (catalog.consent.keepRecords.origin === 'stated') tags.add('consent:keepRecords');
  }
  for (const category of catalog.categories) {
    tags.add(category.consentRequired ? 'category:consent' : 'category:no-consent');
    if (category.consentMode.length > 0) tags.add('category:consentMode');
    if (category.tcf.specialPurposes.length > 0) tags.add('category:tcf-special');
    if (category.openCookieDatabase === undefined) tags.add('category:no-ocd');
  }
  if (Object.keys(catalog.durationWords).length > 0) tags.add('durationWords');
  for (const entry of catalog.entries) {
    tags.add(`kind:${entry.kind}`);
    tags.add(`party:${entry.party}`);
    tags.add(`setBy:${entry.setBy}`);
    const { lifetime } = entry;
    tags.add(
      lifetime.kind === 'provider-stated'
        ? `lifetime:provider-stated:${lifetime.stated.kind}`
        : `lifetime:${lifetime.kind}`,
    );
    if (lifetime.kind === 'provider-stated' && lifetime.inactivity) tags.add('lifetime:inactivity');
    if (entry.name.parameters.length > 0) tags.add('name:pattern');
    for (const parameter of entry.name.parameters) tags.add(`parameter:${parameter.type}`);
    if (entry.value) tags.add(`value:${entry.value.type}`);
    if (entry.value?.type === 'string') tags.add(`encoding:${entry.value.encoding}`);
    if (entry.value?.type === 'string' && entry.value.pattern) tags.add('value:pattern');
    if (entry.attributes?.partitioned) tags.add('attribute:partitioned');
    if (entry.attributes?.domain) tags.add('attribute:domain');
    if (entry.attributes && !entry.attributes.httpOnly) tags.add('attribute:script-visible');
    if (entry.location) tags.add('vendor-location');
    if (entry.retired !== undefined)
      tags.add(entry.attributes ? 'retired:first-party-cookie' : 'retired');
    if (/^__(host|secure|http)-/i.test(entry.name.pattern)) tags.add('name:prefix');
    if (entry.provider.privacyPolicy) tags.add('provider:privacyPolicy');
  }
  return tags;
}

/** Every feature the samples that validate must reach in a run. */
export const FEATURES = [
  'retired',
  'retired:first-party-cookie',
  'locales:1',
  'locales:4',
  'locale:fi',
  'locale:nb',
  'locale:et',
  'packages:scope',
  'consent',
  'consent:keepRecords',
  'category:consent',
  'category:consentMode',
  'category:tcf-special',
  'durationWords',
  'kind:cookie',
  'kind:localStorage',
  'kind:sessionStorage',
  'kind:indexedDB',
  'kind:cacheStorage',
  'kind:pixel',
  'party:third',
  'setBy:server',
  'setBy:client',
  'setBy:vendor',
  'setBy:provider',
  'lifetime:duration',
  'lifetime:session',
  'lifetime:persistent',
  'lifetime:none',
  'lifetime:unknown',
  'lifetime:provider-stated:duration',
  'lifetime:provider-stated:forever',
  'lifetime:provider-stated:session',
  'lifetime:provider-stated:range',
  'lifetime:inactivity',
  'name:pattern',
  'name:prefix',
  'parameter:string',
  'parameter:integer',
  'value:string',
  'value:pattern',
  'value:enum',
  'value:integer',
  'value:boolean',
  'value:json',
  'encoding:raw',
  'encoding:uri',
  'encoding:base64url',
  'attribute:partitioned',
  'attribute:domain',
  'attribute:script-visible',
  'vendor-location',
];
