// On the server: the consent types, reading and recording the answer, and the banner.
export * from './generated/banner.js';
export * from './generated/consent.js';
export * from './generated/server.js';
export { CONSENT_STYLES, escapeHtml } from './runtime/render.js';
