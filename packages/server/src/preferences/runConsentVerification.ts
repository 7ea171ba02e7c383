import type { ConsentChainReport } from '@rapport/core';
import type { RapportStore, SqlExecutor } from '../store/Store.js';
import { currentSnapshot, invalidateConsentCheckpoint, readConsentCheckpoint, saveConsentCheckpoint } from './consentCheckpoint.js';
import { fullConsentPass, sampleContactSplits } from './fullConsentPass.js';
import { incrementalConsentPass } from './incrementalConsentPass.js';
import type { WalkState } from './walkConsentEvents.js';

/** Options of a consent-chain verification. */
export interface ConsentVerificationOptions {
  /**
   * Re-read every event of the site even when a checkpoint exists. Only a full pass catches an event rewritten
   * with every trigger disabled; run one on a schedule (e.g. nightly) and on suspicion. Default: `false` (resume
   * from the checkpoint when there is one).
   */
  full?: boolean;
  /**
   * Events per page of a full pass (the database hashes a page in one statement). Default: 2,000 on PostgreSQL
   * (about 10 ms of its time); 250 on PGlite, whose statements run on this process's thread (a page holds the event
   * loop for a few milliseconds).
   */
  pageSize?: number;
  /**
   * Statements a full pass runs at the same time, each on a connection of its own, on a site of at least
   * {@link ConsentVerificationOptions.parallelFrom} events: the site is split into contact ranges (four per
   * statement, so uneven ones still share the work) verified side by side. Default: 2 on PostgreSQL (two of the
   * database's cores, at most, while it runs), 1 elsewhere (PGlite has one connection).
   */
  concurrency?: number;
  /** Events (estimated from a sample of the table) from which a full pass splits the site. Default: 50,000. */
  parallelFrom?: number;
  /**
   * Events checked between two yields to the event loop. Default: 250. A full pass checks a page in the database
   * and counts its events towards this; an incremental pass hashes here, 250 being about a millisecond of it.
   */
  yieldEvery?: number;
  /** Gives the event loop back between slices. Default: a `setImmediate` turn. */
  yieldToLoop?: () => Promise<void>;
  /**
   * Most events (and chains) an incremental pass takes on; with more written since the checkpoint, the pass is a
   * full one, which streams in constant memory. Default: 50,000.
   */
  incrementalLimit?: number;
  /** The clock the checkpoint's time is read from. Default: the system clock. */
  clock?: () => Date;
}

const DEFAULT_PAGE_SIZE = 2_000;
const DEFAULT_PGLITE_PAGE_SIZE = 250;
const DEFAULT_CONCURRENCY = 2;
const RANGES_PER_STATEMENT = 4;
const DEFAULT_PARALLEL_FROM = 50_000;
const DEFAULT_YIELD_EVERY = 250;
const DEFAULT_INCREMENTAL_LIMIT = 50_000;

/** One turn of the event loop: pending I/O callbacks (other requests) run before the walk goes on. */
export const setImmediateYield = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function toReport(state: WalkState, mode: 'full' | 'incremental', checkedSince: Date | null): ConsentChainReport {
  return {
    valid: state.brokenAt === null,
    eventsChecked: state.checked,
    brokenAt: state.brokenAt,
    mode,
    checkedSince: checkedSince?.toISOString() ?? null,
  };
}

/**
 * Verifies a site's consent chains, resuming from its checkpoint when it has one (and `full` is not asked for):
 * only the events written since are read. A successful pass records a new checkpoint (unless an event was
 * rewritten or removed while it ran); a full pass that finds a break drops the checkpoint, so every later call
 * reads everything again and keeps reporting the break. An incremental pass that finds one keeps the old
 * checkpoint, so the next call finds it again.
 */
export async function runConsentVerification(
  db: SqlExecutor,
  siteId: string,
  options: ConsentVerificationOptions = {},
): Promise<ConsentChainReport> {
  const pacing = { yieldEvery: options.yieldEvery ?? DEFAULT_YIELD_EVERY, yieldToLoop: options.yieldToLoop ?? setImmediateYield };
  const clock = options.clock ?? (() => new Date());
  const checkpoint = await readConsentCheckpoint(db, siteId);
  // Taken before the first event is read: the next checkpoint covers what this pass is sure to read.
  const snapshot = await currentSnapshot(db);
  const save = (state: WalkState) =>
    saveConsentCheckpoint(db, { siteId, snapshot, generation: checkpoint.generation, eventsVerified: state.checked, now: clock() });
  if (!options.full && checkpoint.snapshot !== null) {
    const state = await incrementalConsentPass(db, {
      siteId,
      snapshot: checkpoint.snapshot,
      limit: options.incrementalLimit ?? DEFAULT_INCREMENTAL_LIMIT,
      pacing,
    });
    if (state) {
      if (!state.brokenAt) await save(state);
      return toReport(state, 'incremental', checkpoint.verifiedAt);
    }
  }
  // The store's kind when `db` is the store itself (not a transaction or a wrapper): it sets the defaults.
  const kind = (db as Partial<RapportStore>).kind;
  const concurrency = options.concurrency ?? (kind === 'postgres' ? DEFAULT_CONCURRENCY : 1);
  const parts = concurrency > 1 ? concurrency * RANGES_PER_STATEMENT : 1;
  const splits = await sampleContactSplits(db, { siteId, parts, minEvents: options.parallelFrom ?? DEFAULT_PARALLEL_FROM });
  const pageSize = options.pageSize ?? (kind === 'pglite' ? DEFAULT_PGLITE_PAGE_SIZE : DEFAULT_PAGE_SIZE);
  const state = await fullConsentPass(db, { siteId, pageSize, pacing, splits, concurrency });
  if (state.brokenAt) await invalidateConsentCheckpoint(db, { siteId, now: clock() });
  else await save(state);
  return toReport(state, 'full', null);
}
