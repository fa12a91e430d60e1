import { chainHash, GENESIS, sha256Hex } from './chain.js';
import type { SqlQuery } from './sql-client.js';
import type { VerifyProblem, VerifyProblemKind, VerifyReport } from './types.js';

const PAGE = 5_000;
/** Past this many, problems are counted but not looked into (each may cost a scan). */
const MAX_PROBLEMS = 1_000;

interface Row {
  seq: string | number;
  at: Date | string;
  consent_id: string;
  content: string | null;
  content_hash: string;
  prev: string;
  hash: string;
  erased_at: Date | string | null;
  erasure_requested: boolean;
}

function time(value: Date | string): number {
  return (value instanceof Date ? value : new Date(value)).getTime();
}

/*
 * Walks every registered writer's chain in seq order, a page at a time, and checks each record:
 * its content against its contentHash, its hash against sha256(prev + contentHash), its prev
 * against the hash of the record before it (or GENESIS, or the checkpoint the chain was pruned
 * to), its seq against the one before (a gap), and the checkpoints against the records.
 */
export async function verifyChains(sql: SqlQuery): Promise<VerifyReport> {
  const problems: VerifyProblem[] = [];
  let records = 0;
  const writers = await sql.query<{ writer: string }>(
    'SELECT writer FROM consent_writers ORDER BY writer',
  );
  for (const { writer } of writers) {
    const report = (seq: number | null, kind: VerifyProblemKind, message: string) =>
      problems.push({
        writer,
        seq,
        kind,
        message: `writer ${writer}${seq === null ? '' : ` seq ${seq}`}: ${message}`,
      });
    const rows = await sql.query<{ seq: string | number; hash: string; pruned: boolean }>(
      'SELECT seq, hash, pruned_at IS NOT NULL AS pruned FROM consent_checkpoints WHERE writer = $1',
      [writer],
    );
    const checkpoints = new Map(rows.map((row) => [Number(row.seq), row.hash]));
    const pruned = new Set(rows.filter((row) => row.pruned).map((row) => Number(row.seq)));
    const whereIs = async (hash: string): Promise<number | undefined> => {
      if (problems.length > MAX_PROBLEMS) return undefined;
      const [row] = await sql.query<{ seq: string | number }>(
        'SELECT seq FROM consent_records WHERE writer = $1 AND hash = $2 LIMIT 1',
        [writer, hash],
      );
      return row === undefined ? undefined : Number(row.seq);
    };
    let expectedSeq: number | undefined;
    let expectedPrev = GENESIS;
    let lastSeq = 0;
    for (let after = 0; ; ) {
      const page = await sql.query<Row>(
        `SELECT r.seq, r.at, r.consent_id, r.content, r.content_hash, r.prev, r.hash, r.erased_at,
                e.consent_id IS NOT NULL AS erasure_requested
         FROM consent_records r LEFT JOIN consent_erasures e ON e.consent_id = r.consent_id
         WHERE r.writer = $1 AND r.seq > $2 ORDER BY r.seq LIMIT ${PAGE}`,
        [writer, after],
      );
      for (const row of page) {
        const seq = Number(row.seq);
        records++;
        if (expectedSeq === undefined) {
          if (seq !== 1) {
            // Only a prune may remove a chain's oldest records, and it leaves its own checkpoint.
            const checkpoint = checkpoints.get(seq - 1);
            if (checkpoint === undefined || !pruned.has(seq - 1))
              report(
                seq,
                'gap',
                `records 1 to ${seq - 1} are missing and no prune left a checkpoint at seq ${seq - 1}`,
              );
            expectedPrev = checkpoint ?? row.prev;
          }
        } else if (seq !== expectedSeq) {
          report(
            seq,
            'gap',
            `${seq - expectedSeq === 1 ? `record ${expectedSeq} is` : `records ${expectedSeq} to ${seq - 1} are`} missing`,
          );
          expectedPrev = row.prev;
        }
        if (row.content === null) {
          if (row.erased_at === null || !row.erasure_requested)
            report(
              seq,
              'tombstone-tampered',
              'its content is gone but no erasure was requested for its consent id',
            );
          if (chainHash(row.prev, row.content_hash) !== row.hash)
            report(seq, 'tombstone-tampered', "the tombstone's content hash or hash was changed");
        } else {
          let edited = sha256Hex(row.content) !== row.content_hash;
          if (!edited) {
            const content = JSON.parse(row.content) as { consentId?: unknown; at?: unknown };
            edited =
              content.consentId !== row.consent_id ||
              typeof content.at !== 'string' ||
              Date.parse(content.at) !== time(row.at);
          }
          if (edited)
            report(seq, 'content-edited', 'its content does not match its content hash or columns');
          else if (chainHash(row.prev, row.content_hash) !== row.hash)
            report(seq, 'hash-mismatch', 'its hash is not sha256(prev + contentHash)');
        }
        if (row.prev !== expectedPrev) {
          const other = await whereIs(row.prev);
          if (other !== undefined && other !== seq - 1)
            report(
              seq,
              'reordered',
              `its prev is the hash of seq ${other}, not of seq ${seq - 1}: records were reordered`,
            );
          else
            report(
              seq,
              'prev-mismatch',
              `its prev does not match the hash of seq ${seq - 1} (that record was rewritten or replaced)`,
            );
        }
        const checkpoint = checkpoints.get(seq);
        if (checkpoint !== undefined && checkpoint !== row.hash)
          report(seq, 'checkpoint-mismatch', 'the checkpoint at this record names another hash');
        expectedSeq = seq + 1;
        expectedPrev = row.hash;
        lastSeq = seq;
      }
      if (page.length < PAGE) break;
      after = Number(page[page.length - 1]?.seq);
    }
    const newestCheckpoint = Math.max(0, ...checkpoints.keys());
    if (expectedSeq === undefined && !pruned.has(newestCheckpoint))
      report(
        null,
        'writer-empty',
        `registered, but has no records${checkpoints.size === 0 ? ' and no checkpoint' : `, and its newest checkpoint (seq ${newestCheckpoint}) was not left by a prune`}: its records were removed`,
      );
    else if (newestCheckpoint > lastSeq && expectedSeq !== undefined)
      report(
        lastSeq + 1,
        'truncated',
        `records after seq ${lastSeq} were removed (a checkpoint names seq ${newestCheckpoint})`,
      );
  }
  return { ok: problems.length === 0, writers: writers.length, records, problems };
}
