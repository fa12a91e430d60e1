// What a catalog change means for the generated packages and their consumers: the diff in plain
// words, the bump each package needs, the changeset that records it, the catalog at a git ref.
// Never prints: the `cookie-catalog` CLI (@cookie-catalog/cli) does that.
export {
  type AddedChangeset,
  changesetsSince,
  gitRoot,
  outputLocksAtRef,
  uncoveredBumps,
  withCatalogAtRef,
} from './baseline-catalog.js';
export {
  type Bump,
  type CatalogChange,
  type CatalogDiff,
  diffCatalogs,
  PACKAGES,
  type PackageName,
} from './catalog-diff.js';
export {
  bumpLines,
  changesetFileName,
  escapeMarkdown,
  formatChangeset,
  formatDiffMarkdown,
} from './changeset.js';
export {
  compareRendered,
  type PackageBump,
  packageBumps,
  type RenderedPackages,
  renderPackages,
} from './output-bumps.js';
export {
  type Fingerprints,
  fingerprints,
  OUTPUT_LOCK_FILE,
  outputLockPath,
  outputLockText,
  parseOutputLock,
  readOutputLocks,
} from './output-lock.js';
export { type PlanOptions, type ReleasePlan, releasePlan } from './plan.js';
