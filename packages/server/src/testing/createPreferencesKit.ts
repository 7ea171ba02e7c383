import type { ConsentEvent, ContactPreferences, PreferenceCatalog, PreferenceCatalogInput, PreferenceChange, PreferenceState } from '@rapport/core';
import {
  ConsentChainReportSchema,
  ConsentEventSchema,
  ContactPreferencesSchema,
  PendingConfirmationListSchema,
  PreferenceCatalogSchema,
  PreferenceStateSchema,
} from '@rapport/core/schemas';
import type * as z from 'zod/mini';
import { DEMO_PREFERENCE_CATALOG } from '../seed/demoPreferenceCatalog.js';
import type { CreatedSite } from '../sites/createSite.js';
import { createTestSite, type CallOptions, type Harness } from './testHarness.js';

/** Helpers for preference tests on one site with the demo catalog. */
export interface PreferencesKit {
  site: CreatedSite;
  catalog: PreferenceCatalog;
  admin(path: string, options?: CallOptions): Promise<Response>;
  /** A known visitor's token. */
  visitor(externalId: string, email?: string): Promise<string>;
  /** `PATCH /v1/visitor/preferences` with the current catalog version unless the body gives one. */
  change(token: string, body: Partial<PreferenceChange>, headers?: Record<string, string>): Promise<Response>;
  /** Like {@link change}, expecting 200. */
  changeOk(token: string, body: Partial<PreferenceChange>): Promise<PreferenceState>;
  /** `PUT /v1/admin/preferences/catalog`, expecting 200 or 201. */
  putCatalog(input: PreferenceCatalogInput): Promise<PreferenceCatalog>;
  /** A contact's consent history through the admin API. */
  history(externalId: string): Promise<ConsentEvent[]>;
  /** Consent events of this site, counted in the database. */
  eventCount(): Promise<number>;
  /** A contact's stored choices, id and one-click unsubscribe URL through the admin API. */
  contactPreferences(externalId: string): Promise<ContactPreferences>;
  /** A contact's open double opt-in links, with their tokens, through the admin API. */
  pendingConfirmations(externalId: string): Promise<z.infer<typeof PendingConfirmationListSchema>['items']>;
  /** `GET /v1/admin/preferences/verify`: whether every consent chain of the site holds. */
  verify(): Promise<z.infer<typeof ConsentChainReportSchema>>;
}

async function okJson(response: Response, what: string): Promise<unknown> {
  if (response.status !== 200) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** Builds a {@link PreferencesKit} over a new test site (or `site`) with the demo catalog. */
export async function createPreferencesKit(h: Harness, site?: CreatedSite): Promise<PreferencesKit> {
  const on = site ?? (await createTestSite(h.store));
  const kit: PreferencesKit = {
    site: on,
    catalog: undefined as unknown as PreferenceCatalog,
    admin: (path, options = {}) => h.call(`/v1/admin${path}`, { publishableKey: null, bearer: on.secretKey, ...options }),
    visitor: (externalId, email) =>
      h.tokenFor(on, externalId, { expiresInSeconds: 5 * 365 * 86_400, ...(email ? { email } : {}) }),
    change: (token, body, headers) =>
      h.call('/v1/visitor/preferences', {
        site: on,
        bearer: token,
        method: 'PATCH',
        body: { catalogVersion: kit.catalog.version, ...body },
        ...(headers ? { headers } : {}),
      }),
    async changeOk(token, body) {
      const response = await kit.change(token, body);
      if (response.status !== 200) throw new Error(`change answered ${response.status}: ${await response.text()}`);
      return PreferenceStateSchema.parse(await response.json());
    },
    async putCatalog(input) {
      const response = await kit.admin('/preferences/catalog', { method: 'PUT', body: input });
      if (response.status !== 200 && response.status !== 201) throw new Error(`putCatalog answered ${response.status}: ${await response.text()}`);
      kit.catalog = PreferenceCatalogSchema.parse(await response.json());
      return kit.catalog;
    },
    async history(externalId) {
      // Every page of the history (it pages by keyset, 100 events by default), oldest first.
      const events = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
        const response = await kit.admin(`/contacts/${encodeURIComponent(externalId)}/consent-events${query}`);
        if (response.status !== 200) throw new Error(`history answered ${response.status}`);
        const page = (await response.json()) as { items: unknown[]; nextCursor?: string | null };
        events.push(...page.items.map((item) => ConsentEventSchema.parse(item)));
        cursor = page.nextCursor ?? null;
      } while (cursor);
      return events;
    },
    async eventCount() {
      const { rows } = await h.store.query<{ n: number }>('SELECT count(*)::int AS n FROM consent_events WHERE site_id = $1', [on.site.id]);
      return rows[0]?.n ?? 0;
    },
    async contactPreferences(externalId) {
      return ContactPreferencesSchema.parse(await okJson(await kit.admin(`/contacts/${encodeURIComponent(externalId)}/preferences`), 'contactPreferences'));
    },
    async pendingConfirmations(externalId) {
      const { items } = PendingConfirmationListSchema.parse(await okJson(await kit.admin('/preferences/confirmations'), 'pendingConfirmations'));
      return items.filter((item) => item.externalId === externalId);
    },
    async verify() {
      return ConsentChainReportSchema.parse(await okJson(await kit.admin('/preferences/verify'), 'verify'));
    },
  };
  await kit.putCatalog(DEMO_PREFERENCE_CATALOG);
  return kit;
}

/** The state of one topic × channel in a {@link PreferenceState}. */
export function stateOf(state: PreferenceState, topicId: string, channel: string): string | undefined {
  return state.topics.find((t) => t.topicId === topicId)?.channels.find((c) => c.channel === channel)?.state;
}
