import type { Catalog } from '@cookie-catalog/catalog';
import type { VariableStatementStructure } from 'ts-morph';
import { emitSourceFile } from '../typescript/emit-source-file.js';
import { dataLiteral } from '../typescript/literals.js';
import { StructureKind, VariableDeclarationKind } from '../typescript/ts-morph.js';

/**
 * `export type Locale`, the catalog's `locales` (in its order) and `defaultLocale`, and per name
 * `export const <name>: Readonly<Record<Locale, string>>`.
 */
export function stringsModule(
  catalog: Catalog,
  exports: Record<string, [docs: string, byLocale: Record<string, string>]>,
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
      docs: ['Every locale of the policy, in the order the catalog lists them.'],
      declarations: [
        {
          name: 'locales',
          type: 'readonly Locale[]',
          initializer: dataLiteral([...catalog.locales]),
        },
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: ['The locale the policy is written in first; a site serves it at its root.'],
      declarations: [
        { name: 'defaultLocale', type: 'Locale', initializer: dataLiteral(catalog.defaultLocale) },
      ],
    },
    ...Object.entries(exports).map(
      ([name, [docs, byLocale]]): VariableStatementStructure => ({
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [docs],
        declarations: [
          { name, type: 'Readonly<Record<Locale, string>>', initializer: dataLiteral(byLocale) },
        ],
      }),
    ),
  ]);
}
