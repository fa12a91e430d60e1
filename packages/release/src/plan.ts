import type { Catalog } from '@cookie-catalog/catalog';
import { type Bump, type CatalogDiff, diffCatalogs } from './catalog-diff.js';
import { higher, type PackageBump, packageBumps } from './output-bumps.js';

export interface ReleasePlan extends CatalogDiff {
  /** Each generated package whose output changed: its bump and why, weightiest reason first. */
  readonly packageBumps: readonly PackageBump[];
}

/**
 * What a catalog change means for the people who depend on the generated packages: the changes in
 * plain words (diffCatalogs), and for each generated package the bump its consumers need, found by
 * rendering base and head with this toolchain and comparing what each package exports
 * (packageBumps). A package whose output did not change is not bumped, whatever the catalog says;
 * one whose output changed gets at least a patch. Where generated code checks a value at run time
 * (a pattern, a length, a range), the types stay the same while the check may accept less: there
 * the catalog's judgement (a narrower check is major) raises the bump.
 */
export function releasePlan(before: Catalog, after: Catalog): ReleasePlan {
  const diff = diffCatalogs(before, after);
  const checks = diff.changes.filter((change) => change.valueCheck);
  const planned = packageBumps(before, after).map((pkg): PackageBump => {
    let bump: Bump = pkg.bump;
    const reasons = [...pkg.reasons];
    for (const change of checks) {
      const said = change.bumps[pkg.name];
      if (said === undefined || higher(bump, said) === bump) continue;
      bump = said;
      reasons.unshift(`${said}: ${change.description} (the value check generated code runs)`);
    }
    return { ...pkg, bump, reasons };
  });
  return {
    ...diff,
    bumps: Object.fromEntries(planned.map((pkg) => [pkg.name, pkg.bump])),
    packageBumps: planned,
  };
}
