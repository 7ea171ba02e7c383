import type { OwnerVisibleField, Staff, StaffInput } from '@rapport/core';

/** The parts of a staff member the console's editor changes; the rest of the profile is kept as it is. */
export type StaffDraft = Pick<Staff, 'timeZone' | 'weeklyHours' | 'holidays' | 'outOfOffice' | 'backupStaffId' | 'responseTime' | 'visibleFields'>;

export const toDraft = (staff: Staff): StaffDraft => ({
  timeZone: staff.timeZone,
  weeklyHours: staff.weeklyHours,
  holidays: staff.holidays,
  outOfOffice: staff.outOfOffice,
  backupStaffId: staff.backupStaffId,
  responseTime: staff.responseTime,
  visibleFields: staff.visibleFields,
});

const present = <T>(value: T | null): T | undefined => value ?? undefined;

/** The whole staff member for `PUT /v1/admin/staff/{id}` (PUT replaces): the stored profile with the draft on top. */
export function toStaffInput(staff: Staff, draft: StaffDraft): StaffInput {
  return {
    displayName: staff.displayName,
    alias: present(staff.alias),
    role: present(staff.role),
    photoUrl: present(staff.photoUrl),
    email: present(staff.email),
    phone: present(staff.phone),
    chatUrl: present(staff.chatUrl),
    meetingUrl: present(staff.meetingUrl),
    active: staff.active,
    ...draft,
    visibleFields: draft.visibleFields as OwnerVisibleField[],
  };
}

/** True for an IANA time zone this browser knows. */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value !== '';
  } catch {
    return false;
  }
}

/** The offset of `timeZone` from UTC at `at` (ms), read with Intl. */
function offsetAt(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - (at - (at % 1000));
}

/** `YYYY-MM-DD` of the instant `iso` in `timeZone`. */
export function dateIn(iso: string | number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The instant (ISO) a local date starts in `timeZone`: the out-of-office runs from and until midnight there. */
export function midnightIn(date: string, timeZone: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day);
  const first = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(first, timeZone)).toISOString();
}

/** `date` plus `days` (`YYYY-MM-DD`, calendar arithmetic). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
