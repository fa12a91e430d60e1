import { describe, expect, it } from 'vitest';
import { SAMPLE_PROBLEMS, SAMPLE_ROOT } from '../../test/finding-samples.js';
import { formatProblemsText, type TextColors } from './text.js';

/** The SGR codes picocolors' createColors(true) writes for these (no nesting in our output). */
const sgr = (open: number, close: number) => (text: string) =>
  `\u001b[${open}m${text}\u001b[${close}m`;
const TERMINAL: TextColors = {
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  blue: sgr(34, 39),
  cyan: sgr(36, 39),
  bold: sgr(1, 22),
  dim: sgr(2, 22),
};

/*
 * What `cookie-catalog validate`, scan and audit print today (packages/codegen's
 * format-problems.ts, run on SAMPLE_PROBLEMS with cwd /repo), byte for byte.
 */
const PLAIN = `catalog/cookies/csrftoken.yaml:3:9  cookie/name  the cookie name "a;b" contains ";" (U+003B SEMICOLON), which is not allowed in a cookie name (RFC 6265bis §4.1.1 (token, RFC 9110 §5.6.2))
    fix: use only ASCII letters, digits and ! # $ % & ' * + - . ^ _ \` | ~
catalog/cookies/language.yaml:12:11  cookie/lifetime-cap  lifetime "2 years" is longer than browsers keep a cookie (400 days = 34,560,000 s) (RFC 6265bis §5.5, §7.2)
    fix: use at most "400 days"
catalog/cookies/language.yaml:20:11  advice/host-only  warning: Domain=billogram.com sends the cookie to every subdomain too (RFC 6265bis §4.1.2.3)
    fix: leave out domain unless subdomains must read it
https://example.com/invoices  audit/not-seen  note: the declared cookie "language" was not set on the pages visited (cookie-catalog audit)
    fix: check that the page still uses it
catalog/cookies/\\u{1B}]0;pwned\\u{7}.yaml:5:11  catalog/unknown-category  the category "\\u{1B}[2J\\u{1B}]0;pwned\\u{7}\\u{9B}31m" is not declared in policy.yaml
    fix: use one of necessary\\u{202E}, or declare it
`;

const COLORED =
  '\u001b[1mcatalog/cookies/csrftoken.yaml:3:9\u001b[22m  \u001b[31mcookie/name\u001b[39m  the cookie name "a;b" contains ";" (U+003B SEMICOLON), which is not allowed in a cookie name \u001b[2m(RFC 6265bis §4.1.1 (token, RFC 9110 §5.6.2))\u001b[22m\n' +
  "    \u001b[36mfix:\u001b[39m use only ASCII letters, digits and ! # $ % & ' * + - . ^ _ ` | ~\n" +
  '\u001b[1mcatalog/cookies/language.yaml:12:11\u001b[22m  \u001b[31mcookie/lifetime-cap\u001b[39m  lifetime "2 years" is longer than browsers keep a cookie (400 days = 34,560,000 s) \u001b[2m(RFC 6265bis §5.5, §7.2)\u001b[22m\n' +
  '    \u001b[36mfix:\u001b[39m use at most "400 days"\n' +
  '\u001b[1mcatalog/cookies/language.yaml:20:11\u001b[22m  \u001b[33madvice/host-only\u001b[39m  \u001b[33mwarning:\u001b[39m Domain=billogram.com sends the cookie to every subdomain too \u001b[2m(RFC 6265bis §4.1.2.3)\u001b[22m\n' +
  '    \u001b[36mfix:\u001b[39m leave out domain unless subdomains must read it\n' +
  '\u001b[1mhttps://example.com/invoices\u001b[22m  \u001b[34maudit/not-seen\u001b[39m  \u001b[34mnote:\u001b[39m the declared cookie "language" was not set on the pages visited \u001b[2m(cookie-catalog audit)\u001b[22m\n' +
  '    \u001b[36mfix:\u001b[39m check that the page still uses it\n' +
  '\u001b[1mcatalog/cookies/\\u{1B}]0;pwned\\u{7}.yaml:5:11\u001b[22m  \u001b[31mcatalog/unknown-category\u001b[39m  the category "\\u{1B}[2J\\u{1B}]0;pwned\\u{7}\\u{9B}31m" is not declared in policy.yaml\n' +
  '    \u001b[36mfix:\u001b[39m use one of necessary\\u{202E}, or declare it\n';

describe('formatProblemsText', () => {
  it("writes what codegen's format-problems.ts writes, plain", () => {
    expect(formatProblemsText(SAMPLE_PROBLEMS, { cwd: SAMPLE_ROOT })).toBe(PLAIN);
  });

  it("writes what codegen's format-problems.ts writes, in colour", () => {
    expect(formatProblemsText(SAMPLE_PROBLEMS, { cwd: SAMPLE_ROOT, color: TERMINAL })).toBe(
      COLORED,
    );
  });

  it('keeps the shapes validate-cli.test.ts expects', () => {
    const text = formatProblemsText(SAMPLE_PROBLEMS, { cwd: SAMPLE_ROOT });
    expect(text).toMatch(/csrftoken\.yaml:3:9 {2}cookie\/name {2}/);
    expect(text).toMatch(
      /language\.yaml:\d+:\d+ {2}cookie\/lifetime-cap {2}lifetime "2 years" is longer than browsers keep a cookie/,
    );
    expect(text).toMatch(/\n {4}fix: use at most "400 days"\n/);
    // The terminal is shown ESC, BEL, the C1 CSI and bidi overrides; it never receives one.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(text).toContain('\\u{1B}[2J\\u{1B}]0;pwned\\u{7}\\u{9B}31m');
  });

  it('shows absolute paths without a cwd, and nothing for no problems', () => {
    expect(formatProblemsText(SAMPLE_PROBLEMS.slice(0, 1))).toMatch(
      /^\/repo\/catalog\/cookies\/csrftoken\.yaml:3:9 {2}cookie\/name/,
    );
    expect(formatProblemsText([], { cwd: SAMPLE_ROOT })).toBe('');
  });
});

describe('formatProblemsText on hostile text', () => {
  it('shows every control character, line break and lone surrogate escaped, in every field', () => {
    const hostile = 'a\u001b[2Jb\u0007c\u009b31m\r\nd\u2028e\ud800f\udc00g';
    const base = SAMPLE_PROBLEMS[0] as (typeof SAMPLE_PROBLEMS)[number];
    const text = formatProblemsText(
      [
        {
          ...base,
          file: `${SAMPLE_ROOT}/${hostile}.yaml`,
          rule: hostile as typeof base.rule,
          message: hostile,
          fix: hostile,
          citation: hostile,
        },
      ],
      { cwd: SAMPLE_ROOT },
    );
    // Two lines (the problem and its fix), nothing a terminal obeys, and text UTF-8 can hold.
    expect(text.split('\n')).toHaveLength(3);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(text.isWellFormed()).toBe(true);
    const shown = 'a\\u{1B}[2Jb\\u{7}c\\u{9B}31m\\u{D}\\u{A}d\\u{2028}e\\u{D800}f\\u{DC00}g';
    expect(text.split(shown)).toHaveLength(6);
  });
});
