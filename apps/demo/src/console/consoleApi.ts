import { RapportError } from '@rapport/core';
import type {
  ConsentEvent,
  ContactOwner,
  ErrorEnvelope,
  FeedbackResponse,
  FeedbackResponseUpdate,
  LedgerWriteResult,
  LoyaltyAward,
  LoyaltyMember,
  LoyaltyMemberPage,
  LoyaltyProgram,
  OwnerAssignmentInput,
  OwnerContactRequestGroups,
  OwnerSettings,
  Staff,
  StaffInput,
  Survey,
  SurveyResults,
} from '@rapport/core';
import type { LoyaltyAdjustment, LoyaltyReversal } from '@rapport/core/schemas';

/** The error envelope's `error`, when a body has one. */
function envelopeError(body: unknown): ErrorEnvelope['error'] | null {
  const error = (body as Partial<ErrorEnvelope> | null)?.error;
  return error && typeof error === 'object' && typeof error.code === 'string' && typeof error.message === 'string' ? error : null;
}

/**
 * The owner console talks to the Rapport admin API through the demo's own server (`/demo-api/console/*`), which
 * adds the secret key: the key never reaches the browser. Failures are `RapportError`s with the envelope's code.
 */
async function send<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  let response: Response;
  try {
    response = await fetch(`/demo-api/console/${path}`, { ...init, headers: { 'content-type': 'application/json', ...init?.headers } });
  } catch (cause) {
    throw new RapportError('The console could not reach the server', { code: 'network', cause });
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = envelopeError(body);
    const { status } = response;
    if (!error) throw new RapportError(`The Rapport API answered ${status}`, { code: 'http', status });
    throw new RapportError(error.message, { code: error.code, status, issues: error.issues, requestId: error.requestId });
  }
  return { status: response.status, body: body as T };
}

const call = <T>(path: string, init?: RequestInit): Promise<T> => send<T>(path, init).then((r) => r.body);

/** A ledger write's answer; `replayed` when the key was used before and the original entry came back (200). */
export interface LedgerWrite extends LedgerWriteResult {
  replayed: boolean;
}

const writeLedger = (path: string, body: object): Promise<LedgerWrite> =>
  send<LedgerWriteResult>(path, { method: 'POST', body: JSON.stringify(body) }).then((r) => ({ ...r.body, replayed: r.status === 200 }));

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
  consentEvents: (externalId: string, cursor: string | null) =>
    call<{ items: ConsentEvent[]; nextCursor?: string | null }>(
      `contacts/${encodeURIComponent(externalId)}/consent-events?${new URLSearchParams({ limit: '100', ...(cursor ? { cursor } : {}) })}`,
    ),
  loyaltyProgram: () => call<LoyaltyProgram>('loyalty/program'),
  loyaltyMember: (externalId: string) => call<LoyaltyMember>(`contacts/${encodeURIComponent(externalId)}/loyalty`),
  loyaltyMembers: ({ q, cursor, limit }: { q: string; cursor: string | null; limit: number }) => {
    const query = new URLSearchParams({ limit: String(limit), ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) });
    return call<LoyaltyMemberPage>(`loyalty/members?${query}`);
  },
  awardPoints: (award: LoyaltyAward) => writeLedger('loyalty/awards', award),
  reverseOrder: (reversal: LoyaltyReversal) => writeLedger('loyalty/reversals', reversal),
  adjustPoints: (adjustment: LoyaltyAdjustment) => writeLedger('loyalty/adjustments', adjustment),
  staff: () => call<{ items: Staff[] }>('staff').then((page) => page.items),
  saveStaff: ({ staffId, input }: { staffId: string; input: StaffInput }) =>
    call<Staff>(`staff/${encodeURIComponent(staffId)}`, { method: 'PUT', body: JSON.stringify(input) }),
  ownerSettings: () => call<OwnerSettings>('owner-settings'),
  saveOwnerSettings: (settings: OwnerSettings) => call<OwnerSettings>('owner-settings', { method: 'PUT', body: JSON.stringify(settings) }),
  contactOwner: (externalId: string) => call<ContactOwner>(`contacts/${encodeURIComponent(externalId)}/owner`),
  assignOwner: ({ externalId, ...assignment }: OwnerAssignmentInput & { externalId: string }) =>
    call<ContactOwner>(`contacts/${encodeURIComponent(externalId)}/owner`, { method: 'PUT', body: JSON.stringify(assignment) }),
  contactRequestsByOwner: () => call<OwnerContactRequestGroups>('owners/contact-requests').then((r) => r.groups),
};
