import { type Catalog, type CatalogEntry, declaredServices } from '@cookie-catalog/catalog';
import type { StatementStructures } from 'ts-morph';
import type { GeneratedFile } from '../../generator.js';
import { entryModule, type Reexport } from './entry-module.js';
import { StructureKind } from './ts-morph.js';

/** One entry's generated statements in the package's cookies module. */
export interface EntryStatements {
  readonly entry: CatalogEntry;
  readonly statements: readonly (StatementStructures | string)[];
}

/**
 * Per service of ours that policy.yaml declares, the module `services/<id>.ts`: the same run-time names as the
 * package's entry, and the generated names of only the entries that service uses, re-exported
 * from `../cookies.js`. The package maps `./<id>` to it (`@acme/cookies-server/platform`), so a
 * team imports its own service's functions, and one for a cookie its service does not use does
 * not compile there. Nothing for a catalog that declares no services, nor for a service that a
 * vendor runs (a hosted help centre), where our server code and page scripts do not run.
 */
export function serviceModules(
  catalog: Catalog,
  about: string,
  entries: readonly EntryStatements[],
  runtime: Reexport,
): GeneratedFile[] {
  // A service a vendor runs serves no code of ours: it gets no module.
  const ours = declaredServices(catalog).filter((service) => service.runBy.kind === 'us');
  return ours.map((service) => {
    const on = entries.filter(({ entry }) => entry.services.includes(service.id));
    const values = on.flatMap(({ statements }) => exportedNames(statements, 'value'));
    const types = on.flatMap(({ statements }) => exportedNames(statements, 'type'));
    return {
      path: `services/${service.id}.ts`,
      contents: entryModule(`${about} Only what the service "${service.id}" uses.`, [
        { ...runtime, from: relativeToServices(runtime.from) },
        ...(values.length + types.length > 0 ? [{ from: '../cookies.js', values, types }] : []),
      ]),
    };
  });
}

/** A module one folder up from services/: the run time's package name stays as it is. */
function relativeToServices(from: string): string {
  return from.startsWith('./') ? `.${from}` : from;
}

/** The names a module's statements export, values or types. */
function exportedNames(
  statements: readonly (StatementStructures | string)[],
  kind: 'value' | 'type',
): string[] {
  return statements.flatMap((statement) => {
    // Statements written as text (a declaration constant) start their lines with `export`.
    if (typeof statement === 'string')
      return [...statement.matchAll(/^export (const|function|type|interface) ([\w$]+)/gm)]
        .filter((m) => (m[1] === 'type' || m[1] === 'interface') === (kind === 'type'))
        .map((m) => m[2] ?? '');
    if (!('isExported' in statement) || !statement.isExported) return [];
    switch (statement.kind) {
      case StructureKind.Function:
        return kind === 'value' && statement.name ? [statement.name] : [];
      case StructureKind.VariableStatement:
        return kind === 'value' ? statement.declarations.map((d) => d.name) : [];
      case StructureKind.TypeAlias:
      case StructureKind.Interface:
        return kind === 'type' ? [statement.name] : [];
      case StructureKind.Enum:
      case StructureKind.Class:
        return kind === 'value' && statement.name ? [statement.name] : [];
      default:
        return [];
    }
  });
}
