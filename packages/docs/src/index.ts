export {
  defaultLocale,
  fragments,
  html,
  languageNames,
  locales,
  titles,
} from './generated/html/index.js';
export { type Locale, markdown } from './generated/markdown/index.js';
