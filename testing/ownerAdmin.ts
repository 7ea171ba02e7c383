import type { OwnerSettings, Staff, StaffInput, TouchResult } from '@rapport/core';
import { admin, type AdminTarget } from './admin.js';

type Hours = NonNullable<StaffInput['weeklyHours']>;

const WORKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

/** 09:00–12:30 and 13:30–17:30, Monday to Friday (in the staff member's own time zone). */
export const HOURS_WITH_LUNCH: Hours = WORKDAYS.flatMap((day) => [
  { day, start: '09:00', end: '12:30' },
  { day, start: '13:30', end: '17:30' },
]);

/** 09:00–17:00, Monday to Friday. */
export const OFFICE_HOURS: Hours = WORKDAYS.map((day) => ({ day, start: '09:00', end: '17:00' }));

/** Creates or replaces a staff member (`PUT /v1/admin/staff/{id}`). Test-only. */
export function putStaff(server: AdminTarget, id: string, input: StaffInput): Promise<Staff> {
  return admin(server, `/staff/${id}`, { method: 'PUT', body: input });
}

/** Records a staff member's reply to a contact (`POST /v1/admin/touches`): the first one makes them the owner. Test-only. */
export function touch(server: AdminTarget, externalId: string, staffId: string): Promise<TouchResult> {
  return admin(server, '/touches', { method: 'POST', body: { externalId, staffId, kind: 'reply' } });
}

/** Replaces the site's owner settings (`PUT /v1/admin/owner-settings`); round-robin off unless given. Test-only. */
export function putOwnerSettings(server: AdminTarget, settings: Partial<OwnerSettings> = {}): Promise<OwnerSettings> {
  return admin(server, '/owner-settings', { method: 'PUT', body: { roundRobin: false, measuredResponseTime: false, teamName: null, ...settings } });
}
