import { cookiePrefixOf } from '../cookie-grammar.js';
import { effectiveAttributes, isOwnCookie } from '../defaults.js';
import { RULES, type RuleId } from '../rule-ids.js';
import type { EntryInput } from '../schema.js';
import type { FileReport } from './check-context.js';

/** Names that usually carry a credential or a session: the ones the __Host- prefix protects most. */
const SENSITIVE_NAME = /csrf|xsrf|session|sess|token|auth|login/i;

/**
 * Warnings about an entry that a team may consider and decline for it, with a reason: advice, and
 * two decisions the catalog cannot make for them (no typed code for a cookie of ours; a vendor's
 * cookie withdrawal cannot delete).
 */
export const DECLINABLE_WARNINGS: readonly RuleId[] = [
  ...(Object.keys(RULES) as RuleId[]).filter((id) => id.startsWith('advice/')),
  'entry/set-by',
  'consent/vendor-location',
];

/** Only such warnings can be declined, and only with a reason a reviewer can read. */
export function checkAcknowledgements(report: FileReport, entry: EntryInput): void {
  for (const [rule, reason] of Object.entries(entry.acknowledge ?? {})) {
    if (!DECLINABLE_WARNINGS.includes(rule as RuleId)) {
      report.add(
        'schema/value',
        ['acknowledge', rule],
        `"${rule}" is not advice that can be declined; errors must be fixed`,
        `use one of ${DECLINABLE_WARNINGS.join(', ')}`,
        { key: true },
      );
    } else if (reason.trim() === '') {
      report.add(
        'schema/value',
        ['acknowledge', rule],
        'say why the advice is declined',
        'write the reason',
        {},
      );
    }
  }
}

/** Warnings for a cookie that is valid but could be safer; given only when nothing is an error. */
export function checkAdvice(report: FileReport, entry: EntryInput): void {
  if (!isOwnCookie(entry) || report.hasErrors) return;
  const attributes = effectiveAttributes(entry);
  const declined = (rule: string) => entry.acknowledge?.[rule] !== undefined;
  const hostOnlyRoot = attributes.path === '/' && attributes.domain === undefined;
  if (
    !declined('advice/host-prefix') &&
    attributes.secure &&
    hostOnlyRoot &&
    !cookiePrefixOf(entry.name) &&
    (attributes.httpOnly || SENSITIVE_NAME.test(entry.name))
  ) {
    report.add(
      'advice/host-prefix',
      ['name'],
      `consider naming it "__Host-${entry.name}": the __Host- prefix stops subdomains and insecure pages from overwriting this cookie`,
      'rename it when clients can migrate; the prefix is a wire-name change',
    );
  }
  if (attributes.domain !== undefined && !declined('advice/host-only')) {
    report.add(
      'advice/host-only',
      ['attributes', 'domain'],
      `Domain=${attributes.domain} sends the cookie to every subdomain too`,
      'leave out domain unless subdomains must read it',
    );
  }
  if (!attributes.secure && !declined('advice/secure')) {
    report.add(
      'advice/secure',
      ['attributes', 'secure'],
      'without Secure, the cookie is also sent over plain HTTP',
      'set secure: true',
    );
  }
}
