import type { ContactPage } from '@rapport/core';
import { ContactListQuerySchema, ContactPageSchema, ContactSchema, ContactUpsertSchema, ExternalIdSchema } from '@rapport/core/schemas';
import * as z from 'zod/mini';
import { contactOr404, listContacts, toContact } from '../contacts/contactQueries.js';
import { upsertContactFromAdmin } from '../contacts/upsertContactFromAdmin.js';
import { defineRoute } from '../http/defineRoute.js';
import { cursorFromQuery, encodeKeysetCursor } from '../http/keysetCursor.js';
import { API_PATHS } from './apiPaths.js';

const ContactPathSchema = z.strictObject({ externalId: ExternalIdSchema });
const DEFAULT_PAGE_SIZE = 20;

/** `GET /v1/admin/contacts`: contacts of the key's site, newest first, a page at a time. */
export const listContactsRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.contacts.list,
  operationId: 'listContacts',
  summary: 'List contacts, newest first',
  tags: ['admin', 'contacts'],
  query: ContactListQuerySchema,
  responses: { 200: { description: 'A page of contacts', schema: ContactPageSchema } },
  async handle(ctx) {
    const limit = ctx.query.limit ? Number(ctx.query.limit) : DEFAULT_PAGE_SIZE;
    const after = cursorFromQuery(ctx.query.cursor);
    const rows = await listContacts(ctx.db, { siteId: ctx.site.id, limit: limit + 1, after });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const page: ContactPage = {
      items: items.map(toContact),
      nextCursor: rows.length > limit && last ? encodeKeysetCursor({ at: last.created_at, id: last.id }) : null,
    };
    return { status: 200, body: page };
  },
});

/** `GET /v1/admin/contacts/{externalId}`: one known contact. */
export const getContactRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.contacts.one,
  operationId: 'getContact',
  summary: 'Get a known contact by your own user id',
  tags: ['admin', 'contacts'],
  params: ContactPathSchema,
  responses: { 200: { description: 'The contact', schema: ContactSchema } },
  async handle(ctx) {
    return { status: 200, body: toContact(await contactOr404(ctx.db, ctx.site.id, ctx.params.externalId)) };
  },
});

/** `PUT /v1/admin/contacts/{externalId}`: create or update a known contact. */
export const putContactRoute = defineRoute({
  auth: 'admin',
  method: 'PUT',
  path: API_PATHS.contacts.one,
  operationId: 'upsertContact',
  summary: 'Create or update a known contact',
  description: 'Traits are merged into the stored ones; a `null` trait value removes that trait.',
  tags: ['admin', 'contacts'],
  params: ContactPathSchema,
  body: ContactUpsertSchema,
  idempotent: true,
  responses: {
    200: { description: 'The contact was updated', schema: ContactSchema },
    201: { description: 'The contact was created', schema: ContactSchema },
  },
  async handle(ctx) {
    const { row, created } = await ctx.transaction((tx) =>
      upsertContactFromAdmin(tx, { siteId: ctx.site.id, externalId: ctx.params.externalId, changes: ctx.body, now: ctx.now }),
    );
    return { status: created ? 201 : 200, body: toContact(row) };
  },
});
