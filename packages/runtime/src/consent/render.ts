import type { NotDeleted, NotDeletedReason } from './withdraw.js';

/*
 * The banner and the preferences form. Their HTML is written per locale at generation time, from
 * handlebars templates that escape every catalog word (codegen's ts/consent); what varies per
 * request (the form's action, hidden fields, which answer is chosen, the cookies an answer could
 * not delete) sits in marked slots that this renderer fills, escaping every value, braces too, so
 * a Vue or VitePress page shows them as text.
 */

/** One locale's templates, as the generator writes them: HTML with `\u0000slot\u0000` markers. */
export interface BannerTemplates {
  readonly question: string;
  readonly confirmation: string;
  readonly preferences: string;
  readonly gpc: string;
  readonly notDeleted: string;
  readonly saved: string;
  /** Escaped words of each confirmation. */
  readonly messages: { readonly accept: string; readonly reject: string; readonly save: string };
  /** Escaped words for why a cookie was not deleted (packages generated before them have none). */
  readonly reasons?: Readonly<Partial<Record<NotDeletedReason, string>>>;
  /** The language of the words, for lists (Intl.ListFormat); packages before services have none. */
  readonly lang?: string;
  /** Each service's name in this language, for `{services}` in a reason (catalogs with services). */
  readonly services?: Readonly<Record<string, string>>;
  /**
   * The SHA-256 (hex) of each text a person can be shown before answering ({@link shownTexts}),
   * as the generator computed it. The form carries the hash back, so that a consent record can
   * point at the exact words (packages generated before consent records have none).
   */
  readonly shown?: Readonly<Record<ShownKind, string>>;
}

/** What a person sees before answering: the banner's question or the preferences form, each with or without the GPC notice. */
export type ShownKind = 'banner' | 'banner-gpc' | 'preferences' | 'preferences-gpc';

/** The form field that carries the hash of what was shown (not `consent-…`: no category can take it). */
export const SHOWN_FIELD = 'consent_shown';

interface FormState {
  /** Where the form posts: the route that calls applyConsentForm. */
  readonly action: string;
  /** Hidden fields the form must carry, e.g. a CSRF token. */
  readonly hidden?: Readonly<Record<string, string>>;
  /** The request carried `Sec-GPC: 1`. */
  readonly gpc?: boolean;
  /** Cookies the last answer could not delete (from applyConsentForm). */
  readonly notDeleted?: readonly NotDeleted[];
}

export interface BannerState extends FormState {
  /** The answer just given, to confirm; undefined while the question is open. */
  readonly answered?: 'accept' | 'reject' | 'save' | undefined;
}

export interface PreferencesState<C extends { categories: object }> extends FormState {
  /** The answer in force, to preselect; undefined when never asked (every option starts off). */
  readonly consent: C | undefined;
  /** The form was just saved: show the confirmation. */
  readonly saved?: boolean;
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '{': '&#123;',
  '}': '&#125;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'{}]/g, (c) => ENTITIES[c] ?? c);
}

/** Slots are `NUL name NUL`: catalog text never holds NUL (validate refuses control characters). */
const MARK = '\u0000';
const SLOT = new RegExp(`${MARK}([^${MARK}]*)${MARK}`, 'g');
const ANSWER_SLOT = new RegExp(`${MARK}(yes|no):([^${MARK}]*)${MARK}`, 'g');

/** Fills the slots; a slot without a value becomes nothing. */
function fill(template: string, slots: Readonly<Record<string, string>>): string {
  return template.replace(SLOT, (_, name: string) => slots[name] ?? '');
}

function hiddenFields(state: FormState, shown: string | undefined): string {
  const fields = Object.entries(state.hidden ?? {}).filter(([name]) => name !== SHOWN_FIELD);
  if (shown !== undefined) fields.push([SHOWN_FIELD, shown]);
  return fields
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join('');
}

/**
 * The words of each text a person can be shown before answering, in the form a consent record
 * points at: the template with its catalog words and every per-request slot left empty (the
 * form's action, hidden fields such as a CSRF token, which answer is preselected). The GPC
 * notice is part of the words, so a banner with it is a text of its own.
 */
export function shownTexts(templates: BannerTemplates): Record<ShownKind, string> {
  return {
    banner: fill(templates.question, {}),
    'banner-gpc': fill(templates.question, { gpc: templates.gpc }),
    preferences: fill(templates.preferences, {}),
    'preferences-gpc': fill(templates.preferences, { gpc: templates.gpc }),
  };
}

/** Why a cookie was not deleted, with the services that hold it named in the page's language. */
function reasonText(templates: BannerTemplates, cookie: NotDeleted): string | undefined {
  const why = templates.reasons?.[cookie.reason];
  if (why === undefined || !cookie.services) return why;
  const names = cookie.services.map((id) => escapeHtml(templates.services?.[id] ?? id));
  const list = templates.lang
    ? new Intl.ListFormat(templates.lang, { type: 'conjunction' }).format(names)
    : names.join(', ');
  // The words are escaped for a Vue page too, braces as entities: the slot may be either.
  return why.split('&#123;services&#125;').join(list).split('{services}').join(list);
}

function notDeletedList(templates: BannerTemplates, state: FormState): string {
  const cookies = state.notDeleted ?? [];
  if (cookies.length === 0) return '';
  const items = cookies
    .map((cookie) => {
      const who = cookie.privacyPolicy
        ? `<a href="${escapeHtml(cookie.privacyPolicy)}" rel="noopener noreferrer">${escapeHtml(cookie.provider)}</a>`
        : escapeHtml(cookie.provider);
      const why = reasonText(templates, cookie);
      return `<li><code>${escapeHtml(cookie.name)}</code> (${who})${why ? `: ${why}` : ''}</li>`;
    })
    .join('');
  return fill(templates.notDeleted, { items });
}

export function renderBanner(templates: BannerTemplates, state: BannerState): string {
  if (state.answered) {
    return fill(templates.confirmation, {
      message: templates.messages[state.answered],
      notDeleted: notDeletedList(templates, state),
    });
  }
  return fill(templates.question, {
    gpc: state.gpc ? templates.gpc : '',
    action: escapeHtml(state.action),
    hidden: hiddenFields(state, templates.shown?.[state.gpc ? 'banner-gpc' : 'banner']),
  });
}

export function renderPreferences<C extends { categories: object }>(
  templates: BannerTemplates,
  state: PreferencesState<C>,
): string {
  const chosen = (state.consent?.categories ?? {}) as Readonly<Record<string, boolean>>;
  const answers: Record<string, string> = {};
  for (const marker of templates.preferences.matchAll(ANSWER_SLOT)) {
    const [, answer, category = ''] = marker;
    const on = chosen[category] === true;
    answers[`${answer}:${category}`] = (answer === 'yes') === on ? ' checked' : '';
  }
  return fill(templates.preferences, {
    ...answers,
    confirmation: state.saved
      ? fill(templates.saved, { notDeleted: notDeletedList(templates, state) })
      : '',
    gpc: state.gpc ? templates.gpc : '',
    action: escapeHtml(state.action),
    hidden: hiddenFields(state, templates.shown?.[state.gpc ? 'preferences-gpc' : 'preferences']),
  });
}

/**
 * Styles for the banner and the form: touch targets of at least 44 px (WCAG 2.5.8 asks 24),
 * accept and reject alike, the confirmation's focus visible. Inline them or serve them as a file.
 */
export const CONSENT_STYLES = `.cookie-consent,.cookie-consent-preferences{font:inherit;line-height:1.5}
.cookie-consent{padding:1rem;border-bottom:4px solid currentColor}
.cookie-consent button,.cookie-consent-preferences button{min-height:44px;min-width:44px;padding:.5rem 1rem;margin:.25rem .5rem .25rem 0;font:inherit;font-weight:600}
.cookie-consent a,.cookie-consent-preferences a{display:inline-block;min-height:24px;padding:.5rem 0}
.cookie-consent-category{margin:0 0 1rem;padding:.5rem 1rem}
.cookie-consent-category input[type=radio]{width:24px;height:24px;margin:.5rem .25rem .5rem 0;vertical-align:middle}
.cookie-consent-category label{display:inline-block;min-height:24px;padding:.5rem 1rem .5rem 0;vertical-align:middle}
.cookie-consent-confirmation:focus{outline:3px solid #fd0;outline-offset:2px}
`;
