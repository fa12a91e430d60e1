// The run-time support of the generated code (also exported as `@cookie-catalog/server/runtime`
// for generator tests). Apps import `@cookie-catalog/server`, not this.
export * from '@cookie-catalog/runtime';
export type { CookieDeclaration } from './cookie-declaration.js';
export {
  appendSetCookie,
  type CookieTarget,
  type HonoContextLike,
  type NodeResponseLike,
} from './set-cookie-target.js';
