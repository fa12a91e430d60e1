import type { NotDeleted } from './withdraw.js';

/*
 * The banner and the preferences form as HTML, after the GOV.UK Design System's cookie banner:
 * a plain form POST (works without JavaScript), accept and reject as buttons of equal weight, a
 * link to choose, and after an answer a confirmation that takes focus. Every text, catalog or
 * state, is escaped here; braces too, so a Vue or VitePress page shows them as text.
 */

export interface BannerStrings {
  readonly lang: string;
  readonly title: string;
  readonly text: string;
  readonly accept: string;
  readonly reject: string;
  readonly choose: string;
  readonly save: string;
  readonly accepted: string;
  readonly rejected: string;
  readonly saved: string;
  readonly change: string;
  readonly gpc: string;
  readonly notDeleted: string;
  readonly yes: string;
  readonly no: string;
  readonly preferencesUrl: string | null;
  readonly categories: readonly {
    readonly id: string;
    readonly label: string;
    readonly description: string;
  }[];
}

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

function hiddenFields(state: FormState): string {
  return Object.entries(state.hidden ?? {})
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join('');
}

function notDeletedList(
  strings: BannerStrings,
  notDeleted: readonly NotDeleted[] | undefined,
): string {
  if (!notDeleted || notDeleted.length === 0) return '';
  const items = notDeleted
    .map((cookie) => {
      const who = cookie.privacyPolicy
        ? `<a href="${escapeHtml(cookie.privacyPolicy)}" rel="noopener noreferrer">${escapeHtml(cookie.provider)}</a>`
        : escapeHtml(cookie.provider);
      return `<li><code>${escapeHtml(cookie.name)}</code> (${who})</li>`;
    })
    .join('');
  return `<p>${escapeHtml(strings.notDeleted)}</p><ul class="cookie-consent-not-deleted">${items}</ul>`;
}

function changeLink(strings: BannerStrings): string {
  return strings.preferencesUrl
    ? `<p><a href="${escapeHtml(strings.preferencesUrl)}">${escapeHtml(strings.change)}</a></p>`
    : '';
}

export function renderBanner(strings: BannerStrings, state: BannerState): string {
  const heading = `<h2 class="cookie-consent-title">${escapeHtml(strings.title)}</h2>`;
  const region = (body: string) =>
    `<div class="cookie-consent" role="region" aria-label="${escapeHtml(strings.title)}" lang="${escapeHtml(strings.lang)}">${body}</div>`;
  if (state.answered) {
    const message =
      state.answered === 'accept'
        ? strings.accepted
        : state.answered === 'reject'
          ? strings.rejected
          : strings.saved;
    return region(
      `<div class="cookie-consent-confirmation" role="status" tabindex="-1" autofocus>${heading}<p>${escapeHtml(message)}</p>${notDeletedList(strings, state.notDeleted)}${changeLink(strings)}</div>`,
    );
  }
  const gpc = state.gpc ? `<p class="cookie-consent-gpc">${escapeHtml(strings.gpc)}</p>` : '';
  const choose = strings.preferencesUrl
    ? ` <a class="cookie-consent-choose" href="${escapeHtml(strings.preferencesUrl)}">${escapeHtml(strings.choose)}</a>`
    : '';
  return region(
    `${heading}<p>${escapeHtml(strings.text)}</p>${gpc}<form method="post" action="${escapeHtml(state.action)}">${hiddenFields(state)}<button type="submit" name="cookies" value="accept">${escapeHtml(strings.accept)}</button> <button type="submit" name="cookies" value="reject">${escapeHtml(strings.reject)}</button>${choose}</form>`,
  );
}

export function renderPreferences<C extends { categories: object }>(
  strings: BannerStrings,
  state: PreferencesState<C>,
): string {
  const chosen = (state.consent?.categories ?? {}) as Readonly<Record<string, boolean>>;
  const confirmation = state.saved
    ? `<div class="cookie-consent-confirmation" role="status" tabindex="-1" autofocus><p>${escapeHtml(strings.saved)}</p>${notDeletedList(strings, state.notDeleted)}</div>`
    : '';
  const gpc = state.gpc ? `<p class="cookie-consent-gpc">${escapeHtml(strings.gpc)}</p>` : '';
  const questions = strings.categories
    .map((category) => {
      const field = `consent-${category.id}`;
      const id = (answer: string) => escapeHtml(`${field}-${answer}`);
      const on = chosen[category.id] === true;
      return `<fieldset class="cookie-consent-category"><legend>${escapeHtml(category.label)}</legend><p>${escapeHtml(category.description)}</p><input type="radio" name="${escapeHtml(field)}" id="${id('yes')}" value="yes"${on ? ' checked' : ''}> <label for="${id('yes')}">${escapeHtml(strings.yes)}</label> <input type="radio" name="${escapeHtml(field)}" id="${id('no')}" value="no"${on ? '' : ' checked'}> <label for="${id('no')}">${escapeHtml(strings.no)}</label></fieldset>`;
    })
    .join('');
  return `<div class="cookie-consent-preferences" lang="${escapeHtml(strings.lang)}">${confirmation}${gpc}<form method="post" action="${escapeHtml(state.action)}">${hiddenFields(state)}<input type="hidden" name="cookies" value="save">${questions}<button type="submit">${escapeHtml(strings.save)}</button></form></div>`;
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
