import { type Catalog, createProblem, type Problem } from '@cookie-catalog/catalog';
import { findStorageCalls } from './detect.js';
import { findingsFor, type LocatedCall } from './findings.js';
import { LineIndex } from './lines.js';
import { loadProject, type ProjectOptions, type UnscannedFile } from './project.js';

export type { Access, NameShape, Store } from './detect.js';
export type { LocatedCall } from './findings.js';
export { shapeText } from './findings.js';
export {
  componentScript,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_FILE_SIZE,
  type ProjectOptions,
  parseSize,
  ScanInputError,
  sizeText,
} from './project.js';

export interface ScanResult {
  /** Every hand-written cookie or storage access found, in file order. */
  readonly calls: readonly LocatedCall[];
  /**
   * The findings, in validate's shape, sorted by file, line and column; a file scan could not read
   * (over the size or nesting budget) is a `scan/not-scanned` note.
   */
  readonly problems: readonly Problem[];
  readonly filesScanned: number;
  /** Vendored files and folders left out (`*.min.js`, `vendor/`, `public/`, `static/`). */
  readonly vendored: readonly string[];
}

/** Reads a code base with ts-morph and holds every hand-written cookie access against the catalog. */
export async function scanProject(catalog: Catalog, options: ProjectOptions): Promise<ScanResult> {
  const { files, texts, unscanned, vendored } = await loadProject(options);
  const calls: LocatedCall[] = [];
  const notScanned: UnscannedFile[] = [...unscanned];
  for (const { source, path } of files) {
    let found: ReturnType<typeof findStorageCalls>;
    try {
      found = findStorageCalls(source);
    } catch (error) {
      // The checker recursing through something deeper than the budget saw: this file only.
      if (!(error instanceof RangeError)) throw error;
      notScanned.push({
        path,
        reason: 'nests its syntax too deep for the type checker',
        fix: 'if it is generated or vendored, leave it out of the paths scanned; else split the expression up',
      });
      continue;
    }
    // Positions from the virtual file's text (a component's script keeps its lines and columns).
    const lines = new LineIndex(source.getFullText());
    for (const { node, ...call } of found) {
      calls.push({ ...call, file: path, ...lines.at(node.getStart()) });
    }
  }
  const notes = notScanned.map((file) =>
    createProblem(
      'scan/not-scanned',
      { file: file.path, line: 1, column: 1 },
      `not scanned: the file ${file.reason}`,
      file.fix,
    ),
  );
  const problems = [...findingsFor(calls, catalog, texts), ...notes].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
  return {
    calls,
    problems,
    filesScanned: files.length,
    vendored,
  };
}
