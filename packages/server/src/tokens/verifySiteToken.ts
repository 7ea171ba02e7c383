import type { SiteRecord } from '../sites/siteQueries.js';
import { parseJsonObject, verifyVisitorToken, type VerifyVisitorTokenResult } from './verifyVisitorToken.js';

/** Options of {@link verifySiteToken}. */
export interface VerifySiteTokenOptions {
  /** The compact JWT. Required. */
  token: string;
  /** The site the token must be for. Required. */
  site: Pick<SiteRecord, 'id' | 'identitySecret' | 'previousIdentitySecret' | 'serverSecret'>;
  /** The current time: token expiry and the previous identity secret's grace period are judged at it. Required. */
  now: Date;
}

/** What the (unverified) payload says of itself: `anon: true` marks the server's own tokens. */
function peekAnonymous(token: string): { anonymous: boolean; aud: unknown } {
  const claims = parseJsonObject(token.split('.')[1] ?? '');
  return { anonymous: claims?.anon === true, aud: claims?.aud };
}

/**
 * Verifies a visitor token for `site` with the right secret:
 *
 * - an anonymous token (`anon: true`) is the server's own and must be for this site (`aud`), signed with the
 *   site's server secret, which never rotates: rotating the identity secret signs no anonymous visitor out;
 * - any other token is the business's, signed with the identity secret, or with the previous one while its grace
 *   period lasts (`now` before `previousIdentitySecret.validUntil`); after that, only the current one.
 *
 * Which secret is tried first is chosen from the unverified payload; the result is the same checks either way.
 */
export async function verifySiteToken(options: VerifySiteTokenOptions): Promise<VerifyVisitorTokenResult> {
  const { token, site, now } = options;
  const peeked = peekAnonymous(token);
  if (peeked.anonymous) {
    if (peeked.aud !== site.id) return { ok: false, reason: 'wrong_audience' };
    return verifyVisitorToken({ token, secret: site.serverSecret, siteId: site.id, now });
  }
  const current = await verifyVisitorToken({ token, secret: site.identitySecret, siteId: site.id, now });
  const previous = site.previousIdentitySecret;
  if (current.ok || current.reason !== 'bad_signature' || !previous || previous.validUntil.getTime() <= now.getTime()) {
    return current;
  }
  return verifyVisitorToken({ token, secret: previous.secret, siteId: site.id, now });
}
