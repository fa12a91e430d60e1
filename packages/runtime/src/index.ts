export {
  COOKIE_OCTETS,
  decodeBase64Url,
  decodeUri,
  encodeBase64Url,
  encodeUri,
  firstInvalidOctet,
  isRecord,
  MAX_NAME_VALUE_BYTES,
  parseJsonObject,
  TOKEN,
} from './cookie-codec.js';
export type { CookieDeclaration } from './cookie-declaration.js';
export { type CookieSource, type CookieStoreReader, cookieValue } from './cookie-source.js';
export { CookieValueError, describeValue, invalidValue } from './cookie-value-error.js';
export { documentCookies, findCookie, setDocumentCookie } from './find-cookie.js';
export {
  appendSetCookie,
  type CookieStoreLike,
  type CookieTarget,
  type HonoContextLike,
  type NodeResponseLike,
  type StoreCookie,
} from './set-cookie-target.js';
