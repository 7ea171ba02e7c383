import type { Migration } from './Migration.js';

/**
 * The database keeps the loyalty balance. `loyalty_accounts.balance` and `.stamps` hold what is spendable now and
 * carry `CHECK (… >= 0)`: a trigger on every ledger insert changes them in the same transaction, so no
 * application path can overspend, whatever its clock says. An entry written pending (available later than it
 * was written: a purchase inside the approval window, or the reversal of one) waits in `loyalty_pending` and is
 * posted to the balance when it falls due (see `postDueEntries`). `next_expiry_at` is the earliest moment a lot
 * may expire, so a write folds the history only when expiry may be due.
 *
 * Existing data: the balances are backfilled from the ledger at the migration's time and verified for every
 * account. An account that a concurrency defect once took below zero gets a correcting `adjust` entry back to
 * zero first (keyed `repair:0008:<account>`), since the ledger itself can only be appended to.
 */
export const migration0008LoyaltyBalance: Migration = {
  id: 8,
  name: 'loyalty_balance',
  statements: [
    `ALTER TABLE loyalty_accounts
       ADD COLUMN balance integer NOT NULL DEFAULT 0,
       ADD COLUMN stamps integer NOT NULL DEFAULT 0,
       ADD COLUMN next_expiry_at timestamptz`,
    `CREATE TABLE loyalty_pending (
      entry_id text PRIMARY KEY REFERENCES loyalty_ledger (id),
      account_id text NOT NULL REFERENCES loyalty_accounts (id),
      points integer NOT NULL,
      stamps integer NOT NULL,
      available_at timestamptz NOT NULL
    )`,
    `CREATE INDEX loyalty_pending_due_idx ON loyalty_pending (account_id, available_at)`,
    // Repair before the backfill: an available sum below zero (points or stamps) gets one correcting entry.
    `INSERT INTO loyalty_ledger (id, site_id, account_id, type, points, stamps, reason, idempotency_key, request_hash, created_at, available_at)
     SELECT 'le_repair0008_' || s.account_id, s.site_id, s.account_id, 'adjust', GREATEST(0, -s.points), GREATEST(0, -s.stamps),
       'Correction: balance restored to zero after a concurrency defect', 'repair:0008:' || s.account_id, 'auto', now(), now()
     FROM (SELECT a.id AS account_id, a.site_id, COALESCE(sum(l.points), 0) AS points, COALESCE(sum(l.stamps), 0) AS stamps
           FROM loyalty_accounts a JOIN loyalty_ledger l ON l.account_id = a.id AND l.available_at <= now()
           GROUP BY a.id, a.site_id) s
     WHERE s.points < 0 OR s.stamps < 0`,
    `UPDATE loyalty_accounts a SET balance = s.points, stamps = s.stamps
     FROM (SELECT account_id, sum(points)::integer AS points, sum(stamps)::integer AS stamps
           FROM loyalty_ledger WHERE available_at <= now() GROUP BY account_id) s
     WHERE s.account_id = a.id`,
    `INSERT INTO loyalty_pending (entry_id, account_id, points, stamps, available_at)
     SELECT id, account_id, points, stamps, available_at FROM loyalty_ledger WHERE available_at > now()`,
    // Conservative: the earliest expiry of any lot not yet written off. The first write after it folds the
    // history once and sets the exact moment.
    `UPDATE loyalty_accounts a SET next_expiry_at = s.at
     FROM (SELECT l.account_id, min(l.expires_at) AS at FROM loyalty_ledger l
           WHERE l.points > 0 AND l.expires_at IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM loyalty_ledger x WHERE x.source_entry_id = l.id AND x.type = 'expire')
           GROUP BY l.account_id) s
     WHERE s.account_id = a.id`,
    `DO $verify$
     DECLARE bad integer;
     BEGIN
       SELECT count(*) INTO bad FROM loyalty_accounts a
       WHERE a.balance + COALESCE((SELECT sum(p.points) FROM loyalty_pending p WHERE p.account_id = a.id), 0)
               <> COALESCE((SELECT sum(l.points) FROM loyalty_ledger l WHERE l.account_id = a.id), 0)
          OR a.stamps + COALESCE((SELECT sum(p.stamps) FROM loyalty_pending p WHERE p.account_id = a.id), 0)
               <> COALESCE((SELECT sum(l.stamps) FROM loyalty_ledger l WHERE l.account_id = a.id), 0);
       IF bad > 0 THEN
         RAISE EXCEPTION 'loyalty balance backfill differs from the ledger for % account(s)', bad;
       END IF;
     END
     $verify$`,
    `ALTER TABLE loyalty_accounts
       ADD CONSTRAINT loyalty_accounts_balance_nonnegative CHECK (balance >= 0),
       ADD CONSTRAINT loyalty_accounts_stamps_nonnegative CHECK (stamps >= 0)`,
    `CREATE FUNCTION loyalty_ledger_post() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       IF NEW.available_at > NEW.created_at THEN
         INSERT INTO loyalty_pending (entry_id, account_id, points, stamps, available_at)
         VALUES (NEW.id, NEW.account_id, NEW.points, NEW.stamps, NEW.available_at);
       ELSE
         UPDATE loyalty_accounts SET balance = balance + NEW.points, stamps = stamps + NEW.stamps WHERE id = NEW.account_id;
       END IF;
       IF NEW.points > 0 AND NEW.expires_at IS NOT NULL THEN
         UPDATE loyalty_accounts SET next_expiry_at = LEAST(COALESCE(next_expiry_at, NEW.expires_at), NEW.expires_at)
         WHERE id = NEW.account_id;
       END IF;
       RETURN NULL;
     END
     $fn$`,
    `CREATE TRIGGER loyalty_ledger_post AFTER INSERT ON loyalty_ledger FOR EACH ROW EXECUTE FUNCTION loyalty_ledger_post()`,
  ],
};
