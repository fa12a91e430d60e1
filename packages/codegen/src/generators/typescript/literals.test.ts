import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { dataLiteral, stringLiteral } from './literals.js';

const texts = [
  '',
  'cookie_0',
  'a "quoted" name',
  "it's",
  'back\\slash',
  'ends in a backslash \\',
  'two \\\\',
  '\\',
  'line\nbreak\r\n',
  '\u2028\u2029',
  '\u0000\u001f\u007f',
  'ünïcödé ✓ 😀',
  'lone \ud800 surrogate',
  '${not a template}',
  '*/ </script>',
  ' !#$%&()*+,-./0123456789:;<=>?@AZ[]^_`az{|}~',
];

describe('stringLiteral', () => {
  it.each(texts)('%j evaluates back to the same text', (text) => {
    expect(runInNewContext(stringLiteral(text))).toBe(text);
  });

  it('writes plain text as it is and escapes everything else', () => {
    expect(stringLiteral('a "b" c')).toBe(`'a "b" c'`);
    expect(stringLiteral("it's")).toBe(`'it\\'s'`);
    expect(stringLiteral('a\nb')).toBe(`'a\\nb'`);
    // Never \\' at the end, which ts-morph's writer takes for an escaped quote (emit-source-file.test.ts).
    expect(stringLiteral('C:\\')).toBe(`'C:\\x5C'`);
    // No control character and no lone surrogate reaches the generated file as it is.
    for (const text of texts) {
      expect([...stringLiteral(text)].some((char) => char < ' ')).toBe(false);
      expect(stringLiteral(text).isWellFormed()).toBe(true);
    }
  });
});

describe('dataLiteral', () => {
  it('evaluates back to the same data', () => {
    const data = { id: "x'y", n: 1, yes: true, none: null, list: ['a', 2], 'a-b': { c: '\n' } };
    expect(runInNewContext(`(${dataLiteral(data)})`)).toEqual(data);
  });
});
