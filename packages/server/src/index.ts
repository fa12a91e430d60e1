export { CookieValueError, findCookie } from '@cookie-catalog/runtime';
export * from './generated/cookies.js';
export type { CookieDeclaration } from './runtime/cookie-declaration.js';
export type {
  CookieTarget,
  HonoContextLike,
  NodeResponseLike,
} from './runtime/set-cookie-target.js';
export { appendSetCookie } from './runtime/set-cookie-target.js';
