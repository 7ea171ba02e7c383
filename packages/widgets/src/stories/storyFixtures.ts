import {
  type BootstrapResponse,
  type ErrorEnvelope,
  type LoopReply,
  type LoyaltyBootstrap,
  type OwnerBootstrap,
  type PreferenceCatalog,
  type PreferenceState,
  type PreferencesBootstrap,
  type ServerErrorCode,
  type SurveyKind,
  type VisitorSurvey,
} from '@rapport/core';
import {
  BootstrapResponseSchema,
  ErrorEnvelopeSchema,
  LoopReplySchema,
  PreferenceCatalogSchema,
  PreferencesBootstrapSchema,
  PreferenceStateSchema,
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
  /**
   * The preferences slot. Default: {@link preferencesFixture}`()` for a known visitor (everything off), and
   * the same catalog with `state: null` for an anonymous one.
   */
  preferences?: PreferencesBootstrap | null;
  /** The loyalty slot (see `loyaltyCardFixture`). Default: the program on, no card (`{ enabled: true, card: null }`). */
  loyalty?: LoyaltyBootstrap | null;
  /** The contact-owner slot (see `ownerSlotFixture`). Default: the badge on, no owner yet, no team. */
  owner?: OwnerBootstrap | null;
  /** The visitor's IANA time zone. Default: `'Europe/London'`. */
  timeZone?: string;
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
      timeZone: options.timeZone ?? 'Europe/London',
    },
    widgets: {
      feedback: { enabled: true, surveys: options.surveys ?? [], replies: options.replies ?? [] },
      preferences:
        options.preferences !== undefined
          ? options.preferences
          : preferencesFixture(kind === 'anonymous' ? { state: null } : {}),
      loyalty: options.loyalty !== undefined ? options.loyalty : { enabled: true, card: null },
      owner:
        options.owner !== undefined
          ? options.owner
          : { enabled: true, owner: null, availability: null, covering: null, team: null, refreshAt: null },
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

/** A demo-shop catalog, for stories, parsed with core's `PreferenceCatalogSchema`. */
export function preferenceCatalogFixture(overrides: Partial<PreferenceCatalog> = {}): PreferenceCatalog {
  const marketing = ['email', 'sms', 'push', 'post'] as const;
  return PreferenceCatalogSchema.parse({
    version: 1,
    wordingHash: 'a3f1c0de9b27e4f5a3f1c0de9b27e4f5a3f1c0de9b27e4f5a3f1c0de9b27e4f5',
    channels: [
      { id: 'email', label: 'Email', description: 'To ada@example.com' },
      { id: 'sms', label: 'SMS', description: 'To your mobile number' },
      { id: 'push', label: 'Push', description: 'Notifications in your browser' },
      { id: 'post', label: 'Post', description: 'To your delivery address' },
    ],
    topics: [
      {
        id: 'newsletter',
        label: 'The Roast Report',
        description: 'Our monthly newsletter: new single origins, brewing guides and stories from the farms.',
        channels: ['email', 'post'],
        required: false,
        frequencies: ['immediately', 'weekly'],
      },
      {
        id: 'offers',
        label: 'Offers',
        description: 'Discounts and limited roasts, only when we have one worth telling you about.',
        channels: [...marketing],
        required: false,
        frequencies: ['immediately', 'daily', 'weekly'],
      },
      {
        id: 'product-updates',
        label: 'Product updates',
        description: 'When something you bought changes: new grinders, recipes and restocks.',
        channels: ['email', 'push'],
        required: false,
        frequencies: [],
      },
      {
        id: 'events',
        label: 'Events',
        description: 'Cuppings and tastings at our roastery, and when we are at a market near you.',
        channels: ['email', 'sms'],
        required: false,
        frequencies: [],
      },
      {
        id: 'orders',
        label: 'Orders and receipts',
        description: 'Order confirmations, receipts and delivery updates.',
        channels: ['email', 'sms'],
        required: true,
        frequencies: [],
      },
      {
        id: 'security',
        label: 'Account security',
        description: 'Sign-in alerts and password resets.',
        channels: ['email'],
        required: true,
        frequencies: [],
      },
    ],
    statement: 'Choose what we may send you and how. You can change your mind at any time.',
    updatedAt: '2026-05-01T09:00:00.000Z',
    ...overrides,
  });
}

/** Options of {@link preferencesFixture}. */
export interface PreferencesFixtureOptions {
  /** The catalog. Default: {@link preferenceCatalogFixture}`()`. */
  catalog?: PreferenceCatalog;
  /** The visitor's choices; `null` for an anonymous visitor. Default: every marketing choice off. */
  state?: PreferenceState | null;
}

/** Every choice of `catalog` off (required topics on), no frequency chosen, not paused: a new contact. */
export function preferenceStateFixture(
  catalog: PreferenceCatalog = preferenceCatalogFixture(),
  overrides: Partial<PreferenceState> = {},
): PreferenceState {
  return PreferenceStateSchema.parse({
    topics: catalog.topics.map((topic) => ({
      topicId: topic.id,
      channels: topic.channels.map((channel) => ({ channel, state: topic.required ? 'on' : 'off' })),
      frequency: topic.frequencies[0] ?? null,
    })),
    pausedUntil: null,
    unsubscribedAll: false,
    ...overrides,
  });
}

/** The bootstrap's preferences slot, for stories, parsed with core's `PreferencesBootstrapSchema`. */
export function preferencesFixture(options: PreferencesFixtureOptions = {}): PreferencesBootstrap {
  const catalog = options.catalog ?? preferenceCatalogFixture();
  return PreferencesBootstrapSchema.parse({
    enabled: true,
    catalog,
    state: options.state === undefined ? preferenceStateFixture(catalog) : options.state,
  });
}
