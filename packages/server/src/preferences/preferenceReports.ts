import type { Channel, PreferenceCatalog } from '@rapport/core';
import type { OptInRateSchema, PendingConfirmationSchema } from '@rapport/core/schemas';
import type * as z from 'zod/mini';
import type { KeysetPosition } from '../http/keysetCursor.js';
import type { SqlExecutor } from '../store/Store.js';
import { derivePreferenceToken } from './preferenceTokens.js';

type PendingConfirmation = z.infer<typeof PendingConfirmationSchema>;
type OptInRate = z.infer<typeof OptInRateSchema>;

/**
 * Open double opt-ins of a site, oldest first, with their link tokens (derived again: never stored): at most `limit`
 * (default 1,000) after the keyset position `after`, one range on preference_confirmations_open_idx. Each item also
 * carries its `id` and `at` (creation time), the position for the next page.
 */
export async function listPendingConfirmations(
  db: SqlExecutor,
  input: { siteId: string; secret: string; now: Date; limit?: number; after?: KeysetPosition | null },
): Promise<Array<PendingConfirmation & { id: string; at: Date }>> {
  const { rows } = await db.query<{
    id: string;
    topic_id: string;
    channel: Channel;
    contact_id: string;
    external_id: string | null;
    email: string | null;
    created_at: Date;
    expires_at: Date;
  }>(
    `SELECT c.id, c.topic_id, c.channel, c.contact_id, k.external_id, k.traits->>'email' AS email, c.created_at, c.expires_at
     FROM preference_confirmations c JOIN contacts k ON k.id = c.contact_id
     WHERE c.site_id = $1 AND c.used_at IS NULL AND c.expires_at > $2
       AND ($3::timestamptz IS NULL OR (c.created_at, c.id) > ($3::timestamptz, $4::text))
     ORDER BY c.created_at, c.id LIMIT $5`,
    [input.siteId, input.now, input.after?.at ?? null, input.after?.id ?? null, input.limit ?? 1000],
  );
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      at: row.created_at,
      token: await derivePreferenceToken(input.secret, 'confirm', row.id),
      topicId: row.topic_id,
      channel: row.channel,
      contactId: row.contact_id,
      externalId: row.external_id,
      email: row.email,
      createdAt: row.created_at.toISOString(),
      expiresAt: row.expires_at.toISOString(),
    })),
  );
}

/**
 * Opt-in rate of every marketing topic × channel of the catalog: contacts who opted in (`on`) over the site's
 * known contacts. Required topics are not opt-ins and are left out.
 */
export async function loadOptInRates(db: SqlExecutor, input: { siteId: string; catalog: PreferenceCatalog }): Promise<OptInRate[]> {
  const counts = await db.query<{ topic_id: string; channel: string; opted_in: number; pending: number }>(
    `SELECT topic_id, channel, count(*) FILTER (WHERE state = 'on')::int AS opted_in, count(*) FILTER (WHERE state = 'pending')::int AS pending
     FROM preference_choices WHERE site_id = $1 GROUP BY topic_id, channel`,
    [input.siteId],
  );
  const known = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM contacts WHERE site_id = $1 AND external_id IS NOT NULL',
    [input.siteId],
  );
  const contacts = known.rows[0]?.n ?? 0;
  const byKey = new Map(counts.rows.map((row) => [`${row.topic_id} ${row.channel}`, row]));
  return input.catalog.topics
    .filter((topic) => !topic.required)
    .flatMap((topic) =>
      topic.channels.map((channel) => {
        const row = byKey.get(`${topic.id} ${channel}`);
        const optedIn = row?.opted_in ?? 0;
        return { topicId: topic.id, channel, optedIn, pending: row?.pending ?? 0, contacts, rate: contacts === 0 ? null : optedIn / contacts };
      }),
    );
}
