import type { StaffInput } from '@rapport/core/schemas';

const WORKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const DAY_MS = 86_400_000;

/** One demo staff member: their id and profile, given the time of the first seeding. */
export interface DemoStaffMember {
  id: string;
  input: (now: Date) => StaffInput;
}

/**
 * Northwind's three owners, in three time zones: Maya in London (office hours with a lunch break), Sam in New
 * York, and Kenji in Tokyo on an evening shift that runs past midnight, out of office around the first seeding
 * with Sam covering.
 */
export const DEMO_STAFF: readonly DemoStaffMember[] = [
  {
    id: 'maya',
    input: () => ({
      displayName: 'Maya Patel',
      role: 'Your coffee concierge',
      email: 'maya@northwind.example',
      phone: '+44 20 7946 0018',
      meetingUrl: 'https://cal.northwind.example/maya',
      timeZone: 'Europe/London',
      weeklyHours: WORKDAYS.flatMap((day) => [
        { day, start: '09:00', end: '12:30' },
        { day, start: '13:30', end: '17:30' },
      ]),
      holidays: [
        { date: '2026-12-25', label: 'Christmas Day' },
        { date: '2026-12-26', label: 'Boxing Day' },
        { date: '2027-01-01', label: 'New Year’s Day' },
      ],
      backupStaffId: 'sam',
      responseTime: { mode: 'fixed', minutes: 120 },
      visibleFields: ['role', 'email', 'meeting', 'responseTime'],
    }),
  },
  {
    id: 'sam',
    input: () => ({
      displayName: 'Samuel Rivera',
      alias: 'Sam R.',
      role: 'Wholesale specialist',
      email: 'sam@northwind.example',
      phone: '+1 212 555 0142',
      chatUrl: 'https://chat.northwind.example/sam',
      timeZone: 'America/New_York',
      weeklyHours: WORKDAYS.map((day) => ({ day, start: '08:00', end: '16:00' })),
      holidays: [{ date: '2026-11-26', label: 'Thanksgiving' }],
      backupStaffId: 'maya',
      responseTime: { mode: 'measured', fallbackMinutes: 180 },
      visibleFields: ['role', 'chat', 'responseTime'],
    }),
  },
  {
    id: 'kenji',
    input: (now) => ({
      displayName: 'Kenji Watanabe',
      role: 'Evening support',
      email: 'kenji@northwind.example',
      timeZone: 'Asia/Tokyo',
      weeklyHours: WORKDAYS.map((day) => ({ day, start: '18:00', end: '02:00' })),
      outOfOffice: {
        from: new Date(now.getTime() - 2 * DAY_MS).toISOString(),
        until: new Date(now.getTime() + 5 * DAY_MS).toISOString(),
        note: 'Visiting our growers in Huila',
      },
      backupStaffId: 'sam',
      responseTime: { mode: 'fixed', minutes: 240 },
    }),
  },
];

/** Who owns the demo contacts, and how they came to. */
export const DEMO_OWNERS: ReadonlyArray<{ externalId: string; staffId: string; method: 'first_touch' | 'manual'; note?: string }> = [
  { externalId: 'user_ada', staffId: 'maya', method: 'first_touch' },
  { externalId: 'user_grace', staffId: 'sam', method: 'manual', note: 'Wholesale account' },
];

/** The demo site's owner settings. */
export const DEMO_OWNER_SETTINGS = { roundRobin: true, measuredResponseTime: true, teamName: 'The Northwind team' } as const;
