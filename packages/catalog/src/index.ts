export {
  ENTRIES_DIR,
  POLICY_FILE,
  SECTIONS_DIR,
  TABLE_SECTION,
  TRANSLATIONS_FILE,
} from './catalog-layout.js';
export {
  COOKIE_VALUE_PATTERN,
  cookiePrefixOf,
  MAX_ATTRIBUTE_VALUE_BYTES,
  MAX_LIFETIME_SECONDS,
  MAX_NAME_VALUE_BYTES,
  TOKEN_PATTERN,
} from './cookie-grammar.js';
export { type DraftLifetime, draftEntryYaml, draftId, type EntryDraft } from './draft-entry.js';
export { exampleValueOf } from './example-value.js';
export { formatProblemsJson, type JsonFormatOptions, problemsJson } from './findings/json.js';
export {
  formatProblemsMarkdown,
  type MarkdownFormatOptions,
  markdownCode,
} from './findings/markdown.js';
export {
  type SarifLog,
  type SarifOptions,
  type SarifRuleInfo,
  type SarifTool,
  toSarif,
} from './findings/sarif.js';
export { formatProblemsText, type TextColors, type TextFormatOptions } from './findings/text.js';
export { functionNameOf } from './function-name.js';
export { generatedNamesOf } from './generated-names.js';
export { escapeInvisible } from './invisible-characters.js';
export { catalogFieldReference, catalogJsonSchemas } from './json-schema.js';
export {
  type Duration,
  type DurationUnit,
  parseDuration,
  parseStatedDuration,
  SECONDS_PER_UNIT,
  type StatedDuration,
} from './lifetime.js';
export { checkLink } from './links.js';
export { type CatalogResult, loadCatalog } from './load-catalog.js';
export { locateProblems, type PendingProblem } from './locate.js';
export * from './model.js';
export { type NamePart, nameMatcherSource } from './name-pattern.js';
export {
  compareStringRules,
  describeStringRuleChange,
  patternImpliesCookieOctets,
  regexFlags,
  type SingleClassPattern,
  type StringRule,
  singleClassPattern,
} from './pattern-analysis.js';
export { createProblem, type Problem, type SourcePosition, sortProblems } from './problem.js';
export {
  defaultRecordRetention,
  LONG_RECORD_RETENTION_SECONDS,
  parseRecordRetention,
  RECORDS_AFTER_COOKIE_SECONDS,
} from './record-retention.js';
export { RULES, type RuleId } from './rule-ids.js';
export { entrySchema, policySchema } from './schema.js';
export {
  catalogAndServiceViews,
  catalogOfService,
  declaredServices,
  servicePath,
} from './service-view.js';
export type { Severity } from './severity.js';
export {
  formatTranslationRecords,
  markReviewed,
  sourceHash,
  type TranslatableText,
  type TranslationRecords,
  translatableTexts,
} from './translation-records.js';
export { parseYamlSource, type SourcePath, type YamlSource } from './yaml-source.js';
