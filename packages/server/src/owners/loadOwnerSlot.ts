import type { Availability, OwnerBootstrap, OwnerSettings } from '@rapport/core/schemas';
import type { BootstrapSlotInput } from '../contacts/BootstrapSlotInput.js';
import type { SqlExecutor } from '../store/Store.js';
import { findCurrentOwner } from './assignments.js';
import { assignRoundRobin } from './assignRoundRobin.js';
import { computeAvailability } from './computeAvailability.js';
import { findCoveringBackup } from './findCoveringBackup.js';
import { loadOwnerSettings } from './ownerSettings.js';
import { measuredResponseMinutes, resolveResponseTime } from './responseTime.js';
import { findStaff, scheduleOf, type StaffRecord } from './staffQueries.js';
import { toPublicOwner } from './toPublicOwner.js';

/** The instants an availability changes at. */
function changesOf(availability: Availability): number[] {
  return [availability.until, availability.nextAvailableAt, availability.returnDate].flatMap((at) => (at ? [Date.parse(at)] : []));
}

async function publicView(tx: SqlExecutor, siteId: string, staff: StaffRecord, settings: OwnerSettings, now: Date) {
  const measured =
    settings.measuredResponseTime && staff.responseTime?.mode === 'measured'
      ? await measuredResponseMinutes(tx, { siteId, staffIds: [staff.id], now })
      : new Map<string, number>();
  return toPublicOwner(staff, { siteId, responseTime: resolveResponseTime(staff, settings, measured) });
}

async function loadOwner(tx: SqlExecutor, siteId: string, contactId: string): Promise<StaffRecord | null> {
  const current = await findCurrentOwner(tx, contactId);
  const staff = current ? await findStaff(tx, siteId, current.staff_id) : null;
  return staff?.active ? staff : null;
}

/**
 * The bootstrap's owner slot, and the body of `GET /v1/visitor/owner`: the contact's owner as visitors may see
 * them, whether they are in, and who covers when not (the first one in along their backup chain, see
 * {@link findCoveringBackup}; when nobody is, `null` and the widget shows the team). A signed-in contact without
 * an owner is first offered to round-robin (when the site turned it on); an anonymous visitor only has an owner a
 * staff member's reply gave them.
 * The caller decides whether the site has the owner widget on. Run it in a transaction, or give `input.transaction`
 * (round-robin then takes its own): round-robin takes the team's lock, and availability is computed for the clock's
 * time once the owner is settled (after those locks).
 */
export async function loadOwnerSlot(tx: SqlExecutor, input: BootstrapSlotInput): Promise<OwnerBootstrap> {
  const { site, contact, clock } = input;
  const settings = await loadOwnerSettings(tx, site.id);
  const team = settings.teamName ? { name: settings.teamName } : null;
  let staff = await loadOwner(tx, site.id, contact.id);
  const signedIn = contact.external_id !== null;
  const assign = (db: SqlExecutor) => assignRoundRobin(db, { siteId: site.id, contactId: contact.id, clock });
  if (!staff && settings.roundRobin && signedIn && (await (input.transaction ? input.transaction(assign) : assign(tx)))) {
    staff = await loadOwner(tx, site.id, contact.id);
  }
  const now = clock();
  if (!staff) return { enabled: true, owner: null, availability: null, covering: null, team, refreshAt: null };

  const availability = computeAvailability(scheduleOf(staff), now);
  const changes = changesOf(availability);
  let covering: OwnerBootstrap['covering'] = null;
  if (availability.state !== 'available') {
    const { cover, looked } = await findCoveringBackup(tx, site.id, staff, now);
    for (const link of looked) changes.push(...changesOf(link.availability));
    if (cover) covering = { owner: await publicView(tx, site.id, cover.staff, settings, now), availability: cover.availability };
  }
  const next = changes.filter((at) => at > now.getTime()).sort((a, b) => a - b)[0];
  return {
    enabled: true,
    owner: await publicView(tx, site.id, staff, settings, now),
    availability,
    covering,
    team,
    refreshAt: next === undefined ? null : new Date(next).toISOString(),
  };
}
