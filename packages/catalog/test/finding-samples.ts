import type { Problem } from '../src/index.js';
import { seededRandom } from './seeded-random.js';

/** Where the sample files are; formatters are given it as `cwd`. */
export const SAMPLE_ROOT = '/repo';

/**
 * One problem of each kind a formatter meets: an error and a warning in catalog files, a note on
 * a page of a site (no line), and one whose file name and texts carry terminal escapes, with no
 * citation. Citations are written out, so that a rule's new citation does not change the tests.
 */
export const SAMPLE_PROBLEMS: readonly Problem[] = [
  {
    file: '/repo/catalog/cookies/csrftoken.yaml',
    line: 3,
    column: 9,
    rule: 'cookie/name',
    severity: 'error',
    message:
      'the cookie name "a;b" contains ";" (U+003B SEMICOLON), which is not allowed in a cookie name',
    fix: "use only ASCII letters, digits and ! # $ % & ' * + - . ^ _ ` | ~",
    citation: 'RFC 6265bis §4.1.1 (token, RFC 9110 §5.6.2)',
  },
  {
    file: '/repo/catalog/cookies/language.yaml',
    line: 12,
    column: 11,
    rule: 'cookie/lifetime-cap',
    severity: 'error',
    message: 'lifetime "2 years" is longer than browsers keep a cookie (400 days = 34,560,000 s)',
    fix: 'use at most "400 days"',
    citation: 'RFC 6265bis §5.5, §7.2',
  },
  {
    file: '/repo/catalog/cookies/language.yaml',
    line: 20,
    column: 11,
    rule: 'advice/host-only',
    severity: 'warning',
    message: 'Domain=billogram.com sends the cookie to every subdomain too',
    fix: 'leave out domain unless subdomains must read it',
    citation: 'RFC 6265bis §4.1.2.3',
  },
  {
    file: 'https://example.com/invoices',
    line: 0,
    column: 0,
    rule: 'audit/not-seen',
    severity: 'info',
    message: 'the declared cookie "language" was not set on the pages visited',
    fix: 'check that the page still uses it',
    citation: 'cookie-catalog audit',
  },
  {
    file: '/repo/catalog/cookies/\u001b]0;pwned\u0007.yaml',
    line: 5,
    column: 11,
    rule: 'catalog/unknown-category',
    severity: 'error',
    message: 'the category "\u001b[2J\u001b]0;pwned\u0007\u009b31m" is not declared in policy.yaml',
    fix: 'use one of necessary\u202e, or declare it',
  },
];

/**
 * Texts a page, a code base or a catalog file can put into a finding, meant to act where the
 * finding is shown: HTML, links, mentions and references on GitHub, Markdown structure, terminal
 * escapes, bidirectional overrides (Trojan Source), line breaks.
 */
export const HOSTILE_TEXTS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<a href="https://evil.example">x</a>',
  '<!-- x --> <details open>',
  '[x](javascript:alert(1))',
  '![x](https://evil.example/x.png)',
  '[x]: https://evil.example',
  '<https://evil.example>',
  'https://evil.example/login www.evil.example me@evil.example',
  '@org/team @octocat',
  '#1 GH-2 org/repo#3',
  '`code` ``two`` ```',
  '`',
  'ends with a backslash \\',
  'a | b \\| c',
  'line\nbreak\r\n\n\nparagraph',
  '\u2028\u2029',
  '\u202eevil\u2066 \u200f \u061c',
  '\u001b[2J\u001b]0;pwned\u0007\u009b31m',
  '\u{e0041}\u{e0042}',
  '*a* **b** _c_ __d__ ~~e~~',
  '&lt;script&gt; &#64;org &amp;',
  '> quote',
  '# heading',
  '- [ ] task',
  '| --- |',
  '{{ x }} :smile: &#x40;',
  '\\`x\\`',
  '  spaced  ',
  '',
];

/** `count` problems whose every string is built from hostile pieces, replayable by `seed`. */
export function hostileProblems(count: number, seed: number): Problem[] {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const text = () =>
    Array.from({ length: Math.floor(next() * 4) }, () => pick([...HOSTILE_TEXTS, 'a', ' '])).join(
      '',
    );
  return Array.from({ length: count }, () => {
    const page = next() < 0.3;
    const problem: Problem = {
      file: page ? `https://example.com/${text()}` : `${SAMPLE_ROOT}/${text()}.yaml`,
      line: page ? 0 : 1 + Math.floor(next() * 99),
      column: page ? 0 : 1 + Math.floor(next() * 99),
      rule: pick(['cookie/name', 'audit/undeclared-cookie', 'scan/undeclared', 'advice/secure']),
      severity: pick(['error', 'warning', 'info'] as const),
      message: text(),
      fix: text(),
    };
    return next() < 0.5 ? { ...problem, citation: text() } : problem;
  });
}
