// `@cookie-catalog/runtime/consent-records`: proof of consent on the server (issue 30). Every
// answer appended to a hash chain per writing process, the words shown stored once by their
// hash, in PGlite (embedded) or PostgreSQL. Server only: node:crypto, node:fs, and the store
// drivers as optional peer dependencies loaded when a store of their kind is opened.
export {
  type AnswerContext,
  answerRecord,
  consentAction,
  isConsentId,
  newConsentId,
  recordAnswer,
} from './answer-record.js';
export { canonicalJson, GENESIS, renderingHash } from './chain.js';
export { type ConsentLog, type ConsentLogOptions, openConsentLog } from './consent-log.js';
export { MIGRATIONS } from './migrations.js';
export { openConsentStore } from './open-store.js';
export type {
  AppendResult,
  ChainedRecord,
  ConsentAction,
  ConsentEntry,
  ConsentExport,
  ConsentHistory,
  ConsentRecord,
  ConsentRecordInput,
  ConsentStats,
  ConsentStore,
  EraseResult,
  PruneResult,
  RecordOutcome,
  Rendering,
  VerifyProblem,
  VerifyProblemKind,
  VerifyReport,
  WriterSummary,
} from './types.js';
