import type { SqlExecutor } from '../store/Store.js';
import { loadCurrentCatalog } from './catalogQueries.js';
import { applyPreferenceChange } from './applyPreferenceChange.js';
import { hashPreferenceToken } from './preferenceTokens.js';

interface TokenRow {
  contact_id: string;
  site_id: string;
  unsubscribed_all: boolean;
  server_secret: string;
  site_created_at: Date;
}

/** The contact an RFC 8058 one-click token names, or `null` for a forged or unknown token. */
export async function findUnsubscribeToken(db: SqlExecutor, token: string): Promise<TokenRow | null> {
  const { rows } = await db.query<TokenRow>(
    `SELECT p.contact_id, p.site_id, p.unsubscribed_all, s.server_secret, s.created_at AS site_created_at
     FROM contact_preferences p JOIN sites s ON s.id = p.site_id WHERE p.unsubscribe_token_hash = $1`,
    [await hashPreferenceToken(token)],
  );
  return rows[0] ?? null;
}

/**
 * One-click unsubscribe from all marketing. Idempotent: a contact already unsubscribed gets no new event.
 * Returns `null` for an unknown token, otherwise whether this call changed anything. `clock` is read once the
 * contact is locked, so a click that waited for another change is recorded after it.
 */
export async function unsubscribeByToken(
  tx: SqlExecutor,
  input: { token: string; clock: () => Date },
): Promise<{ changed: boolean } | null> {
  const found = await findUnsubscribeToken(tx, input.token);
  if (!found) return null;
  const held = await tx.query<{ unsubscribed_all: boolean }>(
    'SELECT unsubscribed_all FROM contact_preferences WHERE contact_id = $1 FOR UPDATE',
    [found.contact_id],
  );
  const catalog = await loadCurrentCatalog(tx, { id: found.site_id, createdAt: found.site_created_at });
  await applyPreferenceChange(tx, {
    subject: { siteId: found.site_id, contactId: found.contact_id, secret: found.server_secret },
    catalog,
    change: { catalogVersion: catalog.version, unsubscribeAll: true },
    source: 'one_click',
    locale: null,
    clock: input.clock,
  });
  // Read under the lock: only a contact not yet unsubscribed gets the `unsubscribed_all` event.
  return { changed: held.rows[0]?.unsubscribed_all !== true };
}
