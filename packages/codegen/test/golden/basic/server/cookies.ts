// Generated from catalog/ by cookie-catalog. Do not edit.
import { type CookieDeclaration, type CookieSource, type CookieTarget, CookieValueError as $CookieValueError, TOKEN as $TOKEN, appendSetCookie as $appendSetCookie, cookieValue as $cookieValue, decodeBase64Url as $decodeBase64Url, decodeUri as $decodeUri, encodeBase64Url as $encodeBase64Url, encodeUri as $encodeUri, invalidValue as $invalidValue, isRecord as $isRecord, parseJsonObject as $parseJsonObject } from '@cookie-catalog/runtime';
/**
 * What the catalog declares for `beta`.
 *
 * Purpose in English. Lifetime: a session cookie. Category: necessary.
 */
export const betaCookie = { id: 'beta', name: 'beta', category: 'necessary', maxAge: undefined, setBy: 'server', attributes: { path: '/', domain: undefined, secure: true, httpOnly: true, sameSite: 'None', partitioned: true } } as const satisfies CookieDeclaration;
export type BetaValue = boolean;

/**
 * The `Set-Cookie` header value that sets `beta`; see {@link betaCookie}.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration.
 */
export function serializeBeta(value: BetaValue): string {
  if (typeof value !== 'boolean') throw $invalidValue('beta', value, 'is not true or false');
  const encoded = value ? 'true' : 'false';
  return 'beta=' + encoded + '; Path=/; Secure; HttpOnly; SameSite=None; Partitioned';
}

/**
 * Sets `beta` on a response, replacing an earlier Set-Cookie for it and keeping all others.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is set then.
 */
export function setBeta(target: CookieTarget, value: BetaValue): void {
  $appendSetCookie(target, serializeBeta(value));
}

/** Deletes `beta`: Max-Age=0 with exactly the Path, Domain and flags it is set with. */
export function deleteBeta(target: CookieTarget): void {
  $appendSetCookie(target, 'beta=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=None; Partitioned');
}

/** Reads `beta` from a request's `Cookie` header (or a Next.js cookie store such as `await cookies()`): the value, or undefined when it is absent or not valid. Never throws on a value. */
export function readBeta(cookies: CookieSource): BetaValue | undefined {
  const raw = $cookieValue(cookies, 'beta');
  return raw === 'true' ? true : raw === 'false' ? false : undefined;
}

/**
 * What the catalog declares for `__Host-session`.
 *
 * Purpose in English. Lifetime: 2 hours, Max-Age=7200. Category: necessary.
 */
export const sessionIdCookie = { id: 'session_id', name: '__Host-session', category: 'necessary', maxAge: 7200, setBy: 'server', attributes: { path: '/', domain: undefined, secure: true, httpOnly: true, sameSite: 'Strict', partitioned: false } } as const satisfies CookieDeclaration;
export type SessionIdValue = string & { readonly [sessionIdBrand]: true };
const sessionIdPattern = /* @__PURE__ */ new RegExp('^[a-f0-9]*$'); // ^[a-f0-9]{32}$
declare const sessionIdBrand: unique symbol;

/** Checks `text` against what the catalog declares for `__Host-session`'s value: the same text, typed as checked (setters take only checked values), or undefined when it does not fit. Never throws. */
export function parseSessionId(text: string): SessionIdValue | undefined {
  if (typeof text !== 'string' || !(text.length >= 32 && text.length <= 32 && sessionIdPattern.test(text))) return undefined;
  return text as SessionIdValue;
}

/**
 * The `Set-Cookie` header value that sets `__Host-session`; see {@link sessionIdCookie}.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration.
 */
export function serializeSessionId(value: SessionIdValue): string {
  if (typeof value !== 'string') throw $invalidValue('__Host-session', value, 'is not a string');
  if (value.length > 32) throw $invalidValue('__Host-session', value, 'is longer than 32 characters');
  if (!(value.length >= 32 && value.length <= 32 && sessionIdPattern.test(value))) throw $invalidValue('__Host-session', value, 'does not match "^[a-f0-9]{32}$"');
  const encoded = value;
  return '__Host-session=' + encoded + '; Max-Age=7200; Path=/; Secure; HttpOnly; SameSite=Strict';
}

/**
 * Sets `__Host-session` on a response, replacing an earlier Set-Cookie for it and keeping all others.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is set then.
 */
export function setSessionId(target: CookieTarget, value: SessionIdValue): void {
  $appendSetCookie(target, serializeSessionId(value));
}

/** Deletes `__Host-session`: Max-Age=0 with exactly the Path, Domain and flags it is set with. */
export function deleteSessionId(target: CookieTarget): void {
  $appendSetCookie(target, '__Host-session=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=Strict');
}

/** Reads `__Host-session` from a request's `Cookie` header (or a Next.js cookie store such as `await cookies()`): the value, or undefined when it is absent or not valid. Never throws on a value. */
export function readSessionId(cookies: CookieSource): SessionIdValue | undefined {
  const raw = $cookieValue(cookies, '__Host-session');
  return raw !== undefined && (raw.length >= 32 && raw.length <= 32 && sessionIdPattern.test(raw)) ? raw as SessionIdValue : undefined;
}

/**
 * What the catalog declares for `shard-{region}-{n}`.
 *
 * Purpose in English. Lifetime: 1 day, Max-Age=86400. Category: necessary.
 */
export const shardCookie = { id: 'shard', name: 'shard-{region}-{n}', category: 'necessary', maxAge: 86400, setBy: 'server', attributes: { path: '/', domain: undefined, secure: true, httpOnly: true, sameSite: 'Lax', partitioned: false } } as const satisfies CookieDeclaration;
export type ShardValue = string & { readonly [shardBrand]: true };
export type ShardName = { readonly region: string; readonly n: number };
const shardPattern = /* @__PURE__ */ new RegExp('^[A-Za-z0-9]*$'); // ^[A-Za-z0-9]+$
declare const shardBrand: unique symbol;
const shardRegionPattern = /* @__PURE__ */ new RegExp('^[a-z]*$'); // ^[a-z]{2}$

/** Checks `text` against what the catalog declares for `shard-{region}-{n}`'s value: the same text, typed as checked (setters take only checked values), or undefined when it does not fit. Never throws. */
export function parseShard(text: string): ShardValue | undefined {
  if (typeof text !== 'string' || text.length > 16 || !(text.length >= 1 && shardPattern.test(text))) return undefined;
  return text as ShardValue;
}

/**
 * The `Set-Cookie` header value that sets `shard-{region}-{n}`; see {@link shardCookie}.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration.
 */
export function serializeShard(params: ShardName, value: ShardValue): string {
  const regionParam = params['region'];
  const nParam = params['n'];
  if (!(typeof regionParam === 'string' && $TOKEN.test(regionParam) && regionParam.length <= 2 && (regionParam.length >= 2 && regionParam.length <= 2 && shardRegionPattern.test(regionParam)))) throw $invalidValue('shard-{region}-{n}', regionParam, 'is not a valid {region} for this cookie\'s name');
  if (!(Number.isSafeInteger(nParam) && nParam >= 0)) throw $invalidValue('shard-{region}-{n}', nParam, 'is not a valid {n} for this cookie\'s name');
  const name = 'shard-' + regionParam + '-' + String(nParam);
  if (typeof value !== 'string') throw $invalidValue(name, value, 'is not a string');
  if (value.length > 16) throw $invalidValue(name, value, 'is longer than 16 characters');
  if (!(value.length >= 1 && shardPattern.test(value))) throw $invalidValue(name, value, 'does not match "^[A-Za-z0-9]+$"');
  const encoded = value;
  return name + '=' + encoded + '; Max-Age=86400; Path=/; Secure; HttpOnly; SameSite=Lax';
}

/**
 * Sets `shard-{region}-{n}` on a response, replacing an earlier Set-Cookie for it and keeping all others.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is set then.
 */
export function setShard(target: CookieTarget, params: ShardName, value: ShardValue): void {
  $appendSetCookie(target, serializeShard(params, value));
}

/** Deletes `shard-{region}-{n}`: Max-Age=0 with exactly the Path, Domain and flags it is set with. */
export function deleteShard(target: CookieTarget, params: ShardName): void {
  const regionParam = params['region'];
  const nParam = params['n'];
  if (!(typeof regionParam === 'string' && $TOKEN.test(regionParam) && regionParam.length <= 2 && (regionParam.length >= 2 && regionParam.length <= 2 && shardRegionPattern.test(regionParam)))) throw $invalidValue('shard-{region}-{n}', regionParam, 'is not a valid {region} for this cookie\'s name');
  if (!(Number.isSafeInteger(nParam) && nParam >= 0)) throw $invalidValue('shard-{region}-{n}', nParam, 'is not a valid {n} for this cookie\'s name');
  const name = 'shard-' + regionParam + '-' + String(nParam);
  $appendSetCookie(target, name + '=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=Lax');
}

/** Reads `shard-{region}-{n}` from a request's `Cookie` header (or a Next.js cookie store such as `await cookies()`): the value, or undefined when it is absent or not valid. Never throws on a value. */
export function readShard(cookies: CookieSource, params: ShardName): ShardValue | undefined {
  const regionParam = params['region'];
  const nParam = params['n'];
  if (!((typeof regionParam === 'string' && $TOKEN.test(regionParam) && regionParam.length <= 2 && (regionParam.length >= 2 && regionParam.length <= 2 && shardRegionPattern.test(regionParam))) && (Number.isSafeInteger(nParam) && nParam >= 0))) return undefined;
  const raw = $cookieValue(cookies, 'shard-' + regionParam + '-' + String(nParam));
  return raw !== undefined && raw.length <= 16 && (raw.length >= 1 && shardPattern.test(raw)) ? raw as ShardValue : undefined;
}

/**
 * What the catalog declares for `cart-{shop}`.
 *
 * Purpose in English. Lifetime: 30 days, Max-Age=2592000. Category: preferences.
 *
 * Retired since 2026-01-01: the catalog no longer sets it, but browsers may keep it until its lifetime (30 days) has run out, so of its code only {@link deleteCart} remains until the catalog removes the entry.
 */
export const cartCookie = { id: 'cart', name: 'cart-{shop}', category: 'preferences', maxAge: 2592000, setBy: 'server', retired: '2026-01-01', attributes: { path: '/shop', domain: 'example.com', secure: true, httpOnly: false, sameSite: 'None', partitioned: true } } as const satisfies CookieDeclaration;
export type CartName = { readonly shop: string };
const cartShopPattern = /* @__PURE__ */ new RegExp('^[a-z]*$'); // ^[a-z]{2,8}$

/**
 * Deletes `cart-{shop}`: Max-Age=0 with exactly the Path, Domain and flags it was set with.
 *
 * Retired since 2026-01-01: the catalog no longer sets it, but browsers may keep it until its lifetime (30 days) has run out, so this deleter (nothing sets, serializes or reads it any more) remains until the catalog removes the entry.
 */
export function deleteCart(target: CookieTarget, params: CartName): void {
  const shopParam = params['shop'];
  if (!(typeof shopParam === 'string' && $TOKEN.test(shopParam) && (shopParam.length >= 2 && shopParam.length <= 8 && cartShopPattern.test(shopParam)))) throw $invalidValue('cart-{shop}', shopParam, 'is not a valid {shop} for this cookie\'s name');
  const name = 'cart-' + shopParam;
  $appendSetCookie(target, name + '=; Max-Age=0; Domain=example.com; Path=/shop; Secure; SameSite=None; Partitioned');
}

/**
 * What the catalog declares for `layout`.
 *
 * Purpose in English. Lifetime: 1 year, Max-Age=31536000. Category: preferences.
 *
 * Retired since 2025-12-01: the catalog no longer sets it, but browsers may keep it until its lifetime (1 year) has run out, so of its code only {@link deleteLayout} remains until the catalog removes the entry.
 */
export const layoutCookie = { id: 'layout', name: 'layout', category: 'preferences', maxAge: 31536000, setBy: 'client', retired: '2025-12-01', attributes: { path: '/', domain: undefined, secure: true, httpOnly: false, sameSite: 'Lax', partitioned: false } } as const satisfies CookieDeclaration;

/**
 * Deletes `layout`: Max-Age=0 with exactly the Path, Domain and flags it was set with.
 *
 * Retired since 2025-12-01: the catalog no longer sets it, but browsers may keep it until its lifetime (1 year) has run out, so this deleter (nothing sets, serializes or reads it any more) remains until the catalog removes the entry.
 */
export function deleteLayout(target: CookieTarget): void {
  $appendSetCookie(target, 'layout=; Max-Age=0; Path=/; Secure; SameSite=Lax');
}

/**
 * What the catalog declares for `note`.
 *
 * Purpose in English. Lifetime: 1 week, Max-Age=604800. Category: preferences.
 */
export const noteCookie = { id: 'note', name: 'note', category: 'preferences', maxAge: 604800, setBy: 'client', attributes: { path: '/', domain: undefined, secure: true, httpOnly: false, sameSite: 'Lax', partitioned: false } } as const satisfies CookieDeclaration;
export type NoteValue = string;

/**
 * The `Set-Cookie` header value that sets `note`; see {@link noteCookie}.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration.
 */
export function serializeNote(value: NoteValue): string {
  const name = 'note';
  if (typeof value !== 'string') throw $invalidValue('note', value, 'is not a string');
  const encoded = $encodeUri(value);
  if (encoded === undefined) throw $invalidValue('note', value, 'is not well-formed text (it has an unpaired surrogate)');
  if (name.length + encoded.length > 4096) throw new $CookieValueError('note', `the value is ${encoded.length} bytes once encoded; with the name that is over the 4096-byte limit browsers enforce`);
  return name + '=' + encoded + '; Max-Age=604800; Path=/; Secure; SameSite=Lax';
}

/**
 * Sets `note` on a response, replacing an earlier Set-Cookie for it and keeping all others.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is set then.
 */
export function setNote(target: CookieTarget, value: NoteValue): void {
  $appendSetCookie(target, serializeNote(value), true);
}

/** Deletes `note`: Max-Age=0 with exactly the Path, Domain and flags it is set with. */
export function deleteNote(target: CookieTarget): void {
  $appendSetCookie(target, 'note=; Max-Age=0; Path=/; Secure; SameSite=Lax');
}

/** Reads `note` from a request's `Cookie` header (or a Next.js cookie store such as `await cookies()`): the value, or undefined when it is absent or not valid. Never throws on a value. */
export function readNote(cookies: CookieSource): NoteValue | undefined {
  const raw = $cookieValue(cookies, 'note', true);
  const value = $decodeUri(raw);
  return value;
}

/**
 * What the catalog declares for `prefs`.
 *
 * Purpose in English. Lifetime: 3 months, Max-Age=7776000. Category: preferences.
 */
export const prefsCookie = { id: 'prefs', name: 'prefs', category: 'preferences', maxAge: 7776000, setBy: 'server', attributes: { path: '/app', domain: 'example.com', secure: true, httpOnly: false, sameSite: 'Lax', partitioned: false } } as const satisfies CookieDeclaration;
export type PrefsValue = { readonly fontSize: number; readonly mode: 'compact' | 'comfortable'; readonly label: string };

/**
 * The `Set-Cookie` header value that sets `prefs`; see {@link prefsCookie}.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration.
 */
export function serializePrefs(value: PrefsValue): string {
  const name = 'prefs';
  if (!$isRecord(value)) throw $invalidValue('prefs', value, 'is not an object { fontSize: integer, mode: "compact" | "comfortable", label: string }');
  const field0 = (value as Record<string, unknown>)['fontSize'];
  const field1 = (value as Record<string, unknown>)['mode'];
  const field2 = (value as Record<string, unknown>)['label'];
  if (!(Number.isSafeInteger(field0) && (field1 === 'compact' || field1 === 'comfortable') && typeof field2 === 'string')) throw $invalidValue('prefs', value, 'does not have the shape { fontSize: integer, mode: "compact" | "comfortable", label: string }');
  const encoded = $encodeBase64Url(JSON.stringify({ fontSize: field0, mode: field1, label: field2 })) as string;
  if (name.length + encoded.length > 4096) throw new $CookieValueError('prefs', `the value is ${encoded.length} bytes once encoded; with the name that is over the 4096-byte limit browsers enforce`);
  return name + '=' + encoded + '; Max-Age=7776000; Domain=example.com; Path=/app; Secure; SameSite=Lax';
}

/**
 * Sets `prefs` on a response, replacing an earlier Set-Cookie for it and keeping all others.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is set then.
 */
export function setPrefs(target: CookieTarget, value: PrefsValue): void {
  $appendSetCookie(target, serializePrefs(value));
}

/** Deletes `prefs`: Max-Age=0 with exactly the Path, Domain and flags it is set with. */
export function deletePrefs(target: CookieTarget): void {
  $appendSetCookie(target, 'prefs=; Max-Age=0; Domain=example.com; Path=/app; Secure; SameSite=Lax');
}

/** Reads `prefs` from a request's `Cookie` header (or a Next.js cookie store such as `await cookies()`): the value, or undefined when it is absent or not valid. Never throws on a value. */
export function readPrefs(cookies: CookieSource): PrefsValue | undefined {
  const raw = $cookieValue(cookies, 'prefs');
  const parsed = $parseJsonObject($decodeBase64Url(raw));
  return parsed && Number.isSafeInteger(parsed['fontSize']) && (parsed['mode'] === 'compact' || parsed['mode'] === 'comfortable') && typeof parsed['label'] === 'string' ? { fontSize: parsed['fontSize'] as number, mode: parsed['mode'] as 'compact' | 'comfortable', label: parsed['label'] as string } : undefined;
}

/**
 * What the catalog declares for `theme`.
 *
 * Purpose in English. Lifetime: 1 year, Max-Age=31536000. Category: preferences.
 */
export const themeCookie = { id: 'theme', name: 'theme', category: 'preferences', maxAge: 31536000, setBy: 'client', attributes: { path: '/', domain: undefined, secure: true, httpOnly: false, sameSite: 'Lax', partitioned: false } } as const satisfies CookieDeclaration;
export type ThemeValue = 'light' | 'dark' | 'high-contrast';

/**
 * The `Set-Cookie` header value that sets `theme`; see {@link themeCookie}.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration.
 */
export function serializeTheme(value: ThemeValue): string {
  if (value !== 'light' && value !== 'dark' && value !== 'high-contrast') throw $invalidValue('theme', value, 'is not one of "light", "dark", "high-contrast"');
  const encoded: string = value;
  return 'theme=' + encoded + '; Max-Age=31536000; Path=/; Secure; SameSite=Lax';
}

/**
 * Sets `theme` on a response, replacing an earlier Set-Cookie for it and keeping all others.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is set then.
 */
export function setTheme(target: CookieTarget, value: ThemeValue): void {
  $appendSetCookie(target, serializeTheme(value));
}

/** Deletes `theme`: Max-Age=0 with exactly the Path, Domain and flags it is set with. */
export function deleteTheme(target: CookieTarget): void {
  $appendSetCookie(target, 'theme=; Max-Age=0; Path=/; Secure; SameSite=Lax');
}

/** Reads `theme` from a request's `Cookie` header (or a Next.js cookie store such as `await cookies()`): the value, or undefined when it is absent or not valid. Never throws on a value. */
export function readTheme(cookies: CookieSource): ThemeValue | undefined {
  const raw = $cookieValue(cookies, 'theme');
  return raw === 'light' || raw === 'dark' || raw === 'high-contrast' ? raw : undefined;
}

/**
 * What the catalog declares for `visits`.
 *
 * Purpose in English. Lifetime: 30 days, Max-Age=2592000. Category: preferences.
 */
export const visitsCookie = { id: 'visits', name: 'visits', category: 'preferences', maxAge: 2592000, setBy: 'client', attributes: { path: '/', domain: undefined, secure: true, httpOnly: false, sameSite: 'Lax', partitioned: false } } as const satisfies CookieDeclaration;
export type VisitsValue = number;

/**
 * The `Set-Cookie` header value that sets `visits`; see {@link visitsCookie}.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration.
 */
export function serializeVisits(value: VisitsValue): string {
  if (!Number.isSafeInteger(value)) throw $invalidValue('visits', value, 'is not a whole number');
  if (value < 0 || value > 1000) throw $invalidValue('visits', value, 'is outside 0…1000');
  const encoded = String(value);
  return 'visits=' + encoded + '; Max-Age=2592000; Path=/; Secure; SameSite=Lax';
}

/**
 * Sets `visits` on a response, replacing an earlier Set-Cookie for it and keeping all others.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is set then.
 */
export function setVisits(target: CookieTarget, value: VisitsValue): void {
  $appendSetCookie(target, serializeVisits(value));
}

/** Deletes `visits`: Max-Age=0 with exactly the Path, Domain and flags it is set with. */
export function deleteVisits(target: CookieTarget): void {
  $appendSetCookie(target, 'visits=; Max-Age=0; Path=/; Secure; SameSite=Lax');
}

/** Reads `visits` from a request's `Cookie` header (or a Next.js cookie store such as `await cookies()`): the value, or undefined when it is absent or not valid. Never throws on a value. */
export function readVisits(cookies: CookieSource): VisitsValue | undefined {
  const raw = $cookieValue(cookies, 'visits');
  if (raw === undefined || !/^(?:0|-?[1-9][0-9]{0,15})$/.test(raw)) return undefined;
  const number = Number(raw);
  return Number.isSafeInteger(number) && !(number < 0) && !(number > 1000) ? number : undefined;
}
