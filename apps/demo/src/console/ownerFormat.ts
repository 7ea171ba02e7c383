import type { AssignmentMethod, Availability, Staff } from '@rapport/core';

const instant = (timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' });
const calendarDay = (timeZone: string) => new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone });

/**
 * Whether a staff member is in, as text, with the instants in their own time zone ("Away · back Mon 30 Nov,
 * 09:00 GMT"): the console says the same thing the visitor's badge does, from the server's computation.
 */
export function availabilityText(availability: Availability, timeZone: string): string {
  const at = (iso: string) => instant(timeZone).format(new Date(iso));
  if (availability.state === 'available') return availability.until ? `Available until ${at(availability.until)}` : 'Available';
  const back = availability.nextAvailableAt ? `back ${at(availability.nextAvailableAt)}` : 'no hours in the next two weeks';
  if (availability.state === 'out_of_office') {
    const until = availability.returnDate ? ` until ${calendarDay(timeZone).format(new Date(availability.returnDate))}` : '';
    return `Out of office${until} · ${back}`;
  }
  return `${availability.state === 'holiday' ? 'On holiday' : 'Away'} · ${back}`;
}

const METHODS: Record<AssignmentMethod, string> = {
  first_touch: 'First touch',
  round_robin: 'Round-robin',
  manual: 'Manual',
  handover: 'Hand-over',
};

/** "First touch", "Round-robin", "Manual", "Hand-over". */
export const methodText = (method: AssignmentMethod): string => METHODS[method];

/** "Samuel Rivera (Sam R.)": the name, and the alias visitors see instead when there is one. */
export const staffName = (staff: Pick<Staff, 'displayName' | 'alias'>): string =>
  staff.alias ? `${staff.displayName} (${staff.alias})` : staff.displayName;

/** Who made an assignment: a staff member's name, the business (secret key), or the system. */
export function byText(by: string, staff: readonly Staff[] | undefined): string {
  if (by === 'admin') return 'The business (admin)';
  if (by === 'system') return 'System';
  const member = staff?.find((s) => s.id === by);
  return member ? member.displayName : by;
}
