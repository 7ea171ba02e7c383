import {
  type BootstrapResponse,
  type ErrorEnvelope,
  type LoopReply,
  type ServerErrorCode,
  type SurveyKind,
  type VisitorSurvey,
} from '@rapport/core';
import {
  BootstrapResponseSchema,
  ErrorEnvelopeSchema,
  LoopReplySchema,
  VisitorSurveySchema,
} from '@rapport/core/schemas';

/** Options of {@link bootstrapFixture}. */
export interface BootstrapFixtureOptions {
  /** Who the visitor is. Default: `'known'`. */
  kind?: 'known' | 'anonymous';
  /** The known visitor's name; `null` for none. Default: `'Ada Lovelace'`. */
  displayName?: string | null;
  /** The site's public name. Default: `'Analytical Engines Ltd'`. */
  siteName?: string;
  /** Active surveys in the feedback slot, in priority order. Default: none. */
  surveys?: VisitorSurvey[];
  /** Unseen replies in the feedback slot. Default: none. */
  replies?: LoopReply[];
}

/**
 * A bootstrap response for stories, parsed with core's `BootstrapResponseSchema`: a fixture that no longer
 * matches the contract throws here instead of quietly showing something the server can't send.
 */
export function bootstrapFixture(options: BootstrapFixtureOptions = {}): BootstrapResponse {
  const kind = options.kind ?? 'known';
  return BootstrapResponseSchema.parse({
    site: {
      id: 'site_story',
      name: options.siteName ?? 'Analytical Engines Ltd',
      defaultLocale: 'en-GB',
      enabledWidgets: ['feedback', 'preferences', 'loyalty', 'owner'],
    },
    visitor: {
      kind,
      contactId: kind === 'known' ? 'ct_story_known' : 'ct_story_anonymous',
      externalId: kind === 'known' ? 'user-1815' : null,
      displayName: kind === 'known' ? (options.displayName === undefined ? 'Ada Lovelace' : options.displayName) : null,
      locale: 'en-GB',
      timeZone: 'Europe/London',
    },
    widgets: {
      feedback: { enabled: true, surveys: options.surveys ?? [], replies: options.replies ?? [] },
      preferences: { enabled: true },
      loyalty: { enabled: true },
      owner: { enabled: true },
    },
  });
}

/** An error envelope for stories, parsed with core's `ErrorEnvelopeSchema`. */
export function errorEnvelope(code: ServerErrorCode, message: string): ErrorEnvelope {
  return ErrorEnvelopeSchema.parse({ error: { code, message, requestId: 'req_story' } });
}

const QUESTIONS: Record<SurveyKind, string> = {
  nps: 'How likely are you to recommend us to a friend or colleague?',
  csat: 'How satisfied are you with your order?',
  ces: 'How easy was it to find what you needed?',
  thumbs: 'Was this page helpful?',
  text: 'What could we do better?',
};

/**
 * A survey as the browser sees it, for stories, parsed with core's `VisitorSurveySchema`. Defaults: the
 * kind's usual question, a follow-up for every band, 500 characters, inline, eligible, no contact request.
 */
export function surveyFixture(kind: SurveyKind, overrides: Partial<VisitorSurvey> = {}): VisitorSurvey {
  return VisitorSurveySchema.parse({
    id: `srv_story_${kind}`,
    kind,
    question: QUESTIONS[kind],
    followUps:
      kind === 'text'
        ? {}
        : {
            negative: 'What can we do to make this right?',
            neutral: 'What would make it better?',
            positive: 'What do you like most?',
          },
    textMaxLength: 500,
    thankYou: 'Thank you for your feedback!',
    placement: 'inline',
    triggers: [{ type: 'pageview' }],
    urlRules: [],
    allowContactRequest: false,
    eligible: true,
    ...overrides,
  });
}

/** A reply to an earlier response, for stories, parsed with core's `LoopReplySchema`. */
export function loopReplyFixture(overrides: Partial<LoopReply> = {}): LoopReply {
  return LoopReplySchema.parse({
    responseId: 'rsp_story_1',
    surveyId: 'srv_story_nps',
    question: QUESTIONS.nps,
    score: 4,
    text: 'The checkout was slow',
    message: 'We made checkout twice as fast.',
    status: 'resolved',
    repliedAt: '2026-05-03T10:00:00.000Z',
    ...overrides,
  });
}
