import { join } from 'node:path';
import { readCatalogFile } from './catalog-files.js';
import { createProblem, type Problem } from './problem.js';
import type { RuleId } from './rule-ids.js';
import { parseYamlSource, type SourcePath } from './yaml-source.js';

/**
 * Something wrong that only a later step finds (an export, an audit): the catalog file it concerns
 * (relative to the catalog folder, `/`-separated, as `CatalogEntry.source`) and the data path
 * inside it. `locateProblems` turns it into a Problem with a line and column.
 */
export interface PendingProblem {
  readonly rule: RuleId;
  readonly file: string;
  readonly path: SourcePath;
  readonly message: string;
  readonly fix: string;
  /** Point at the key instead of the value. */
  readonly key?: boolean;
}

/**
 * Reads the catalog files again to place each problem at its line and column. A file that can no
 * longer be read (changed meanwhile) places its problems at 1:1 rather than failing.
 */
export async function locateProblems(
  dir: string,
  pending: readonly PendingProblem[],
): Promise<Problem[]> {
  const sources = new Map<string, ReturnType<typeof parseYamlSource> | undefined>();
  const problems: Problem[] = [];
  for (const p of pending) {
    const path = join(dir, p.file);
    if (!sources.has(p.file)) {
      const read = await readCatalogFile(dir, p.file);
      sources.set(p.file, read.ok ? parseYamlSource(path, read.text) : undefined);
    }
    const source = sources.get(p.file);
    const at = source
      ? source.locate(p.path, { key: p.key ?? false })
      : { file: path, line: 1, column: 1 };
    problems.push(createProblem(p.rule, at, p.message, p.fix));
  }
  return problems;
}
