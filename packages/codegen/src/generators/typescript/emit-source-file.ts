import { IndentationText, Project, QuoteKind, type StatementStructures } from 'ts-morph';
import { GENERATED_HEADER } from '../../generator.js';

/**
 * Prints one TypeScript module from ts-morph structures. One createSourceFile call per file:
 * ts-morph re-parses on every manipulation, so adding statements one by one grows with the
 * square of their number.
 */
export function emitSourceFile(statements: readonly (StatementStructures | string)[]): string {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      quoteKind: QuoteKind.Single,
    },
  });
  const file = project.createSourceFile('generated.ts', {
    statements: [`// ${GENERATED_HEADER}`, ...statements],
  });
  return file.getFullText();
}
