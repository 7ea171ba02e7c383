import type { ConsentChainReport } from '@rapport/core';
import type { SqlExecutor } from '../store/Store.js';
import { currentSnapshot, invalidateConsentCheckpoint, readConsentCheckpoint, saveConsentCheckpoint } from './consentCheckpoint.js';
import { fullConsentPass } from './fullConsentPass.js';
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
  /** Events per page of a full pass. Default: 2,000. */
  pageSize?: number;
  /** Events hashed between two yields to the event loop. Default: 250 (about a millisecond of hashing). */
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
  const state = await fullConsentPass(db, { siteId, pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE, pacing });
  if (state.brokenAt) await invalidateConsentCheckpoint(db, { siteId, now: clock() });
  else await save(state);
  return toReport(state, 'full', null);
}
