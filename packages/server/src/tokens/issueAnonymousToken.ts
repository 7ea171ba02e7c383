import { randomAlphanumeric } from '../crypto/random.js';
import type { SiteRecord } from '../sites/siteQueries.js';
import { signHs256 } from './hs256.js';

/**
 * Makes a new anonymous identity and the token that carries it: `sub` = `anon_…`, `anon: true`,
 * `aud` = the site id, signed with the site's server secret (never rotated: the token outlives any
 * identity-secret rotation, for as long as `ttlSeconds`).
 */
export async function issueAnonymousToken(
  site: SiteRecord,
  now: Date,
  ttlSeconds: number,
): Promise<{ anonymousId: string; token: string }> {
  const anonymousId = `anon_${randomAlphanumeric(24)}`;
  const iat = Math.floor(now.getTime() / 1000);
  const token = await signHs256({ sub: anonymousId, anon: true, aud: site.id, iat, exp: iat + ttlSeconds }, site.serverSecret);
  return { anonymousId, token };
}
