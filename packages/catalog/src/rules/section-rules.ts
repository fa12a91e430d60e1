import MarkdownIt from 'markdown-it';
import { describeCharacter } from '../cookie-grammar.js';
import { findInvisibleCharacter } from '../invisible-characters.js';
import { checkLink } from '../links.js';
import { createProblem, type Problem, type SourcePosition } from '../problem.js';
import { blankComments } from '../section-comments.js';

/**
 * The same Markdown as CommonMark reads it with raw HTML on, to find what would be HTML there:
 * `<b>` is, `<dpo@example.com>` (an autolink) and `` `<b>` `` (code) are not.
 */
const withHtml = new MarkdownIt({ html: true, linkify: false });

/** A warning per line that holds raw HTML, which every rendering shows as literal text. */
function rawHtml(
  text: string,
  lines: readonly string[],
  at: (line: number, column: number) => SourcePosition,
): Problem[] {
  const found = new Map<number, { column: number; html: string }>();
  const note = (start: number, end: number, html: string) => {
    for (let line = start; line < Math.max(end, start + 1); line++) {
      const column = (lines[line] ?? '').indexOf(html.split('\n')[0] ?? html);
      if (column >= 0 && !found.has(line)) {
        found.set(line, { column, html: html.split('\n')[0] ?? html });
        return;
      }
    }
  };
  for (const block of withHtml.parse(text, {})) {
    const [start = 0, end = start + 1] = block.map ?? [];
    if (block.type === 'html_block') note(start, end, block.content.trim());
    for (const token of block.children ?? []) {
      if (token.type === 'html_inline') note(start, end, token.content);
    }
  }
  return [...found].map(([line, { column, html }]) =>
    createProblem(
      'markdown/raw-html',
      at(line + 1, column + 1),
      `"${html.length > 60 ? `${html.slice(0, 57)}…` : html}" is HTML; the policy shows it as literal text, not as markup`,
      'use Markdown instead (e.g. **bold**, [link](https://…))',
    ),
  );
}

/** A Markdown parser that keeps every link as a token, so that we judge links ourselves. */
const markdown = new MarkdownIt({ html: false, linkify: false });
markdown.validateLink = () => true;

/**
 * One prose section written by legal. Markdown is rendered later with raw HTML off; here we make
 * sure it has content, no invisible characters, and only https:/mailto: links.
 */
export function checkSectionMarkdown(file: string, written: string): Problem[] {
  // Comments are notes between colleagues, never published: not checked either.
  const text = blankComments(written);
  const problems: Problem[] = [];
  const lines = text.split('\n');
  const at = (line: number, column: number): SourcePosition => ({ file, line, column });
  if (text.trim() === '') {
    problems.push(
      createProblem(
        'i18n/empty-text',
        at(1, 1),
        'the section is empty',
        'write the section, or ask legal for it',
      ),
    );
    return problems;
  }
  lines.forEach((line, index) => {
    // A placeholder a starter catalog (init) or a draft left for legal to write.
    if (/^\s*(?:[-*>#]+\s*)?TODO\b/.test(line)) {
      problems.push(
        createProblem(
          'text/todo',
          at(index + 1, line.indexOf('TODO') + 1),
          `the section is still a placeholder here: "${line.trim().slice(0, 80)}"`,
          'write the text of the section',
        ),
      );
    }
    const invisible = findInvisibleCharacter(line.replace(/\r$/, ''));
    if (invisible) {
      problems.push(
        createProblem(
          'text/invisible-character',
          at(index + 1, invisible.index + 1),
          `the text contains ${describeCharacter(invisible.char)}, which can make it read differently from what it is`,
          'retype the text without it',
        ),
      );
    }
  });
  problems.push(...rawHtml(text, lines, at));
  for (const block of markdown.parse(text, {})) {
    for (const token of block.children ?? []) {
      const href =
        token.type === 'link_open'
          ? token.attrGet('href')
          : token.type === 'image'
            ? token.attrGet('src')
            : null;
      if (href === null) continue;
      // Judge exactly the href the renderers will judge and write (normalized, still encoded).
      const raw = String(href);
      const checked = checkLink(raw, { allowMailto: token.type === 'link_open' });
      if (checked.ok) continue;
      const [start = 0, end = start + 1] = block.map ?? [];
      let position = at(start + 1, 1);
      for (let line = start; line < end; line++) {
        const column = (lines[line] ?? '').indexOf(raw.slice(0, 8));
        if (column >= 0) {
          position = at(line + 1, column + 1);
          break;
        }
      }
      problems.push(
        createProblem(
          'link/scheme',
          position,
          checked.reason,
          token.type === 'image'
            ? 'use an https:// image, or remove it'
            : 'link to https:// pages or mailto: addresses only',
        ),
      );
    }
  }
  return problems;
}
