import { RULES, type RuleId } from './rule-ids.js';
import type { Severity } from './severity.js';

/**
 * Where a problem was found: a catalog or source file (lines and columns count from 1), or a page
 * of a site (`file` is its URL; line and column are 0).
 */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * One thing wrong with the catalog, written for the person who has to fix it: which rule, where,
 * what is wrong and what to do instead.
 */
export interface Problem extends SourcePosition {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** What is wrong, in plain words. */
  readonly message: string;
  /** What to do instead. */
  readonly fix: string;
  /** The RFC section, regulation or project rule this comes from, where there is one. */
  readonly citation?: string;
}

export function createProblem(
  rule: RuleId,
  at: SourcePosition,
  message: string,
  fix: string,
): Problem {
  const { severity, citation } = RULES[rule];
  return {
    file: at.file,
    line: at.line,
    column: at.column,
    rule,
    severity,
    message,
    fix,
    citation,
  };
}

/** Problems in the order a reader expects: by file, then line, then column. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareText(a.rule, b.rule),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
