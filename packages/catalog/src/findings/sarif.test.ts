import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { hostileProblems, SAMPLE_PROBLEMS, SAMPLE_ROOT } from '../../test/finding-samples.js';
import { escapeInvisible } from '../invisible-characters.js';
import type { Problem } from '../problem.js';
import { RULES } from '../rule-ids.js';
import { type SarifLog, sarifPlainText, toSarif } from './sarif.js';

const TOOL = { name: 'cookie-catalog test', version: '1.2.3' };
let validate: (log: unknown) => boolean;
let schemaErrors: () => unknown;

beforeAll(async () => {
  // The SARIF 2.1.0 schema @microsoft/jest-sarif ships, as packages/scan's test reads it:
  // written for draft-04 (`id`), read with ajv's draft-07, whose keywords it uses the same way.
  const schemaPath = join(
    dirname(createRequire(import.meta.url).resolve('@microsoft/jest-sarif')),
    'schemas',
    'sarif-2.1.0-rtm.5.json',
  );
  const schema = JSON.parse(await readFile(schemaPath, 'utf8'));
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  // The formats are checked too: a URI holds only what RFC 3986 allows (§2), a valid %-escape.
  const uriReference = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
  const compiled = new Ajv({
    allErrors: true,
    strict: false,
    unicodeRegExp: false,
    formats: {
      'uri-reference': uriReference,
      uri: (text: string) => uriReference.test(text) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(text),
      'date-time': true,
    },
  }).compile(schema);
  validate = (log) => compiled(JSON.parse(JSON.stringify(log)));
  schemaErrors = () => compiled.errors;
});

const run = (log: SarifLog) => log.runs[0];

describe('toSarif', () => {
  it('writes a SARIF 2.1.0 log that validates: rules from RULES, files under %SRCROOT%', () => {
    const problems = SAMPLE_PROBLEMS.slice(0, 3);
    const log = toSarif(problems, {
      tool: { ...TOOL, informationUri: 'https://example.com/docs' },
      root: SAMPLE_ROOT,
    });
    expect(validate(log), JSON.stringify(schemaErrors())).toBe(true);
    expect(run(log)?.tool.driver).toEqual({
      name: 'cookie-catalog test',
      version: '1.2.3',
      informationUri: 'https://example.com/docs',
      rules: (['advice/host-only', 'cookie/lifetime-cap', 'cookie/name'] as const).map((id) => ({
        id,
        shortDescription: { text: RULES[id].summary },
        defaultConfiguration: { level: RULES[id].severity },
        properties: { citation: RULES[id].citation },
      })),
    });
    expect(run(log)?.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
    expect(run(log)?.results[0]).toEqual({
      ruleId: 'cookie/name',
      ruleIndex: 2,
      level: 'error',
      message: { text: `${problems[0]?.message}. Fix: ${problems[0]?.fix}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'catalog/cookies/csrftoken.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 3, startColumn: 9 },
          },
        },
      ],
    });
    expect(run(log)?.results.map((r) => r.level)).toEqual(['error', 'error', 'warning']);
  });

  it("writes a page's address as it is, without a region (a page has no line)", () => {
    const log = toSarif(SAMPLE_PROBLEMS.slice(3, 4), { tool: TOOL });
    expect(validate(log), JSON.stringify(schemaErrors())).toBe(true);
    expect(run(log)?.originalUriBaseIds).toBeUndefined();
    expect(run(log)?.tool.driver.informationUri).toBeUndefined();
    expect(run(log)?.results[0]?.level).toBe('note');
    expect(run(log)?.results[0]?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'https://example.com/invoices' },
    });
  });

  it('writes absolute file: URIs without a root, each path segment percent-encoded', () => {
    const log = toSarif(SAMPLE_PROBLEMS.slice(4), { tool: TOOL });
    expect(validate(log), JSON.stringify(schemaErrors())).toBe(true);
    expect(run(log)?.results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({
      uri: 'file:///repo/catalog/cookies/%1B%5D0%3Bpwned%07.yaml',
    });
    // A message is shown to people (code scanning alerts): escapes and bidi marks are shown, not
    // obeyed, and brackets are escaped (no embedded link, §3.11.6).
    expect(run(log)?.results[0]?.message.text).toBe(
      'the category "\\u{1B}\\[2J\\u{1B}\\]0;pwned\\u{7}\\u{9B}31m" is not declared in policy.yaml. Fix: use one of necessary\\u{202E}, or declare it',
    );
  });

  it('describes rules from the table it is given; a rule missing there by its id alone', () => {
    const problems: Problem[] = [
      { ...(SAMPLE_PROBLEMS[0] as Problem), rule: 'scan/undeclared', severity: 'warning' },
      { ...(SAMPLE_PROBLEMS[0] as Problem), rule: 'audit/before-consent' },
    ];
    const log = toSarif(problems, {
      tool: TOOL,
      rules: { 'scan/undeclared': { severity: 'info', summary: 'Our words.' } },
    });
    expect(validate(log), JSON.stringify(schemaErrors())).toBe(true);
    expect(run(log)?.tool.driver.rules).toEqual([
      { id: 'audit/before-consent', defaultConfiguration: { level: 'error' } },
      {
        id: 'scan/undeclared',
        shortDescription: { text: 'Our words.' },
        defaultConfiguration: { level: 'note' },
      },
    ]);
  });

  it('validates whatever the problems hold, and the schema does judge', () => {
    for (const root of [SAMPLE_ROOT, undefined]) {
      const log = toSarif(hostileProblems(300, 2026), { tool: TOOL, root });
      expect(validate(log), JSON.stringify(schemaErrors())).toBe(true);
      expect(JSON.stringify(log)).not.toMatch(
        // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
        /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
      );
    }
    const broken = structuredClone(toSarif(SAMPLE_PROBLEMS, { tool: TOOL })) as unknown as {
      runs: { results: { level: string }[] }[];
    };
    const result = broken.runs[0]?.results[0];
    if (result) result.level = 'fatal';
    expect(validate(broken)).toBe(false);
    expect(toSarif([], { tool: TOOL }).runs[0]?.results).toEqual([]);
  });
});

/**
 * The brackets a SARIF viewer would read as embedded link syntax (SARIF 2.1.0 §3.11.6): each one
 * not escaped, that is after an even run of backslashes. None means no `[text](target)` either.
 */
function linkBrackets(text: string): string[] {
  return [...text.matchAll(/(\\*)([[\]])/g)]
    .filter((match) => (match[1] ?? '').length % 2 === 0)
    .map((match) => `${match[2]} at ${match.index}`);
}
/** A run of 2m+1 backslashes before a bracket is m backslashes and the bracket; others are text. */
const unescapeSarif = (text: string) =>
  text.replace(
    /(\\+)([[\]])/g,
    (_, run: string, bracket: string) => `${'\\'.repeat((run.length - 1) / 2)}${bracket}`,
  );

describe('message.text is plain text (SARIF 2.1.0 §3.11.3, §3.11.6)', () => {
  const hostile = [
    '|**[Fix: click here](https://evil.example/login)**|',
    'see [x](1) and \\[y](2) and \\\\[z](3)',
    'line\nbreak\r\n\u2028 and ESC \u001b[31m red \u0007 \u009b1m',
    'half \ud800 of a pair',
    'ends with \\',
  ];

  it('has no embedded link, no control character or line break, and reads back as shown', () => {
    const base = SAMPLE_PROBLEMS[0] as Problem;
    const log = toSarif(
      hostile.map((text) => ({ ...base, message: text, fix: text })),
      { tool: TOOL, root: SAMPLE_ROOT },
    );
    expect(validate(log), JSON.stringify(schemaErrors())).toBe(true);
    for (const [i, result] of (run(log)?.results ?? []).entries()) {
      const text = result.message.text;
      expect(linkBrackets(text), text).toEqual([]);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
      expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
      expect(text.isWellFormed()).toBe(true);
      const original = hostile[i] as string;
      expect(unescapeSarif(text)).toBe(
        `${escapeInvisible(original)}. Fix: ${escapeInvisible(original)}`,
      );
    }
    expect(sarifPlainText('a [b](c) d')).toBe('a \\[b\\](c) d');
  });

  it('holds for hostile texts in any mixture, with brackets and backslashes around them', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const problems = hostileProblems(50, seed).map((p, i) => ({
        ...p,
        message: `${'\\'.repeat(i % 3)}[${p.message}](${p.fix})${'\\'.repeat(i % 2)}`,
      }));
      for (const [i, result] of (
        run(toSarif(problems, { tool: TOOL, root: SAMPLE_ROOT }))?.results ?? []
      ).entries()) {
        const problem = problems[i] as Problem;
        expect(linkBrackets(result.message.text)).toEqual([]);
        expect(unescapeSarif(result.message.text)).toBe(
          escapeInvisible(`${problem.message}. Fix: ${problem.fix}`),
        );
      }
    }
  });
});
