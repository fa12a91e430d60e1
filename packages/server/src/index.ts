export {
  appendSetCookie,
  type CookieDeclaration,
  type CookieSource,
  type CookieStoreLike,
  type CookieStoreReader,
  type CookieTarget,
  CookieValueError,
  findCookie,
  type HonoContextLike,
  type NodeResponseLike,
  type StoreCookie,
} from '@cookie-catalog/runtime';
export * from './generated/cookies.js';
