import { VisitorProfileUpdateSchema, VisitorSessionSchema } from '@rapport/core/schemas';
import { toVisitorSession, updateContactSettings } from '../contacts/contactQueries.js';
import { resolveVisitorContact } from '../contacts/resolveVisitorContact.js';
import { defineRoute } from '../http/defineRoute.js';
import { API_PATHS } from './apiPaths.js';

/** `PATCH /v1/visitor/profile`: the visitor's own locale and time zone. */
export const profileRoute = defineRoute({
  auth: 'visitor',
  method: 'PATCH',
  path: API_PATHS.session.profile,
  operationId: 'updateVisitorProfile',
  summary: "Update the visitor's own display settings",
  description: 'Changes only the contact the visitor token names. `null` clears a setting; an absent field keeps it.',
  tags: ['visitor'],
  idempotent: true,
  body: VisitorProfileUpdateSchema,
  responses: { 200: { description: 'The updated visitor session', schema: VisitorSessionSchema } },
  async handle(ctx) {
    const { site, visitor, now, body } = ctx;
    const row = await ctx.transaction(async (tx) => {
      const contact = await resolveVisitorContact(tx, { siteId: site.id, visitor, now });
      const updated = await updateContactSettings(tx, {
        siteId: site.id,
        contactId: contact.id,
        ...(body.locale !== undefined ? { locale: body.locale } : {}),
        ...(body.timeZone !== undefined ? { timeZone: body.timeZone } : {}),
      });
      if (!updated) throw new Error('Contact vanished inside its own transaction');
      return updated;
    });
    return { status: 200, body: toVisitorSession(row) };
  },
});
