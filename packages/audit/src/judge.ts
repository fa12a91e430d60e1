import type { Catalog, Problem } from '@cookie-catalog/catalog';
import { type Comparison, compare } from './compare.js';
import { type Baseline, driftProblems, inventoryOf } from './drift.js';
import type { Pass, PassNote } from './observe.js';
import type { AuditProvenance } from './report/provenance.js';
import type { Shard } from './shard.js';

/*
 * A run's result from what its passes saw: the findings against the catalog, what a pass could
 * not see, drift since a baseline. The same for an audit and for shards merged, so a merged
 * result is judged exactly as a single run is.
 */

/**
 * What a run was, so that shard results are joined only with shards of the same run: the catalog
 * version, the start page, the passes and the consent given, the URL set split and the share.
 */
export interface RunFacts {
  readonly catalogVersion: string;
  readonly start: string;
  readonly passes: readonly Pass['name'][];
  readonly consent: 'all' | 'none' | readonly string[];
  /** The pages split between shards (absent when links were followed without --shard). */
  readonly urlSet?: {
    /** `sitemap …`, `urls …`, or `discovery` (the links a discovery pass followed). */
    readonly source: string;
    readonly pages: number;
    /** SHA-256 of the sorted addresses. */
    readonly sha256: string;
  };
  readonly shard?: Shard;
}

export interface AuditResult extends Comparison {
  readonly run: RunFacts;
  readonly passes: readonly Pass[];
  readonly problems: Problem[];
  /** What a pass could not see fully: pages that failed, bounds a page hit, popups closed. */
  readonly warnings: readonly (PassNote & { readonly pass: Pass['name'] })[];
  /** With a baseline: how many drift findings of each kind (0, 0, 0: nothing changed). */
  readonly drift?: {
    readonly baseline: string;
    readonly new: number;
    readonly gone: number;
    readonly changed: number;
  };
  /** When, with what and how the site was seen (an audit's; shards merged have none). */
  readonly provenance?: AuditProvenance;
}

/**
 * The findings of a run from what its passes saw (an audit, or shards merged): held against the
 * catalog, what a pass could not see, and with a baseline what drifted since.
 */
export function judge(
  catalog: Catalog,
  run: RunFacts,
  passes: readonly Pass[],
  baseline?: Baseline,
): AuditResult {
  const { start } = run;
  const comparison = compare(catalog, start, passes);
  const warnings: (PassNote & { pass: Pass['name'] })[] = passes.flatMap((pass) =>
    pass.notes.map((n) => ({ pass: pass.name, ...n })),
  );
  if (!baseline) return { ...comparison, run, passes, warnings };
  const { problems, uncompared } = driftProblems(baseline, inventoryOf(passes));
  for (const pass of uncompared)
    warnings.push({
      pass: pass as Pass['name'],
      page: start,
      message: `the baseline ${baseline.label} has no ${pass} pass; nothing of it was compared`,
    });
  const kinds = (rule: string) => problems.filter((p) => p.rule === rule).length;
  return {
    ...comparison,
    problems: [...comparison.problems, ...problems],
    run,
    passes,
    warnings,
    drift: {
      baseline: baseline.label,
      new: kinds('audit/drift-new'),
      gone: kinds('audit/drift-gone'),
      changed: kinds('audit/drift-changed'),
    },
  };
}
