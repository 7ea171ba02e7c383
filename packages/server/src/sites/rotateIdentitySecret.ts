import { DEFAULT_IDENTITY_SECRET_GRACE_SECONDS, MAX_IDENTITY_SECRET_GRACE_SECONDS } from '@rapport/core/schemas';
import type { SqlExecutor } from '../store/Store.js';
import { generateIdentitySecret } from './keys.js';
import { SiteAdminError } from './SiteAdminError.js';

/** Options of {@link rotateIdentitySecret}. */
export interface RotateIdentitySecretOptions {
  siteId: string;
  /**
   * How long visitor tokens signed with the replaced secret keep verifying, in milliseconds; 0 refuses them at
   * once (a leaked secret). Default: 7 days — see README "Rotating the identity secret".
   */
  graceMs?: number;
  /** The clock, read once the site's row is locked. */
  clock: () => Date;
}

/** Result of {@link rotateIdentitySecret}. */
export interface RotatedIdentitySecret {
  /** The new identity secret: sign visitor tokens with it from now on. */
  identitySecret: string;
  rotatedAt: Date;
  /** Until when tokens signed with the replaced secret verify; `null` with no grace. */
  previousValidUntil: Date | null;
  /** When an older secret was still in its grace period, the end it had: that grace ends now (one previous at a time). */
  cutShort: Date | null;
}

/** Grace period of a rotation unless told otherwise: 7 days, in milliseconds. */
export const DEFAULT_GRACE_MS = DEFAULT_IDENTITY_SECRET_GRACE_SECONDS * 1000;

/**
 * Replaces the site's identity secret with a new random one. The replaced secret stays valid on visitor tokens
 * for `graceMs` (tokens signed with either verify; after it, only the new one), so the business can deploy the
 * new secret to its servers and let the tokens they minted run out. Anonymous tokens and email links are keyed by
 * the server secret and are not affected. Run it in a transaction.
 */
export async function rotateIdentitySecret(tx: SqlExecutor, options: RotateIdentitySecretOptions): Promise<RotatedIdentitySecret> {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  if (!Number.isInteger(graceMs) || graceMs < 0 || graceMs > MAX_IDENTITY_SECRET_GRACE_SECONDS * 1000) {
    throw new SiteAdminError('invalid_grace', 'The grace period must be from 0 to 90 days');
  }
  const { rows } = await tx.query<{ previous_identity_secret_until: Date | null }>(
    'SELECT previous_identity_secret_until FROM sites WHERE id = $1 FOR UPDATE',
    [options.siteId],
  );
  const site = rows[0];
  if (!site) throw new SiteAdminError('site_not_found', `No site ${options.siteId}`);
  const rotatedAt = options.clock();
  const previousValidUntil = graceMs > 0 ? new Date(rotatedAt.getTime() + graceMs) : null;
  const identitySecret = generateIdentitySecret();
  await tx.query(
    `UPDATE sites SET previous_identity_secret = CASE WHEN $3::timestamptz IS NULL THEN NULL ELSE identity_secret END,
       previous_identity_secret_until = $3, identity_secret = $2, identity_secret_rotated_at = $4
     WHERE id = $1`,
    [options.siteId, identitySecret, previousValidUntil, rotatedAt],
  );
  const older = site.previous_identity_secret_until;
  return { identitySecret, rotatedAt, previousValidUntil, cutShort: older && older.getTime() > rotatedAt.getTime() ? older : null };
}
