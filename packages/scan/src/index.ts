import type { Catalog, Problem } from '@cookie-catalog/catalog';
import { findStorageCalls } from './detect.js';
import { findingsFor, type LocatedCall } from './findings.js';
import { loadProject, type ProjectOptions } from './project.js';

export type { Access, NameShape, Store } from './detect.js';
export type { LocatedCall } from './findings.js';
export { shapeText } from './findings.js';
export { componentScript, ScanInputError } from './project.js';

export interface ScanResult {
  /** Every hand-written cookie or storage access found, in file order. */
  readonly calls: readonly LocatedCall[];
  /** The findings, in validate's shape, sorted by file, line and column. */
  readonly problems: readonly Problem[];
  readonly filesScanned: number;
}

/** Reads a code base with ts-morph and holds every hand-written cookie access against the catalog. */
export async function scanProject(catalog: Catalog, options: ProjectOptions): Promise<ScanResult> {
  const { files, texts } = await loadProject(options);
  const calls: LocatedCall[] = [];
  for (const { source, path } of files) {
    for (const { node, ...call } of findStorageCalls(source)) {
      const { line, column } = source.getLineAndColumnAtPos(node.getStart());
      calls.push({ ...call, file: path, line, column });
    }
  }
  const problems = findingsFor(calls, catalog, texts).sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
  return { calls, problems, filesScanned: files.length };
}
