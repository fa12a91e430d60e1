// On the server: the consent types, reading and recording the answer, and the banner.
export { CONSENT_STYLES, escapeHtml } from '@cookie-catalog/runtime/consent';
export * from './generated/banner.js';
export * from './generated/consent.js';
export * from './generated/server.js';
