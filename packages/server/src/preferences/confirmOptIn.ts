import type { PreferenceState } from '@rapport/core';
import { ApiError } from '../http/ApiError.js';
import type { SqlExecutor } from '../store/Store.js';
import { loadCurrentCatalog } from './catalogQueries.js';
import { findConsentEvent } from './consentLog.js';
import { hashPreferenceToken } from './preferenceTokens.js';
import { choiceKey, toPreferenceState } from './preferenceState.js';
import { lockContactPreferences, recordTransitions } from './recordTransitions.js';

interface ConfirmationRow {
  id: string;
  site_id: string;
  contact_id: string;
  topic_id: string;
  channel: 'email';
  pending_event_id: string;
  server_secret: string;
  site_created_at: Date;
}

/** What {@link confirmOptIn} confirms. */
export interface ConfirmOptInInput {
  /** The token from the link. */
  token: string;
  /** The app's clock, read once the contact is locked (expiry and the event's time are decided then). */
  clock: () => Date;
  /** Accept only a link of this site (the browser route passes its key's site). Default: any site. */
  siteId?: string;
}

function unknownLink(): ApiError {
  return new ApiError(404, 'not_found', 'This confirmation link is unknown, used or expired');
}

/**
 * Confirms a double opt-in from the link in the email: the pending choice turns on, recorded as `granted`
 * through `confirmation_link` with the wording the visitor opted in under. An unknown, used or expired token,
 * or one whose choice was withdrawn meanwhile, is 404.
 */
export async function confirmOptIn(tx: SqlExecutor, input: ConfirmOptInInput): Promise<PreferenceState> {
  const { rows } = await tx.query<ConfirmationRow>(
    `SELECT c.id, c.site_id, c.contact_id, c.topic_id, c.channel, c.pending_event_id, s.server_secret, s.created_at AS site_created_at
     FROM preference_confirmations c JOIN sites s ON s.id = c.site_id
     WHERE c.token_hash = $1 AND ($2::text IS NULL OR c.site_id = $2)`,
    [await hashPreferenceToken(input.token), input.siteId ?? null],
  );
  const row = rows[0];
  if (!row) throw unknownLink();
  const subject = { siteId: row.site_id, contactId: row.contact_id, secret: row.server_secret };
  // The contact's lock first, as every change of theirs takes it: a withdrawal holds it while it revokes this
  // link, so locking the link first could deadlock with it. Whether the link is still open is read after.
  const { raw, now } = await lockContactPreferences(tx, subject, input.clock);
  const link = await tx.query<{ used_at: Date | null; expires_at: Date }>(
    'SELECT used_at, expires_at FROM preference_confirmations WHERE id = $1 FOR UPDATE',
    [row.id],
  );
  const open = link.rows[0];
  if (!open || open.used_at !== null || open.expires_at.getTime() <= now.getTime()) throw unknownLink();
  const pending = await findConsentEvent(tx, row.pending_event_id);
  if (!pending || raw.choices.get(choiceKey(row.topic_id, row.channel)) !== 'pending') throw unknownLink();
  await recordTransitions(tx, {
    subject,
    raw,
    now,
    transitions: [
      {
        action: 'granted',
        topicId: row.topic_id,
        channel: row.channel,
        frequency: null,
        pausedUntil: null,
        source: 'confirmation_link',
        wording: pending.wording,
        wordingHash: pending.wordingHash,
        catalogVersion: pending.catalogVersion,
        locale: pending.locale,
        confirmedAt: now.toISOString(),
      },
    ],
  });
  await tx.query('UPDATE preference_confirmations SET used_at = $2 WHERE id = $1', [row.id, now]);
  const catalog = await loadCurrentCatalog(tx, { id: row.site_id, createdAt: row.site_created_at });
  return toPreferenceState(catalog, raw, now);
}
