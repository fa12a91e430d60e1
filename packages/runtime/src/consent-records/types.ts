export type ConsentAction = 'accept' | 'reject' | 'save' | 'withdraw';

/** What the generated package passes for one answer. */
export interface ConsentRecordInput {
  /** 32 lowercase hex characters (128 random bits), also kept in the consent cookie. */
  readonly consentId: string;
  readonly action: ConsentAction;
  readonly categories: Readonly<Record<string, boolean>>;
  readonly consentVersion: number;
  readonly policyVersion: string;
  /** npm name → version of the generated packages that served the answer. */
  readonly packages: Readonly<Record<string, string>>;
  readonly locale: string | null;
  /** Service id or host. */
  readonly service: string | null;
  readonly gpc: boolean;
  /** SHA-256 (hex) of the rendering shown, null when unknown. */
  readonly shown: string | null;
  /** Names of the per-request slots that were filled (left out of the hash), e.g. `hidden`. */
  readonly slots: readonly string[];
  /** SHA-256 (hex) of the policy document in force (a Rendering of kind `policy`). */
  readonly policy: string | null;
}

export interface ConsentRecord extends ConsentRecordInput {
  /** Server time, ISO 8601 UTC with milliseconds. */
  readonly at: string;
}

/** A text shown to people, stored once, addressed by the SHA-256 (hex) of its UTF-8 `text`. */
export interface Rendering {
  readonly hash: string;
  /** 'banner' | 'banner-gpc' | 'preferences' | 'preferences-gpc' | 'policy' | … */
  readonly kind: string;
  readonly locale: string;
  readonly format: 'html' | 'markdown' | 'text';
  readonly text: string;
  /** Where the text came from, e.g. '@billogram/cookies-consent@1.2.0'. */
  readonly source: string;
}

export type RecordOutcome =
  | {
      readonly durable: 'store' | 'spool';
      readonly at: string;
      readonly writer: string;
      readonly seq: number;
    }
  | { readonly durable: false; readonly at: string; readonly reason: string };

/** One link of a writer's chain, as stored and as spooled. */
export interface ChainedRecord {
  readonly writer: string;
  readonly seq: number;
  readonly at: string;
  readonly consentId: string;
  /** Canonical JSON of the ConsentRecord: what `contentHash` is the SHA-256 of. */
  readonly content: string;
  readonly contentHash: string;
  /** Hash of the previous record of this writer, or GENESIS for seq 1. */
  readonly prev: string;
  /** sha256(prev + contentHash) */
  readonly hash: string;
  /** Whether a checkpoint is stored with this record. */
  readonly checkpoint: boolean;
}

/** A stored record as the store returns it: `record` is null once erased (a tombstone). */
export interface ConsentEntry {
  readonly writer: string;
  readonly seq: number;
  readonly at: string;
  readonly consentId: string;
  readonly contentHash: string;
  readonly prev: string;
  readonly hash: string;
  readonly record: ConsentRecord | null;
  /** When the content was erased (GDPR Art. 17), or null. */
  readonly erasedAt: string | null;
}

/** One person's records, oldest first, with the renderings they point at. */
export interface ConsentHistory {
  readonly consentId: string;
  readonly entries: readonly ConsentEntry[];
  /** The renderings that the records' `shown` and `policy` name, by hash. */
  readonly renderings: Readonly<Record<string, Rendering>>;
  /** Hashes the records name that are not stored. */
  readonly missingRenderings: readonly string[];
}

/** An access request's answer (GDPR Art. 15): JSON-ready, no Date objects. */
export interface ConsentExport {
  readonly consentId: string;
  readonly exportedAt: string;
  readonly records: readonly (ConsentRecord | { readonly at: string; readonly erasedAt: string })[];
  readonly renderings: readonly Rendering[];
}

export type VerifyProblemKind =
  | 'content-edited'
  | 'hash-mismatch'
  | 'prev-mismatch'
  | 'reordered'
  | 'gap'
  | 'truncated'
  | 'tombstone-tampered'
  | 'checkpoint-mismatch'
  | 'writer-empty';

export interface VerifyProblem {
  readonly writer: string;
  /** The record the problem is found at; null for a writer as a whole. */
  readonly seq: number | null;
  readonly kind: VerifyProblemKind;
  readonly message: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly writers: number;
  readonly records: number;
  readonly problems: readonly VerifyProblem[];
}

export interface EraseResult {
  readonly consentId: string;
  /** Records whose content was replaced by a tombstone now. */
  readonly erased: number;
  /** Records of this id that were tombstones already. */
  readonly alreadyErased: number;
}

export interface PruneResult {
  readonly before: string;
  readonly deleted: number;
  /** The checkpoint each pruned chain now starts from. */
  readonly checkpoints: readonly { readonly writer: string; readonly seq: number }[];
}

export interface ConsentStats {
  readonly since: string | null;
  readonly answers: number;
  readonly erased: number;
  readonly byConsentVersion: readonly {
    readonly consentVersion: number;
    readonly answers: number;
    readonly byAction: Readonly<Partial<Record<ConsentAction, number>>>;
  }[];
  readonly byCategory: readonly {
    readonly consentVersion: number;
    readonly category: string;
    readonly accepted: number;
    readonly rejected: number;
  }[];
}

export interface WriterSummary {
  readonly writer: string;
  readonly registeredAt: string;
  readonly records: number;
  readonly firstSeq: number | null;
  readonly lastSeq: number | null;
  readonly lastCheckpointSeq: number | null;
}

export interface AppendResult {
  readonly inserted: number;
  /** Already stored with the same hash (a replayed batch). */
  readonly duplicates: number;
  /** Already stored with a different hash: two processes wrote one chain. */
  readonly conflicts: readonly { readonly writer: string; readonly seq: number }[];
}

/** The consent records of one database: what ConsentLog writes into and the CLI reads. */
export interface ConsentStore {
  readonly kind: 'embedded' | 'postgres';
  /** The folder, or the URL without its password. */
  readonly location: string;
  /** Applies the migrations not yet applied; returns the schema version. Idempotent. */
  migrate(): Promise<number>;
  /** Stores records and their checkpoints in one transaction; a (writer, seq) stored already is skipped. */
  append(records: readonly ChainedRecord[]): Promise<AppendResult>;
  /** Inserts the renderings not stored yet; returns how many were new. */
  putRenderings(renderings: readonly Rendering[]): Promise<number>;
  getRendering(hash: string): Promise<Rendering | undefined>;
  renderingHashes(): Promise<string[]>;
  /** The newest link of a writer's chain (a record or, after pruning, a checkpoint). */
  chainHead(writer: string): Promise<{ readonly seq: number; readonly hash: string } | undefined>;
  show(consentId: string): Promise<ConsentHistory>;
  export(consentId: string): Promise<ConsentExport>;
  verify(): Promise<VerifyReport>;
  erase(consentId: string): Promise<EraseResult>;
  prune(before: Date): Promise<PruneResult>;
  stats(options?: { readonly since?: Date }): Promise<ConsentStats>;
  writers(): Promise<WriterSummary[]>;
  /** Makes what is committed safe on disk (the embedded store's files; nothing for PostgreSQL). */
  sync(): Promise<void>;
  close(): Promise<void>;
}
