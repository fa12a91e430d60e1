import { isAbsolute, relative, sep } from 'node:path';
import { escapeInvisible } from '../invisible-characters.js';
import type { Problem } from '../problem.js';
import { RULES } from '../rule-ids.js';
import type { Severity } from '../severity.js';
import { isPageAddress } from './where.js';

/*
 * SARIF 2.1.0 (OASIS), what GitHub code scanning and other tools read: one run, the rules the
 * findings cite as the driver's rules, each finding a result at its file (relative to the
 * scanned root, %SRCROOT%, when there is one) or at the page's address.
 */

export interface SarifTool {
  readonly name: string;
  readonly version: string;
  readonly informationUri?: string | undefined;
}

/** What SARIF says about a rule: catalog's RULES has it for every rule id. */
export interface SarifRuleInfo {
  readonly severity: Severity;
  readonly summary: string;
  readonly citation?: string;
}

export interface SarifOptions {
  /** The program that found the problems (`cookie-catalog scan`, its version, its docs). */
  readonly tool: SarifTool;
  /** Where each rule id is described; catalog's RULES unless given. */
  readonly rules?: Readonly<Record<string, SarifRuleInfo>>;
  /**
   * The folder that was checked: files become paths relative to it (base id %SRCROOT%), so the
   * log reads the same on every machine. Without it, files are absolute file: URIs.
   */
  readonly root?: string | undefined;
}

type SarifLevel = 'error' | 'warning' | 'note';

/** The parts of a SARIF 2.1.0 log this writes (the schema has many more). */
export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly {
    readonly tool: {
      readonly driver: SarifTool & {
        readonly rules: readonly {
          readonly id: string;
          readonly shortDescription?: { readonly text: string };
          readonly defaultConfiguration: { readonly level: SarifLevel };
          readonly properties?: { readonly citation: string };
        }[];
      };
    };
    readonly originalUriBaseIds?: Readonly<Record<string, { readonly uri: string }>>;
    readonly results: readonly {
      readonly ruleId: string;
      readonly ruleIndex: number;
      readonly level: SarifLevel;
      readonly message: { readonly text: string };
      readonly locations: readonly {
        readonly physicalLocation: {
          readonly artifactLocation: { readonly uri: string; readonly uriBaseId?: string };
          readonly region?: { readonly startLine: number; readonly startColumn?: number };
        };
      }[];
    }[];
  }[];
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const satisfies Record<
  Severity,
  SarifLevel
>;

export function toSarif(
  problems: readonly Problem[],
  { tool, rules = RULES, root }: SarifOptions,
): SarifLog {
  const ruleIds = [...new Set(problems.map((p) => p.rule as string))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            ...(tool.informationUri === undefined ? {} : { informationUri: tool.informationUri }),
            rules: ruleIds.map((id) => {
              const info = Object.hasOwn(rules, id) ? rules[id] : undefined;
              const severity =
                info?.severity ?? problems.find((p) => p.rule === id)?.severity ?? 'error';
              return {
                id,
                ...(info ? { shortDescription: { text: info.summary } } : {}),
                defaultConfiguration: { level: LEVEL[severity] },
                ...(info?.citation ? { properties: { citation: info.citation } } : {}),
              };
            }),
          },
        },
        ...(root === undefined
          ? {}
          : { originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToUri(root)}/` } } }),
        results: problems.map((p) => ({
          ruleId: p.rule,
          ruleIndex: ruleIds.indexOf(p.rule),
          level: LEVEL[p.severity],
          message: { text: sarifPlainText(`${p.message}. Fix: ${p.fix}`) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(p.file, root),
                // A page has no line: SARIF regions count from 1, so it has no region either.
                ...(p.line >= 1
                  ? {
                      region: {
                        startLine: p.line,
                        ...(p.column >= 1 ? { startColumn: p.column } : {}),
                      },
                    }
                  : {}),
              },
            },
          ],
        })),
      },
    ],
  };
}

/**
 * A `message.text` that says exactly `text` (SARIF 2.1.0 §3.11.3, plain text): controls and line
 * breaks shown as `\u{…}` (a viewer neither obeys them nor starts a new paragraph), lone surrogates
 * too, and square brackets escaped with `\`, as §3.11.6 asks of literal brackets, so that a
 * `[click here](https://…)` quoted from a page is no embedded link; a `\` right before a bracket
 * is escaped too, so that it does not escape the bracket instead.
 */
export function sarifPlainText(text: string): string {
  return escapeInvisible(text)
    .replace(/\\(?=\\*[[\]])/g, '\\\\')
    .replace(/[[\]]/g, '\\$&');
}

function artifactLocation(file: string, root: string | undefined) {
  if (isPageAddress(file)) return { uri: pageUri(file) };
  if (root !== undefined)
    return { uri: segmentsToUri(relative(root, file)), uriBaseId: '%SRCROOT%' };
  return { uri: isAbsolute(file) ? pathToUri(file) : segmentsToUri(file) };
}

/**
 * A page's address as an RFC 3986 URI: the URL parser's form, then anything it leaves that RFC
 * 3986 does not allow (`|`, `^`, a `%` that starts no escape) percent-encoded.
 */
function pageUri(address: string): string {
  let uri: string;
  try {
    uri = new URL(address).href;
  } catch {
    uri = encodeURI(address.toWellFormed());
  }
  return uri
    .replace(/%(?![0-9A-Fa-f]{2})/g, '%25')
    .replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/g, (char) => encodeURIComponent(char));
}

function segmentsToUri(path: string): string {
  return path
    .split(sep)
    .map((segment) => encodeURIComponent(segment.toWellFormed()))
    .join('/');
}

function pathToUri(path: string): string {
  return `file://${segmentsToUri(path)}`;
}
