import { decodeHTML, decodeHTMLAttribute } from 'entities/decode';

/*
 * A stored rendering (the banner or preferences HTML a person was shown) as the words they read,
 * for `consent show`: headings and paragraphs on lines of their own, buttons as [Accept], links
 * with where they lead, the radio choices of the preferences form as ( ) Yes  ( ) No, entities
 * decoded, no tags. The generated banner is a small, closed set of elements (codegen's
 * ts/consent templates), so a tokenizer that knows them is enough; anything else in the text
 * (a rendering is read back from a database) becomes its words, never markup.
 *
 * The result is not yet safe for a terminal: the caller escapes what it prints, after decoding
 * (`&#27;` decodes to ESC).
 */

/** Elements that start and end a line. */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'legend',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
]);
/** Blocks set apart by an empty line, as a reader sees them. */
const PARAGRAPH = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'fieldset', 'blockquote']);
/** Whose content is never words on the page. */
const HIDDEN_CONTENT = new Set(['script', 'style', 'template', 'noscript', 'head', 'title']);

/*
 * A tag: `<name attributes>` or `</name>`, attributes quoted with " or ' (which may hold `>`).
 * HTML §13.2.5: a tag name starts with an ASCII letter; `<` before anything else is text.
 */
const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<![^>]*>?|<\?[^>]*>?|<(\/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
/** One attribute: a name, optionally `=` and a value quoted or not (HTML §13.2.5.32–38). */
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
/** The renderer's per-request slots: `NUL name NUL` (@cookie-catalog/runtime/consent). */
const MARK = '\u0000';
const SLOT = new RegExp(`${MARK}([^${MARK}]*)${MARK}`, 'g');

function attributesOf(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, name = '', double, single, bare] of text.replace(SLOT, ' ').matchAll(ATTRIBUTE)) {
    const key = name.toLowerCase();
    if (!found.has(key)) found.set(key, decodeHTMLAttribute(double ?? single ?? bare ?? ''));
  }
  return found;
}

/** Words of a text node: entities decoded, runs of white space one space, slots named. */
function words(text: string): string {
  return text
    .split(SLOT)
    .map((part, index) =>
      index % 2 === 1
        ? ` [filled per request: ${part}] `
        : decodeHTML(part).replace(/[ \t\n\f\r]+/g, ' '),
    )
    .join('');
}

/** The words of an HTML rendering, one block a line, paragraphs apart. */
export function htmlToPlainText(html: string): string {
  let out = '';
  let hiddenDepth = 0;
  let hiddenTag = '';
  let preDepth = 0;
  const links: string[] = [];
  const breakLine = (blank: boolean) => {
    out = out.replace(/[ ]+$/, '');
    if (out === '') return;
    const wanted = blank ? '\n\n' : '\n';
    const trailing = /\n*$/.exec(out)?.[0].length ?? 0;
    if (trailing < wanted.length) out += wanted.slice(trailing);
  };
  const text = (value: string) => {
    if (hiddenDepth > 0 || value === '') return;
    if (preDepth > 0) {
      out += decodeHTML(value);
      return;
    }
    let shown = words(value);
    // At the start of a line, leading space is layout, not words.
    if (out === '' || out.endsWith('\n') || out.endsWith(' ')) shown = shown.replace(/^ +/, '');
    out += shown;
  };
  let last = 0;
  for (const match of html.matchAll(TOKEN)) {
    text(html.slice(last, match.index));
    last = match.index + match[0].length;
    const [, closing, rawName] = match;
    if (rawName === undefined) continue; // a comment, doctype, CDATA or processing instruction
    const name = rawName.toLowerCase();
    if (hiddenDepth > 0) {
      if (name === hiddenTag) hiddenDepth += closing ? -1 : 1;
      continue;
    }
    if (HIDDEN_CONTENT.has(name)) {
      if (!closing) {
        hiddenDepth = 1;
        hiddenTag = name;
      }
      continue;
    }
    const attributes = closing ? new Map<string, string>() : attributesOf(match[3] ?? '');
    if (name === 'pre') preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
    if (BLOCK.has(name)) breakLine(PARAGRAPH.has(name));
    switch (name) {
      case 'br':
        breakLine(false);
        break;
      case 'li':
        if (!closing) out += '• ';
        break;
      case 'button':
        text(closing ? ' ]' : '[ ');
        break;
      case 'a':
        if (closing) {
          const href = links.pop();
          if (href) text(` (link: ${href})`);
        } else links.push(attributes.get('href')?.replace(SLOT, '').trim() ?? '');
        break;
      case 'img': {
        const alt = attributes.get('alt');
        if (alt) text(`[image: ${alt}]`);
        break;
      }
      case 'input': {
        const type = (attributes.get('type') ?? 'text').toLowerCase();
        const chosen = attributes.has('checked');
        if (type === 'radio') text(chosen ? ' (•) ' : ' ( ) ');
        else if (type === 'checkbox') text(chosen ? ' [x] ' : ' [ ] ');
        else if (type === 'submit' || type === 'button' || type === 'reset')
          text(`[ ${attributes.get('value') ?? type} ]`);
        else if (type !== 'hidden') text(' [text field] ');
        break;
      }
      case 'td':
      case 'th':
        if (!closing) text(' ');
        break;
      default:
        break;
    }
    if (BLOCK.has(name) && !closing && name !== 'li') breakLine(PARAGRAPH.has(name));
  }
  text(html.slice(last));
  return out
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A rendering's text as words to read: HTML converted, Markdown and plain text as stored. */
export function renderingWords(format: string, text: string): string {
  return format === 'html' ? htmlToPlainText(text) : text.replace(/\r\n?/g, '\n').trim();
}
