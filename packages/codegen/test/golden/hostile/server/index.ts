// Generated from catalog/ by cookie-catalog. Do not edit.
// The server package: per cookie of ours its declaration, setter, deleter and reader, and the run-time names they take.
export { type CookieDeclaration, type CookieSource, type CookieStoreLike, type CookieStoreReader, type CookieTarget, CookieValueError, type HonoContextLike, type NodeResponseLike, type StoreCookie } from '@cookie-catalog/runtime';
export * from './cookies.js';
