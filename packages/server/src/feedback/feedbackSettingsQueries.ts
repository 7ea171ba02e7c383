import type { FeedbackSettings } from '@rapport/core';
import type { SqlExecutor } from '../store/Store.js';

/** The site's feedback settings. */
export async function getFeedbackSettings(db: SqlExecutor, siteId: string): Promise<FeedbackSettings> {
  const { rows } = await db.query<{ days: number }>('SELECT feedback_global_cooldown_days AS days FROM sites WHERE id = $1', [siteId]);
  return { globalCooldownDays: rows[0]?.days ?? 0 };
}

/** Replaces the site's feedback settings and returns them. */
export async function putFeedbackSettings(db: SqlExecutor, siteId: string, settings: FeedbackSettings): Promise<FeedbackSettings> {
  const { rows } = await db.query<{ days: number }>(
    'UPDATE sites SET feedback_global_cooldown_days = $2 WHERE id = $1 RETURNING feedback_global_cooldown_days AS days',
    [siteId, settings.globalCooldownDays],
  );
  return { globalCooldownDays: rows[0]?.days ?? settings.globalCooldownDays };
}
