import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/index.js';
import { parseYamlSource } from '../src/yaml-source.js';
import { editedCatalog, lineOf } from './catalog-copy.js';

const syntax = (text: string) => {
  const problems = parseYamlSource('catalog/cookies/x.yaml', text).problems;
  expect(problems).toHaveLength(1);
  const [problem] = problems;
  expect(problem?.rule).toBe('yaml/syntax');
  return problem as NonNullable<typeof problem>;
};

describe('a YAML syntax error names the line of the mistake and shows it rewritten', () => {
  it.each([
    [
      'a text containing ": "',
      'id: a\npurpose:\n  en: Note: keeps you signed in\n  sv: Hej\n',
      3,
      /contains ": ", which YAML reads as the start of another key/,
      'put the text in double quotes: en: "Note: keeps you signed in"',
    ],
    [
      'a text containing ": " and quotes',
      'id: a\nnote:\n  en: Note: say "hi"\n',
      3,
      /contains ": "/,
      'put the text in double quotes: en: "Note: say \\"hi\\""',
    ],
    [
      'an unclosed double quote at the end of the file',
      'id: a\nname: b\npurpose:\n  en: "Hello\n  sv: Hej\n',
      4,
      /starts with " on this line is never closed/,
      'end the text with " on the same line: en: "Hello"',
    ],
    [
      'an unclosed double quote in the middle of the file',
      'id: a\nname: "b\nkind: cookie\nlifetime: 1 year\n',
      2,
      /never closed/,
      'end the text with " on the same line: name: "b"',
    ],
    [
      'an unclosed single quote',
      "id: a\nname: 'b\nkind: cookie\n",
      2,
      /starts with ' on this line is never closed/,
      "end the text with ' on the same line: name: 'b'",
    ],
    [
      'a tab indent',
      'id: a\nattributes:\n\tsecure: true\n',
      3,
      /indented with a tab; YAML allows only spaces/,
      'indent it with spaces, as many as the lines around it: "  secure: true"',
    ],
    [
      'no space after ":"',
      'id: a\nkind:cookie\nname: b\n',
      2,
      /no space after the ":" in "kind:cookie"/,
      'put a space after the colon: kind: cookie',
    ],
    [
      'no space after ":" on the last line',
      'id: a\nkind:cookie\n',
      2,
      /no space after the ":"/,
      'put a space after the colon: kind: cookie',
    ],
    [
      'no space after ":" in a mapping',
      'id: a\nprovider:\n  party:first\n  domain: x.com\n',
      3,
      /no space after the ":" in "party:first"/,
      'put a space after the colon: party: first',
    ],
    [
      'no space after "-" (which YAML itself accepts as text)',
      'id: a\nlocales:\n  -en\n',
      3,
      /no space after the "-" in "-en", so YAML reads it as text, not as an item of a list/,
      'put a space after the dash: - en',
    ],
    [
      'no space after "-" after a good item',
      'id: a\nlocales:\n  - en\n  -sv\n',
      4,
      /no space after the "-" in "-sv"/,
      'put a space after the dash: - sv',
    ],
  ])('%s', (_title, text, line, says, fix) => {
    const problem = syntax(text);
    expect(problem.line).toBe(line);
    expect(problem.message).toMatch(says);
    expect(problem.message).not.toMatch(/[\r\n]/);
    expect(problem.fix).toBe(fix);
  });

  it('never points past the end of the file', () => {
    const text = 'id: a\nname: b\npurpose:\n  en: "Hello\n';
    expect(syntax(text).line).toBeLessThanOrEqual(text.split('\n').length - 1);
  });

  it('other errors still get a position and a fix that says what to check', () => {
    const problem = syntax('id: a\n  name: b\n');
    expect(problem.message).toMatch(/^YAML cannot read this line/);
    expect(problem.fix).toMatch(/key: value/);
  });

  it('keeps negative numbers and dashes inside texts', () => {
    expect(parseYamlSource('x.yaml', 'min: -5\nnote: -- a dash\ntext: a -b\n').problems).toEqual(
      [],
    );
  });

  it('in a catalog: a purpose with "Note: …" is reported at its line, in the file', async () => {
    const file = 'cookies/csrftoken.yaml';
    const dir = await editedCatalog([
      {
        file,
        find: '  en: A random security token.',
        with: '  en: Note: a random security token.',
      },
    ]);
    const result = await loadCatalog(dir);
    expect(result.problems).toEqual([
      expect.objectContaining({
        rule: 'yaml/syntax',
        file: join(dir, file),
        line: await lineOf(dir, file, 'en: Note: a random'),
        column: 1,
        fix: 'put the text in double quotes: en: "Note: a random security token."',
      }),
    ]);
  });
});
