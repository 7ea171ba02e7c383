import type { ConsentChainReport } from '@rapport/core';
import { consentRowHash, type ConsentHashRow } from './consentEventRow.js';

/** A consent event row as a verification page reads it. */
export interface WalkRow extends ConsentHashRow {
  /**
   * Incremental passes only: the stored hash of the event just before this one, when this is the first event of its
   * chain the pass reads (the chain continues from it). Absent or `null` otherwise.
   */
  anchor_hash?: string | null;
}

/** How a walk gives the event loop back, and how often. */
export interface WalkPacing {
  /**
   * Events checked between two calls of `yieldToLoop`: hashed here by a walk; a full pass, which the database
   * hashes, counts each page's events towards it the same way.
   */
  yieldEvery: number;
  /** Gives the event loop back (`setImmediate`), so other requests are answered between slices. */
  yieldToLoop: () => Promise<void>;
}

/** The state a walk carries across pages: the last verified event, the count, the first break. */
export interface WalkState {
  last: { contactId: string; sequence: number; hash: string } | null;
  checked: number;
  sinceYield: number;
  brokenAt: ConsentChainReport['brokenAt'];
}

/** A walk that has seen nothing yet. */
export function newWalkState(): WalkState {
  return { last: null, checked: 0, sinceYield: 0, brokenAt: null };
}

/**
 * Verifies `rows` (ordered by contact, then sequence) on from `state`: each event's sequence follows the previous
 * one of its chain (1 for a chain's first), it names the previous event's hash, and its own hash matches its
 * content. Stops at the first break (`state.brokenAt`); gives the event loop back every `pacing.yieldEvery` events.
 */
export async function walkConsentEvents(rows: readonly WalkRow[], state: WalkState, pacing: WalkPacing): Promise<void> {
  for (const row of rows) {
    const previous =
      state.last?.contactId === row.contact_id
        ? state.last
        : row.anchor_hash != null
          ? { sequence: row.sequence - 1, hash: row.anchor_hash }
          : null;
    const expectedSequence = previous ? previous.sequence + 1 : 1;
    const expectedPrevious = previous ? previous.hash : null;
    state.checked += 1;
    const { hash } = row;
    if (row.sequence !== expectedSequence || row.previous_hash !== expectedPrevious || consentRowHash(row) !== hash) {
      state.brokenAt = { eventId: row.id, contactId: row.contact_id, sequence: row.sequence };
      return;
    }
    state.last = { contactId: row.contact_id, sequence: row.sequence, hash };
    state.sinceYield += 1;
    if (state.sinceYield >= pacing.yieldEvery) {
      state.sinceYield = 0;
      await pacing.yieldToLoop();
    }
  }
}
