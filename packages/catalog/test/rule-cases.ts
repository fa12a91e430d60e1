import { join } from 'node:path';
import { expect } from 'vitest';
import { loadCatalog, RULES } from '../src/index.js';
import { type Edit, editedCatalog, lineOf } from './catalog-copy.js';

/** A copy of the fixture catalog with `edits`, loaded: its errors apart. */
export async function loadEdited(edits: readonly Edit[]) {
  const dir = await editedCatalog(edits);
  const result = await loadCatalog(dir);
  const errors = result.problems.filter((p) => p.severity === 'error');
  return { dir, result, errors };
}

/** What a catalog with a mistake must report, for a table of cases. */
export interface RuleCase {
  /** The rule ids of every error, in any order. */
  readonly errors: readonly string[];
  /**
   * Where the first error of `rule` (default: the first of `errors`) points: a file, a text on
   * that line, and optionally the column.
   */
  readonly at: {
    readonly file: string;
    readonly line: string;
    readonly column?: number;
    readonly rule?: string;
  };
  /** Matched against every error's message and fix, one `message | fix` per line. */
  readonly says?: RegExp;
}

/**
 * The catalog does not load, and reports exactly the case's errors: the first where the case
 * says, each on one line, with a fix and its rule's citation.
 */
export async function expectRuleErrors(
  loaded: Awaited<ReturnType<typeof loadEdited>>,
  test: RuleCase,
): Promise<void> {
  const { dir, errors, result } = loaded;
  expect(result.catalog).toBeUndefined();
  expect(errors.map((p) => p.rule).sort()).toEqual([...test.errors].sort());
  const first = errors.find((p) => p.rule === (test.at.rule ?? test.errors[0]));
  expect(first?.file).toBe(join(dir, test.at.file));
  expect(first?.line).toBe(await lineOf(dir, test.at.file, test.at.line));
  if (test.at.column !== undefined) expect(first?.column).toBe(test.at.column);
  for (const problem of errors) {
    expect(problem.message).not.toMatch(/[\r\n]/);
    expect(problem.fix.length).toBeGreaterThan(5);
    expect(problem.citation).toBe(RULES[problem.rule].citation);
  }
  if (test.says) expect(errors.map((p) => `${p.message} | ${p.fix}`).join('\n')).toMatch(test.says);
}
