import type { PreferenceExport } from '@rapport/core';
import { ErrorEnvelopeSchema, PreferenceChangeSchema, PreferenceExportSchema, PreferenceStateSchema } from '@rapport/core/schemas';
import type { VisitorIdentity } from '../auth/VisitorIdentity.js';
import { resolveVisitorContact } from '../contacts/resolveVisitorContact.js';
import { ApiError } from '../http/ApiError.js';
import { defineRoute } from '../http/defineRoute.js';
import { applyPreferenceChange } from '../preferences/applyPreferenceChange.js';
import { loadCurrentCatalog } from '../preferences/catalogQueries.js';
import { listConsentEvents } from '../preferences/consentLog.js';
import { loadRawPreferences, toPreferenceState } from '../preferences/preferenceState.js';
import { API_PATHS } from './apiPaths.js';

const TAGS = ['visitor', 'preferences'];
const FORBIDDEN = { description: 'An anonymous visitor has no preferences to keep: sign in first (`forbidden`)', schema: ErrorEnvelopeSchema };

function requireKnown(visitor: VisitorIdentity): void {
  if (visitor.kind !== 'known') throw new ApiError(403, 'forbidden', 'Sign in to choose what you hear from us: there is no one to reach yet');
}

/** `PATCH /v1/visitor/preferences`: the visitor's own choices. */
export const updateVisitorPreferencesRoute = defineRoute({
  auth: 'visitor',
  method: 'PATCH',
  path: API_PATHS.preferences.visitor,
  operationId: 'updateVisitorPreferences',
  summary: 'Change the visitor’s communication preferences',
  description:
    'Each real transition appends a consent event (source `widget`) with the exact wording of `catalogVersion`. Opting in to ' +
    'email waits for the double opt-in (`pending`); other channels turn `on`; withdrawing is immediate. A stale ' +
    '`catalogVersion` is 409 `conflict`; an unknown topic or channel, a channel the topic does not offer or a required ' +
    'topic is 422 and records nothing. Only for a signed-in visitor.',
  tags: TAGS,
  body: PreferenceChangeSchema,
  idempotent: true,
  responses: {
    200: { description: 'The visitor’s choices after the change', schema: PreferenceStateSchema },
    403: FORBIDDEN,
    409: { description: 'The catalog changed since the visitor saw it (`conflict`)', schema: ErrorEnvelopeSchema },
  },
  async handle(ctx) {
    const { site, visitor, body, now } = ctx;
    requireKnown(visitor);
    const state = await ctx.transaction(async (tx) => {
      const contact = await resolveVisitorContact(tx, { siteId: site.id, visitor, now });
      const catalog = await loadCurrentCatalog(tx, site);
      return applyPreferenceChange(tx, {
        subject: { siteId: site.id, contactId: contact.id, secret: site.serverSecret },
        catalog,
        change: body,
        source: 'widget',
        locale: contact.locale,
        clock: ctx.clock,
      });
    });
    return { status: 200, body: state };
  },
});

/** `GET /v1/visitor/preferences/export`: everything held about the visitor's choices. */
export const exportVisitorPreferencesRoute = defineRoute({
  auth: 'visitor',
  method: 'GET',
  path: API_PATHS.preferences.visitorExport,
  operationId: 'exportVisitorPreferences',
  summary: 'Export the visitor’s preferences and consent history',
  tags: TAGS,
  responses: { 200: { description: 'The visitor’s choices and history', schema: PreferenceExportSchema }, 403: FORBIDDEN },
  async handle(ctx) {
    const { site, visitor, now } = ctx;
    requireKnown(visitor);
    const body = await ctx.transaction(async (tx): Promise<PreferenceExport> => {
      const contact = await resolveVisitorContact(tx, { siteId: site.id, visitor, now });
      const catalog = await loadCurrentCatalog(tx, site);
      const email = contact.traits.email;
      return {
        exportedAt: now.toISOString(),
        contact: { externalId: contact.external_id, email: typeof email === 'string' ? email : null },
        state: toPreferenceState(catalog, await loadRawPreferences(tx, contact.id), now),
        history: await listConsentEvents(tx, contact.id),
      };
    });
    return { status: 200, body };
  },
});
