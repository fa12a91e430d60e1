// Generated from catalog/ by cookie-catalog. Do not edit.
import { type CookieDeclaration, type CookieSource, type CookieTarget, CookieValueError as $CookieValueError, TOKEN as $TOKEN, appendSetCookie as $appendSetCookie, cookieValue as $cookieValue, invalidValue as $invalidValue } from '@cookie-catalog/runtime';
/**
 * What the catalog declares for `cart-{shop}`.
 *
 * Purpose in English. Lifetime: 30 days, Max-Age=2592000. Category: preferences.
 */
export const cartCookie = { id: 'cart', name: 'cart-{shop}', category: 'preferences', maxAge: 2592000, setBy: 'server', attributes: { path: '/shop', domain: 'example.com', secure: true, httpOnly: false, sameSite: 'None', partitioned: true } } as const satisfies CookieDeclaration;
export type CartValue = string & { readonly [cartBrand]: true };
export type CartName = { readonly shop: string };
const cartPattern = /* @__PURE__ */ new RegExp('^[A-Za-z0-9]*$'); // ^[A-Za-z0-9]{1,32}$
declare const cartBrand: unique symbol;
const cartShopPattern = /* @__PURE__ */ new RegExp('^[a-z]*$'); // ^[a-z]{2,8}$

/** Checks `text` against what the catalog declares for `cart-{shop}`'s value: the same text, typed as checked (setters take only checked values), or undefined when it does not fit. Never throws. */
export function parseCart(text: string): CartValue | undefined {
  if (typeof text !== 'string' || !(text.length >= 1 && text.length <= 32 && cartPattern.test(text))) return undefined;
  return text as CartValue;
}

/**
 * The `Set-Cookie` header value that sets `cart-{shop}`; see {@link cartCookie}.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration.
 */
export function serializeCart(params: CartName, value: CartValue): string {
  const shopParam = params['shop'];
  if (!(typeof shopParam === 'string' && $TOKEN.test(shopParam) && (shopParam.length >= 2 && shopParam.length <= 8 && cartShopPattern.test(shopParam)))) throw $invalidValue('cart-{shop}', shopParam, 'is not a valid {shop} for this cookie\'s name');
  const name = 'cart-' + shopParam;
  if (typeof value !== 'string') throw $invalidValue(name, value, 'is not a string');
  if (!(value.length >= 1 && value.length <= 32 && cartPattern.test(value))) throw $invalidValue(name, value, 'does not match "^[A-Za-z0-9]{1,32}$"');
  const encoded = value;
  if (name.length + encoded.length > 4096) throw new $CookieValueError(name, `the value is ${encoded.length} bytes once encoded; with the name that is over the 4096-byte limit browsers enforce`);
  return name + '=' + encoded + '; Max-Age=2592000; Domain=example.com; Path=/shop; Secure; SameSite=None; Partitioned';
}

/**
 * Sets `cart-{shop}` on a response, replacing an earlier Set-Cookie for it and keeping all others.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is set then.
 */
export function setCart(target: CookieTarget, params: CartName, value: CartValue): void {
  $appendSetCookie(target, serializeCart(params, value));
}

/** Deletes `cart-{shop}`: Max-Age=0 with exactly the Path, Domain and flags it is set with. */
export function deleteCart(target: CookieTarget, params: CartName): void {
  const shopParam = params['shop'];
  if (!(typeof shopParam === 'string' && $TOKEN.test(shopParam) && (shopParam.length >= 2 && shopParam.length <= 8 && cartShopPattern.test(shopParam)))) throw $invalidValue('cart-{shop}', shopParam, 'is not a valid {shop} for this cookie\'s name');
  const name = 'cart-' + shopParam;
  $appendSetCookie(target, name + '=; Max-Age=0; Domain=example.com; Path=/shop; Secure; SameSite=None; Partitioned');
}

/** Reads `cart-{shop}` from a request's `Cookie` header (or a Next.js cookie store such as `await cookies()`): the value, or undefined when it is absent or not valid. Never throws on a value. */
export function readCart(cookies: CookieSource, params: CartName): CartValue | undefined {
  const shopParam = params['shop'];
  if (!((typeof shopParam === 'string' && $TOKEN.test(shopParam) && (shopParam.length >= 2 && shopParam.length <= 8 && cartShopPattern.test(shopParam))))) return undefined;
  const raw = $cookieValue(cookies, 'cart-' + shopParam);
  return raw !== undefined && (raw.length >= 1 && raw.length <= 32 && cartPattern.test(raw)) ? raw as CartValue : undefined;
}

/**
 * What the catalog declares for `layout`.
 *
 * Purpose in English. Lifetime: 1 year, Max-Age=31536000. Category: preferences.
 */
export const layoutCookie = { id: 'layout', name: 'layout', category: 'preferences', maxAge: 31536000, setBy: 'client', attributes: { path: '/', domain: undefined, secure: true, httpOnly: false, sameSite: 'Lax', partitioned: false } } as const satisfies CookieDeclaration;
export type LayoutValue = 'grid' | 'list';

/**
 * The `Set-Cookie` header value that sets `layout`; see {@link layoutCookie}.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration.
 */
export function serializeLayout(value: LayoutValue): string {
  if (value !== 'grid' && value !== 'list') throw $invalidValue('layout', value, 'is not one of "grid", "list"');
  const encoded: string = value;
  return 'layout=' + encoded + '; Max-Age=31536000; Path=/; Secure; SameSite=Lax';
}

/**
 * Sets `layout` on a response, replacing an earlier Set-Cookie for it and keeping all others.
 * @throws {CookieValueError} when the value does not fit the catalog's declaration; nothing is set then.
 */
export function setLayout(target: CookieTarget, value: LayoutValue): void {
  $appendSetCookie(target, serializeLayout(value));
}

/** Deletes `layout`: Max-Age=0 with exactly the Path, Domain and flags it is set with. */
export function deleteLayout(target: CookieTarget): void {
  $appendSetCookie(target, 'layout=; Max-Age=0; Path=/; Secure; SameSite=Lax');
}

/** Reads `layout` from a request's `Cookie` header (or a Next.js cookie store such as `await cookies()`): the value, or undefined when it is absent or not valid. Never throws on a value. */
export function readLayout(cookies: CookieSource): LayoutValue | undefined {
  const raw = $cookieValue(cookies, 'layout');
  return raw === 'grid' || raw === 'list' ? raw : undefined;
}
