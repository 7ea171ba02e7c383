import type { SiteRecord } from '../sites/siteQueries.js';
import type { SqlExecutor } from '../store/Store.js';
import type { ContactRow } from './contactQueries.js';

/**
 * What each widget's slot loader of the bootstrap is given, one shape for all: `load<X>Slot(tx, input)`
 * (`loadFeedbackSlot`, `loadPreferencesSlot`, `loadLoyaltySlot`, `loadOwnerSlot`). The caller decides whether the
 * site has the widget on, and whether `tx` is a transaction (the loaders that take locks need one).
 */
export interface BootstrapSlotInput {
  /** The site of the request (from the publishable key). */
  site: SiteRecord;
  /** The visitor's contact, resolved from their verified token (never from the request). */
  contact: ContactRow;
  /** When the request arrived: for what no lock guards (which surveys are open, whether a pause is over). */
  now: Date;
  /** The app's clock, read again after a lock (the account's, the team's) for the decision that lock guards. */
  clock: () => Date;
  /**
   * Told each future instant (epoch ms) at which time alone changes the slot's answer (a cooldown ending, a survey
   * opening or closing, a pause ending): the bootstrap cache keeps an answer only until the earliest. Default: none.
   */
  changesAt?: (at: number) => void;
  /**
   * Runs a write in a transaction of its own. When given, a loader reads outside any transaction and opens one only
   * when it has something to write (the owner slot's round-robin assignment). Default: none (writes run on `db`).
   */
  transaction?: <T>(fn: (tx: SqlExecutor) => Promise<T>) => Promise<T>;
}
