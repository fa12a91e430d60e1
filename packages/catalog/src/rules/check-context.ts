import type { Controller } from '../entry-facts.js';
import { createProblem, type Problem } from '../problem.js';
import type { RuleId } from '../rule-ids.js';
import type { EntryInput } from '../schema.js';
import type { SourcePath, YamlSource } from '../yaml-source.js';

/**
 * Collects the problems of one file. Rules report against a data path; the reporter turns it
 * into a line and column, optionally pointing at a character inside a text value.
 */
export class FileReport {
  readonly problems: Problem[] = [];
  constructor(readonly source: YamlSource) {}

  add(rule: RuleId, path: SourcePath, message: string, fix: string, options?: At): void {
    this.problems.push(createProblem(rule, this.position(path, options), message, fix));
  }

  get hasErrors(): boolean {
    return this.problems.some((p) => p.severity === 'error');
  }

  private position(path: SourcePath, options: At = {}) {
    const start = this.source.locate(path, { key: options.key ?? false });
    if (options.charIndex === undefined) return start;
    // Point at the offending character inside a single-line scalar; skip an opening quote.
    const lineText = this.source.text.split('\n')[start.line - 1] ?? '';
    const quote = lineText[start.column - 1] === '"' || lineText[start.column - 1] === "'" ? 1 : 0;
    return { ...start, column: start.column + quote + options.charIndex };
  }
}

export interface At {
  /** Point at the key instead of the value. */
  readonly key?: boolean;
  /** Point at this character index inside the (single-line) value. */
  readonly charIndex?: number;
}

/** What the per-file rules need to know about the rest of the catalog. */
export interface CatalogContext {
  /** Undefined when policy.yaml itself is broken: translation rules are then skipped. */
  readonly locales: readonly string[] | undefined;
  readonly defaultLocale: string | undefined;
  readonly categories: ReadonlySet<string> | undefined;
  /**
   * policy.yaml's lastUpdated (YYYY-MM-DD) when it is a real date: what "has run out" is judged
   * against, never the clock, so that validate gives the same answer on every day.
   */
  readonly lastUpdated: string | undefined;
  /** The controller's domains and name, what an entry's party follows from; undefined when unreadable. */
  readonly controller: Controller | undefined;
  /**
   * The ids of the services policy.yaml declares: empty when it declares none (one implicit
   * service), undefined when unreadable.
   */
  readonly services: readonly string[] | undefined;
}

/** An entry file as the cross-entry rules see it: its input (when it parsed) and its report. */
export interface CheckedEntry {
  readonly input: EntryInput | undefined;
  readonly report: FileReport;
  /** The file, relative to the catalog directory. */
  readonly relative: string;
}
