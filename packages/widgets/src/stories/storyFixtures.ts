import { type BootstrapResponse, type ErrorEnvelope, type ServerErrorCode } from '@rapport/core';
import { BootstrapResponseSchema, ErrorEnvelopeSchema } from '@rapport/core/schemas';

/** Options of {@link bootstrapFixture}. */
export interface BootstrapFixtureOptions {
  /** Who the visitor is. Default: `'known'`. */
  kind?: 'known' | 'anonymous';
  /** The known visitor's name; `null` for none. Default: `'Ada Lovelace'`. */
  displayName?: string | null;
  /** The site's public name. Default: `'Analytical Engines Ltd'`. */
  siteName?: string;
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
      feedback: { enabled: true, surveys: [], replies: [] },
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
