// In the browser: reading the answer, and running the scripts it allows. Tree-shakeable.
export * from './generated/browser.js';
export {
  CONSENT_CATEGORIES,
  CONSENT_VERSION,
  type Consent,
  type ConsentCategory,
  PREFERENCES_URL,
} from './generated/consent.js';
