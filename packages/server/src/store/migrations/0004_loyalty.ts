import { appendOnlyTable } from './appendOnlyTable.js';
import type { Migration } from './Migration.js';

/**
 * Loyalty: program versions per site, one account per contact, the append-only ledger (unique idempotency
 * key per site; the database refuses UPDATE, DELETE and TRUNCATE) and redemptions.
 */
export const migration0004Loyalty: Migration = {
  id: 4,
  name: 'loyalty',
  statements: [
    `CREATE TABLE loyalty_programs (
      site_id text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      version integer NOT NULL CHECK (version >= 1),
      config jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (site_id, version)
    )`,
    `CREATE TABLE loyalty_accounts (
      id text PRIMARY KEY,
      site_id text NOT NULL REFERENCES sites (id),
      contact_id text NOT NULL UNIQUE REFERENCES contacts (id),
      joined_at timestamptz NOT NULL,
      birthday text CHECK (birthday ~ '^[0-9]{2}-[0-9]{2}$'),
      referral_code text NOT NULL,
      celebrations_seen_at timestamptz,
      CONSTRAINT loyalty_accounts_referral_unique UNIQUE (site_id, referral_code)
    )`,
    `CREATE TABLE loyalty_ledger (
      id text PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      site_id text NOT NULL REFERENCES sites (id),
      account_id text NOT NULL REFERENCES loyalty_accounts (id),
      type text NOT NULL CHECK (type IN ('earn', 'redeem', 'expire', 'reverse', 'adjust')),
      points integer NOT NULL,
      stamps integer NOT NULL DEFAULT 0,
      reason text NOT NULL,
      celebration text CHECK (celebration IN ('welcome', 'birthday', 'anniversary')),
      idempotency_key text NOT NULL,
      request_hash text NOT NULL,
      source_entry_id text REFERENCES loyalty_ledger (id),
      clamped_from integer,
      created_at timestamptz NOT NULL,
      available_at timestamptz NOT NULL,
      expires_at timestamptz,
      CONSTRAINT loyalty_ledger_key_unique UNIQUE (site_id, idempotency_key),
      CONSTRAINT loyalty_ledger_sign CHECK (
        (type = 'earn' AND points >= 0) OR (type IN ('redeem', 'expire', 'reverse') AND points <= 0) OR type = 'adjust')
    )`,
    `CREATE INDEX loyalty_ledger_account_idx ON loyalty_ledger (account_id, seq)`,
    // Money-like history: the database itself refuses to change or remove it, whatever the application does.
    ...appendOnlyTable('loyalty_ledger'),
    `CREATE TABLE loyalty_redemptions (
      id text PRIMARY KEY,
      site_id text NOT NULL REFERENCES sites (id),
      account_id text NOT NULL REFERENCES loyalty_accounts (id),
      entry_id text NOT NULL UNIQUE REFERENCES loyalty_ledger (id),
      reward_id text NOT NULL,
      reward_name text NOT NULL,
      code text NOT NULL,
      instruction text,
      balance_after integer NOT NULL CHECK (balance_after >= 0),
      created_at timestamptz NOT NULL
    )`,
  ],
};
