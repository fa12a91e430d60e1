import { type Problem, toSarif as problemsToSarif, type SarifLog } from '@cookie-catalog/catalog';

/**
 * Scan's findings as SARIF 2.1.0, through the catalog package's writer (the one every finding
 * goes through): the tool named as `cookie-catalog scan`, paths relative to the scanned root.
 * The CLI's `scan --format sarif` calls this with the root it scanned.
 */
export function toSarif(
  problems: readonly Problem[],
  { root, version }: { root: string; version: string },
): SarifLog {
  return problemsToSarif(problems, {
    tool: {
      name: 'cookie-catalog scan',
      version,
      informationUri: 'https://github.com/cookie-catalog/cookie-catalog#scan',
    },
    root,
  });
}
