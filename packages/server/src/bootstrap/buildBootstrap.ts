import type { BootstrapResponse, WidgetName } from '@rapport/core';
import type { BootstrapSlotInput } from '../contacts/BootstrapSlotInput.js';
import { toVisitorSession, type ContactRow } from '../contacts/contactQueries.js';
import { loadFeedbackSlot } from '../feedback/loadFeedbackSlot.js';
import { loadLoyaltySlot } from '../loyalty/loadLoyaltySlot.js';
import { loadOwnerSlot } from '../owners/loadOwnerSlot.js';
import { loadPreferencesSlot } from '../preferences/loadPreferencesSlot.js';
import { toPublicSite, type SiteRecord } from '../sites/siteQueries.js';
import type { SqlExecutor } from '../store/Store.js';

/**
 * Longest a built bootstrap is reused, in milliseconds, even when nothing was written and no known instant passed:
 * the backstop for what time changes that the slots do not report (a loyalty reward becoming available, a measured
 * response time's window moving on).
 */
export const BOOTSTRAP_MAX_AGE_MS = 60_000;

/** What {@link buildBootstrap} is given. */
export interface BuildBootstrapInput {
  db: SqlExecutor;
  /** Runs `fn` in a transaction of its own (the loyalty and owner slots take one when they have something to write). */
  transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) => Promise<T>;
  site: SiteRecord;
  contact: ContactRow;
  /** The token of a new anonymous visitor, returned in `visitor.anonymousToken`. */
  anonymousToken?: string;
  now: Date;
  clock: () => Date;
}

/** A built bootstrap and until when time alone leaves it unchanged (epoch ms). */
export interface BuiltBootstrap {
  body: BootstrapResponse;
  expiresAt: number;
}

const at = (instant: string | null | undefined) => (instant ? Date.parse(instant) : Number.POSITIVE_INFINITY);

/**
 * The bootstrap's answer for a resolved contact: the site, the visitor and each enabled widget's slot, one after the
 * other in this order; and the first instant after `now` at which time alone would change it.
 */
export async function buildBootstrap(input: BuildBootstrapInput): Promise<BuiltBootstrap> {
  const { site, contact, now } = input;
  let expiresAt = now.getTime() + BOOTSTRAP_MAX_AGE_MS;
  const changesAt = (instant: number) => {
    if (instant > now.getTime() && instant < expiresAt) expiresAt = instant;
  };
  const slot: BootstrapSlotInput = { site, contact, now, clock: input.clock, changesAt };
  const on = (widget: WidgetName) => site.enabledWidgets.includes(widget);
  const feedback = on('feedback') ? await loadFeedbackSlot(input.db, slot) : null;
  const preferences = on('preferences') ? await loadPreferencesSlot(input.db, slot) : null;
  const loyalty = on('loyalty') ? await loadLoyaltySlot(input, slot) : null;
  const owner = on('owner') ? await loadOwnerSlot(input.db, { ...slot, transaction: input.transaction }) : null;
  changesAt(at(preferences?.state?.pausedUntil));
  changesAt(at(owner?.refreshAt));
  const body: BootstrapResponse = {
    site: toPublicSite(site),
    visitor: { ...toVisitorSession(contact), ...(input.anonymousToken ? { anonymousToken: input.anonymousToken } : {}) },
    widgets: { feedback, preferences, loyalty, owner },
  };
  return { body, expiresAt };
}
