import { describe, expect, it } from 'vitest';
import { parseYamlSource } from './yaml-source.js';

const parse = (text: string) => parseYamlSource('catalog/cookies/x.yaml', text);
const rules = (text: string) => parse(text).problems.map((p) => `${p.rule}@${p.line}:${p.column}`);

describe('parseYamlSource refuses unsafe YAML', () => {
  it.each([
    [
      'alias bomb',
      'a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n',
      [
        'yaml/alias@1:4',
        'yaml/alias@2:4',
        'yaml/alias@2:8',
        'yaml/alias@2:12',
        'yaml/alias@3:5',
        'yaml/alias@3:9',
      ],
    ],
    ['duplicate key', 'id: a\nname: b\nid: c\n', ['yaml/duplicate-key@3:1']],
    ['__proto__ key', 'id: a\n__proto__:\n  polluted: true\n', ['yaml/reserved-key@2:1']],
    ['constructor key', 'id: a\nattributes:\n  constructor: 1\n', ['yaml/reserved-key@3:3']],
    ['merge key', 'base: {a: 1}\nother:\n  <<: {a: 1}\n', ['yaml/merge-key@3:3']],
    ['custom tag', 'id: !js/function "x"\n', ['yaml/tag@1:5']],
    ['core tag', 'id: !!str 5\n', ['yaml/tag@1:5']],
    ['custom tag on a mapping', 'a: !custom {b: 1}\n', ['yaml/tag@1:4']],
    ['core tag on a mapping', 'a: !!map {b: 1}\n', ['yaml/tag@1:4']],
    ['anchor on a mapping', 'a: &x {b: 1}\n', ['yaml/alias@1:4']],
    ['%YAML 1.1 directive', '%YAML 1.1\n---\nid: no\n', ['yaml/directive@1:1']],
    ['%TAG directive', '%TAG ! tag:evil.example,2024:\n---\nid: a\n', ['yaml/directive@1:1']],
    ['two documents', 'id: a\n---\nid: b\n', ['yaml/multiple-documents@2:1']],
    ['deep nesting', `a: ${'['.repeat(40)}${']'.repeat(40)}\n`, ['yaml/too-deep@1:19']],
    ['syntax error', 'id: a\n  name: b\n', ['yaml/syntax@1:5']],
    ['empty file', '', ['yaml/empty@1:1']],
    ['comments only', '# nothing here\n', ['yaml/empty@1:1']],
  ])('%s', (_name, text, expected) => {
    const result = parse(text);
    expect(result.problems.map((p) => `${p.rule}@${p.line}:${p.column}`)).toEqual(expected);
    expect(result.data).toBeUndefined();
  });

  it('reads YAML 1.2 plainly: no Norway problem, no timestamps, no octal', () => {
    const result = parse('a: no\nb: 2026-11-26\nc: 010\nd: "x"\n');
    expect(result.problems).toEqual([]);
    expect(result.data).toEqual({ a: 'no', b: '2026-11-26', c: 10, d: 'x' });
  });

  it('locates values, keys and missing paths', () => {
    const source = parse('id: a\nattributes:\n  secure: true\n  sameSite: Lax\n');
    expect(source.locate(['attributes', 'sameSite'])).toMatchObject({ line: 4, column: 13 });
    expect(source.locate(['attributes', 'sameSite'], { key: true })).toMatchObject({
      line: 4,
      column: 3,
    });
    // A key that does not exist points at its nearest parent.
    expect(source.locate(['attributes', 'httpOnly'])).toMatchObject({ line: 3, column: 3 });
    expect(rules('id: a\n')).toEqual([]);
  });
});
