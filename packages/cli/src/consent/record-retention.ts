import { type Catalog, SECONDS_PER_UNIT } from '@cookie-catalog/catalog';

/*
 * How long consent records are kept before `consent prune` deletes them (issue #30): the period
 * policy.yaml sets, by default the consent cookie's lifetime plus three years. The record must
 * outlive the answer it proves, which the cookie carries until its lifetime runs out; the three
 * years after are for a question about that answer (GDPR Art. 7(1): the controller must be able
 * to demonstrate consent). Once policy.yaml has `consent.keepRecords`, legal sets it there.
 */

/** Three years of 365 days: the catalog counts a year as 365 days (SECONDS_PER_UNIT). */
export const CLAIM_PERIOD_SECONDS = 3 * SECONDS_PER_UNIT.year;
/** When the consent cookie's lifetime is not a duration (a session cookie, or no consent cookie). */
const FALLBACK_LIFETIME_SECONDS = SECONDS_PER_UNIT.year;

/** `catalog.consent.keepRecords.seconds`, once policy.yaml has it; read by its shape, not its type. */
function statedKeepSeconds(catalog: Catalog): number | undefined {
  const consent = catalog.consent as { readonly keepRecords?: unknown } | undefined;
  const keep = consent?.keepRecords;
  if (keep === null || typeof keep !== 'object') return undefined;
  const seconds = (keep as { readonly seconds?: unknown }).seconds;
  return typeof seconds === 'number' && Number.isSafeInteger(seconds) && seconds > 0
    ? seconds
    : undefined;
}

/**
 * Seconds a consent record is kept: policy.yaml's `consent.keepRecords` when the catalog has it,
 * else the consent cookie's lifetime (1 year when it is not a duration) plus three years.
 */
export function recordRetentionSeconds(catalog: Catalog): number {
  const stated = statedKeepSeconds(catalog);
  if (stated !== undefined) return stated;
  const cookie = catalog.entries.find((entry) => entry.id === catalog.consent?.cookie);
  const lifetime =
    cookie?.lifetime.kind === 'duration' ? cookie.lifetime.seconds : FALLBACK_LIFETIME_SECONDS;
  return lifetime + CLAIM_PERIOD_SECONDS;
}
