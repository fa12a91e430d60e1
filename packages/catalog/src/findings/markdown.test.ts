import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import {
  HOSTILE_TEXTS,
  hostileProblems,
  SAMPLE_PROBLEMS,
  SAMPLE_ROOT,
} from '../../test/finding-samples.js';
import { escapeInvisible } from '../invisible-characters.js';
import type { Problem } from '../problem.js';
import { formatProblemsMarkdown, markdownCode } from './markdown.js';
import { displayPosition } from './where.js';

// As permissive as a renderer gets: raw HTML passed through, bare addresses made links. The
// output must be safe even here. (GitHub's own cmark-gfm renders these tables the same way.)
const markdown = new MarkdownIt({ html: true, linkify: true, typographer: true });
type Token = ReturnType<typeof markdown.parse>[number];

/** The table's cells, each as the tokens of its inline content. */
function cells(tokens: readonly Token[]): Token[][][] {
  const rows: Token[][][] = [];
  for (const [i, token] of tokens.entries()) {
    if (token.type === 'tr_open') rows.push([]);
    if (token.type === 'inline' && ['td_open', 'th_open'].includes(tokens[i - 1]?.type ?? ''))
      rows.at(-1)?.push(token.children ?? []);
  }
  return rows;
}

/** The text of a cell's code spans, in order. */
const codeIn = (cell: readonly Token[]) =>
  cell.filter((t) => t.type === 'code_inline').map((t) => t.content);

function expectInert(problems: readonly Problem[]): void {
  const source = formatProblemsMarkdown(problems, { cwd: SAMPLE_ROOT });
  const tokens = markdown.parse(source, {});
  const all = tokens.flatMap((t) => [t, ...(t.children ?? [])]);
  // Nothing became a link, an image or HTML…
  expect(all.filter((t) => /^(link_|image|html_)/.test(t.type)).map((t) => t.type)).toEqual([]);
  const html = markdown.render(source);
  expect(html).not.toMatch(/<a[\s>]|<img|<script|<iframe|<details|<!--/i);
  const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1]));
  expect([...tags].sort()).toEqual(
    ['code', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr'].filter((tag) => tags.has(tag)),
  );
  // …outside code there is only our own words: no @ (mentions), # (references), addresses.
  const outsideCode = html.replace(/<code>[^<]*<\/code>/g, '');
  expect(outsideCode).not.toMatch(/[@#`\\]|:\/\/|www\./);
  // One row per problem, five cells each, and each string of the problem reads exactly as it is
  // stored (invisible characters shown as \u{…}).
  const rows = cells(tokens);
  expect(rows.length).toBe(problems.length + 1);
  for (const [i, problem] of problems.entries()) {
    const row = rows[i + 1] ?? [];
    expect(row.length).toBe(5);
    const shown = (text: string) => (text === '' ? [] : [escapeInvisible(text)]);
    expect(codeIn(row[1] ?? [])).toEqual([
      ...shown(problem.rule),
      ...shown(problem.citation ?? ''),
    ]);
    expect(codeIn(row[2] ?? [])).toEqual(shown(displayPosition(problem, SAMPLE_ROOT)));
    expect(codeIn(row[3] ?? [])).toEqual(shown(problem.message));
    expect(codeIn(row[4] ?? [])).toEqual(shown(problem.fix));
  }
}

describe('formatProblemsMarkdown', () => {
  it('is a table of severity, rule, place, problem and fix', () => {
    expect(formatProblemsMarkdown(SAMPLE_PROBLEMS.slice(0, 4), { cwd: SAMPLE_ROOT })).toBe(
      `| Severity | Rule | Where | Problem | Fix |
|---|---|---|---|---|
| **error** | \`cookie/name\` (\`RFC 6265bis §4.1.1 (token, RFC 9110 §5.6.2)\`) | \`catalog/cookies/csrftoken.yaml:3:9\` | \`the cookie name "a;b" contains ";" (U+003B SEMICOLON), which is not allowed in a cookie name\` | \`\`use only ASCII letters, digits and ! # $ % & ' * + - . ^ _ \` \\| ~\`\` |
| **error** | \`cookie/lifetime-cap\` (\`RFC 6265bis §5.5, §7.2\`) | \`catalog/cookies/language.yaml:12:11\` | \`lifetime "2 years" is longer than browsers keep a cookie (400 days = 34,560,000 s)\` | \`use at most "400 days"\` |
| warning | \`advice/host-only\` (\`RFC 6265bis §4.1.2.3\`) | \`catalog/cookies/language.yaml:20:11\` | \`Domain=billogram.com sends the cookie to every subdomain too\` | \`leave out domain unless subdomains must read it\` |
| note | \`audit/not-seen\` (\`cookie-catalog audit\`) | \`https://example.com/invoices\` | \`the declared cookie "language" was not set on the pages visited\` | \`check that the page still uses it\` |
`,
    );
    expect(formatProblemsMarkdown([])).toBe('');
  });

  it('keeps every hostile text inert and readable, one at a time', () => {
    const base = SAMPLE_PROBLEMS[0] as Problem;
    const problems = HOSTILE_TEXTS.flatMap((text): Problem[] => [
      { ...base, message: text, fix: text, citation: text },
      { ...base, file: `${SAMPLE_ROOT}/${text}`, rule: text as Problem['rule'] },
      { ...base, file: `https://example.com/${text}`, line: 0, column: 0 },
    ]);
    expectInert(problems);
  });

  it('keeps hostile texts inert in any mixture', () => {
    for (let seed = 1; seed <= 20; seed++) expectInert(hostileProblems(50, seed));
  });

  it('shows mentions, references and addresses only as code', () => {
    const html = markdown.render(
      formatProblemsMarkdown([
        {
          ...(SAMPLE_PROBLEMS[0] as Problem),
          message: 'ping @org/team about #1, see https://evil.example',
        },
      ]),
    );
    expect(html).toContain('<code>ping @org/team about #1, see https://evil.example</code>');
  });
});

describe('markdownCode', () => {
  it('fences backticks with a longer run, and pads a span that starts or ends with one', () => {
    expect(markdownCode('a')).toBe('`a`');
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`a``')).toBe('``` `a`` ```');
    expect(markdownCode(' a ')).toBe('`  a  `');
    expect(markdownCode('   ')).toBe('`   `');
    expect(markdownCode('')).toBe('');
    for (const text of HOSTILE_TEXTS.filter((t) => t.trim() !== '')) {
      const tokens = markdown.parseInline(markdownCode(text), {})[0]?.children ?? [];
      expect(codeIn(tokens), JSON.stringify(text)).toEqual([escapeInvisible(text)]);
      expect(tokens.length).toBe(1);
    }
  });

  it('escapes | only in a table cell', () => {
    expect(markdownCode('a|b')).toBe('`a|b`');
    expect(markdownCode('a|b', { inTable: true })).toBe('`a\\|b`');
  });
});

describe('the findings of issue #29 in a pull-request comment', () => {
  it('a page address that ends a cell, a link, an autolink and @everyone stay one cell of code', () => {
    const gfm = new MarkdownIt({ linkify: true });
    const page = 'https://example.com/p?q=|**[Fix: click here](https://evil.example/login)**|';
    for (const file of [page, page.replaceAll('|', '\\|'), `${page}\\`]) {
      const problem: Problem = {
        file,
        line: 0,
        column: 0,
        rule: 'audit/undeclared-cookie',
        severity: 'error',
        message: 'the cookie "@everyone" is set by <https://evil.example/x> www.evil.example',
        fix: 'declare @everyone | or [not](https://evil.example)',
      };
      const source = formatProblemsMarkdown([problem]);
      const tokens = gfm.parse(source, {});
      const rows = cells(tokens);
      expect(rows.map((row) => row.length)).toEqual([5, 5]);
      const row = rows[1] ?? [];
      expect(codeIn(row[2] ?? [])).toEqual([file]);
      expect(codeIn(row[3] ?? [])).toEqual([problem.message]);
      expect(codeIn(row[4] ?? [])).toEqual([problem.fix]);
      const all = tokens.flatMap((t) => [t, ...(t.children ?? [])]);
      expect(all.filter((t) => /^(link_|image|html_)/.test(t.type))).toEqual([]);
      // Outside code, nothing of the page's: no mention, no address, no bracket.
      const html = gfm.render(source);
      expect(html.replace(/<code>[^<]*<\/code>/g, '')).not.toMatch(/[@[\]]|:\/\/|www\./);
    }
  });

  it('shows a lone surrogate as \\u{D800}, so the comment is well-formed UTF-8', () => {
    const source = formatProblemsMarkdown([
      { ...(SAMPLE_PROBLEMS[0] as Problem), message: 'name "a\ud800"' },
    ]);
    expect(source.isWellFormed()).toBe(true);
    expect(source).toContain('`name "a\\u{D800}"`');
    expect(markdownCode('\udfff').isWellFormed()).toBe(true);
  });
});
