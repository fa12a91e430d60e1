import MarkdownIt from 'markdown-it';

/*
 * Notes legal leaves for each other in a section: `<!-- … -->` and the link-reference idiom
 * `[//]: # (…)`. Neither is part of the policy. With raw HTML off, a renderer prints an HTML
 * comment as text, and `[//]: #` right under a line of text is text too (a reference definition
 * cannot interrupt a paragraph), so both are taken out before anything renders a section.
 */

const withHtml = new MarkdownIt({ html: true, linkify: false });

/** `[//]: # (…)`, `[comment]: <> (…)`, `[#]: # "…"` on a line of its own. */
const REFERENCE_COMMENT = /^ {0,3}\[(?:\/\/|comment|#)\]: *(?:#|<>)(?: +(?:\(.*\)|".*"|'.*'))? *$/i;

/** Whether `html` is one HTML comment and nothing else. */
export function isHtmlComment(html: string): boolean {
  const trimmed = html.trim();
  return (
    trimmed.startsWith('<!--') &&
    trimmed.endsWith('-->') &&
    trimmed.indexOf('-->') === trimmed.length - 3
  );
}

interface Comments {
  /** Lines (0-based) that are comments and nothing else. */
  readonly lines: ReadonlySet<number>;
  /** Comments inside a paragraph, as written. */
  readonly inline: readonly string[];
}

function findComments(markdown: string): Comments {
  const lines = new Set<number>();
  const inCode = new Set<number>();
  const inline: string[] = [];
  for (const token of withHtml.parse(markdown, {})) {
    const [start = 0, end = start + 1] = token.map ?? [];
    if (token.type === 'fence' || token.type === 'code_block') {
      for (let line = start; line < end; line++) inCode.add(line);
    } else if (token.type === 'html_block' && isHtmlComment(token.content)) {
      for (let line = start; line < end; line++) lines.add(line);
    }
    for (const child of token.children ?? []) {
      if (child.type === 'html_inline' && isHtmlComment(child.content)) inline.push(child.content);
    }
  }
  markdown.split('\n').forEach((line, index) => {
    if (!inCode.has(index) && REFERENCE_COMMENT.test(line)) lines.add(index);
  });
  return { lines, inline };
}

const mayHaveComments = (markdown: string) => markdown.includes('<!--') || markdown.includes(']:');

/** The section without its comments, as it is published; code blocks and code spans keep theirs. */
export function withoutComments(markdown: string): string {
  if (!mayHaveComments(markdown)) return markdown;
  const comments = findComments(markdown);
  let kept = markdown
    .split('\n')
    .filter((_, index) => !comments.lines.has(index))
    .join('\n');
  // An inline comment may span lines: it is removed from the text of its paragraph.
  for (const comment of comments.inline) kept = kept.replace(comment, '');
  return kept.replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '');
}

/**
 * The section with its comments turned into spaces, every other character where it was: what
 * the section rules check, so that a note to a colleague ("TODO: ask Anna") is not a problem of
 * the policy, and every problem keeps its line and column.
 */
export function blankComments(markdown: string): string {
  if (!mayHaveComments(markdown)) return markdown;
  const comments = findComments(markdown);
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  let text = markdown
    .split('\n')
    .map((line, index) => (comments.lines.has(index) ? blank(line) : line))
    .join('\n');
  for (const comment of comments.inline) text = text.replace(comment, blank(comment));
  return text;
}
