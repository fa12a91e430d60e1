import { relative, sep } from 'node:path';
import { type Problem, RULES, type RuleId } from '@cookie-catalog/catalog';

/*
 * SARIF 2.1.0 (OASIS), what GitHub code scanning and other tools read: one run, our rules as the
 * driver's rules, each finding a result at a file relative to the scanned root (%SRCROOT%).
 */

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function toSarif(
  problems: readonly Problem[],
  { root, version }: { root: string; version: string },
): object {
  const ruleIds = [...new Set(problems.map((p) => p.rule))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cookie-catalog scan',
            version,
            informationUri: 'https://github.com/cookie-catalog/cookie-catalog#scan',
            rules: ruleIds.map((id) => ({
              id,
              shortDescription: { text: RULES[id as RuleId].summary },
              defaultConfiguration: { level: LEVEL[RULES[id as RuleId].severity] },
              properties: { citation: RULES[id as RuleId].citation },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToUri(root)}/` } },
        results: problems.map((p) => ({
          ruleId: p.rule,
          ruleIndex: ruleIds.indexOf(p.rule),
          level: LEVEL[p.severity],
          message: { text: `${p.message}. Fix: ${p.fix}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: {
                  uri: relative(root, p.file).split(sep).map(encodeURIComponent).join('/'),
                  uriBaseId: '%SRCROOT%',
                },
                region: { startLine: p.line, startColumn: p.column },
              },
            },
          ],
        })),
      },
    ],
  };
}

function pathToUri(path: string): string {
  return `file://${path.split(sep).map(encodeURIComponent).join('/')}`;
}
