import { ContactListQuerySchema, ContactPageSchema, ContactSchema, ContactUpsertSchema } from '@rapport/core/schemas';
import type * as z from 'zod/mini';
import { operation, type MethodsFor, type AdminCallOptions, type AdminWriteOptions, type QueryInput } from './AdminOperation.js';
import type { AdminCall } from './createAdminCall.js';
import { paginate } from './paginate.js';

const CONTACTS = '/v1/admin/contacts';

/** The contact operations, by SDK method name. */
export const contactsOperations = {
  list: operation({ operationId: 'listContacts', method: 'GET', path: CONTACTS, query: ContactListQuerySchema, response: ContactPageSchema, retry: 'read' }),
  get: operation({ operationId: 'getContact', method: 'GET', path: `${CONTACTS}/{externalId}`, response: ContactSchema, retry: 'read' }),
  upsert: operation({
    operationId: 'upsertContact',
    method: 'PUT',
    path: `${CONTACTS}/{externalId}`,
    body: ContactUpsertSchema,
    response: ContactSchema,
    retry: 'key',
  }),
} as const;

/** Query of `contacts.list` and `contacts.all`. */
export type ContactListQuery = QueryInput<typeof ContactListQuerySchema>;

/** Contacts as your system knows them, by your own user id (`externalId`). */
export function createContactsAdmin(call: AdminCall) {
  const ops = contactsOperations;
  return {
    /** A page of contacts, newest first (`GET /v1/admin/contacts`). */
    list: (query: ContactListQuery = {}, options?: AdminCallOptions) => call(ops.list, { query }, options),
    /** Every contact, following `nextCursor` page by page. */
    all: (query: Omit<ContactListQuery, 'cursor'> = {}, options?: AdminCallOptions) =>
      paginate((cursor) => call(ops.list, { query: { ...query, cursor } }, options), (page) => page.items),
    /** One contact (`GET /v1/admin/contacts/{externalId}`). */
    get: (externalId: string, options?: AdminCallOptions) => call(ops.get, { params: { externalId } }, options),
    /** Creates or updates a contact: traits merged, `null` removes one (`PUT /v1/admin/contacts/{externalId}`). */
    upsert: (externalId: string, contact: z.input<typeof ContactUpsertSchema>, options?: AdminWriteOptions) =>
      call(ops.upsert, { params: { externalId }, body: contact }, options),
  } satisfies MethodsFor<typeof ops>;
}
