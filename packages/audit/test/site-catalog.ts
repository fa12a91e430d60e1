import type { Edit } from '../../catalog/test/catalog-copy.js';

/**
 * The fixture's entries that the audit tests' small sites never set. Deleted from the copy, so
 * the catalog holds what a site sets and nothing is reported missing for the rest.
 */
export const UNUSED_BY_TEST_SITES: readonly string[] = [
  'billopay_session',
  'efaktura',
  'invoice_opened',
  'pubnub_subscription',
  'cloudflare_bot_management',
  'cloudflare_rate_limiting',
  'zendesk_authenticated',
  'zendesk_chat_privacy',
  'zendesk_session',
  'zendesk_shared_session',
];

/** Edits that delete these entries' files from a copy of the fixture catalog. */
export function withoutEntries(ids: readonly string[]): Edit[] {
  return ids.map((id) => ({ file: `cookies/${id}.yaml`, with: null }));
}
