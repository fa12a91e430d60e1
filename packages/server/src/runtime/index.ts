// The run-time support of the generated code (also exported as `@cookie-catalog/server/runtime`
// for generator tests). Apps import `@cookie-catalog/server`, not this.
export * from '@cookie-catalog/runtime';
export type { CookieDeclaration } from './cookie-declaration.js';
export { type CookieSource, type CookieStoreReader, cookieValue } from './cookie-source.js';
export {
  appendSetCookie,
  type CookieStoreLike,
  type CookieTarget,
  type HonoContextLike,
  type NodeResponseLike,
  type StoreCookie,
} from './set-cookie-target.js';
