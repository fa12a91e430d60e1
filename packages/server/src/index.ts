export { CookieValueError, findCookie } from '@cookie-catalog/runtime';
export * from './generated/cookies.js';
export type { CookieDeclaration } from './runtime/cookie-declaration.js';
export type { CookieSource, CookieStoreReader } from './runtime/cookie-source.js';
export type {
  CookieStoreLike,
  CookieTarget,
  HonoContextLike,
  NodeResponseLike,
  StoreCookie,
} from './runtime/set-cookie-target.js';
export { appendSetCookie } from './runtime/set-cookie-target.js';
