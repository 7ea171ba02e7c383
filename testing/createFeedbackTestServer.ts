import type { FeedbackResponse, RapportClient, Survey, SurveyCreate, SurveyUpdate } from '@rapport/core';
import { admin, type AdminTarget } from './admin.js';
import { createTestServer, type InProcessServer, type TestClientOptions, type TestServer } from './createTestServer.js';

/** The real server in this process, with admin calls for feedback. Test-only. */
export interface FeedbackTestServer extends TestServer {
  /** {@link TestServer.createClient}, not listening for `online` unless given an `onlineTarget`. */
  client(options?: TestClientOptions): RapportClient;
  /** Creates an active survey with the secret key (other fields take the server's defaults). */
  createSurvey(fields: Partial<SurveyCreate> & Pick<SurveyCreate, 'kind'>): Promise<Survey>;
  updateSurvey(id: string, update: SurveyUpdate): Promise<Survey>;
  /** Every stored response of a survey, as the business sees them. */
  responses(surveyId: string): Promise<FeedbackResponse[]>;
  /** The business replies publicly to a response and resolves it. */
  reply(responseId: string, message: string): Promise<void>;
}

/** Wraps an in-process server (see `startInProcessServer`) for the feedback tests. */
export function createFeedbackTestServer(server: InProcessServer & AdminTarget): FeedbackTestServer {
  const base = createTestServer(server);
  let surveys = 0;
  return {
    ...base,
    client: (options = {}) => base.createClient({ ...options, onlineTarget: options.onlineTarget ?? null }),
    createSurvey(fields) {
      surveys += 1;
      const body = { name: `Test survey ${surveys}`, question: `Question ${surveys}?`, status: 'active', ...fields };
      return admin<Survey>(server, '/surveys', { method: 'POST', body });
    },
    updateSurvey: (id, update) => admin<Survey>(server, `/surveys/${id}`, { method: 'PATCH', body: update }),
    async responses(surveyId) {
      const page = await admin<{ items: FeedbackResponse[] }>(server, `/feedback/responses?surveyId=${surveyId}&limit=100`);
      return page.items;
    },
    async reply(responseId, message) {
      await admin(server, `/feedback/responses/${responseId}`, { method: 'PATCH', body: { reply: message, status: 'resolved' } });
    },
  };
}
