// Generated from catalog/ by cookie-catalog. Do not edit.
import { CookieValueError as $CookieValueError, decodeUri as $decodeUri, documentCookies as $documentCookies, encodeUri as $encodeUri, findCookie as $findCookie, setDocumentCookie as $setDocumentCookie } from '@cookie-catalog/runtime';
export type CsrfAppValue = string & { readonly [csrfAppBrand]: true };
const csrfAppPattern = /^[A-Za-z0-9]{8}$/;
declare const csrfAppBrand: unique symbol;

/**
 * Reads `csrf` from `document.cookie` (or the cookie string given): the value, or undefined when it is absent, not valid, or there is no document (server rendering). Never throws.
 *
 * The same name, on /app only: a browser keeps both. Lifetime: 1 hour, Max-Age=3600. Category: necessary.
 */
export function readCsrfApp(cookies: string = $documentCookies()): CsrfAppValue | undefined {
  const raw = $findCookie(cookies, 'csrf');
  return raw !== undefined && csrfAppPattern.test(raw) ? raw as CsrfAppValue : undefined;
}

/** Reads `csrf` from a cookie string such as `document.cookie`. Never throws. */
export const readCsrfAppFrom: (cookies: string) => CsrfAppValue | undefined = readCsrfApp;
export type CsrfRootValue = string & { readonly [csrfRootBrand]: true };
const csrfRootPattern = /^[A-Za-z0-9]{8}$/;
declare const csrfRootBrand: unique symbol;

/**
 * Reads `csrf` from `document.cookie` (or the cookie string given): the value, or undefined when it is absent, not valid, or there is no document (server rendering). Never throws.
 *
 * A token for the whole site; a namesake lives on /app. Lifetime: 1 hour, Max-Age=3600. Category: necessary.
 */
export function readCsrfRoot(cookies: string = $documentCookies()): CsrfRootValue | undefined {
  const raw = $findCookie(cookies, 'csrf');
  return raw !== undefined && csrfRootPattern.test(raw) ? raw as CsrfRootValue : undefined;
}

/** Reads `csrf` from a cookie string such as `document.cookie`. Never throws. */
export const readCsrfRootFrom: (cookies: string) => CsrfRootValue | undefined = readCsrfRoot;
export type EmojiValue = string & { readonly [emojiBrand]: true };
const emojiPattern = /^.{1,2}$/u;
declare const emojiBrand: unique symbol;

/** Checks `text` against what the catalog declares for `emoji`'s value: the same text, typed as checked (setters take only checked values), or undefined when it does not fit. Never throws. */
export function parseEmoji(text: string): EmojiValue | undefined {
  if (typeof text !== 'string' || !emojiPattern.test(text)) return undefined;
  return text as EmojiValue;
}

/**
 * Reads `emoji` from `document.cookie` (or the cookie string given): the value, or undefined when it is absent, not valid, or there is no document (server rendering). Never throws.
 *
 * One or two characters, astral ones included. Lifetime: 1 hour, Max-Age=3600. Category: necessary.
 */
export function readEmoji(cookies: string = $documentCookies()): EmojiValue | undefined {
  const raw = $findCookie(cookies, 'emoji');
  const value = $decodeUri(raw);
  return value !== undefined && emojiPattern.test(value) ? value as EmojiValue : undefined;
}

/** Reads `emoji` from a cookie string such as `document.cookie`. Never throws. */
export const readEmojiFrom: (cookies: string) => EmojiValue | undefined = readEmoji;

/**
 * Writes `emoji` with the catalog's attributes: Max-Age=3600; Path=/; Secure; SameSite=Lax.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is written then.
 */
export function writeEmoji(value: EmojiValue): void {
  const name = 'emoji';
  if (typeof value !== 'string') throw new $CookieValueError('emoji', 'the value is not a string');
  if (!emojiPattern.test(value)) throw new $CookieValueError('emoji', 'the value does not match "^.{1,2}$"');
  const encoded = $encodeUri(value);
  if (encoded === undefined) throw new $CookieValueError('emoji', 'the value is not well-formed text (it has an unpaired surrogate)');
  if (name.length + encoded.length > 4096) throw new $CookieValueError('emoji', `the value is ${encoded.length} bytes once encoded; with the name that is over the 4096-byte limit browsers enforce`);
  $setDocumentCookie(name + '=' + encoded + '; Max-Age=3600; Path=/; Secure; SameSite=Lax');
}

/** Removes `emoji`: Max-Age=0 with exactly the Path, Domain and flags it is written with. */
export function removeEmoji(): void {
  $setDocumentCookie('emoji=; Max-Age=0; Path=/; Secure; SameSite=Lax');
}

export type FindValue = string & { readonly [findBrand]: true };
const findPattern = /^[a-z]+$/;
declare const findBrand: unique symbol;

/**
 * Reads `find` from `document.cookie` (or the cookie string given): the value, or undefined when it is absent, not valid, or there is no document (server rendering). Never throws.
 *
 * Its declaration constant is findCookie, like the run-time helper. Lifetime: 1 hour, Max-Age=3600. Category: necessary.
 */
export function readFind(cookies: string = $documentCookies()): FindValue | undefined {
  const raw = $findCookie(cookies, 'find');
  return raw !== undefined && findPattern.test(raw) ? raw as FindValue : undefined;
}

/** Reads `find` from a cookie string such as `document.cookie`. Never throws. */
export const readFindFrom: (cookies: string) => FindValue | undefined = readFind;
