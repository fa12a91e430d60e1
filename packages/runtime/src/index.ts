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
export { CookieValueError, describeValue, invalidValue } from './cookie-value-error.js';
export { documentCookies, findCookie, setDocumentCookie } from './find-cookie.js';
