// The run-time support of the generated code (also exported as `@cookie-catalog/server/runtime` for
// generator tests). Apps import `@cookie-catalog/server`, not this.

export {
  COOKIE_OCTETS,
  decodeBase64Url,
  decodeUri,
  encodeBase64Url,
  encodeUri,
  firstInvalidOctet,
  isRecord,
  MAX_NAME_VALUE_BYTES,
  parseJson,
  TOKEN,
} from './cookie-codec.js';
export type { CookieDeclaration } from './cookie-declaration.js';
export { CookieValueError, describeValue } from './cookie-value-error.js';
export { findCookie } from './find-cookie.js';
export {
  appendSetCookie,
  type CookieTarget,
  type HonoContextLike,
  type NodeResponseLike,
} from './set-cookie-target.js';
