import { runInNewContext } from 'node:vm';
import type { StatementStructures } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { GENERATED_HEADER } from '../../generator.js';
import { emitSourceFile } from './emit-source-file.js';
import { dataLiteral } from './literals.js';
import { printStructure, StructureKind, VariableDeclarationKind } from './ts-morph.js';

/** A module's worth of every kind of statement the generators write, `count` times over. */
function* statements(count: number): Iterable<StatementStructures | string> {
  yield { kind: StructureKind.ImportDeclaration, moduleSpecifier: 'x', namedImports: ['y'] };
  for (let i = 0; i < count; i++) {
    yield `/**\n * Doc ${i}.\n */\nexport const c${i} = { a: '${i}' } as const;`;
    yield { kind: StructureKind.TypeAlias, isExported: true, name: `T${i}`, type: `'a' | 'b'` };
    if (i % 3 === 0) yield `const p${i} = /^a$/;`;
    yield {
      kind: StructureKind.Function,
      isExported: true,
      name: `f${i}`,
      docs: [`Line one.\n@throws {Error} never`],
      parameters: [{ name: 'v', type: `T${i}` }],
      returnType: 'string',
      statements: ['if (v === "a") {\n  return v;\n}', "return 'b';"],
    };
    if (i % 7 === 0)
      yield {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: `g${i}`, initializer: `f${i}` }],
      };
  }
}

describe('emitSourceFile', () => {
  it('prints a long module in groups exactly as one printStructure call would', () => {
    const oneCall = printStructure(
      {
        kind: StructureKind.SourceFile,
        statements: [`// ${GENERATED_HEADER}`, ...statements(400)],
      },
      { indentNumberOfSpaces: 2, useSingleQuote: true },
    );
    const emitted = emitSourceFile(statements(400));
    expect(emitted.split('\n').length).toBeGreaterThan(4000);
    expect(emitted).toBe(oneCall);
  });

  // Found by the property test (test/property-catalogs.test.ts): a policy title ending in a
  // backslash and another locale's title with "/*" made ts-morph's writer close a "comment" with
  // a "*/" of its own before the next statement, and the docs package did not compile.
  it('prints data with a text ending in a backslash, then "/*", as it is', () => {
    const constant = (name: string, value: unknown): StatementStructures => ({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`The ${name}.`],
      declarations: [{ name, initializer: dataLiteral(value) }],
    });
    const emitted = emitSourceFile([
      constant('titles', { fi: 'C:\\', es: 'quote /* not a comment' }),
      constant('next', 'x'),
    ]);
    expect(emitted).toBe(
      [
        `// ${GENERATED_HEADER}`,
        '/** The titles. */',
        "export const titles = { fi: 'C:\\x5C', es: 'quote /* not a comment' };",
        '/** The next. */',
        "export const next = 'x';",
        '',
      ].join('\n'),
    );
    expect(runInNewContext(`(${dataLiteral({ fi: 'C:\\' })})`)).toEqual({ fi: 'C:\\' });
  });
});
