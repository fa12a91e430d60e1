// Generated from catalog/ by cookie-catalog. Do not edit.
// The client package: per cookie script can see its reader (and writer, where client script sets it).
export { CookieValueError } from '@cookie-catalog/runtime';
export * from './cookies.js';
