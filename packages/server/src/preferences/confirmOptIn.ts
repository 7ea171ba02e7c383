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
  identity_secret: string;
  site_created_at: Date;
}

/** What {@link confirmOptIn} confirms. */
export interface ConfirmOptInInput {
  /** The token from the link. */
  token: string;
  now: Date;
  /** Accept only a link of this site (the browser route passes its key's site). Default: any site. */
  siteId?: string;
}

/**
 * Confirms a double opt-in from the link in the email: the pending choice turns on, recorded as `granted`
 * through `confirmation_link` with the wording the visitor opted in under. An unknown, used or expired token,
 * or one whose choice was withdrawn meanwhile, is 404.
 */
export async function confirmOptIn(tx: SqlExecutor, input: ConfirmOptInInput): Promise<PreferenceState> {
  const { now } = input;
  const { rows } = await tx.query<ConfirmationRow>(
    `SELECT c.id, c.site_id, c.contact_id, c.topic_id, c.channel, c.pending_event_id, s.identity_secret, s.created_at AS site_created_at
     FROM preference_confirmations c JOIN sites s ON s.id = c.site_id
     WHERE c.token_hash = $1 AND c.used_at IS NULL AND c.expires_at > $2 AND ($3::text IS NULL OR c.site_id = $3)
     FOR UPDATE OF c`,
    [await hashPreferenceToken(input.token), now, input.siteId ?? null],
  );
  const row = rows[0];
  if (!row) throw new ApiError(404, 'not_found', 'This confirmation link is unknown, used or expired');
  const subject = { siteId: row.site_id, contactId: row.contact_id, secret: row.identity_secret };
  const raw = await lockContactPreferences(tx, subject, now);
  const pending = await findConsentEvent(tx, row.pending_event_id);
  if (!pending || raw.choices.get(choiceKey(row.topic_id, row.channel)) !== 'pending') {
    throw new ApiError(404, 'not_found', 'This confirmation link is unknown, used or expired');
  }
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
