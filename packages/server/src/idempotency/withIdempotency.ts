import { ApiError } from '../http/ApiError.js';
import type { IsolationLevel, RapportStore, SqlExecutor } from '../store/Store.js';

/** How long a key replays its response by default (24 h); after that it may be used again, and may be pruned. */
export const IDEMPOTENCY_RETENTION_SECONDS = 86_400;

/** Identifies one idempotent write. */
export interface IdempotentRequest {
  siteId: string;
  /** Who is writing (e.g. `visitor:known:ada`, `admin`): a key never replays another principal's response. */
  scope: string;
  /** The client's `Idempotency-Key`. */
  key: string;
  /** Hash of what was asked (method, path, body): the same key with a different request is a conflict. */
  requestHash: string;
  /** The clock, read once the key row is held: a request that waited for another with the same key decides at its own time. */
  clock: () => Date;
  /** Isolation of the transaction the write runs in. Default: read committed. */
  isolation?: IsolationLevel;
  /** After this many seconds a key may be used again for a new request. Default: 86400 (24 h). */
  retentionSeconds?: number;
}

/** The response stored for a key. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

interface KeyRow {
  request_hash: string;
  status_code: number | null;
  response_body: unknown;
  created_at: Date;
}

/**
 * Runs a write at most once per (site, scope, key). The key row is inserted first, in the same transaction
 * as the write, so the primary key decides the race: a concurrent request with the same key waits for the
 * first to commit and then replays its response (or runs, if the first rolled back). The same key with a
 * different request is a 422 `idempotency_conflict`. A write that throws stores nothing, so it can be retried.
 */
export async function withIdempotency(
  store: RapportStore,
  request: IdempotentRequest,
  execute: (tx: SqlExecutor) => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  const retentionMs = (request.retentionSeconds ?? IDEMPOTENCY_RETENTION_SECONDS) * 1000;
  const ids = [request.siteId, request.scope, request.key];

  async function runAndRecord(tx: SqlExecutor): Promise<StoredResponse & { replayed: boolean }> {
    const response = await execute(tx);
    await tx.query(
      `UPDATE idempotency_keys SET status_code = $4, response_body = $5::jsonb
       WHERE site_id = $1 AND scope = $2 AND key = $3`,
      [...ids, response.status, JSON.stringify(response.body ?? null)],
    );
    return { ...response, replayed: false };
  }

  return store.transaction(
    async (tx) => {
      // Twice at most: a key past its retention may be pruned between the insert that found it and the lock.
      for (let attempt = 1; ; attempt += 1) {
        // The insert waits for a concurrent holder of the key; the time is read once it returns.
        const inserted = await tx.query(
          `INSERT INTO idempotency_keys (site_id, scope, key, request_hash, created_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (site_id, scope, key) DO NOTHING RETURNING key`,
          [...ids, request.requestHash, request.clock()],
        );
        if (inserted.rows.length > 0) return runAndRecord(tx);

        const { rows } = await tx.query<KeyRow>(
          `SELECT request_hash, status_code, response_body, created_at FROM idempotency_keys
           WHERE site_id = $1 AND scope = $2 AND key = $3 FOR UPDATE`,
          ids,
        );
        const existing = rows[0];
        if (!existing) {
          if (attempt < 2) continue;
          throw new Error('Idempotency key vanished between insert and select');
        }
        const now = request.clock();
        if (existing.created_at.getTime() + retentionMs <= now.getTime()) {
          await tx.query(
            `UPDATE idempotency_keys SET request_hash = $4, created_at = $5, status_code = NULL, response_body = NULL
             WHERE site_id = $1 AND scope = $2 AND key = $3`,
            [...ids, request.requestHash, now],
          );
          return runAndRecord(tx);
        }
        if (existing.request_hash !== request.requestHash) {
          throw new ApiError(
            422,
            'idempotency_conflict',
            'This Idempotency-Key was already used for a different request; use a new key for a new request',
          );
        }
        if (existing.status_code === null) throw new Error('Idempotency key committed without a response');
        return { status: existing.status_code, body: existing.response_body, replayed: true };
      }
    },
    { isolation: request.isolation ?? 'read committed' },
  );
}
