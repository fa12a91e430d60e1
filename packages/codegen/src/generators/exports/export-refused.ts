import type { PendingProblem } from '@cookie-catalog/catalog';

/**
 * Thrown by an export generator when the catalog, though valid, lacks a fact the format needs
 * (a lifetime in seconds, a category mapping). The CLI places each problem at its line and column
 * and writes nothing; it is never a crash.
 */
export class ExportRefused extends Error {
  constructor(
    readonly format: string,
    readonly problems: readonly PendingProblem[],
  ) {
    super(`${format}: ${problems.length} thing(s) in the catalog keep it from being exported`);
    this.name = 'ExportRefused';
  }
}
