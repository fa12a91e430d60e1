export { declarations, html, type Locale, locales } from './generated/index.js';
