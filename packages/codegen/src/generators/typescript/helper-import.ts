import type { ImportSpecifierStructure, OptionalKind } from 'ts-morph';

/**
 * The local name of a run-time helper in generated code. Every name generated from an entry id
 * starts with a letter (`findCookie` is what the id `find` gives its declaration constant), so
 * helpers are imported with a `$` in front and no id can shadow or collide with one.
 */
export function helperName(name: string): string {
  return `$${name}`;
}

/** `import { findCookie as $findCookie, … }` for the helpers a module uses, sorted. */
export function helperImports(names: Iterable<string>): OptionalKind<ImportSpecifierStructure>[] {
  return [...names].sort().map((name) => ({ name, alias: helperName(name) }));
}
