import {
  ConsentChainReportSchema,
  ConsentEventListQuerySchema,
  ConsentEventSchema,
  ConsentVerifyQuerySchema,
  ContactPreferencesSchema,
  OptInRatesSchema,
  PendingConfirmationListQuerySchema,
  PendingConfirmationListSchema,
  PreferenceCatalogInputSchema,
  PreferenceCatalogSchema,
  PreferenceChangeSchema,
  PreferenceStateSchema,
} from '@rapport/core/schemas';
import * as z from 'zod/mini';
import { operation, type MethodsFor, type AdminCallOptions, type AdminWriteOptions, type QueryInput } from './AdminOperation.js';
import type { AdminCall } from './createAdminCall.js';
import { paginate } from './paginate.js';

const PREFERENCES = '/v1/admin/preferences';
const CONTACT = '/v1/admin/contacts/{externalId}';

/** A page of a contact's consent log, oldest first (the server declares this shape inline). */
export const ConsentEventPageSchema = z.object({ items: z.array(ConsentEventSchema), nextCursor: z.nullable(z.string()) });

/** The preference operations, by SDK method name. */
export const preferencesOperations = {
  getCatalog: operation({ operationId: 'getPreferenceCatalog', method: 'GET', path: `${PREFERENCES}/catalog`, response: PreferenceCatalogSchema, retry: 'read' }),
  putCatalog: operation({
    operationId: 'putPreferenceCatalog',
    method: 'PUT',
    path: `${PREFERENCES}/catalog`,
    body: PreferenceCatalogInputSchema,
    response: PreferenceCatalogSchema,
    retry: 'natural',
  }),
  getContact: operation({ operationId: 'getContactPreferences', method: 'GET', path: `${CONTACT}/preferences`, response: ContactPreferencesSchema, retry: 'read' }),
  updateContact: operation({
    operationId: 'updateContactPreferences',
    method: 'PATCH',
    path: `${CONTACT}/preferences`,
    body: PreferenceChangeSchema,
    response: PreferenceStateSchema,
    retry: 'key',
  }),
  listConsentEvents: operation({
    operationId: 'listConsentEvents',
    method: 'GET',
    path: `${CONTACT}/consent-events`,
    query: ConsentEventListQuerySchema,
    response: ConsentEventPageSchema,
    retry: 'read',
  }),
  listPendingConfirmations: operation({
    operationId: 'listPendingConfirmations',
    method: 'GET',
    path: `${PREFERENCES}/confirmations`,
    query: PendingConfirmationListQuerySchema,
    response: PendingConfirmationListSchema,
    retry: 'read',
  }),
  getOptInRates: operation({ operationId: 'getOptInRates', method: 'GET', path: `${PREFERENCES}/rates`, response: OptInRatesSchema, retry: 'read' }),
  verifyConsentChains: operation({
    operationId: 'verifyConsentChains',
    method: 'GET',
    path: `${PREFERENCES}/verify`,
    query: ConsentVerifyQuerySchema,
    response: ConsentChainReportSchema,
    retry: 'read',
  }),
} as const;

type PageQuery<S extends z.ZodMiniType> = Omit<QueryInput<S>, 'cursor'>;

/** The preference catalog, each contact's choices and their append-only consent log, opt-in rates. */
export function createPreferencesAdmin(call: AdminCall) {
  const ops = preferencesOperations;
  return {
    /** The current catalog version (topics and channels). */
    getCatalog: (options?: AdminCallOptions) => call(ops.getCatalog, {}, options),
    /** Writes the catalog: a changed one becomes a new version, the same one keeps the current version. */
    putCatalog: (catalog: z.input<typeof PreferenceCatalogInputSchema>, options?: AdminWriteOptions) => call(ops.putCatalog, { body: catalog }, options),
    /** A contact's choices, for your mailer: check before sending anything but transactional mail. */
    getContact: (externalId: string, options?: AdminCallOptions) => call(ops.getContact, { params: { externalId } }, options),
    /** Changes a contact's choices on their behalf (recorded in the consent log with source `api`). */
    updateContact: (externalId: string, change: z.input<typeof PreferenceChangeSchema>, options?: AdminWriteOptions) =>
      call(ops.updateContact, { params: { externalId }, body: change }, options),
    /** A page of a contact's consent log, oldest first. */
    listConsentEvents: (externalId: string, query: QueryInput<typeof ConsentEventListQuerySchema> = {}, options?: AdminCallOptions) =>
      call(ops.listConsentEvents, { params: { externalId }, query }, options),
    /** A contact's whole consent log, page after page. */
    consentEvents: (externalId: string, query: PageQuery<typeof ConsentEventListQuerySchema> = {}, options?: AdminCallOptions) =>
      paginate((cursor) => call(ops.listConsentEvents, { params: { externalId }, query: { ...query, cursor } }, options), (page) => page.items),
    /** A page of double opt-ins still waiting for their confirmation, oldest first. */
    listPendingConfirmations: (query: QueryInput<typeof PendingConfirmationListQuerySchema> = {}, options?: AdminCallOptions) =>
      call(ops.listPendingConfirmations, { query }, options),
    /** Every pending double opt-in, page after page. */
    pendingConfirmations: (query: PageQuery<typeof PendingConfirmationListQuerySchema> = {}, options?: AdminCallOptions) =>
      paginate((cursor) => call(ops.listPendingConfirmations, { query: { ...query, cursor } }, options), (page) => page.items),
    /** One opt-in rate per marketing topic × channel. */
    getOptInRates: (options?: AdminCallOptions) => call(ops.getOptInRates, {}, options),
    /** Checks every contact's consent hash chain; `{ full: true }` re-reads every event, whatever the checkpoint. */
    verifyConsentChains: (query: QueryInput<typeof ConsentVerifyQuerySchema> = {}, options?: AdminCallOptions) =>
      call(ops.verifyConsentChains, { query }, options),
  } satisfies MethodsFor<typeof ops>;
}
