/** Why managing a site's keys, origins or secrets was refused. */
export type SiteAdminErrorCode =
  /** Not an origin: `*`, a path, a scheme other than http(s), no scheme at all. */
  | 'invalid_origin'
  /** A site name or slug that cannot be used. */
  | 'invalid_site'
  /** A site with this name or slug exists. */
  | 'duplicate_site'
  | 'site_not_found'
  | 'key_not_found'
  /** Revoking it would leave the site without a working secret key. */
  | 'last_secret_key'
  /** A grace period that is not a duration from 0 to 90 days. */
  | 'invalid_grace';

/** A refusal with a code: the CLI prints the message and exits with 2, the admin API answers 404/409/422. */
export class SiteAdminError extends Error {
  override readonly name = 'SiteAdminError';
  constructor(
    readonly code: SiteAdminErrorCode,
    message: string,
  ) {
    super(message);
  }
}
