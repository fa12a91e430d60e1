import { type Catalog, GENERATED_PACKAGES } from '@cookie-catalog/catalog';
import { type Bump, type CatalogDiff, diffCatalogs } from './catalog-diff.js';
import { compareRendered, higher, type PackageBump, renderPackages } from './output-bumps.js';
import { type Fingerprints, fingerprints } from './output-lock.js';

export interface ReleasePlan extends CatalogDiff {
  /** Each generated package whose output changed: its bump and why, weightiest reason first. */
  readonly packageBumps: readonly PackageBump[];
  /** The head's generated output, fingerprinted per package: what `changeset` locks. */
  readonly fingerprints: Fingerprints;
  /** Packages (npm names) whose code the toolchain itself generates differently than at the base. */
  readonly toolchainChanged: readonly string[];
}

export interface PlanOptions {
  /**
   * The output locks committed at the base: the base catalog as the base's toolchain generated
   * it. Without them, a change of the toolchain itself cannot be seen.
   */
  readonly baseLocks?: Fingerprints;
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
export function releasePlan(
  before: Catalog,
  after: Catalog,
  { baseLocks }: PlanOptions = {},
): ReleasePlan {
  const diff = diffCatalogs(before, after);
  const checks = diff.changes.filter((change) => change.valueCheck);
  const renderedBefore = renderPackages(before);
  const renderedAfter = renderPackages(after);
  // The base catalog, as this toolchain generates it, against what was locked at the base.
  const now = fingerprints(renderedBefore);
  const toolchain = GENERATED_PACKAGES.filter(
    (key) =>
      baseLocks?.[key] !== undefined && now[key] !== undefined && baseLocks[key] !== now[key],
  );
  const fromOutput = compareRendered(renderedBefore, renderedAfter, before, after);
  for (const key of toolchain) {
    const name = after.packages[key];
    if (!fromOutput.some((pkg) => pkg.name === name))
      fromOutput.push({ name, bump: 'patch', reasons: [] });
  }
  const planned = fromOutput.map((pkg): PackageBump => {
    let bump: Bump = pkg.bump;
    const reasons = [...pkg.reasons];
    for (const change of checks) {
      const said = change.bumps[pkg.name];
      if (said === undefined || higher(bump, said) === bump) continue;
      bump = said;
      reasons.unshift(`${said}: ${change.description} (the value check generated code runs)`);
    }
    if (toolchain.some((key) => after.packages[key] === pkg.name))
      reasons.push(
        'patch: the toolchain generates this package differently than when it was last released (a toolchain upgrade, or a generator changed)',
      );
    return { ...pkg, bump, reasons };
  });
  const order = new Map(GENERATED_PACKAGES.map((key, i) => [after.packages[key], i]));
  planned.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  const toolchainChanged = toolchain.map((key) => after.packages[key]);
  return {
    ...diff,
    changes: [
      ...diff.changes,
      ...toolchainChanged.map((name) => ({
        subject: 'toolchain',
        description: `the toolchain generates ${name} differently than when it was last released`,
        services: after.services.map((service) => service.id),
        bumps: { [name]: 'patch' as const },
      })),
    ],
    bumps: Object.fromEntries(planned.map((pkg) => [pkg.name, pkg.bump])),
    packageBumps: planned,
    fingerprints: fingerprints(renderedAfter),
    toolchainChanged,
  };
}
