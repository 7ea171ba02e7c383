import {
  ContactOwnerSchema,
  ErrorEnvelopeSchema,
  ExternalIdSchema,
  OwnerAssignmentInputSchema,
  OwnerContactRequestGroupsSchema,
  StaffContactRequestsSchema,
  StaffIdSchema,
  TouchResultSchema,
  TouchSchema,
} from '@rapport/core/schemas';
import * as z from 'zod/mini';
import { contactOr404 } from '../contacts/contactQueries.js';
import { ApiError } from '../http/ApiError.js';
import { defineRoute } from '../http/defineRoute.js';
import { findCurrentOwner, readContactOwner, setOwner } from '../owners/assignments.js';
import { computeAvailability } from '../owners/computeAvailability.js';
import { findOrCreateContact } from '../owners/findOrCreateContact.js';
import { firstTouch } from '../owners/firstTouch.js';
import { groupContactRequestsByOwner, listStaffContactRequests } from '../owners/ownerContactRequests.js';
import { lockContactOwners, lockTeam } from '../owners/ownerLocks.js';
import { isAvailableNow, scheduleOf, staffOr404, staffOr422 } from '../owners/staffQueries.js';
import { toFeedbackResponse } from '../feedback/responseQueries.js';
import { API_PATHS } from './apiPaths.js';

const TAGS = ['admin', 'owners'];
const ContactPathSchema = z.strictObject({ externalId: ExternalIdSchema });
const NO_CONTACT = { description: 'No contact with this external id (`not_found`)', schema: ErrorEnvelopeSchema };

/** `POST /v1/admin/touches`. */
export const recordTouchRoute = defineRoute({
  auth: 'admin',
  method: 'POST',
  path: API_PATHS.owners.touches,
  operationId: 'recordOwnerTouch',
  summary: 'A staff member replied to or served a contact (first touch owns)',
  description:
    'The first touch of a contact without an owner makes that staff member the owner (201, logged as `first_touch`). ' +
    'Later touches change nothing (200, `already_owned`); so does a touch by someone inactive or not in right now ' +
    '(200, `staff_unavailable`): nobody away is assigned. The contact is created when missing. Safe to repeat.',
  tags: TAGS,
  body: TouchSchema,
  responses: {
    200: { description: 'Nothing assigned; `reason` says why', schema: TouchResultSchema },
    201: { description: 'The staff member is now the owner', schema: TouchResultSchema },
  },
  async handle(ctx) {
    const { site, body } = ctx;
    const result = await ctx.transaction(async (tx) => {
      await lockTeam(tx, site.id, 'assign');
      const staff = await staffOr422(tx, site.id, body.staffId, ['staffId']);
      const row = await findOrCreateContact(tx, { siteId: site.id, externalId: body.externalId, now: ctx.clock() });
      const outcome = await firstTouch(tx, { siteId: site.id, contactId: row.id, staffId: staff.id, clock: ctx.clock });
      return { ...outcome, contact: await readContactOwner(tx, { siteId: site.id, contact: row, now: ctx.clock() }) };
    });
    return { status: result.assigned ? 201 : 200, body: result };
  },
});

/** `GET /v1/admin/contacts/{externalId}/owner`. */
export const getContactOwnerRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.owners.contactOwner,
  operationId: 'getContactOwner',
  summary: 'A contact’s owner and every assignment (who, when, how, by whom)',
  tags: TAGS,
  params: ContactPathSchema,
  responses: { 200: { description: 'The owner (`null` when none) and the history, oldest first', schema: ContactOwnerSchema }, 404: NO_CONTACT },
  async handle(ctx) {
    const { site, now, params } = ctx;
    const contact = await contactOr404(ctx.db, site.id, params.externalId);
    return { status: 200, body: await readContactOwner(ctx.db, { siteId: site.id, contact, now }) };
  },
});

/** `PUT /v1/admin/contacts/{externalId}/owner`. */
export const putContactOwnerRoute = defineRoute({
  auth: 'admin',
  method: 'PUT',
  path: API_PATHS.owners.contactOwner,
  operationId: 'putContactOwner',
  summary: 'Reassign a contact by hand',
  description:
    'Logged as `manual`, by `by` (a staff id) or `admin`, with the note. A staff member who is inactive or not in ' +
    'right now (between shifts, on holiday, out of office) is refused with 409 `owner_unavailable`: nobody away is ' +
    'assigned; try again when they are in. Naming the current owner changes nothing. The contact is created when missing.',
  tags: TAGS,
  params: ContactPathSchema,
  body: OwnerAssignmentInputSchema,
  responses: {
    200: { description: 'The owner and the history', schema: ContactOwnerSchema },
    409: { description: 'The staff member is not available now (`owner_unavailable`)', schema: ErrorEnvelopeSchema },
  },
  async handle(ctx) {
    const { site, params, body } = ctx;
    const result = await ctx.transaction(async (tx) => {
      // The team lock first: the staff member is then read as committed (a change to them waits for the lock).
      await lockTeam(tx, site.id, 'assign');
      const staff = await staffOr422(tx, site.id, body.staffId, ['staffId']);
      if (body.by !== undefined) await staffOr422(tx, site.id, body.by, ['by']);
      const row = await findOrCreateContact(tx, { siteId: site.id, externalId: params.externalId, now: ctx.clock() });
      await lockContactOwners(tx, [row.id]);
      const current = await findCurrentOwner(tx, row.id, true);
      const now = ctx.clock();
      if (current?.staff_id !== staff.id) {
        if (!isAvailableNow(staff, now)) {
          const state = staff.active ? computeAvailability(scheduleOf(staff), now).state : 'inactive';
          throw new ApiError(409, 'owner_unavailable', `${staff.displayName} is not available now (${state}); nobody away is assigned`);
        }
        await setOwner(tx, { siteId: site.id, contactId: row.id, staffId: staff.id, method: 'manual', by: body.by ?? 'admin', note: body.note ?? null, now });
      }
      return readContactOwner(tx, { siteId: site.id, contact: row, now });
    });
    return { status: 200, body: result };
  },
});

/** `GET /v1/admin/staff/{staffId}/contact-requests`. */
export const staffContactRequestsRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.owners.staffContactRequests,
  operationId: 'listStaffContactRequests',
  summary: 'Open “contact me” requests of the contacts a staff member owns',
  description:
    'Detractors who asked to be contacted (not resolved yet), newest first, at most 200. A request an anonymous ' +
    'visitor made before signing in counts for the contact they became.',
  tags: TAGS,
  params: z.strictObject({ staffId: StaffIdSchema }),
  responses: {
    200: { description: 'The requests', schema: StaffContactRequestsSchema },
    404: { description: 'No such staff member (`not_found`)', schema: ErrorEnvelopeSchema },
  },
  async handle(ctx) {
    const { site, params } = ctx;
    const staff = await staffOr404(ctx.db, site.id, params.staffId);
    const rows = await listStaffContactRequests(ctx.db, site.id, staff.id);
    return { status: 200, body: { staffId: staff.id, items: rows.map(toFeedbackResponse) } };
  },
});

/** `GET /v1/admin/owners/contact-requests`. */
export const ownerContactRequestsRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.owners.contactRequests,
  operationId: 'listContactRequestsByOwner',
  summary: 'Open “contact me” requests, grouped by owner',
  description: 'One group per active staff member (by id, empty ones too), then the unowned contacts’ group (`staffId` `null`).',
  tags: TAGS,
  responses: { 200: { description: 'The groups', schema: OwnerContactRequestGroupsSchema } },
  async handle(ctx) {
    return { status: 200, body: await groupContactRequestsByOwner(ctx.db, ctx.site.id) };
  },
});
