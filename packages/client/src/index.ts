export { CookieValueError } from '@cookie-catalog/runtime';
export * from './generated/cookies.js';
