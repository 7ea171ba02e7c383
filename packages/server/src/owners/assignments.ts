import type { Assignment, AssignmentMethod, ContactOwner } from '@rapport/core/schemas';
import { newId } from '../crypto/random.js';
import type { SqlExecutor } from '../store/Store.js';
import { emitOwnerAssigned } from '../webhooks/emitOwnerEvents.js';
import { computeAvailability } from './computeAvailability.js';
import { findCoveringBackup } from './findCoveringBackup.js';
import { findStaff, scheduleOf, type StaffRecord } from './staffQueries.js';

/** Who made an assignment: a staff id, `admin` (secret key) or `system`. */
export type AssignedBy = string;

/** One assignment to record. `staffId` `null` leaves the contact without an owner (hand-over only). */
export interface AssignmentInput {
  siteId: string;
  /** The contact being assigned. */
  contactId: string;
  /** The new owner; `null` leaves the contact without one. */
  staffId: string | null;
  /** How it came about. */
  method: AssignmentMethod;
  /** Who made it. */
  by: AssignedBy;
  /** Why, in the business's words. Default: none. */
  note?: string | null;
  /** When; recorded as the assignment's time. */
  now: Date;
}

interface AssignmentRow {
  id: string;
  staff_id: string | null;
  method: AssignmentMethod;
  assigned_by: string;
  note: string | null;
  created_at: Date;
}

/** A contact's current owner row. */
export interface CurrentOwnerRow {
  staff_id: string;
  assignment_id: string;
  assigned_at: Date;
}

const toAssignment = (row: AssignmentRow): Assignment => ({
  id: row.id,
  staffId: row.staff_id,
  method: row.method,
  by: row.assigned_by,
  at: row.created_at.toISOString(),
  note: row.note,
});

async function appendAssignment(tx: SqlExecutor, id: string, input: AssignmentInput): Promise<void> {
  await tx.query(
    `INSERT INTO owner_assignments (id, site_id, contact_id, staff_id, method, assigned_by, note, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, input.siteId, input.contactId, input.staffId, input.method, input.by, input.note ?? null, input.now],
  );
}

/** The contact's owner now, or `null`. */
export async function findCurrentOwner(db: SqlExecutor, contactId: string, lock = false): Promise<CurrentOwnerRow | null> {
  const { rows } = await db.query<CurrentOwnerRow>(
    `SELECT staff_id, assignment_id, assigned_at FROM contact_owners WHERE contact_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [contactId],
  );
  return rows[0] ?? null;
}

/**
 * Makes `staffId` the owner of a contact that has none, and logs it. Returns false (and writes nothing) when
 * the contact already has an owner: the primary key decides between concurrent claims. The owner row and its
 * log line go in together; the database refuses a current owner whose assignment is not in the log. A claim writes
 * its `owner.assigned` webhook event in the same transaction.
 */
export async function claimOwner(tx: SqlExecutor, input: AssignmentInput & { staffId: string }): Promise<boolean> {
  const id = newId('oa');
  const { rows } = await tx.query(
    `INSERT INTO contact_owners (contact_id, site_id, staff_id, assignment_id, assigned_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (contact_id) DO NOTHING RETURNING contact_id`,
    [input.contactId, input.siteId, input.staffId, id, input.now],
  );
  if (rows.length === 0) return false;
  await appendAssignment(tx, id, input);
  await emitOwnerAssigned(tx, ownerChange(input, null));
  return true;
}

function ownerChange(input: AssignmentInput, previousOwnerId: string | null) {
  const { siteId, contactId, staffId: ownerId, method, by, now } = input;
  return { siteId, contactId, ownerId, previousOwnerId, method, by, now };
}

/**
 * Sets (or, with `staffId` `null`, clears) a contact's owner whatever it was, and logs it; when the owner really
 * changed, writes the `owner.assigned` webhook event in the same transaction.
 */
export async function setOwner(tx: SqlExecutor, input: AssignmentInput): Promise<void> {
  const id = newId('oa');
  let previous: { staff_id: string | null }[];
  if (input.staffId === null) {
    ({ rows: previous } = await tx.query<{ staff_id: string }>('DELETE FROM contact_owners WHERE contact_id = $1 RETURNING staff_id', [input.contactId]));
  } else {
    ({ rows: previous } = await tx.query<{ staff_id: string | null }>(
      `WITH before AS (SELECT staff_id FROM contact_owners WHERE contact_id = $1)
       INSERT INTO contact_owners (contact_id, site_id, staff_id, assignment_id, assigned_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (contact_id) DO UPDATE SET staff_id = EXCLUDED.staff_id, assignment_id = EXCLUDED.assignment_id,
         assigned_at = EXCLUDED.assigned_at
       RETURNING (SELECT staff_id FROM before) AS staff_id`,
      [input.contactId, input.siteId, input.staffId, id, input.now],
    ));
  }
  await appendAssignment(tx, id, input);
  await emitOwnerAssigned(tx, ownerChange(input, previous[0]?.staff_id ?? null));
}

/** Every assignment of a contact, oldest first. */
export async function assignmentHistory(db: SqlExecutor, contactId: string): Promise<Assignment[]> {
  const { rows } = await db.query<AssignmentRow>(
    'SELECT id, staff_id, method, assigned_by, note, created_at FROM owner_assignments WHERE contact_id = $1 ORDER BY seq',
    [contactId],
  );
  return rows.map(toAssignment);
}

/** The admin view of a contact's owner and assignment history. */
export async function readContactOwner(
  db: SqlExecutor,
  input: { siteId: string; contact: { id: string; external_id: string | null }; now: Date },
): Promise<ContactOwner> {
  const { contact, now } = input;
  const history = await assignmentHistory(db, contact.id);
  const current = await findCurrentOwner(db, contact.id);
  const staff = current ? await findStaff(db, input.siteId, current.staff_id) : null;
  const assignment = current ? history.find((entry) => entry.id === current.assignment_id) : undefined;
  return {
    contactId: contact.id,
    externalId: contact.external_id,
    owner:
      current && staff && assignment
        ? {
            staffId: staff.id,
            displayName: staff.displayName,
            method: assignment.method,
            by: assignment.by,
            assignedAt: current.assigned_at.toISOString(),
            availability: computeAvailability(scheduleOf(staff), now),
          }
        : null,
    history,
  };
}

/**
 * Hands the contacts of a staff member who left (deactivated) to the first active backup in now along their
 * backup chain (their backup, that person's backup, … see {@link findCoveringBackup}); when nobody is in, the
 * contacts go back to having no owner (round-robin or the next first touch picks them up). Nobody away is ever
 * handed anyone. Each move is logged as a `handover` by `system`.
 *
 * The caller holds the team lock exclusively (`lockTeam(tx, siteId, 'change')`), so no assignment runs meanwhile; the
 * contacts' owner rows are locked here, and the time is read after that, so the backup is judged at the moment
 * the contacts move.
 */
export async function handOverContacts(
  tx: SqlExecutor,
  input: { siteId: string; staff: StaffRecord; clock: () => Date },
): Promise<{ toBackup: number; unowned: number }> {
  const { siteId, staff } = input;
  const { rows } = await tx.query<{ contact_id: string }>(
    'SELECT contact_id FROM contact_owners WHERE site_id = $1 AND staff_id = $2 ORDER BY contact_id FOR UPDATE',
    [siteId, staff.id],
  );
  const now = input.clock();
  const { cover } = await findCoveringBackup(tx, siteId, staff, now);
  const target = cover?.staff.id ?? null;
  const note = !target
    ? `${staff.id} left the team; no backup in`
    : target === staff.backupStaffId
      ? `${staff.id} left the team; handed to their backup`
      : `${staff.id} left the team; handed to ${target}, next in the backup chain`;
  for (const { contact_id: contactId } of rows) {
    await setOwner(tx, { siteId, contactId, staffId: target, method: 'handover', by: 'system', note, now });
  }
  return target ? { toBackup: rows.length, unowned: 0 } : { toBackup: 0, unowned: rows.length };
}
