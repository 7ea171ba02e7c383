import type { SqlExecutor } from '../store/Store.js';
import { loadCurrentCatalog } from './catalogQueries.js';
import { applyPreferenceChange } from './applyPreferenceChange.js';
import { hashPreferenceToken } from './preferenceTokens.js';

interface TokenRow {
  contact_id: string;
  site_id: string;
  unsubscribed_all: boolean;
  identity_secret: string;
  site_created_at: Date;
}

/** The contact an RFC 8058 one-click token names, or `null` for a forged or unknown token. */
export async function findUnsubscribeToken(db: SqlExecutor, token: string): Promise<TokenRow | null> {
  const { rows } = await db.query<TokenRow>(
    `SELECT p.contact_id, p.site_id, p.unsubscribed_all, s.identity_secret, s.created_at AS site_created_at
     FROM contact_preferences p JOIN sites s ON s.id = p.site_id WHERE p.unsubscribe_token_hash = $1`,
    [await hashPreferenceToken(token)],
  );
  return rows[0] ?? null;
}

/**
 * One-click unsubscribe from all marketing. Idempotent: a contact already unsubscribed gets no new event.
 * Returns `null` for an unknown token, otherwise whether this call changed anything.
 */
export async function unsubscribeByToken(tx: SqlExecutor, input: { token: string; now: Date }): Promise<{ changed: boolean } | null> {
  const found = await findUnsubscribeToken(tx, input.token);
  if (!found) return null;
  await tx.query('SELECT 1 FROM contact_preferences WHERE contact_id = $1 FOR UPDATE', [found.contact_id]);
  const catalog = await loadCurrentCatalog(tx, { id: found.site_id, createdAt: found.site_created_at });
  const before = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM consent_events WHERE contact_id = $1', [found.contact_id]);
  await applyPreferenceChange(tx, {
    subject: { siteId: found.site_id, contactId: found.contact_id, secret: found.identity_secret },
    catalog,
    change: { catalogVersion: catalog.version, unsubscribeAll: true },
    source: 'one_click',
    locale: null,
    now: input.now,
  });
  const after = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM consent_events WHERE contact_id = $1', [found.contact_id]);
  return { changed: (after.rows[0]?.n ?? 0) > (before.rows[0]?.n ?? 0) };
}
