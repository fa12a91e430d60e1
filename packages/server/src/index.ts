export * from './generated/cookies.js';
export type { CookieDeclaration } from './runtime/cookie-declaration.js';
export { CookieValueError } from './runtime/cookie-value-error.js';
export { findCookie } from './runtime/find-cookie.js';
export type {
  CookieTarget,
  HonoContextLike,
  NodeResponseLike,
} from './runtime/set-cookie-target.js';
