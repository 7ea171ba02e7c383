import {
  WEEKDAYS,
  type OwnerVisibleField,
  type ResponseTime,
  type Staff,
  type StaffInput,
  type ValidationIssue,
  type Weekday,
} from '@rapport/core/schemas';
import { ApiError, validationFailed } from '../http/ApiError.js';
import type { SqlExecutor } from '../store/Store.js';
import { computeAvailability, type Schedule } from './computeAvailability.js';

/** What visitors see besides the name when the business says nothing. */
export const DEFAULT_VISIBLE_FIELDS: readonly OwnerVisibleField[] = ['role', 'responseTime'];

/** A staff member's profile as stored (`staff.profile`): the input with its defaults filled in. */
export interface StaffProfile {
  displayName: string;
  alias: string | null;
  role: string | null;
  photoUrl: string | null;
  email: string | null;
  phone: string | null;
  chatUrl: string | null;
  meetingUrl: string | null;
  timeZone: string;
  weeklyHours: Array<{ day: Weekday; start: string; end: string }>;
  holidays: Array<{ date: string; label?: string }>;
  outOfOffice: { from: string; until: string; note?: string } | null;
  backupStaffId: string | null;
  responseTime: ResponseTime | null;
  visibleFields: OwnerVisibleField[];
}

/** A staff member as the server holds them. */
export interface StaffRecord extends StaffProfile {
  id: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

interface StaffRow {
  id: string;
  profile: StaffProfile;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

const toRecord = (row: StaffRow): StaffRecord => ({
  ...row.profile,
  id: row.id,
  active: row.active,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The input with defaults filled in, shifts naming their day, holidays sorted and instants normalised. */
export function normalizeStaffInput(input: StaffInput): { profile: StaffProfile; active: boolean } {
  const ooo = input.outOfOffice ?? null;
  const profile: StaffProfile = {
    displayName: input.displayName,
    alias: input.alias ?? null,
    role: input.role ?? null,
    photoUrl: input.photoUrl ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    chatUrl: input.chatUrl ?? null,
    meetingUrl: input.meetingUrl ?? null,
    timeZone: input.timeZone,
    weeklyHours: (input.weeklyHours ?? []).map((shift) => ({
      day: typeof shift.day === 'number' ? (WEEKDAYS[shift.day] as Weekday) : shift.day,
      start: shift.start,
      end: shift.end,
    })),
    holidays: [...(input.holidays ?? [])].sort((a, b) => a.date.localeCompare(b.date)),
    outOfOffice: ooo
      ? { from: new Date(ooo.from).toISOString(), until: new Date(ooo.until).toISOString(), ...(ooo.note ? { note: ooo.note } : {}) }
      : null,
    backupStaffId: input.backupStaffId ?? null,
    responseTime: input.responseTime ?? null,
    visibleFields: [...(input.visibleFields ?? DEFAULT_VISIBLE_FIELDS)],
  };
  return { profile, active: input.active ?? true };
}

/** The part of a staff member {@link computeAvailability} reads. */
export function scheduleOf(staff: StaffProfile): Schedule {
  return { timeZone: staff.timeZone, weeklyHours: staff.weeklyHours, holidays: staff.holidays, outOfOffice: staff.outOfOffice };
}

/** True when the staff member is active and inside a shift at `now`: the only people anything is assigned to. */
export function isAvailableNow(staff: StaffRecord, now: Date): boolean {
  return staff.active && computeAvailability(scheduleOf(staff), now).state === 'available';
}

/** The admin view of a staff member. */
export function toStaff(staff: StaffRecord, now: Date, ownedContacts: number): Staff {
  const { createdAt, updatedAt, ...rest } = staff;
  return {
    ...rest,
    availability: computeAvailability(scheduleOf(staff), now),
    ownedContacts,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

/** One staff member of a site, optionally locked for update. */
export async function findStaff(db: SqlExecutor, siteId: string, id: string, lock = false): Promise<StaffRecord | null> {
  const { rows } = await db.query<StaffRow>(
    `SELECT id, profile, active, created_at, updated_at FROM staff WHERE site_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [siteId, id],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

/** {@link findStaff}, or 404 `not_found`. */
export async function staffOr404(db: SqlExecutor, siteId: string, id: string, lock = false): Promise<StaffRecord> {
  const staff = await findStaff(db, siteId, id, lock);
  if (!staff) throw new ApiError(404, 'not_found', `No staff member "${id}"`);
  return staff;
}

/** A staff member named in a request body, or 422 with an issue at `path`. */
export async function staffOr422(db: SqlExecutor, siteId: string, id: string, path: string[]): Promise<StaffRecord> {
  const staff = await findStaff(db, siteId, id);
  if (!staff) throw validationFailed([{ path, message: `No staff member "${id}"`, code: 'custom' }]);
  return staff;
}

/** Every staff member of a site, by id. */
export async function listStaff(db: SqlExecutor, siteId: string): Promise<StaffRecord[]> {
  const { rows } = await db.query<StaffRow>(
    'SELECT id, profile, active, created_at, updated_at FROM staff WHERE site_id = $1 ORDER BY id',
    [siteId],
  );
  return rows.map(toRecord);
}

/** How many contacts each staff member of a site owns. */
export async function countOwnedContacts(db: SqlExecutor, siteId: string, staffId?: string): Promise<Map<string, number>> {
  const { rows } = await db.query<{ staff_id: string; n: number }>(
    `SELECT staff_id, count(*)::int AS n FROM contact_owners WHERE site_id = $1 AND ($2::text IS NULL OR staff_id = $2)
     GROUP BY staff_id`,
    [siteId, staffId ?? null],
  );
  return new Map(rows.map((row) => [row.staff_id, row.n]));
}

/** Rules the schema cannot express: the backup is someone else who exists. */
async function checkBackup(tx: SqlExecutor, siteId: string, id: string, profile: StaffProfile): Promise<void> {
  const backup = profile.backupStaffId;
  if (backup === null) return;
  const issues: ValidationIssue[] = [];
  if (backup === id) issues.push({ path: ['backupStaffId'], message: 'A staff member cannot be their own backup', code: 'custom' });
  else if (!(await findStaff(tx, siteId, backup))) {
    issues.push({ path: ['backupStaffId'], message: `No staff member "${backup}"`, code: 'custom' });
  }
  if (issues.length > 0) throw validationFailed(issues);
}

/**
 * Creates or replaces a staff member, inside the caller's transaction (which holds the team lock exclusively).
 * Returns the record before (`null` when new) and after, so the caller can hand over the contacts of someone
 * who has just been deactivated. The time is read once the staff member's row is locked.
 */
export async function saveStaff(
  tx: SqlExecutor,
  input: { siteId: string; id: string; staff: StaffInput; clock: () => Date },
): Promise<{ before: StaffRecord | null; after: StaffRecord }> {
  const { profile, active } = normalizeStaffInput(input.staff);
  await checkBackup(tx, input.siteId, input.id, profile);
  const before = await findStaff(tx, input.siteId, input.id, true);
  const now = input.clock();
  const { rows } = await tx.query<StaffRow>(
    `INSERT INTO staff (site_id, id, profile, active, created_at, updated_at) VALUES ($1, $2, $3::jsonb, $4, $5, $5)
     ON CONFLICT (site_id, id) DO UPDATE SET profile = EXCLUDED.profile, active = EXCLUDED.active, updated_at = EXCLUDED.updated_at
     RETURNING id, profile, active, created_at, updated_at`,
    [input.siteId, input.id, JSON.stringify(profile), active, now],
  );
  return { before, after: toRecord(rows[0] as StaffRow) };
}

/** Takes a staff member off the team (kept, so the assignment history still names them); `now` is the change's time. */
export async function deactivateStaff(tx: SqlExecutor, input: { siteId: string; staffId: string; now: Date }): Promise<void> {
  await tx.query('UPDATE staff SET active = false, updated_at = $3 WHERE site_id = $1 AND id = $2', [input.siteId, input.staffId, input.now]);
}
