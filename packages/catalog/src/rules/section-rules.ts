import MarkdownIt from 'markdown-it';
import { describeCharacter } from '../cookie-grammar.js';
import { findInvisibleCharacter } from '../invisible-characters.js';
import { checkLink } from '../links.js';
import { createProblem, type Problem, type SourcePosition } from '../problem.js';

/** A Markdown parser that keeps every link as a token, so that we judge links ourselves. */
const markdown = new MarkdownIt({ html: false, linkify: false });
markdown.validateLink = () => true;

/**
 * One prose section written by legal. Markdown is rendered later with raw HTML off; here we make
 * sure it has content, no invisible characters, and only https:/mailto: links.
 */
export function checkSectionMarkdown(file: string, text: string): Problem[] {
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
    const html = /<\/?[a-z][^>]*>/i.exec(line);
    if (html) {
      problems.push(
        createProblem(
          'markdown/raw-html',
          at(index + 1, html.index + 1),
          `"${html[0]}" is HTML; the policy shows it as literal text, not as markup`,
          'use Markdown instead (e.g. **bold**, [link](https://…))',
        ),
      );
    }
  });
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
