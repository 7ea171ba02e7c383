import type { ContactPreferences } from '@rapport/core';
import {
  ConsentChainReportSchema,
  ConsentEventListQuerySchema,
  ConsentEventSchema,
  ConsentVerifyQuerySchema,
  ContactPreferencesSchema,
  ErrorEnvelopeSchema,
  ExternalIdSchema,
  OptInRatesSchema,
  PendingConfirmationListQuerySchema,
  PendingConfirmationListSchema,
  PreferenceCatalogInputSchema,
  PreferenceCatalogSchema,
  PreferenceChangeSchema,
  PreferenceStateSchema,
} from '@rapport/core/schemas';
import * as z from 'zod/mini';
import { contactOr404 } from '../contacts/contactQueries.js';
import { defineRoute } from '../http/defineRoute.js';
import { cursorFromQuery, encodeKeysetCursor } from '../http/keysetCursor.js';
import { applyPreferenceChange } from '../preferences/applyPreferenceChange.js';
import { loadCurrentCatalog, saveCatalog } from '../preferences/catalogQueries.js';
import { consentEventCursorFromQuery, encodeConsentEventCursor } from '../preferences/consentEventCursor.js';
import { listConsentEventPage, verifyConsentChains } from '../preferences/consentLog.js';
import { listPendingConfirmations, loadOptInRates } from '../preferences/preferenceReports.js';
import { derivePreferenceToken } from '../preferences/preferenceTokens.js';
import { toPreferenceState } from '../preferences/preferenceState.js';
import { lockContactPreferences } from '../preferences/recordTransitions.js';
import { API_PATHS } from './apiPaths.js';

const TAGS = ['admin', 'preferences'];
const ContactPathSchema = z.strictObject({ externalId: ExternalIdSchema });
const DEFAULT_CONSENT_PAGE = 100;
const NO_CONTACT = { description: 'No contact with this external id (`not_found`)', schema: ErrorEnvelopeSchema };

/** `GET /v1/admin/preferences/catalog`. */
export const getPreferenceCatalogRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.preferences.catalog,
  operationId: 'getPreferenceCatalog',
  summary: 'Get the current preference catalog',
  tags: TAGS,
  responses: { 200: { description: 'The current catalog version', schema: PreferenceCatalogSchema } },
  async handle(ctx) {
    return { status: 200, body: await loadCurrentCatalog(ctx.db, ctx.site) };
  },
});

/** `PUT /v1/admin/preferences/catalog`. */
export const putPreferenceCatalogRoute = defineRoute({
  auth: 'admin',
  method: 'PUT',
  path: API_PATHS.preferences.catalog,
  operationId: 'putPreferenceCatalog',
  summary: 'Write the preference catalog',
  description: 'Changed wording makes a new version with a new hash (201); the same wording keeps the current version (200).',
  tags: TAGS,
  body: PreferenceCatalogInputSchema,
  responses: {
    200: { description: 'Unchanged: the current version', schema: PreferenceCatalogSchema },
    201: { description: 'A new version', schema: PreferenceCatalogSchema },
  },
  async handle(ctx) {
    const { site, body } = ctx;
    const { catalog, created } = await ctx.transaction((tx) => saveCatalog(tx, { siteId: site.id, wording: body, now: ctx.clock }));
    return { status: created ? 201 : 200, body: catalog };
  },
});

/** `GET /v1/admin/contacts/{externalId}/preferences`. */
export const getContactPreferencesRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.preferences.contact,
  operationId: 'getContactPreferences',
  summary: 'A contact’s preferences and one-click unsubscribe URL',
  tags: TAGS,
  params: ContactPathSchema,
  responses: { 200: { description: 'The contact’s choices', schema: ContactPreferencesSchema }, 404: NO_CONTACT },
  async handle(ctx) {
    const { site, params } = ctx;
    const body = await ctx.transaction(async (tx): Promise<ContactPreferences> => {
      const contact = await contactOr404(tx, site.id, params.externalId);
      const { raw, now } = await lockContactPreferences(tx, { siteId: site.id, contactId: contact.id, secret: site.serverSecret }, ctx.clock);
      const token = await derivePreferenceToken(site.serverSecret, 'unsubscribe', contact.id);
      return {
        contactId: contact.id,
        externalId: contact.external_id,
        state: toPreferenceState(await loadCurrentCatalog(tx, site), raw, now),
        oneClickUnsubscribeUrl: `${new URL(ctx.c.req.url).origin}${API_PATHS.preferences.unsubscribe.replace('{token}', token)}`,
      };
    });
    return { status: 200, body };
  },
});

/** `PATCH /v1/admin/contacts/{externalId}/preferences`. */
export const updateContactPreferencesRoute = defineRoute({
  auth: 'admin',
  method: 'PATCH',
  path: API_PATHS.preferences.contact,
  operationId: 'updateContactPreferences',
  summary: 'Change a contact’s preferences on their behalf',
  description: 'The same rules as the visitor’s change, recorded with source `admin`.',
  tags: TAGS,
  params: ContactPathSchema,
  body: PreferenceChangeSchema,
  idempotent: true,
  responses: {
    200: { description: 'The contact’s choices after the change', schema: PreferenceStateSchema },
    404: NO_CONTACT,
    409: { description: 'The catalog changed (`conflict`)', schema: ErrorEnvelopeSchema },
  },
  async handle(ctx) {
    const { site, params, body } = ctx;
    const state = await ctx.transaction(async (tx) => {
      const contact = await contactOr404(tx, site.id, params.externalId);
      const catalog = await loadCurrentCatalog(tx, site);
      const subject = { siteId: site.id, contactId: contact.id, secret: site.serverSecret };
      return applyPreferenceChange(tx, { subject, catalog, change: body, source: 'admin', locale: contact.locale, clock: ctx.clock });
    });
    return { status: 200, body: state };
  },
});

/** `GET /v1/admin/contacts/{externalId}/consent-events`: a contact's history, oldest first, a page at a time. */
export const listConsentEventsRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.preferences.consentEvents,
  operationId: 'listConsentEvents',
  summary: 'A contact’s consent history, oldest first',
  description: 'A page of at most `limit` events (default 100); `nextCursor` reads the next page, `null` after the last.',
  tags: TAGS,
  params: ContactPathSchema,
  query: ConsentEventListQuerySchema,
  responses: {
    200: {
      description: 'A page of the history',
      schema: z.object({ items: z.array(ConsentEventSchema), nextCursor: z.nullable(z.string()) }),
    },
    404: NO_CONTACT,
  },
  async handle(ctx) {
    const limit = ctx.query.limit ? Number(ctx.query.limit) : DEFAULT_CONSENT_PAGE;
    const afterSequence = consentEventCursorFromQuery(ctx.query.cursor);
    const contact = await contactOr404(ctx.db, ctx.site.id, ctx.params.externalId);
    const events = await listConsentEventPage(ctx.db, { contactId: contact.id, afterSequence, limit: limit + 1 });
    const items = events.slice(0, limit);
    const last = items[items.length - 1];
    return { status: 200, body: { items, nextCursor: events.length > limit && last ? encodeConsentEventCursor(last.sequence) : null } };
  },
});

/** `GET /v1/admin/preferences/confirmations`: open double opt-ins, oldest first, a page at a time. */
export const listPendingConfirmationsRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.preferences.confirmations,
  operationId: 'listPendingConfirmations',
  summary: 'Open double opt-ins, with the tokens for the confirmation emails',
  description: 'A page of at most `limit` (default 1000), oldest first; `nextCursor` reads the next page, `null` after the last.',
  tags: TAGS,
  query: PendingConfirmationListQuerySchema,
  responses: { 200: { description: 'Open confirmations, oldest first', schema: PendingConfirmationListSchema } },
  async handle(ctx) {
    const limit = ctx.query.limit ? Number(ctx.query.limit) : 1000;
    const after = cursorFromQuery(ctx.query.cursor);
    const rows = await listPendingConfirmations(ctx.db, { siteId: ctx.site.id, secret: ctx.site.serverSecret, now: ctx.now, limit: limit + 1, after });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      status: 200,
      body: {
        items: page.map(({ id: _id, at: _at, ...item }) => item),
        nextCursor: rows.length > limit && last ? encodeKeysetCursor({ at: last.at, id: last.id }) : null,
      },
    };
  },
});

/** `GET /v1/admin/preferences/rates`. */
export const optInRatesRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.preferences.rates,
  operationId: 'getOptInRates',
  summary: 'Opt-in rates per topic × channel',
  tags: TAGS,
  responses: { 200: { description: 'One rate per marketing topic × channel', schema: OptInRatesSchema } },
  async handle(ctx) {
    const catalog = await loadCurrentCatalog(ctx.db, ctx.site);
    return { status: 200, body: { items: await loadOptInRates(ctx.db, { siteId: ctx.site.id, catalog }) } };
  },
});

/** `GET /v1/admin/preferences/verify`. */
export const verifyConsentChainsRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.preferences.verify,
  operationId: 'verifyConsentChains',
  summary: 'Verify every consent chain of the site',
  description:
    'Resumes from the last successful verification: only the events written since are read (`mode: incremental`). ' +
    '`?full=true` reads every event again (`mode: full`), the only check that catches an old event rewritten with the ' +
    'database’s triggers disabled; run it on a schedule. Rewriting or removing an event through SQL drops the checkpoint.',
  tags: TAGS,
  query: ConsentVerifyQuerySchema,
  responses: { 200: { description: 'Whether every chain holds, and the first broken event', schema: ConsentChainReportSchema } },
  async handle(ctx) {
    return { status: 200, body: await verifyConsentChains(ctx.db, ctx.site.id, { full: ctx.query.full === 'true', clock: ctx.clock }) };
  },
});
