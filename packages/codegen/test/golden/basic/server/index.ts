// Generated from catalog/ by cookie-catalog. Do not edit.
// The server package: per cookie of ours its declaration, setter, deleter and reader, and the run-time names they take.
export { appendSetCookie, type CookieDeclaration, type CookieSource, type CookieStoreLike, type CookieStoreReader, type CookieTarget, CookieValueError, findCookie, type HonoContextLike, type NodeResponseLike, type StoreCookie } from '@cookie-catalog/runtime';
export * from './cookies.js';
