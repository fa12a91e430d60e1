import { type Catalog, createProblem, type Problem, type Service } from '@cookie-catalog/catalog';
import { findStorageCalls } from './detect.js';
import { findingsFor, type LocatedCall } from './findings.js';
import { LineIndex } from './lines.js';
import { loadProject, type ProjectOptions, ScanInputError, type UnscannedFile } from './project.js';

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

export interface ScanOptions extends ProjectOptions {
  /**
   * The id of the service (policy.yaml `services`) the code base serves: a cookie or key it
   * touches that the catalog lists only on other services is an error (`scan/other-service`).
   * Throws ScanInputError for an id the catalog does not declare.
   */
  readonly service?: string | undefined;
}

/** Reads a code base with ts-morph and holds every hand-written cookie access against the catalog. */
export async function scanProject(catalog: Catalog, options: ScanOptions): Promise<ScanResult> {
  const service = serviceNamed(catalog, options.service);
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
  const problems = [...findingsFor(calls, catalog, texts, service), ...notes].sort(
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

/** The declared service `--service` names; a clear error for one the catalog does not declare. */
function serviceNamed(catalog: Catalog, id: string | undefined): Service | undefined {
  if (id === undefined) return undefined;
  const declared = catalog.services.filter((s) => !s.implicit);
  const service = declared.find((s) => s.id === id);
  if (service) return service;
  throw new ScanInputError(
    declared.length === 0
      ? `--service ${id}: the catalog declares no services (policy.yaml services:), so the whole catalog is the one site; leave --service out`
      : `--service ${id}: the catalog declares no service "${id}"; use one of ${declared.map((s) => s.id).join(', ')}`,
  );
}
