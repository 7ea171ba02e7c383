import type { FeedbackBootstrap, PromptEventResult, Survey, SurveyCreate } from '@rapport/core';
import { BootstrapResponseSchema, PromptEventResultSchema, SurveySchema } from '@rapport/core/schemas';
import { randomAlphanumeric } from '../crypto/random.js';
import type { CreatedSite } from '../sites/createSite.js';
import { createTestSite, type CallOptions, type Harness } from './testHarness.js';

/** Helpers for feedback tests on one site: admin calls, surveys, visitors and their prompts and answers. */
export interface FeedbackKit {
  site: CreatedSite;
  /** A call to `/v1/admin<path>` with the site's secret key. */
  admin(path: string, options?: CallOptions): Promise<Response>;
  /** Creates a survey through the admin API (active, with a pageview trigger, unless overridden). */
  createSurvey(overrides?: Partial<SurveyCreate>): Promise<Survey>;
  /** A known visitor's token, valid for five years of test-clock time. */
  visitor(externalId: string): Promise<string>;
  /** The feedback slot of the visitor's bootstrap. */
  feedback(token: string): Promise<FeedbackBootstrap>;
  /** `POST /v1/visitor/feedback/events`, with a fresh id unless one is given. */
  event(token: string, body: Record<string, unknown>): Promise<Response>;
  /** Like {@link event}, expecting 200 and returning the result. */
  display(token: string, surveyId: string, source?: 'trigger' | 'code' | 'tab'): Promise<PromptEventResult>;
  /** `POST /v1/visitor/feedback/responses`, with a fresh id unless one is given. */
  respond(token: string, body: Record<string, unknown>): Promise<Response>;
  /** `POST /v1/visitor/feedback/replies/{id}/seen`. */
  seen(token: string, responseId: string, acknowledged?: boolean): Promise<Response>;
  /** Rows of this site in a feedback table. */
  count(table: 'feedback_responses' | 'feedback_events' | 'surveys'): Promise<number>;
}

/** A client-style id (letters, digits, `_`). */
export function clientId(prefix = 'id'): string {
  return `${prefix}_${randomAlphanumeric(16)}`;
}

/** Builds a {@link FeedbackKit} over a new test site (or `site`). */
export async function createFeedbackKit(h: Harness, site?: CreatedSite): Promise<FeedbackKit> {
  const on = site ?? (await createTestSite(h.store));
  const kit: FeedbackKit = {
    site: on,
    admin: (path, options = {}) => h.call(`/v1/admin${path}`, { publishableKey: null, bearer: on.secretKey, ...options }),
    async createSurvey(overrides = {}) {
      const body: SurveyCreate = { name: 'Test survey', kind: 'nps', question: 'How likely?', status: 'active', triggers: [{ type: 'pageview' }], ...overrides };
      const response = await kit.admin('/surveys', { method: 'POST', body });
      if (response.status !== 201) throw new Error(`createSurvey answered ${response.status}: ${await response.text()}`);
      return SurveySchema.parse(await response.json());
    },
    visitor: (externalId) => h.tokenFor(on, externalId, { expiresInSeconds: 5 * 365 * 86_400 }),
    async feedback(token) {
      const response = await h.call('/v1/visitor/bootstrap', { site: on, bearer: token });
      if (response.status !== 200) throw new Error(`bootstrap answered ${response.status}`);
      const feedback = BootstrapResponseSchema.parse(await response.json()).widgets.feedback;
      if (!feedback) throw new Error('The feedback widget is off');
      return feedback;
    },
    event: (token, body) =>
      h.call('/v1/visitor/feedback/events', { site: on, bearer: token, method: 'POST', body: { id: clientId('ev'), type: 'display', source: 'trigger', ...body } }),
    async display(token, surveyId, source = 'trigger') {
      const response = await kit.event(token, { surveyId, type: 'display', source });
      if (response.status !== 200) throw new Error(`display answered ${response.status}: ${await response.text()}`);
      return PromptEventResultSchema.parse(await response.json());
    },
    respond: (token, body) =>
      h.call('/v1/visitor/feedback/responses', { site: on, bearer: token, method: 'POST', body: { id: clientId('re'), ...body } }),
    seen: (token, responseId, acknowledged = false) =>
      h.call(`/v1/visitor/feedback/replies/${encodeURIComponent(responseId)}/seen`, { site: on, bearer: token, method: 'POST', body: { acknowledged } }),
    async count(table) {
      const { rows } = await h.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE site_id = $1`, [on.site.id]);
      return rows[0]?.n ?? 0;
    },
  };
  return kit;
}
