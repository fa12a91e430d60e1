import { type Catalog, SECONDS_PER_UNIT } from '@cookie-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { recordRetentionSeconds } from './record-retention.js';

const DAY = SECONDS_PER_UNIT.day;
const THREE_YEARS = 3 * 365 * DAY;

/** Only what recordRetentionSeconds reads: the consent settings and the entries' lifetimes. */
function catalogWith(consent: object | undefined, lifetime: object): Catalog {
  return {
    consent,
    entries: [
      { id: 'other', lifetime: { kind: 'duration', seconds: 1 } },
      { id: 'answer', lifetime },
    ],
  } as unknown as Catalog;
}

describe('recordRetentionSeconds: how long consent records are kept', () => {
  it('is the consent cookie’s lifetime plus three years by default', () => {
    const lifetime = { kind: 'duration', amount: 180, unit: 'day', seconds: 180 * DAY };
    expect(recordRetentionSeconds(catalogWith({ cookie: 'answer', version: 1 }, lifetime))).toBe(
      180 * DAY + THREE_YEARS,
    );
  });

  it('counts one year for the cookie when its lifetime is not a duration, or there is none', () => {
    const session = { kind: 'session' };
    expect(recordRetentionSeconds(catalogWith({ cookie: 'answer', version: 1 }, session))).toBe(
      365 * DAY + THREE_YEARS,
    );
    expect(recordRetentionSeconds(catalogWith(undefined, session))).toBe(365 * DAY + THREE_YEARS);
  });

  it('uses policy.yaml’s consent.keepRecords when the catalog has it', () => {
    const lifetime = { kind: 'duration', seconds: 180 * DAY };
    const keep = { cookie: 'answer', version: 1, keepRecords: { seconds: 5 * 365 * DAY } };
    expect(recordRetentionSeconds(catalogWith(keep, lifetime))).toBe(5 * 365 * DAY);
    const malformed = { cookie: 'answer', version: 1, keepRecords: { seconds: 'long' } };
    expect(recordRetentionSeconds(catalogWith(malformed, lifetime))).toBe(180 * DAY + THREE_YEARS);
  });
});
