import type { OwnerSettings } from '@rapport/core/schemas';
import type { SqlExecutor } from '../store/Store.js';

/** Settings of a site that never saved any: no round-robin, fixed response times, no team name. */
export const DEFAULT_OWNER_SETTINGS: OwnerSettings = { roundRobin: false, measuredResponseTime: false, teamName: null };

interface SettingsRow {
  round_robin: boolean;
  measured_response_time: boolean;
  team_name: string | null;
}

/**
 * A site's owner settings. With `lock`, locks the settings row (when there is one) until the transaction ends:
 * round-robin takes it so concurrent assignments see each other and stay fair.
 */
export async function loadOwnerSettings(db: SqlExecutor, siteId: string, lock = false): Promise<OwnerSettings> {
  const { rows } = await db.query<SettingsRow>(
    `SELECT round_robin, measured_response_time, team_name FROM owner_settings WHERE site_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [siteId],
  );
  const row = rows[0];
  if (!row) return DEFAULT_OWNER_SETTINGS;
  return { roundRobin: row.round_robin, measuredResponseTime: row.measured_response_time, teamName: row.team_name };
}

/** Replaces a site's owner settings. */
export async function saveOwnerSettings(db: SqlExecutor, input: { siteId: string; settings: OwnerSettings; now: Date }): Promise<OwnerSettings> {
  const { settings } = input;
  await db.query(
    `INSERT INTO owner_settings (site_id, round_robin, measured_response_time, team_name, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (site_id) DO UPDATE SET round_robin = EXCLUDED.round_robin,
       measured_response_time = EXCLUDED.measured_response_time, team_name = EXCLUDED.team_name, updated_at = EXCLUDED.updated_at`,
    [input.siteId, settings.roundRobin, settings.measuredResponseTime, settings.teamName, input.now],
  );
  return settings;
}
