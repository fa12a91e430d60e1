import { describe, expect, it } from 'vitest';
import { withoutComments } from '../section-comments.js';
import { checkSectionMarkdown } from './section-rules.js';

const warnings = (text: string) =>
  checkSectionMarkdown('sections/en/contact.md', text)
    .filter((p) => p.rule === 'markdown/raw-html')
    .map((p) => `${p.line}:${p.column} ${p.message}`);

describe('raw HTML in a section is reported where CommonMark would see HTML, and only there', () => {
  it('warns for tags and HTML blocks, at their place; a comment is a note, taken out before publishing', () => {
    const text = 'Hello <b>you</b>.\n\n<!--@include: ../secret.md-->\n\n<div>\nx\n</div>\n';
    expect(warnings(text)).toEqual([
      '1:7 "<b>" is HTML; the policy shows it as literal text, not as markup',
      '5:1 "<div>" is HTML; the policy shows it as literal text, not as markup',
    ]);
    // Not even VitePress's include reaches a page: the comment is gone from what is published.
    expect(withoutComments(text)).not.toContain('include');
  });

  it('does not warn for autolinks, which every rendering shows as links, nor for code', () => {
    expect(
      warnings('Write to <dpo@example.com> or <https://example.com>.\n\nType `<b>`.\n'),
    ).toEqual([]);
  });
});

describe('a section that is still a placeholder', () => {
  const todos = (text: string) =>
    checkSectionMarkdown('sections/en/contact.md', text)
      .filter((p) => p.rule === 'text/todo')
      .map((p) => `${p.line}:${p.column}`);

  it('is an error at each TODO line, in a list or a heading too', () => {
    expect(todos('Write to us.\n\nTODO: the address.\n\n- TODO the phone\n## TODO\n')).toEqual([
      '3:1',
      '5:3',
      '6:4',
    ]);
  });

  it('but a TODO inside a sentence is text', () => {
    expect(todos('Our TODO list app stores nothing.\n')).toEqual([]);
  });
});
