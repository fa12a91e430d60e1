import { describeCharacter } from '../cookie-grammar.js';
import { fieldLabel as label } from '../field-label.js';
import { findInvisibleCharacter } from '../invisible-characters.js';
import { languageName } from '../language-name.js';
import type { SourcePath } from '../yaml-source.js';
import type { CatalogContext, FileReport } from './check-context.js';

/**
 * A purpose, label or note is a sentence or a short paragraph; the policy's long prose lives in
 * sections/*.md. A limit keeps one pasted document from making every generated page huge.
 */
export const MAX_TEXT_LENGTH = 5_000;

/**
 * A localized text: present in every configured locale, in no other, never empty, plain text.
 * The disclosure duties (GDPR art. 12(1)) apply in every language the policy is offered in.
 */
export function checkLocalizedText(
  report: FileReport,
  context: CatalogContext,
  path: SourcePath,
  text: Readonly<Record<string, string>> | undefined,
  /** Locales that may be left out (a label the tool has built-in words for in that locale). */
  mayOmit: (locale: string) => boolean = () => false,
): void {
  if (!text) return;
  const { locales } = context;
  if (locales) {
    for (const locale of locales) {
      if (!(locale in text) && !mayOmit(locale)) {
        report.add(
          'i18n/missing-translation',
          path,
          `${label(path)} has no ${languageName(locale)} (${locale}) text`,
          `add "${locale}:" with the text in ${languageName(locale)}`,
          { key: true },
        );
      }
    }
    for (const locale of Object.keys(text)) {
      if (!locales.includes(locale)) {
        report.add(
          'i18n/unknown-locale',
          [...path, locale],
          `"${locale}" is not one of the policy's locales (${locales.join(', ')})`,
          `remove it, or add "${locale}" to locales in policy.yaml`,
          { key: true },
        );
      }
    }
  }
  for (const [locale, value] of Object.entries(text)) {
    if (value.length > MAX_TEXT_LENGTH) {
      report.add(
        'text/too-long',
        [...path, locale],
        `${label(path)} in ${locale} is ${value.length.toLocaleString('en')} characters; a catalog text is at most ${MAX_TEXT_LENGTH.toLocaleString('en')}`,
        'shorten it, or move the long explanation into a section of the policy (sections/*.md)',
      );
    } else if (value.trim() === '') {
      report.add(
        'i18n/empty-text',
        [...path, locale],
        `${label(path)} in ${locale} is empty`,
        'write the text, or ask legal for it',
      );
    } else if (/^\s*TODO\b/.test(value)) {
      report.add(
        'text/todo',
        [...path, locale],
        `${label(path)} in ${locale} is still a placeholder: "${value.trim().slice(0, 80)}"`,
        'write the text (a draft from audit or import leaves TODO where legal must write)',
      );
    } else if (/<\/?[a-z][^>]*>/i.test(value)) {
      report.add(
        'text/markup',
        [...path, locale],
        `${label(path)} in ${locale} contains HTML; it will be shown as literal text`,
        'write plain text without < >',
      );
    }
  }
}

/**
 * Where a string holds half of a UTF-16 surrogate pair without the other half (YAML's `"\ud800"`
 * escape makes one): no UTF-8 file can hold it, so every file written from it would change it
 * silently (to U+FFFD), and JSON that escapes it is rejected by strict parsers (RFC 8259 §8.2).
 */
export function findLoneSurrogate(text: string): { code: number; index: number } | undefined {
  if (text.isWellFormed()) return undefined;
  const match = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(text);
  return match ? { code: match[0].charCodeAt(0), index: match.index } : undefined;
}

/**
 * Reports invisible or direction-changing characters, and lone surrogates, in every text value
 * (and every key) of a file.
 */
export function checkInvisibleCharacters(
  report: FileReport,
  data: unknown,
  path: SourcePath = [],
): void {
  if (typeof data === 'string') {
    const lone = findLoneSurrogate(data);
    if (lone) {
      report.add(
        'text/lone-surrogate',
        path,
        `${label(path)} contains a lone surrogate (U+${lone.code.toString(16).toUpperCase()}, half of a UTF-16 pair), which no UTF-8 file can hold: every output would change it`,
        'write the character itself, or its whole pair ("\\ud83d\\ude00" for 😀); a "\\u" escape for D800–DFFF alone is no character',
        data.includes('\n') ? {} : { charIndex: lone.index },
      );
      return;
    }
    const found = findInvisibleCharacter(data);
    if (found) {
      report.add(
        'text/invisible-character',
        path,
        `${label(path)} contains ${describeCharacter(found.char)}, which can make text read differently from what it is`,
        'retype the text without it (copying from other documents often brings these along)',
        data.includes('\n') ? {} : { charIndex: found.index },
      );
    }
  } else if (Array.isArray(data)) {
    for (const [index, item] of data.entries())
      checkInvisibleCharacters(report, item, [...path, index]);
  } else if (data !== null && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      const lone = findLoneSurrogate(key);
      if (lone)
        report.add(
          'text/lone-surrogate',
          [...path, key],
          `the key "${key.toWellFormed()}" contains a lone surrogate (U+${lone.code.toString(16).toUpperCase()}, half of a UTF-16 pair), which no UTF-8 file can hold`,
          'write the key without the "\\u" escape of half a pair',
        );
      else checkInvisibleCharacters(report, value, [...path, key]);
    }
  }
}
