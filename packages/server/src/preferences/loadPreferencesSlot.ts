import type { PreferencesBootstrap } from '@rapport/core';
import type { BootstrapSlotInput } from '../contacts/BootstrapSlotInput.js';
import type { SqlExecutor } from '../store/Store.js';
import { loadCurrentCatalog } from './catalogQueries.js';
import { loadRawPreferences, toPreferenceState } from './preferenceState.js';

/**
 * The bootstrap's preferences slot: the current catalog, and the visitor's choices when signed in (an anonymous
 * visitor has no one to reach, so no choices).
 */
export async function loadPreferencesSlot(db: SqlExecutor, input: BootstrapSlotInput): Promise<PreferencesBootstrap> {
  const { site, contact, now } = input;
  const catalog = await loadCurrentCatalog(db, site);
  const state = contact.external_id === null ? null : toPreferenceState(catalog, await loadRawPreferences(db, contact.id), now);
  return { enabled: true, catalog, state };
}
