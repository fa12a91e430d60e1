import { catastrophicBacktracking } from '../pattern-safety.js';
import type { FileReport } from './check-context.js';

/*
 * The regular expressions a catalog declares (a name parameter's pattern, a string value's
 * pattern): generated code runs them on every request's Cookie header.
 */

export function checkRegExp(
  report: FileReport,
  path: readonly (string | number)[],
  source: string,
): void {
  try {
    new RegExp(source, 'u');
  } catch (error) {
    report.add(
      'schema/value',
      path,
      `the pattern is not a valid regular expression: ${(error as Error).message}`,
      'fix the regular expression (JavaScript syntax, u flag)',
    );
    return;
  }
  const backtracking = catastrophicBacktracking(source);
  if (backtracking) {
    report.add(
      'pattern/backtracking',
      path,
      `the pattern ${JSON.stringify(source)} can take exponentially long on some values (${backtracking}); generated code runs it on every request's Cookie header`,
      'write it so each character can be matched in only one way: no repetition inside a repetition such as ^(a+)+$, no alternatives that match the same text such as ^(a|a)*$; e.g. ^[a-z0-9_.-]+$',
    );
  }
}

/** Whether an example fits a declared pattern; a pattern that cannot safely run fits anything. */
export function matches(pattern: string, text: string): boolean {
  // An invalid or catastrophic pattern is reported on its own, and never run: an example could
  // make it run for minutes.
  if (catastrophicBacktracking(pattern)) return true;
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return true;
  }
}
