/*
 * The run-time halves of what the generated code does per value. Everything that does not depend
 * on the value (names, attributes, patterns) was decided at generation time.
 */

/** cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E (RFC 6265bis §4.1.1). */
export const COOKIE_OCTETS = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;
/** token = 1*tchar (RFC 9110 §5.6.2): what a name built from a pattern must stay. */
export const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Name plus value may not exceed 4096 octets (RFC 6265bis §5.6). */
export const MAX_NAME_VALUE_BYTES = 4096;

/** The first character a cookie cannot carry, named for an error message. */
export function firstInvalidOctet(value: string): string {
  for (const char of value) {
    if (!COOKIE_OCTETS.test(char)) {
      const code = `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
      return char >= '!' && char <= '~' ? `"${char}"` : `the character ${code}`;
    }
  }
  return 'nothing';
}

/** Percent-encodes; undefined for text that is not well-formed UTF-16 (an unpaired surrogate). */
export function encodeUri(value: string): string | undefined {
  try {
    return encodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Reverses encodeUri; undefined for broken escapes such as `%E0%A4%A`, and for no value. */
export function decodeUri(value: string | undefined): string | undefined {
  try {
    return value && decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** base64url (RFC 4648 §5, unpadded) of the UTF-8 bytes; undefined for text with an unpaired surrogate. */
export function encodeBase64Url(value: string): string | undefined {
  if (!value.isWellFormed()) return undefined;
  let binary = '';
  for (const byte of new TextEncoder().encode(value)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Reverses encodeBase64Url; undefined for anything that is not base64url of valid UTF-8, and for no value. */
export function decodeBase64Url(value: string | undefined): string | undefined {
  if (value === undefined || !/^[A-Za-z0-9_-]*$/.test(value) || value.length % 4 === 1)
    return undefined;
  try {
    const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The JSON object in `text` (not null, not an array), whose fields the generated reader then
 * checks; undefined for no text, text that is not JSON, or JSON that is not an object.
 */
export function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = text && JSON.parse(text);
    // isRecord, written out: a bundle with only readers then carries one function, not two.
    // Object(x) === x: an object (JSON gives no functions), not null, not a string or a number.
    return Object(parsed) === parsed && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A plain object (not null, not an array) whose own fields can be checked. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
