// Generated from catalog/ by cookie-catalog. Do not edit.
import { type CookieDeclaration, type CookieSource, type CookieTarget, CookieValueError as $CookieValueError, TOKEN as $TOKEN, appendSetCookie as $appendSetCookie, cookieValue as $cookieValue, decodeUri as $decodeUri, encodeUri as $encodeUri, invalidValue as $invalidValue } from '@cookie-catalog/runtime';
/**
 * What the catalog declares for `append-set`.
 *
 * Its declaration constant is appendSetCookie, like the run-time helper. Lifetime: 1 hour, Max-Age=3600. Category: necessary.
 */
export const appendSetCookie = { id: 'append_set', name: 'append-set', category: 'necessary', maxAge: 3600, setBy: 'server', attributes: { path: '/', domain: undefined, secure: true, httpOnly: true, sameSite: 'Lax', partitioned: false } } as const satisfies CookieDeclaration;
export type AppendSetValue = boolean;

/**
 * The `Set-Cookie` header value that sets `append-set`; see {@link appendSetCookie}.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration.
 */
export function serializeAppendSet(value: AppendSetValue): string {
  if (typeof value !== 'boolean') throw $invalidValue('append-set', value, 'is not true or false');
  const encoded = value ? 'true' : 'false';
  return 'append-set=' + encoded + '; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax';
}

/**
 * Sets `append-set` on a response, replacing an earlier Set-Cookie for it and keeping all others.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is set then.
 */
export function setAppendSet(target: CookieTarget, value: AppendSetValue): void {
  $appendSetCookie(target, serializeAppendSet(value));
}

/** Deletes `append-set`: Max-Age=0 with exactly the Path, Domain and flags it is set with. */
export function deleteAppendSet(target: CookieTarget): void {
  $appendSetCookie(target, 'append-set=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=Lax');
}

/** Reads `append-set` from a request's `Cookie` header (or a Next.js cookie store such as `await cookies()`): the value, or undefined when it is absent or not valid. Never throws on a value. */
export function readAppendSet(cookies: CookieSource): AppendSetValue | undefined {
  const raw = $cookieValue(cookies, 'append-set');
  return raw === 'true' ? true : raw === 'false' ? false : undefined;
}

/**
 * What the catalog declares for `csrf`.
 *
 * The same name, on /app only: a browser keeps both. Lifetime: 1 hour, Max-Age=3600. Category: necessary.
 */
export const csrfAppCookie = { id: 'csrf_app', name: 'csrf', category: 'necessary', maxAge: 3600, setBy: 'server', attributes: { path: '/app', domain: undefined, secure: true, httpOnly: false, sameSite: 'Lax', partitioned: false } } as const satisfies CookieDeclaration;
export type CsrfAppValue = string & { readonly [csrfAppBrand]: true };
const csrfAppPattern = /* @__PURE__ */ new RegExp('^[A-Za-z0-9]*$'); // ^[A-Za-z0-9]{8}$
declare const csrfAppBrand: unique symbol;

/** Checks `text` against what the catalog declares for `csrf`'s value: the same text, typed as checked (setters take only checked values), or undefined when it does not fit. Never throws. */
export function parseCsrfApp(text: string): CsrfAppValue | undefined {
  if (typeof text !== 'string' || !(text.length >= 8 && text.length <= 8 && csrfAppPattern.test(text))) return undefined;
  return text as CsrfAppValue;
}

/**
 * The `Set-Cookie` header value that sets `csrf`; see {@link csrfAppCookie}.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration.
 */
export function serializeCsrfApp(value: CsrfAppValue): string {
  const name = 'csrf';
  if (typeof value !== 'string') throw $invalidValue('csrf', value, 'is not a string');
  if (!(value.length >= 8 && value.length <= 8 && csrfAppPattern.test(value))) throw $invalidValue('csrf', value, 'does not match "^[A-Za-z0-9]{8}$"');
  const encoded = value;
  if (name.length + encoded.length > 4096) throw new $CookieValueError('csrf', `the value is ${encoded.length} bytes once encoded; with the name that is over the 4096-byte limit browsers enforce`);
  return name + '=' + encoded + '; Max-Age=3600; Path=/app; Secure; SameSite=Lax';
}

/**
 * Sets `csrf` on a response, replacing an earlier Set-Cookie for it and keeping all others.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is set then.
 */
export function setCsrfApp(target: CookieTarget, value: CsrfAppValue): void {
  $appendSetCookie(target, serializeCsrfApp(value));
}

/** Deletes `csrf`: Max-Age=0 with exactly the Path, Domain and flags it is set with. */
export function deleteCsrfApp(target: CookieTarget): void {
  $appendSetCookie(target, 'csrf=; Max-Age=0; Path=/app; Secure; SameSite=Lax');
}

/** Reads `csrf` from a request's `Cookie` header (or a Next.js cookie store such as `await cookies()`): the value, or undefined when it is absent or not valid. Never throws on a value. */
export function readCsrfApp(cookies: CookieSource): CsrfAppValue | undefined {
  const raw = $cookieValue(cookies, 'csrf');
  return raw !== undefined && (raw.length >= 8 && raw.length <= 8 && csrfAppPattern.test(raw)) ? raw as CsrfAppValue : undefined;
}

/**
 * What the catalog declares for `csrf`.
 *
 * A token for the whole site; a namesake lives on /app. Lifetime: 1 hour, Max-Age=3600. Category: necessary.
 */
export const csrfRootCookie = { id: 'csrf_root', name: 'csrf', category: 'necessary', maxAge: 3600, setBy: 'server', attributes: { path: '/', domain: undefined, secure: true, httpOnly: false, sameSite: 'Lax', partitioned: false } } as const satisfies CookieDeclaration;
export type CsrfRootValue = string & { readonly [csrfRootBrand]: true };
const csrfRootPattern = /* @__PURE__ */ new RegExp('^[A-Za-z0-9]*$'); // ^[A-Za-z0-9]{8}$
declare const csrfRootBrand: unique symbol;

/** Checks `text` against what the catalog declares for `csrf`'s value: the same text, typed as checked (setters take only checked values), or undefined when it does not fit. Never throws. */
export function parseCsrfRoot(text: string): CsrfRootValue | undefined {
  if (typeof text !== 'string' || !(text.length >= 8 && text.length <= 8 && csrfRootPattern.test(text))) return undefined;
  return text as CsrfRootValue;
}

/**
 * The `Set-Cookie` header value that sets `csrf`; see {@link csrfRootCookie}.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration.
 */
export function serializeCsrfRoot(value: CsrfRootValue): string {
  const name = 'csrf';
  if (typeof value !== 'string') throw $invalidValue('csrf', value, 'is not a string');
  if (!(value.length >= 8 && value.length <= 8 && csrfRootPattern.test(value))) throw $invalidValue('csrf', value, 'does not match "^[A-Za-z0-9]{8}$"');
  const encoded = value;
  if (name.length + encoded.length > 4096) throw new $CookieValueError('csrf', `the value is ${encoded.length} bytes once encoded; with the name that is over the 4096-byte limit browsers enforce`);
  return name + '=' + encoded + '; Max-Age=3600; Path=/; Secure; SameSite=Lax';
}

/**
 * Sets `csrf` on a response, replacing an earlier Set-Cookie for it and keeping all others.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is set then.
 */
export function setCsrfRoot(target: CookieTarget, value: CsrfRootValue): void {
  $appendSetCookie(target, serializeCsrfRoot(value));
}

/** Deletes `csrf`: Max-Age=0 with exactly the Path, Domain and flags it is set with. */
export function deleteCsrfRoot(target: CookieTarget): void {
  $appendSetCookie(target, 'csrf=; Max-Age=0; Path=/; Secure; SameSite=Lax');
}

/** Reads `csrf` from a request's `Cookie` header (or a Next.js cookie store such as `await cookies()`): the value, or undefined when it is absent or not valid. Never throws on a value. */
export function readCsrfRoot(cookies: CookieSource): CsrfRootValue | undefined {
  const raw = $cookieValue(cookies, 'csrf');
  return raw !== undefined && (raw.length >= 8 && raw.length <= 8 && csrfRootPattern.test(raw)) ? raw as CsrfRootValue : undefined;
}

/**
 * What the catalog declares for `emoji`.
 *
 * One or two characters, astral ones included. Lifetime: 1 hour, Max-Age=3600. Category: necessary.
 */
export const emojiCookie = { id: 'emoji', name: 'emoji', category: 'necessary', maxAge: 3600, setBy: 'client', attributes: { path: '/', domain: undefined, secure: true, httpOnly: false, sameSite: 'Lax', partitioned: false } } as const satisfies CookieDeclaration;
export type EmojiValue = string & { readonly [emojiBrand]: true };
const emojiPattern = /* @__PURE__ */ new RegExp('^.{1,2}$', 'u');
declare const emojiBrand: unique symbol;

/** Checks `text` against what the catalog declares for `emoji`'s value: the same text, typed as checked (setters take only checked values), or undefined when it does not fit. Never throws. */
export function parseEmoji(text: string): EmojiValue | undefined {
  if (typeof text !== 'string' || !emojiPattern.test(text)) return undefined;
  return text as EmojiValue;
}

/**
 * The `Set-Cookie` header value that sets `emoji`; see {@link emojiCookie}.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration.
 */
export function serializeEmoji(value: EmojiValue): string {
  const name = 'emoji';
  if (typeof value !== 'string') throw $invalidValue('emoji', value, 'is not a string');
  if (!emojiPattern.test(value)) throw $invalidValue('emoji', value, 'does not match "^.{1,2}$"');
  const encoded = $encodeUri(value);
  if (encoded === undefined) throw $invalidValue('emoji', value, 'is not well-formed text (it has an unpaired surrogate)');
  if (name.length + encoded.length > 4096) throw new $CookieValueError('emoji', `the value is ${encoded.length} bytes once encoded; with the name that is over the 4096-byte limit browsers enforce`);
  return name + '=' + encoded + '; Max-Age=3600; Path=/; Secure; SameSite=Lax';
}

/**
 * Sets `emoji` on a response, replacing an earlier Set-Cookie for it and keeping all others.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is set then.
 */
export function setEmoji(target: CookieTarget, value: EmojiValue): void {
  $appendSetCookie(target, serializeEmoji(value), true);
}

/** Deletes `emoji`: Max-Age=0 with exactly the Path, Domain and flags it is set with. */
export function deleteEmoji(target: CookieTarget): void {
  $appendSetCookie(target, 'emoji=; Max-Age=0; Path=/; Secure; SameSite=Lax');
}

/** Reads `emoji` from a request's `Cookie` header (or a Next.js cookie store such as `await cookies()`): the value, or undefined when it is absent or not valid. Never throws on a value. */
export function readEmoji(cookies: CookieSource): EmojiValue | undefined {
  const raw = $cookieValue(cookies, 'emoji', true);
  const value = $decodeUri(raw);
  return value !== undefined && emojiPattern.test(value) ? value as EmojiValue : undefined;
}

/**
 * What the catalog declares for `find`.
 *
 * Its declaration constant is findCookie, like the run-time helper. Lifetime: 1 hour, Max-Age=3600. Category: necessary.
 */
export const findCookie = { id: 'find', name: 'find', category: 'necessary', maxAge: 3600, setBy: 'server', attributes: { path: '/', domain: undefined, secure: true, httpOnly: false, sameSite: 'Lax', partitioned: false } } as const satisfies CookieDeclaration;
export type FindValue = string & { readonly [findBrand]: true };
const findPattern = /* @__PURE__ */ new RegExp('^[a-z]*$'); // ^[a-z]+$
declare const findBrand: unique symbol;

/** Checks `text` against what the catalog declares for `find`'s value: the same text, typed as checked (setters take only checked values), or undefined when it does not fit. Never throws. */
export function parseFind(text: string): FindValue | undefined {
  if (typeof text !== 'string' || !(text.length >= 1 && findPattern.test(text))) return undefined;
  return text as FindValue;
}

/**
 * The `Set-Cookie` header value that sets `find`; see {@link findCookie}.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration.
 */
export function serializeFind(value: FindValue): string {
  const name = 'find';
  if (typeof value !== 'string') throw $invalidValue('find', value, 'is not a string');
  if (!(value.length >= 1 && findPattern.test(value))) throw $invalidValue('find', value, 'does not match "^[a-z]+$"');
  const encoded = value;
  if (name.length + encoded.length > 4096) throw new $CookieValueError('find', `the value is ${encoded.length} bytes once encoded; with the name that is over the 4096-byte limit browsers enforce`);
  return name + '=' + encoded + '; Max-Age=3600; Path=/; Secure; SameSite=Lax';
}

/**
 * Sets `find` on a response, replacing an earlier Set-Cookie for it and keeping all others.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is set then.
 */
export function setFind(target: CookieTarget, value: FindValue): void {
  $appendSetCookie(target, serializeFind(value));
}

/** Deletes `find`: Max-Age=0 with exactly the Path, Domain and flags it is set with. */
export function deleteFind(target: CookieTarget): void {
  $appendSetCookie(target, 'find=; Max-Age=0; Path=/; Secure; SameSite=Lax');
}

/** Reads `find` from a request's `Cookie` header (or a Next.js cookie store such as `await cookies()`): the value, or undefined when it is absent or not valid. Never throws on a value. */
export function readFind(cookies: CookieSource): FindValue | undefined {
  const raw = $cookieValue(cookies, 'find');
  return raw !== undefined && (raw.length >= 1 && findPattern.test(raw)) ? raw as FindValue : undefined;
}

/**
 * What the catalog declares for `m-{meaning}`.
 *
 * A parameter named like a label placeholder. Lifetime: 1 hour, Max-Age=3600. Category: necessary.
 */
export const meaningCookie = { id: 'meaning', name: 'm-{meaning}', category: 'necessary', maxAge: 3600, setBy: 'server', attributes: { path: '/', domain: undefined, secure: true, httpOnly: true, sameSite: 'Lax', partitioned: false } } as const satisfies CookieDeclaration;
export type MeaningValue = number;
export type MeaningName = { readonly meaning: string };
const meaningMeaningPattern = /* @__PURE__ */ new RegExp('^[a-z]*$'); // ^[a-z]{1,8}$

/**
 * The `Set-Cookie` header value that sets `m-{meaning}`; see {@link meaningCookie}.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration.
 */
export function serializeMeaning(params: MeaningName, value: MeaningValue): string {
  const meaningParam = params['meaning'];
  if (!(typeof meaningParam === 'string' && $TOKEN.test(meaningParam) && (meaningParam.length >= 1 && meaningParam.length <= 8 && meaningMeaningPattern.test(meaningParam)))) throw $invalidValue('m-{meaning}', meaningParam, 'is not a valid {meaning} for this cookie\'s name');
  const name = 'm-' + meaningParam;
  if (!Number.isSafeInteger(value)) throw $invalidValue(name, value, 'is not a whole number');
  if (value < 0 || value > 9) throw $invalidValue(name, value, 'is outside 0…9');
  const encoded = String(value);
  return name + '=' + encoded + '; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax';
}

/**
 * Sets `m-{meaning}` on a response, replacing an earlier Set-Cookie for it and keeping all others.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is set then.
 */
export function setMeaning(target: CookieTarget, params: MeaningName, value: MeaningValue): void {
  $appendSetCookie(target, serializeMeaning(params, value));
}

/** Deletes `m-{meaning}`: Max-Age=0 with exactly the Path, Domain and flags it is set with. */
export function deleteMeaning(target: CookieTarget, params: MeaningName): void {
  const meaningParam = params['meaning'];
  if (!(typeof meaningParam === 'string' && $TOKEN.test(meaningParam) && (meaningParam.length >= 1 && meaningParam.length <= 8 && meaningMeaningPattern.test(meaningParam)))) throw $invalidValue('m-{meaning}', meaningParam, 'is not a valid {meaning} for this cookie\'s name');
  const name = 'm-' + meaningParam;
  $appendSetCookie(target, name + '=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=Lax');
}

/** Reads `m-{meaning}` from a request's `Cookie` header (or a Next.js cookie store such as `await cookies()`): the value, or undefined when it is absent or not valid. Never throws on a value. */
export function readMeaning(cookies: CookieSource, params: MeaningName): MeaningValue | undefined {
  const meaningParam = params['meaning'];
  if (!((typeof meaningParam === 'string' && $TOKEN.test(meaningParam) && (meaningParam.length >= 1 && meaningParam.length <= 8 && meaningMeaningPattern.test(meaningParam))))) return undefined;
  const raw = $cookieValue(cookies, 'm-' + meaningParam);
  if (raw === undefined || !/^(?:0|-?[1-9][0-9]{0,15})$/.test(raw)) return undefined;
  const number = Number(raw);
  return Number.isSafeInteger(number) && !(number < 0) && !(number > 9) ? number : undefined;
}
