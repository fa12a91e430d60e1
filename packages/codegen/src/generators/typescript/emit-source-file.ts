import type { StatementStructures } from 'ts-morph';
import { GENERATED_HEADER } from '../../generator.js';
import { printStructure, StructureKind } from './ts-morph.js';

/**
 * Prints one TypeScript module from ts-morph structures, in one call per file. printStructure
 * writes text straight from the structures; creating a SourceFile would also parse it (and
 * manipulating one statement at a time re-parses, growing with the square of their number).
 */
export function emitSourceFile(statements: readonly (StatementStructures | string)[]): string {
  return printStructure(
    { kind: StructureKind.SourceFile, statements: [`// ${GENERATED_HEADER}`, ...statements] },
    { indentNumberOfSpaces: 2, useSingleQuote: true },
  );
}
