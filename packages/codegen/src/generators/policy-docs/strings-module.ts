import { type Catalog, declaredServices } from '@cookie-catalog/catalog';
import type { TypeAliasDeclarationStructure, VariableStatementStructure } from 'ts-morph';
import { emitSourceFile } from '../typescript/emit-source-file.js';
import { dataLiteral } from '../typescript/literals.js';
import { StructureKind, VariableDeclarationKind } from '../typescript/ts-morph.js';

/**
 * `export type Locale`, the catalog's `locales` (in its order) and `defaultLocale`, and per name
 * `export const <name>: Readonly<Record<Locale, string>>`; per name of `byService`,
 * `export const <name>: Readonly<Record<ServiceId, Readonly<Record<Locale, string>>>>` with
 * `export type ServiceId` (never, and the records empty, when the catalog declares no services).
 */
export function stringsModule(
  catalog: Catalog,
  exports: Record<string, [docs: string, byLocale: Record<string, string>]>,
  byService: Record<
    string,
    [docs: string, byServiceAndLocale: Record<string, Record<string, string>>]
  > = {},
): string {
  const serviceIds = declaredServices(catalog).map((service) => service.id);
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
    ...(Object.keys(byService).length === 0
      ? []
      : [
          {
            kind: StructureKind.TypeAlias,
            isExported: true,
            name: 'ServiceId',
            docs: ['The id of each service policy.yaml declares (never when it declares none).'],
            type:
              serviceIds.length === 0
                ? 'never'
                : serviceIds.map((id) => JSON.stringify(id)).join(' | '),
          } satisfies TypeAliasDeclarationStructure,
          ...Object.entries(byService).map(
            ([name, [docs, records]]): VariableStatementStructure => ({
              kind: StructureKind.VariableStatement,
              isExported: true,
              declarationKind: VariableDeclarationKind.Const,
              docs: [docs],
              declarations: [
                {
                  name,
                  type: 'Readonly<Record<ServiceId, Readonly<Record<Locale, string>>>>',
                  initializer: dataLiteral(records),
                },
              ],
            }),
          ),
        ]),
  ]);
}
