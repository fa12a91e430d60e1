export { fragments, html } from './generated/html/index.js';
export { type Locale, markdown } from './generated/markdown/index.js';
