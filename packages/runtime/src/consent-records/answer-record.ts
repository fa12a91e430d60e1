import { SHOWN_FIELD } from '../consent/render.js';
import type { ConsentForm } from '../consent/withdraw.js';
import type { ConsentLog } from './consent-log.js';
import type { ConsentAction, ConsentRecordInput, RecordOutcome } from './types.js';

/*
 * What the generated `applyConsentForm` records of one answer (GDPR Art. 7(1): the controller
 * must be able to show that a person consented, to what, and having been told what). The
 * generated package knows its catalog (categories, versions, the hash of every text it shows);
 * this turns one answer into a record and appends it.
 */

const CONSENT_ID = /^[0-9a-f]{32}$/;

/** A consent id: 128 random bits as 32 lowercase hex digits. */
export function newConsentId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function isConsentId(value: unknown): value is string {
  return typeof value === 'string' && CONSENT_ID.test(value);
}

function fieldNames(form: ConsentForm): string[] {
  const keys = (form as { keys?: unknown }).keys;
  if (typeof (form as { get?: unknown }).get === 'function' && typeof keys === 'function')
    return [...new Set((keys.call(form) as Iterable<string>) ?? [])];
  return Object.keys(form);
}

function field(form: ConsentForm, name: string): unknown {
  const value =
    typeof (form as { get?: unknown }).get === 'function'
      ? (form as { get(name: string): unknown }).get(name)
      : (form as Readonly<Record<string, unknown>>)[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * `withdraw` when the answer turns off a category the answer in force had granted and grants
 * nothing new; otherwise what the form says (`accept`, `reject`, or `save` for the preferences
 * form).
 */
export function consentAction(
  form: ConsentForm,
  previous: Readonly<Record<string, boolean>> | undefined,
  choices: Readonly<Record<string, boolean>>,
): ConsentAction {
  const entries = Object.entries(choices);
  const revoked = entries.some(([category, on]) => !on && previous?.[category] === true);
  const granted = entries.some(([category, on]) => on && previous?.[category] !== true);
  if (revoked && !granted) return 'withdraw';
  const action = field(form, 'cookies');
  return action === 'accept' || action === 'reject' ? action : 'save';
}

export interface AnswerContext {
  readonly consentId: string;
  readonly form: ConsentForm;
  readonly previous: Readonly<Record<string, boolean>> | undefined;
  readonly choices: Readonly<Record<string, boolean>>;
  readonly consentVersion: number;
  readonly policyVersion: string;
  readonly packages: Readonly<Record<string, string>>;
  /** Every text this package can show: its hash, what it is and in which language. */
  readonly shown: Readonly<Record<string, { readonly kind: string; readonly locale: string }>>;
  /** The locale when the form carries no text this package knows. */
  readonly locale: string | undefined;
  readonly service: string | null;
  readonly gpc: boolean;
  /** The hash of the policy in force in a locale (a text the records store too). */
  readonly policy: (locale: string) => string | null;
}

/**
 * One answer as a record. The form's `consent_shown` must name a text this package shows, or one
 * the store already holds (a page rendered before a deploy); anything else records `shown: null`,
 * since nobody could show which words those were. Per-request slots are named, not their values:
 * hidden fields by name, `preselected` when the preferences form showed an earlier answer.
 */
export function answerRecord(
  context: AnswerContext,
  knows: (hash: string) => boolean,
): ConsentRecordInput {
  const { form } = context;
  const claimed = field(form, SHOWN_FIELD);
  const hash =
    typeof claimed === 'string' &&
    /^[0-9a-f]{64}$/.test(claimed) &&
    (context.shown[claimed] !== undefined || knows(claimed))
      ? claimed
      : null;
  const what = hash === null ? undefined : context.shown[hash];
  const locale = what?.locale ?? context.locale ?? null;
  const hidden = fieldNames(form)
    .filter((name) => name !== 'cookies' && name !== SHOWN_FIELD && !name.startsWith('consent-'))
    .map((name) => `hidden:${name}`);
  const preselected =
    what?.kind.startsWith('preferences') && context.previous !== undefined ? ['preselected'] : [];
  return {
    consentId: context.consentId,
    action: consentAction(form, context.previous, context.choices),
    categories: { ...context.choices },
    consentVersion: context.consentVersion,
    policyVersion: context.policyVersion,
    packages: { ...context.packages },
    locale,
    service: context.service,
    gpc: context.gpc,
    shown: hash,
    slots: [...hidden, ...preselected].sort(),
    policy: locale === null ? null : context.policy(locale),
  };
}

/** Appends the answer's record to the log; resolves once it is durable (or says why not). */
export function recordAnswer(
  log: Pick<ConsentLog, 'record' | 'knows'>,
  context: AnswerContext,
): Promise<RecordOutcome> {
  return log.record(answerRecord(context, (hash) => log.knows(hash)));
}
