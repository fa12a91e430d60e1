/*
 * The messages between the embedded store's client (main thread) and the thread PGlite runs in
 * (pglite-worker.ts). PGlite's query work is WebAssembly that holds the thread it runs on for
 * the whole statement; in a worker it no longer holds the event loop that serves HTTP.
 * Values cross by structured clone: strings, numbers, bigints, Dates, arrays and plain objects.
 */

/** `workerData` of a new worker: the data folder PGlite opens (`<store>/pgdata`). */
export interface PgliteWorkerData {
  readonly dataDir: string;
}

export type PgliteRequest =
  | {
      readonly id: number;
      readonly op: 'query';
      readonly sql: string;
      readonly params: readonly unknown[] | undefined;
      /** The id of the `begin` whose transaction runs this statement; absent outside one. */
      readonly tx: number | undefined;
    }
  | {
      readonly id: number;
      readonly op: 'exec';
      readonly sql: string;
      readonly tx: number | undefined;
    }
  | { readonly id: number; readonly op: 'begin' }
  | { readonly id: number; readonly op: 'commit' | 'rollback'; readonly tx: number }
  | { readonly id: number; readonly op: 'close' };

/** An Error as it crosses the boundary: its message, and PostgreSQL's fields where it has them. */
export interface PgliteFailure {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly severity?: string;
  readonly detail?: string;
  readonly hint?: string;
}

export type PgliteReply =
  | { readonly id: number; readonly ok: true; readonly rows?: unknown[] }
  | { readonly id: number; readonly ok: false; readonly error: PgliteFailure };

/** What the worker says once, before any reply: PGlite is open, or why not. */
export type PgliteReady =
  | { readonly ready: true }
  | { readonly ready: false; readonly stage: 'driver' | 'open'; readonly error: PgliteFailure };

export type PgliteMessage = PgliteReply | PgliteReady;

// `severity` marks what the database refused (PostgreSQL's errors carry it), for callers that
// tell a store failure from a bug of theirs.
const FIELDS = ['code', 'severity', 'detail', 'hint'] as const;

/** Anything thrown, as a structured-clone-safe failure. */
export function toFailure(error: unknown): PgliteFailure {
  const source = error instanceof Error ? error : new Error(String(error));
  const failure: { -readonly [K in keyof PgliteFailure]: PgliteFailure[K] } = {
    name: source.name,
    message: source.message || source.name,
  };
  for (const field of FIELDS) {
    const value = (source as unknown as Record<string, unknown>)[field];
    if (typeof value === 'string') failure[field] = value;
  }
  return failure;
}

/** A failure back as an Error with the same message (and name, code, severity, detail, hint). */
export function fromFailure(failure: PgliteFailure): Error {
  const error = new Error(failure.message);
  error.name = failure.name;
  for (const field of FIELDS)
    if (failure[field] !== undefined)
      Object.defineProperty(error, field, { value: failure[field], enumerable: true });
  return error;
}
