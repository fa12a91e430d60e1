import type { ExportDeclarationStructure } from 'ts-morph';
import { emitSourceFile } from './emit-source-file.js';
import { StructureKind } from './ts-morph.js';

/** One `export … from` of an entry module. */
export interface Reexport {
  readonly from: string;
  /** Values re-exported by name; with neither values nor types, `export *`. */
  readonly values?: readonly string[];
  readonly types?: readonly string[];
}

/**
 * A generated package's entry module, the one its package.json `exports` points at: re-exports
 * only, of the generated modules beside it and of the toolchain's run time they use. Generated
 * like the rest, so a package's src/ holds nothing written by hand, and what the toolchain adds
 * to the run time reaches the package with the toolchain, not with `init`.
 */
export function entryModule(about: string, reexports: readonly Reexport[]): string {
  return emitSourceFile([
    `// ${about}`,
    ...reexports.map(({ from, values = [], types = [] }): ExportDeclarationStructure => {
      const named = [
        ...values.map((name) => ({ name })),
        ...types.map((name) => ({ name, isTypeOnly: true })),
      ].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
      return {
        kind: StructureKind.ExportDeclaration,
        moduleSpecifier: from,
        ...(named.length > 0 && { namedExports: named }),
      };
    }),
  ]);
}
