import { findContactByExternalId } from '../contacts/contactQueries.js';
import { claimOwner } from '../owners/assignments.js';
import { saveOwnerSettings } from '../owners/ownerSettings.js';
import { normalizeStaffInput } from '../owners/staffQueries.js';
import type { SqlExecutor } from '../store/Store.js';
import { DEMO_OWNERS, DEMO_OWNER_SETTINGS, DEMO_STAFF } from './demoStaff.js';

/**
 * The demo staff, owner settings and the demo contacts' owners, inside the caller's transaction. Idempotent: staff and settings the business has since edited are left alone, and a
 * contact with any assignment history keeps it.
 */
export async function seedDemoOwners(tx: SqlExecutor, input: { siteId: string; now: Date }): Promise<void> {
  const { siteId, now } = input;
  for (const member of DEMO_STAFF) {
    const { profile, active } = normalizeStaffInput(member.input(now));
    await tx.query(
      `INSERT INTO staff (site_id, id, profile, active, created_at, updated_at) VALUES ($1, $2, $3::jsonb, $4, $5, $5)
       ON CONFLICT (site_id, id) DO NOTHING`,
      [siteId, member.id, JSON.stringify(profile), active, now],
    );
  }
  const { rows } = await tx.query('SELECT 1 FROM owner_settings WHERE site_id = $1', [siteId]);
  if (rows.length === 0) await saveOwnerSettings(tx, { siteId, settings: { ...DEMO_OWNER_SETTINGS }, now });
  for (const owner of DEMO_OWNERS) {
    const contact = await findContactByExternalId(tx, siteId, owner.externalId);
    if (!contact) continue;
    const history = await tx.query('SELECT 1 FROM owner_assignments WHERE contact_id = $1 LIMIT 1', [contact.id]);
    if (history.rows.length > 0) continue;
    const by = owner.method === 'first_touch' ? owner.staffId : 'admin';
    await claimOwner(tx, { siteId, contactId: contact.id, staffId: owner.staffId, method: owner.method, by, note: owner.note ?? null, now });
  }
}
