// `@cookie-catalog/runtime/consent`: what the generated consent package does at run time on the
// server (recording an answer, deleting a withdrawn category's cookies, filling the banner's
// slots). A subpath of its own, so that none of it reaches a browser bundle of the readers.

export { consentEndpointHandler, type EndpointLimits } from './endpoint.js';
export {
  type BannerState,
  type BannerTemplates,
  CONSENT_STYLES,
  escapeHtml,
  type PreferencesState,
  renderBanner,
  renderPreferences,
  SHOWN_FIELD,
  type ShownKind,
  shownTexts,
} from './render.js';
export {
  applyRemovals,
  type ConsentForm,
  type ConsentResult,
  choicesFromForm,
  formAction,
  type NotDeleted,
  type NotDeletedReason,
  type Removal,
} from './withdraw.js';
