import {
  ErrorEnvelopeSchema,
  OwnerSettingsSchema,
  StaffIdSchema,
  StaffInputSchema,
  StaffListSchema,
  StaffRemovalSchema,
  StaffSchema,
} from '@rapport/core/schemas';
import * as z from 'zod/mini';
import { defineRoute } from '../http/defineRoute.js';
import { handOverContacts } from '../owners/assignments.js';
import { lockTeam } from '../owners/ownerLocks.js';
import { loadOwnerSettings, saveOwnerSettings } from '../owners/ownerSettings.js';
import { countOwnedContacts, deactivateStaff, listStaff, saveStaff, staffOr404, toStaff } from '../owners/staffQueries.js';
import { API_PATHS } from './apiPaths.js';

const TAGS = ['admin', 'owners'];
const StaffPathSchema = z.strictObject({ staffId: StaffIdSchema });
const NOT_FOUND = { description: 'No such staff member (`not_found`)', schema: ErrorEnvelopeSchema };
const HANDOVER =
  'Deactivating someone hands their contacts to the first active person along their backup chain (their backup, ' +
  "that person's backup, … up to five deep) who is in right now; " +
  'otherwise the contacts are left without an owner, for round-robin or the next first touch (nobody away is ' +
  'ever assigned). Each move is logged as a `handover`.';

/** `GET /v1/admin/staff`. */
export const listStaffRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.owners.staff,
  operationId: 'listStaff',
  summary: 'Every staff member, with their availability now',
  tags: TAGS,
  responses: { 200: { description: 'The staff, by id', schema: StaffListSchema } },
  async handle(ctx) {
    const { site, now } = ctx;
    const [staff, owned] = await Promise.all([listStaff(ctx.db, site.id), countOwnedContacts(ctx.db, site.id)]);
    return { status: 200, body: { items: staff.map((member) => toStaff(member, now, owned.get(member.id) ?? 0)) } };
  },
});

/** `GET /v1/admin/staff/{staffId}`. */
export const getStaffRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.owners.staffMember,
  operationId: 'getStaff',
  summary: 'One staff member',
  tags: TAGS,
  params: StaffPathSchema,
  responses: { 200: { description: 'The staff member', schema: StaffSchema }, 404: NOT_FOUND },
  async handle(ctx) {
    const { site, now, params } = ctx;
    const staff = await staffOr404(ctx.db, site.id, params.staffId);
    const owned = await countOwnedContacts(ctx.db, site.id, staff.id);
    return { status: 200, body: toStaff(staff, now, owned.get(staff.id) ?? 0) };
  },
});

/** `PUT /v1/admin/staff/{staffId}`. */
export const putStaffRoute = defineRoute({
  auth: 'admin',
  method: 'PUT',
  path: API_PATHS.owners.staffMember,
  operationId: 'putStaff',
  summary: 'Create or replace a staff member',
  description:
    'The whole staff member: profile, which fields visitors may see (default: role and response time), weekly hours ' +
    'in their IANA time zone (split shifts; an end at or before the start runs past midnight), holidays, ' +
    'out-of-office, backup (another existing staff member) and response-time promise. ' +
    HANDOVER,
  tags: TAGS,
  params: StaffPathSchema,
  body: StaffInputSchema,
  responses: {
    200: { description: 'Replaced', schema: StaffSchema },
    201: { description: 'Created', schema: StaffSchema },
  },
  async handle(ctx) {
    const { site, params, body } = ctx;
    const { before, after } = await ctx.transaction(async (tx) => {
      await lockTeam(tx, site.id, 'change');
      const saved = await saveStaff(tx, { siteId: site.id, id: params.staffId, staff: body, clock: ctx.clock });
      if (saved.before?.active && !saved.after.active) await handOverContacts(tx, { siteId: site.id, staff: saved.after, clock: ctx.clock });
      return saved;
    });
    const owned = await countOwnedContacts(ctx.db, site.id, after.id);
    return { status: before ? 200 : 201, body: toStaff(after, ctx.clock(), owned.get(after.id) ?? 0) };
  },
});

/** `DELETE /v1/admin/staff/{staffId}`. */
export const removeStaffRoute = defineRoute({
  auth: 'admin',
  method: 'DELETE',
  path: API_PATHS.owners.staffMember,
  operationId: 'removeStaff',
  summary: 'Take a staff member off the team',
  description:
    'Deactivates them (kept, so the assignment history still names them; `PUT` with `active: true` brings them ' +
    `back, owning nobody). ${HANDOVER} Safe to repeat.`,
  tags: TAGS,
  params: StaffPathSchema,
  responses: { 200: { description: 'Deactivated', schema: StaffRemovalSchema }, 404: NOT_FOUND },
  async handle(ctx) {
    const { site, params } = ctx;
    const body = await ctx.transaction(async (tx) => {
      await lockTeam(tx, site.id, 'change');
      const current = await staffOr404(tx, site.id, params.staffId, true);
      const now = ctx.clock();
      const staff = current.active ? { ...current, active: false, updatedAt: now } : current;
      if (current.active) await deactivateStaff(tx, { siteId: site.id, staffId: staff.id, now });
      const handedOver = await handOverContacts(tx, { siteId: site.id, staff, clock: ctx.clock });
      return { staff: toStaff(staff, now, 0), handedOver };
    });
    return { status: 200, body };
  },
});

/** `GET /v1/admin/owner-settings`. */
export const getOwnerSettingsRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.owners.settings,
  operationId: 'getOwnerSettings',
  summary: 'Site-wide owner settings',
  tags: TAGS,
  responses: { 200: { description: 'The settings (defaults until saved)', schema: OwnerSettingsSchema } },
  async handle(ctx) {
    return { status: 200, body: await loadOwnerSettings(ctx.db, ctx.site.id) };
  },
});

/** `PUT /v1/admin/owner-settings`. */
export const putOwnerSettingsRoute = defineRoute({
  auth: 'admin',
  method: 'PUT',
  path: API_PATHS.owners.settings,
  operationId: 'putOwnerSettings',
  summary: 'Write the owner settings',
  description:
    '`roundRobin`: a signed-in contact without an owner is given, on their next bootstrap, to the staff member in ' +
    'right now who was assigned least recently. `measuredResponseTime`: owners whose promise is `measured` show the ' +
    'median time to their first reply to feedback over their last 20 replies of 90 days (their fallback below 3). ' +
    '`teamName`: shown when nobody is in to cover.',
  tags: TAGS,
  body: OwnerSettingsSchema,
  responses: { 200: { description: 'The settings', schema: OwnerSettingsSchema } },
  async handle(ctx) {
    return { status: 200, body: await saveOwnerSettings(ctx.db, { siteId: ctx.site.id, settings: ctx.body, now: ctx.now }) };
  },
});
