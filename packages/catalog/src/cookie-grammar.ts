import { findInvisibleCharacter } from './invisible-characters.js';
/*
 * The cookie grammar of draft-ietf-httpbis-rfc6265bis-22 (bis), in one place. Generators reuse
 * these constants so that what validate accepts and what generated code checks cannot drift.
 */

/**
 * cookie-name = token (bis §4.1.1)
 * token = 1*tchar ; tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
 *         "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA   (RFC 9110 §5.6.2)
 */
export const TOKEN_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/**
 * cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE )
 * cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E   (bis §4.1.1)
 * i.e. visible US-ASCII except DQUOTE, comma, semicolon and backslash.
 */
export const COOKIE_VALUE_PATTERN = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;
const COOKIE_OCTET = /[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]/;

/** Name plus value may not exceed 4096 octets (bis §5.6). */
export const MAX_NAME_VALUE_BYTES = 4096;
/** An attribute value may not exceed 1024 octets (bis §5.6). */
export const MAX_ATTRIBUTE_VALUE_BYTES = 1024;
/** Browsers cap Max-Age and Expires at 400 days (bis §5.5, §7.2). */
export const MAX_LIFETIME_SECONDS = 400 * 24 * 60 * 60;

/** The first character of `text` that is not a token character, if any. */
export function firstNonTokenChar(text: string): { char: string; index: number } | undefined {
  return firstMismatch(text, TOKEN_CHAR);
}

/** The first character of `text` that is not a cookie-octet, if any. */
export function firstNonCookieOctet(text: string): { char: string; index: number } | undefined {
  return firstMismatch(text, COOKIE_OCTET);
}

function firstMismatch(text: string, allowed: RegExp): { char: string; index: number } | undefined {
  let index = 0;
  for (const char of text) {
    if (!allowed.test(char)) return { char, index };
    index += char.length;
  }
  return undefined;
}

/** A character named so that a reader can see it, even when it is invisible or a look-alike. */
export function describeCharacter(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const named: Record<number, string> = {
    0: 'a NUL character',
    9: 'a tab',
    10: 'a line break',
    13: 'a carriage return',
    32: 'a space',
    160: 'a no-break space',
  };
  const name = named[code];
  if (name) return `${name} (${hex})`;
  if (code < 0x20 || code === 0x7f) return `a control character (${hex})`;
  if (code === 0x2028 || code === 0x2029) return `a line separator (${hex})`;
  // Never the character itself: it is what makes text read differently, in a terminal too.
  if (findInvisibleCharacter(char)) return `an invisible character (${hex})`;
  if (code > 0x7e) return `"${char}" (${hex}, not an ASCII character — it may only look like one)`;
  return `"${char}"`;
}

export type CookiePrefix = '__Host-Http-' | '__Host-' | '__Http-' | '__Secure-';

/** The cookie-name prefix of `name`, matched case-insensitively as browsers do (bis §5.4 step 21–24). */
export function cookiePrefixOf(name: string): CookiePrefix | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('__host-http-')) return '__Host-Http-';
  if (lower.startsWith('__host-')) return '__Host-';
  if (lower.startsWith('__http-')) return '__Http-';
  if (lower.startsWith('__secure-')) return '__Secure-';
  return undefined;
}

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
