import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  canonicalJson,
  chainHash,
  consentRecord,
  GENESIS,
  renderingHash,
  sha256Hex,
} from './chain.js';
import { isPostgresLocation, openConsentStore } from './open-store.js';
import {
  orphanSpoolFiles,
  readSpoolFile,
  removeSpoolFile,
  Spool,
  SpoolFullError,
} from './spool.js';
import type {
  ChainedRecord,
  ConsentRecordInput,
  ConsentStore,
  RecordOutcome,
  Rendering,
} from './types.js';

export interface ConsentLog {
  /** Appends one record. Resolves once the record is durable; never rejects because the store is down. */
  record(input: ConsentRecordInput): Promise<RecordOutcome>;
  /** Stores renderings not yet stored (insert-if-absent by hash); a hash that is not sha256(text) throws. */
  addRenderings(renderings: readonly Rendering[]): Promise<void>;
  /** Whether a rendering with this hash is stored (or was added in this process). */
  knows(hash: string): boolean;
  /** Writes what is spooled to the store if it is reachable. */
  flush(): Promise<void>;
  close(): Promise<void>;
  /** This process's chain id. */
  readonly writer: string;
  /** The store in use, or undefined while it could not be opened. */
  readonly store: ConsentStore | undefined;
  /** Records waiting in the spool for the store (PostgreSQL), or journaled since the last sync (embedded). */
  readonly spooled: number;
}

export interface ConsentLogOptions {
  /** 'postgres://…' / 'postgresql://…' → PostgreSQL; anything else → a folder for the embedded store. */
  readonly store: string | ConsentStore;
  /** Folder for the local spool: default `<folder>/spool` for the embedded store; required for PostgreSQL. */
  readonly spool?: string;
  /** Chain id, [A-Za-z0-9_-]{1,64}; default a random id per process. One process per writer id. */
  readonly writer?: string;
  /** Default 256 MiB. */
  readonly maxSpoolBytes?: number;
  /** Records between checkpoints; default 1000. */
  readonly checkpointEvery?: number;
  /** Default console.error. */
  readonly onError?: (message: string) => void;
}

const WRITER = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_BATCH = 1_000;
const RETRY_FIRST_MS = 200;
const RETRY_MAX_MS = 2_000;
/** How long a write to PostgreSQL may take before the answers go to the spool instead. */
const WRITE_TIMEOUT_MS = 30_000;

interface Pending {
  readonly content: string;
  readonly consentId: string;
  readonly at: string;
  readonly resolve: (outcome: RecordOutcome) => void;
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`;
}

class Log implements ConsentLog {
  readonly writer: string;
  #store: ConsentStore | undefined;
  readonly #connect: (() => Promise<ConsentStore>) | undefined;
  readonly #embedded: boolean;
  readonly #spool: Spool;
  readonly #checkpointEvery: number;
  readonly #onError: (message: string) => void;
  readonly #known = new Set<string>();
  readonly #unstoredRenderings = new Map<string, Rendering>();
  #pending: Pending[] = [];
  #seq = 0;
  #head = GENESIS;
  #storeUp = false;
  #retryDelay = RETRY_FIRST_MS;
  #retryTimer: NodeJS.Timeout | undefined;
  #replayDue = false;
  #orphans = true;
  #running: Promise<void> | undefined;
  /** The embedded store's sync of a journal set aside, while it runs (see #syncAside). */
  #syncing: Promise<void> | undefined;
  /**
   * The embedded store's inserts of journaled batches, in order, after their answers were given:
   * an answer is durable once journaled, and waits for neither the insert nor a sync before it.
   */
  #storing: Promise<void> = Promise.resolve();
  #closed = false;
  #notRecorded = 0;

  constructor(
    writer: string,
    store: ConsentStore | undefined,
    connect: (() => Promise<ConsentStore>) | undefined,
    embedded: boolean,
    spool: Spool,
    checkpointEvery: number,
    onError: (message: string) => void,
  ) {
    this.writer = writer;
    this.#store = store;
    this.#storeUp = store !== undefined;
    this.#connect = connect;
    this.#embedded = embedded;
    this.#spool = spool;
    this.#checkpointEvery = checkpointEvery;
    this.#onError = onError;
  }

  get store(): ConsentStore | undefined {
    return this.#store;
  }

  get spooled(): number {
    return this.#spool.records;
  }

  get #location(): string {
    return this.#store?.location ?? 'the consent store';
  }

  /** Replays what killed processes left, then reads the chain's head (a named writer continues its chain). */
  async start(continueChain: boolean): Promise<void> {
    if (this.#store) {
      await this.#replayOrphans();
      for (const hash of await this.#store.renderingHashes()) this.#known.add(hash);
      if (continueChain) {
        const head = await this.#store.chainHead(this.writer);
        if (head) {
          this.#seq = head.seq;
          this.#head = head.hash;
        }
      }
    } else this.#scheduleRetry();
  }

  record(input: ConsentRecordInput): Promise<RecordOutcome> {
    const at = new Date().toISOString();
    let content: string;
    try {
      content = canonicalJson(consentRecord(input, at));
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.#closed) {
      this.#onError(
        'consent records: an answer came after the log was closed and was not recorded',
      );
      return Promise.resolve({ durable: false, at, reason: 'the consent log is closed' });
    }
    return new Promise((resolve) => {
      this.#pending.push({ content, consentId: input.consentId, at, resolve });
      this.#kick();
    });
  }

  async addRenderings(renderings: readonly Rendering[]): Promise<void> {
    for (const item of renderings)
      if (renderingHash(item.text) !== item.hash)
        throw new Error(
          `rendering ${item.kind} (${item.locale}) from ${item.source}: its hash ${item.hash} is not the SHA-256 of its text`,
        );
    for (const item of renderings) {
      this.#known.add(item.hash);
      this.#unstoredRenderings.set(item.hash, item);
    }
    await this.#storeRenderings();
  }

  knows(hash: string): boolean {
    return this.#known.has(hash);
  }

  async flush(): Promise<void> {
    await this.#idle();
    if (this.#spool.records > 0 || this.#orphans || !this.#storeUp) {
      this.#replayDue = true;
      this.#kick();
      await this.#idle();
    }
  }

  async #idle(): Promise<void> {
    for (;;) {
      while (this.#running) await this.#running;
      const storing = this.#storing;
      await storing;
      if (!this.#running && storing === this.#storing) return;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    // From here new answers are refused; those already queued are still written.
    this.#closed = true;
    await this.flush();
    await this.#syncing;
    clearTimeout(this.#retryTimer);
    if (this.#embedded && this.#storeUp && this.#store) {
      try {
        await this.#store.sync();
        await this.#spool.empty();
      } catch (error) {
        this.#onError(
          `consent records: could not sync ${this.#location} on close (${describe(error)}); its journal is kept and replayed on the next open`,
        );
      }
    }
    await this.#spool.close().catch(() => {});
    if (this.#connect) await this.#store?.close().catch(() => {});
  }

  #kick(): void {
    if (this.#running) return;
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
      if (this.#pending.length > 0 || (this.#replayDue && !this.#closed)) this.#kick();
    });
  }

  async #loop(): Promise<void> {
    while (this.#pending.length > 0 || this.#replayDue) {
      if (this.#replayDue) {
        this.#replayDue = false;
        await this.#replay();
      }
      const batch = this.#pending.splice(0, MAX_BATCH);
      if (batch.length === 0) continue;
      await this.#write(batch).catch((error: unknown) => this.#lose(batch, describe(error)));
    }
  }

  /** Answers that could be neither stored nor spooled: said, with the count, never thrown. */
  #lose(batch: readonly Pending[], reason: string): void {
    this.#notRecorded += batch.length;
    this.#onError(
      `consent records: ${plural(batch.length, 'answer')} not recorded (${this.#notRecorded.toLocaleString('en')} so far): ${reason}`,
    );
    for (const item of batch)
      item.resolve({ durable: false, at: item.at, reason: `not recorded: ${reason}` });
  }

  #chain(batch: readonly Pending[]): ChainedRecord[] {
    let seq = this.#seq;
    let prev = this.#head;
    return batch.map((item) => {
      seq += 1;
      const contentHash = sha256Hex(item.content);
      const hash = chainHash(prev, contentHash);
      const record: ChainedRecord = {
        writer: this.writer,
        seq,
        at: item.at,
        consentId: item.consentId,
        content: item.content,
        contentHash,
        prev,
        hash,
        checkpoint: seq % this.#checkpointEvery === 0,
      };
      prev = hash;
      return record;
    });
  }

  async #write(batch: readonly Pending[]): Promise<void> {
    const records = this.#chain(batch);
    let journaled = false;
    let stored = false;
    let reason = '';
    const toSpool = async () => {
      try {
        await this.#spool.append(records);
        journaled = true;
      } catch (error) {
        if (error instanceof SpoolFullError && this.#embedded && this.#storeUp && this.#store) {
          try {
            // Everything journaled must be in the store before the journal is emptied.
            await this.#storing;
            await this.#syncing;
            await this.#store.sync();
            await this.#spool.empty();
            await this.#spool.append(records);
            journaled = true;
            return;
          } catch (retry) {
            reason = describe(retry);
            return;
          }
        }
        reason = describe(error);
      }
    };
    const toStore = async () => {
      if (!this.#storeUp || !this.#store) return;
      try {
        const result = await this.#store.append(records);
        stored = true;
        if (result.conflicts.length > 0)
          this.#onError(
            `consent records: ${plural(result.conflicts.length, 'record')} of writer ${this.writer} (from seq ${result.conflicts[0]?.seq}) were stored already with other contents: another process writes under the same writer id`,
          );
      } catch (error) {
        this.#storeDown(error);
      }
    };
    if (this.#embedded) {
      // A journal grown past its bound is set aside, and the store synced meanwhile, before this
      // batch is journaled: everything in it is in the store by then (the inserts are drained).
      if (this.#storeUp && this.#syncing === undefined && this.#spool.bytes > this.#syncBytes) {
        await this.#storing;
        if (this.#storeUp) await this.#syncAside();
      }
      // Journal first: PGlite runs with fsync off, so the journal's fsync is the durability point.
      await toSpool();
      if (journaled && this.#storeUp) {
        // Durable now: answered at once. The insert follows in order, off the answers' path, so
        // an answer never waits for the store (nor for a sync it runs); a failed insert leaves the
        // batch in the journal, which is written to the store when it works again.
        this.#advance(records);
        this.#resolve(batch, records, 'store');
        this.#storing = this.#storing.then(toStore);
        return;
      }
      await this.#storing;
      await toStore();
    } else {
      if (this.#spool.records === 0) await toStore();
      if (!stored) await toSpool();
    }
    if (!journaled && !stored) {
      this.#lose(batch, reason);
      return;
    }
    this.#advance(records);
    // The embedded store counts as durable only through its journal (PGlite runs with fsync off).
    const durable =
      stored && (journaled || !this.#embedded) ? 'store' : journaled ? 'spool' : false;
    if (durable) this.#resolve(batch, records, durable);
    else
      for (const item of batch)
        item.resolve({
          durable: false,
          at: item.at,
          reason: `stored in the embedded database but not journaled (${reason}): safe once the store syncs, not against a power cut before that`,
        });
  }

  /** The embedded journal's size past which it is set aside and the store synced. */
  get #syncBytes(): number {
    return Math.min(this.#spool.maxBytes / 2, 16 << 20);
  }

  /** The chain continues after the last of `records`. */
  #advance(records: readonly ChainedRecord[]): void {
    const last = records[records.length - 1];
    if (last) {
      this.#seq = last.seq;
      this.#head = last.hash;
    }
  }

  #resolve(
    batch: readonly Pending[],
    records: readonly ChainedRecord[],
    durable: 'store' | 'spool',
  ) {
    records.forEach((record, index) => {
      const item = batch[index];
      if (item) item.resolve({ durable, at: item.at, writer: this.writer, seq: record.seq });
    });
  }

  /*
   * The journal can be emptied once the store is on the disk (a CHECKPOINT and an fsync of
   * every file PGlite changed: hundreds of milliseconds, seconds on a busy disk). Answers must not
   * wait for that: the journal is set aside, new answers go to a new one, and the store syncs
   * meanwhile. Everything in the set-aside journal is in the store already (it was written
   * there before the journal was set aside), so once the sync is done it can go.
   */
  async #syncAside(): Promise<void> {
    const store = this.#store;
    if (!store) return;
    try {
      await this.#spool.rotate();
    } catch (error) {
      // The journal stays as it is, and grows: the next batch tries again.
      this.#onError(
        `consent records: could not set the journal ${this.#spool.path} aside to sync ${this.#location} (${describe(error)})`,
      );
      return;
    }
    this.#syncing = (async () => {
      try {
        await store.sync();
        await this.#spool.dropRotated();
      } catch (error) {
        // A store opened again since then replays the set-aside journal itself.
        if (this.#store === store) this.#storeDown(error);
      }
    })().finally(() => {
      this.#syncing = undefined;
    });
  }

  #storeDown(error: unknown): void {
    if (this.#storeUp)
      this.#onError(
        `consent records: ${this.#location} failed (${describe(error)}); answers are kept in the spool ${this.#spool.folder} and written to the store when it works again`,
      );
    this.#storeUp = false;
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#retryTimer !== undefined || this.#closed) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.#replayDue = true;
      this.#kick();
    }, this.#retryDelay);
    this.#retryTimer.unref();
    this.#retryDelay = Math.min(this.#retryDelay * 2, RETRY_MAX_MS);
  }

  /** Writes the spool (and what killed processes left) to the store; on success the store is up again. */
  async #replay(): Promise<void> {
    await this.#storing;
    await this.#syncing;
    const wasDown = !this.#storeUp;
    try {
      if (wasDown && this.#connect) {
        if (this.#embedded || !this.#store) {
          await this.#store?.close().catch(() => {});
          this.#store = undefined;
          this.#store = await this.#connect();
        }
      }
      const store = this.#store;
      if (!store) throw new Error('no store');
      // A cheap query first: while the server is away, the spool is not read again and again.
      if (wasDown) await store.chainHead(this.writer);
      // A working embedded store holds all its journal has already: syncing it is enough.
      const records = wasDown || !this.#embedded ? await this.#spool.read() : [];
      for (let start = 0; start < records.length; start += MAX_BATCH)
        await store.append(records.slice(start, start + MAX_BATCH));
      if (this.#embedded) await store.sync();
      await this.#spool.empty();
      this.#storeUp = true;
      this.#retryDelay = RETRY_FIRST_MS;
      await this.#replayOrphans();
      await this.#storeRenderings();
      if (wasDown)
        this.#onError(
          `consent records: ${store.location} works again; ${plural(records.length, 'spooled answer')} written to it`,
        );
    } catch (error) {
      if (this.#storeUp) this.#storeDown(error);
      else this.#scheduleRetry();
    }
  }

  async #replayOrphans(): Promise<void> {
    const store = this.#store;
    if (!store) return;
    for (const path of await orphanSpoolFiles(this.#spool.folder)) {
      const records = await readSpoolFile(path);
      for (let start = 0; start < records.length; start += MAX_BATCH)
        await store.append(records.slice(start, start + MAX_BATCH));
      if (this.#embedded) await store.sync();
      await removeSpoolFile(path);
    }
    this.#orphans = false;
  }

  async #storeRenderings(): Promise<void> {
    if (!this.#storeUp || !this.#store || this.#unstoredRenderings.size === 0) return;
    const renderings = [...this.#unstoredRenderings.values()];
    await this.#store.putRenderings(renderings);
    if (this.#embedded) await this.#store.sync();
    for (const item of renderings) this.#unstoredRenderings.delete(item.hash);
  }
}

/**
 * Opens the log a server records answers in. A PostgreSQL server that cannot be reached is
 * not an error here when the writer is new (answers are spooled until it can); a named writer
 * must read its chain's head first, and an embedded store must open.
 */
export async function openConsentLog(options: ConsentLogOptions): Promise<ConsentLog> {
  const writer = options.writer ?? randomBytes(8).toString('hex');
  if (!WRITER.test(writer))
    throw new Error(`writer ${JSON.stringify(writer)}: use 1 to 64 letters, digits, _ or -`);
  const checkpointEvery = options.checkpointEvery ?? 1_000;
  if (!Number.isSafeInteger(checkpointEvery) || checkpointEvery < 1)
    throw new Error(`checkpointEvery must be a whole number ≥ 1, not ${checkpointEvery}`);
  const maxSpoolBytes = options.maxSpoolBytes ?? 256 << 20;
  const onError = options.onError ?? ((message: string) => console.error(message));
  const given = typeof options.store === 'string' ? undefined : options.store;
  const location = typeof options.store === 'string' ? options.store : options.store.location;
  const embedded = given ? given.kind === 'embedded' : !isPostgresLocation(location);
  const spoolFolder = options.spool ?? (embedded ? join(location, 'spool') : undefined);
  if (spoolFolder === undefined)
    throw new Error(
      "a PostgreSQL consent log needs `spool`: a local folder where answers wait, fsync'd, while the server cannot be reached",
    );
  // A server that stops answering must not hold answers up: after 30 s a write fails, and the
  // answers wait in the spool until it works again.
  const connect = given
    ? undefined
    : () => openConsentStore(location, { queryTimeoutMs: WRITE_TIMEOUT_MS });
  let store = given;
  if (!store && connect) {
    try {
      store = await connect();
    } catch (error) {
      if (embedded || options.writer !== undefined) throw error;
      onError(
        `consent records: ${describe(error)}; answers are kept in the spool ${spoolFolder} until the store can be reached`,
      );
    }
  }
  const log = new Log(
    writer,
    store,
    connect,
    embedded,
    new Spool(spoolFolder, writer, maxSpoolBytes),
    checkpointEvery,
    onError,
  );
  try {
    await log.start(options.writer !== undefined);
  } catch (error) {
    if (connect) await store?.close().catch(() => {});
    throw new Error(
      `cannot open the consent log on ${store?.location ?? location}: ${describe(error)}`,
    );
  }
  return log;
}
