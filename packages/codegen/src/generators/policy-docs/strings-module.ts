import type { Catalog } from '@cookie-catalog/catalog';
import { StructureKind, VariableDeclarationKind } from 'ts-morph';
import { emitSourceFile } from '../typescript/emit-source-file.js';
import { dataLiteral } from '../typescript/literals.js';

/** `export const <name>: Readonly<Record<Locale, string>> = { en: '…', sv: '…' }` and the locales. */
export function stringsModule(
  catalog: Catalog,
  name: string,
  docs: string,
  byLocale: Record<string, string>,
): string {
  return emitSourceFile([
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'Locale',
      type: catalog.locales.map((l) => JSON.stringify(l)).join(' | '),
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [docs],
      declarations: [
        { name, type: 'Readonly<Record<Locale, string>>', initializer: dataLiteral(byLocale) },
      ],
    },
  ]);
}
