// Generated from catalog/ by cookie-catalog. Do not edit.
import { CookieValueError as $CookieValueError, decodeBase64Url as $decodeBase64Url, decodeUri as $decodeUri, documentCookies as $documentCookies, encodeUri as $encodeUri, findCookie as $findCookie, parseJsonObject as $parseJsonObject, setDocumentCookie as $setDocumentCookie } from '@cookie-catalog/runtime';

/**
 * Removes `layout`: Max-Age=0 with exactly the Path, Domain and flags it was written with.
 *
 * Retired since 2025-12-01: the catalog no longer sets it, but browsers may keep it until its lifetime (1 year) has run out, so this remover (nothing writes or reads it any more) remains until the catalog removes the entry.
 */
export function removeLayout(): void {
  $setDocumentCookie('layout=; Max-Age=0; Path=/; Secure; SameSite=Lax');
}

export type NoteValue = string;

/**
 * Reads `note` from `document.cookie` (or the cookie string given): the value, or undefined when it is absent, not valid, or there is no document (server rendering). Never throws.
 *
 * Purpose in English. Lifetime: 1 week, Max-Age=604800. Category: preferences.
 */
export function readNote(cookies: string = $documentCookies()): NoteValue | undefined {
  const raw = $findCookie(cookies, 'note');
  const value = $decodeUri(raw);
  return value;
}

/** Reads `note` from a cookie string such as `document.cookie`. Never throws. */
export const readNoteFrom: (cookies: string) => NoteValue | undefined = readNote;

/**
 * Writes `note` with the catalog's attributes: Max-Age=604800; Path=/; Secure; SameSite=Lax.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is written then.
 */
export function writeNote(value: NoteValue): void {
  const name = 'note';
  if (typeof value !== 'string') throw new $CookieValueError('note', 'the value is not a string');
  const encoded = $encodeUri(value);
  if (encoded === undefined) throw new $CookieValueError('note', 'the value is not well-formed text (it has an unpaired surrogate)');
  if (name.length + encoded.length > 4096) throw new $CookieValueError('note', `the value is ${encoded.length} bytes once encoded; with the name that is over the 4096-byte limit browsers enforce`);
  $setDocumentCookie(name + '=' + encoded + '; Max-Age=604800; Path=/; Secure; SameSite=Lax');
}

/** Removes `note`: Max-Age=0 with exactly the Path, Domain and flags it is written with. */
export function removeNote(): void {
  $setDocumentCookie('note=; Max-Age=0; Path=/; Secure; SameSite=Lax');
}

export type PrefsValue = { readonly fontSize: number; readonly mode: 'compact' | 'comfortable'; readonly label: string };

/**
 * Reads `prefs` from `document.cookie` (or the cookie string given): the value, or undefined when it is absent, not valid, or there is no document (server rendering). Never throws.
 *
 * Purpose in English. Lifetime: 3 months, Max-Age=7776000. Category: preferences.
 */
export function readPrefs(cookies: string = $documentCookies()): PrefsValue | undefined {
  const raw = $findCookie(cookies, 'prefs');
  const parsed = $parseJsonObject($decodeBase64Url(raw));
  return parsed && Number.isSafeInteger(parsed['fontSize']) && (parsed['mode'] === 'compact' || parsed['mode'] === 'comfortable') && typeof parsed['label'] === 'string' ? { fontSize: parsed['fontSize'] as number, mode: parsed['mode'] as 'compact' | 'comfortable', label: parsed['label'] as string } : undefined;
}

/** Reads `prefs` from a cookie string such as `document.cookie`. Never throws. */
export const readPrefsFrom: (cookies: string) => PrefsValue | undefined = readPrefs;
export type ThemeValue = 'light' | 'dark' | 'high-contrast';

/**
 * Reads `theme` from `document.cookie` (or the cookie string given): the value, or undefined when it is absent, not valid, or there is no document (server rendering). Never throws.
 *
 * Purpose in English. Lifetime: 1 year, Max-Age=31536000. Category: preferences.
 */
export function readTheme(cookies: string = $documentCookies()): ThemeValue | undefined {
  const raw = $findCookie(cookies, 'theme');
  return raw === 'light' || raw === 'dark' || raw === 'high-contrast' ? raw : undefined;
}

/** Reads `theme` from a cookie string such as `document.cookie`. Never throws. */
export const readThemeFrom: (cookies: string) => ThemeValue | undefined = readTheme;

/**
 * Writes `theme` with the catalog's attributes: Max-Age=31536000; Path=/; Secure; SameSite=Lax.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is written then.
 */
export function writeTheme(value: ThemeValue): void {
  if (value !== 'light' && value !== 'dark' && value !== 'high-contrast') throw new $CookieValueError('theme', 'the value is not one of "light", "dark", "high-contrast"');
  const encoded: string = value;
  $setDocumentCookie('theme=' + encoded + '; Max-Age=31536000; Path=/; Secure; SameSite=Lax');
}

/** Removes `theme`: Max-Age=0 with exactly the Path, Domain and flags it is written with. */
export function removeTheme(): void {
  $setDocumentCookie('theme=; Max-Age=0; Path=/; Secure; SameSite=Lax');
}

export type VisitsValue = number;

/**
 * Reads `visits` from `document.cookie` (or the cookie string given): the value, or undefined when it is absent, not valid, or there is no document (server rendering). Never throws.
 *
 * Purpose in English. Lifetime: 30 days, Max-Age=2592000. Category: preferences.
 */
export function readVisits(cookies: string = $documentCookies()): VisitsValue | undefined {
  const raw = $findCookie(cookies, 'visits');
  const number = Number(raw);
  return String(number) === raw && Number.isSafeInteger(number) && !(number < 0) && !(number > 1000) ? number : undefined;
}

/** Reads `visits` from a cookie string such as `document.cookie`. Never throws. */
export const readVisitsFrom: (cookies: string) => VisitsValue | undefined = readVisits;

/**
 * Writes `visits` with the catalog's attributes: Max-Age=2592000; Path=/; Secure; SameSite=Lax.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is written then.
 */
export function writeVisits(value: VisitsValue): void {
  if (!Number.isSafeInteger(value)) throw new $CookieValueError('visits', 'the value is not a whole number');
  if (value < 0 || value > 1000) throw new $CookieValueError('visits', 'the value is outside 0…1000');
  const encoded = String(value);
  $setDocumentCookie('visits=' + encoded + '; Max-Age=2592000; Path=/; Secure; SameSite=Lax');
}

/** Removes `visits`: Max-Age=0 with exactly the Path, Domain and flags it is written with. */
export function removeVisits(): void {
  $setDocumentCookie('visits=; Max-Age=0; Path=/; Secure; SameSite=Lax');
}
