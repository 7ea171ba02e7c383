import type {
  ConsentEvent,
  FeedbackResponse,
  FeedbackResponseUpdate,
  Survey,
  SurveyResults,
} from '@rapport/core';

/**
 * The owner console talks to the Rapport admin API through the demo's own server (`/demo-api/console/*`), which
 * adds the secret key: the key never reaches the browser.
 */
async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`/demo-api/console/${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  });
  const body = (await response.json().catch(() => null)) as { error?: { message: string } } | null;
  if (!response.ok) throw new Error(body?.error?.message ?? `The Rapport API answered ${response.status}`);
  return body as T;
}

/** Opt-in rate of one topic × channel (`GET /v1/admin/preferences/rates`). */
export interface OptInRate {
  topicId: string;
  channel: string;
  optedIn: number;
  pending: number;
  contacts: number;
  rate: number | null;
}

/** Filters of the feedback inbox. */
export interface ResponseFilters {
  surveyId?: string;
  status?: string;
  band?: string;
  contactRequested?: 'true' | 'false';
}

export const consoleApi = {
  surveys: () => call<{ items: Survey[] }>('surveys').then((page) => page.items),
  responses: (filters: ResponseFilters) => {
    const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as Array<[string, string]>);
    query.set('limit', '50');
    return call<{ items: FeedbackResponse[] }>(`feedback/responses?${query}`).then((page) => page.items);
  },
  results: (surveyId: string) => call<SurveyResults>(`surveys/${surveyId}/results`),
  updateResponse: (id: string, update: FeedbackResponseUpdate) =>
    call<FeedbackResponse>(`feedback/responses/${id}`, { method: 'PATCH', body: JSON.stringify(update) }),
  optInRates: () => call<{ items: OptInRate[] }>('preferences/rates').then((page) => page.items),
  consentEvents: (externalId: string) =>
    call<{ items: ConsentEvent[] }>(`contacts/${encodeURIComponent(externalId)}/consent-events`).then((page) => page.items),
};
