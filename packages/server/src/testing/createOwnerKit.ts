import type { ContactOwner, OwnerBootstrap, OwnerSettings, Staff, StaffInput, TouchResult } from '@rapport/core/schemas';
import { ContactOwnerSchema, OwnerBootstrapSchema, StaffSchema, TouchResultSchema } from '@rapport/core/schemas';
import type { CreatedSite } from '../sites/createSite.js';
import { createTestSite, type CallOptions, type Harness } from './testHarness.js';

const WORKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

/** London office hours with a lunch break: 09:00–12:30 and 13:30–17:30, Monday to Friday. */
export const LONDON_HOURS: NonNullable<StaffInput['weeklyHours']> = WORKDAYS.flatMap((day) => [
  { day, start: '09:00', end: '12:30' },
  { day, start: '13:30', end: '17:30' },
]);

/** 09:00–17:00, Monday to Friday. */
export const OFFICE_HOURS: NonNullable<StaffInput['weeklyHours']> = WORKDAYS.map((day) => ({ day, start: '09:00', end: '17:00' }));

/** A staff member in London, office hours with lunch, showing only the defaults unless overridden. */
export function staffInput(overrides: Partial<StaffInput> = {}): StaffInput {
  return { displayName: 'Maya Patel', role: 'Account manager', timeZone: 'Europe/London', weeklyHours: LONDON_HOURS, ...overrides };
}

/** Helpers for contact-owner tests on one site. */
export interface OwnerKit {
  site: CreatedSite;
  /** A call to `/v1/admin<path>` with the site's secret key. */
  admin(path: string, options?: CallOptions): Promise<Response>;
  /** A known visitor's token, valid for years of test-clock time. */
  visitor(externalId: string): Promise<string>;
  /** `PUT /v1/admin/staff/{id}`, expecting 200 or 201. */
  putStaff(id: string, input: StaffInput): Promise<Staff>;
  /** `PUT /v1/admin/owner-settings`. */
  settings(settings: Partial<OwnerSettings>): Promise<void>;
  /** `GET /v1/visitor/owner` with `token`, expecting 200: the parsed slot and the raw text on the wire. */
  owner(token: string): Promise<{ slot: OwnerBootstrap; raw: string }>;
  /** `POST /v1/admin/touches`, expecting 200 or 201. */
  touch(externalId: string, staffId: string, kind?: 'reply' | 'served'): Promise<TouchResult & { status: number }>;
  /** `PUT /v1/admin/contacts/{externalId}/owner`. */
  assign(externalId: string, body: { staffId: string; note?: string; by?: string }): Promise<Response>;
  /** `GET /v1/admin/contacts/{externalId}/owner`, expecting 200. */
  contactOwner(externalId: string): Promise<ContactOwner>;
}

async function expectOk(response: Response, what: string): Promise<unknown> {
  if (response.status !== 200 && response.status !== 201) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** Builds an {@link OwnerKit} over a new test site (every widget on). */
export async function createOwnerKit(h: Harness): Promise<OwnerKit> {
  const site = await createTestSite(h.store);
  const kit: OwnerKit = {
    site,
    admin: (path, options = {}) => h.call(`/v1/admin${path}`, { publishableKey: null, bearer: site.secretKey, ...options }),
    visitor: (externalId) => h.tokenFor(site, externalId, { expiresInSeconds: 10 * 365 * 86_400 }),
    async putStaff(id, input) {
      return StaffSchema.parse(await expectOk(await kit.admin(`/staff/${id}`, { method: 'PUT', body: input }), `putStaff ${id}`));
    },
    async settings(settings) {
      const body = { roundRobin: false, measuredResponseTime: false, teamName: null, ...settings };
      await expectOk(await kit.admin('/owner-settings', { method: 'PUT', body }), 'settings');
    },
    async owner(token) {
      const response = await h.call('/v1/visitor/owner', { site, bearer: token });
      const raw = await response.text();
      if (response.status !== 200) throw new Error(`owner answered ${response.status}: ${raw}`);
      return { slot: OwnerBootstrapSchema.parse(JSON.parse(raw)), raw };
    },
    async touch(externalId, staffId, kind = 'reply') {
      const response = await kit.admin('/touches', { method: 'POST', body: { externalId, staffId, kind } });
      return { ...TouchResultSchema.parse(await expectOk(response, 'touch')), status: response.status };
    },
    assign: (externalId, body) => kit.admin(`/contacts/${encodeURIComponent(externalId)}/owner`, { method: 'PUT', body }),
    async contactOwner(externalId) {
      return ContactOwnerSchema.parse(await expectOk(await kit.admin(`/contacts/${encodeURIComponent(externalId)}/owner`), 'contactOwner'));
    },
  };
  return kit;
}
