import { ApiError } from '../http/ApiError.js';

/** Longest echo of a caller-supplied value (an Origin, a key) in a refusal message. */
const MAX_ECHO_LENGTH = 120;
/** What a publishable key looks like; anything else is not echoed (it may be a secret pasted in the wrong place). */
const PUBLISHABLE_KEY_SHAPE = /^pk_[A-Za-z0-9_-]{1,100}$/;

function echo(value: string): string {
  const printable = value.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > MAX_ECHO_LENGTH ? `${printable.slice(0, MAX_ECHO_LENGTH)}…` : printable;
}

/** A plain web origin (what browsers send), safe to quote inside a shell command. */
const PLAIN_ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$/;

/**
 * 403 `origin_not_allowed`: the page's origin is not on the publishable key's allowlist. The message names the
 * origin and the site and says how to allow it: the developer reads it in the browser (the response is
 * CORS-readable, see `authenticateVisitor`), so it must be enough on its own to fix the setup.
 */
export function originNotAllowed(origin: string, siteSlug: string): ApiError {
  const command = PLAIN_ORIGIN.test(origin) && origin.length <= MAX_ECHO_LENGTH
    ? `rapport-server origin add --site ${siteSlug} ${origin}`
    : `rapport-server origin add --site ${siteSlug} <origin>`;
  return new ApiError(
    403,
    'origin_not_allowed',
    `Origin ${echo(origin)} is not allowed for site "${siteSlug}": add it with \`${command}\` or the admin API`,
  );
}

/**
 * 401 `unknown_publishable_key`: no site has this key, or it was revoked. One code for both: telling them apart
 * would only help someone probing for keys. The key is echoed when it looks like a publishable key.
 */
export function unknownPublishableKey(key: string): ApiError {
  const which = PUBLISHABLE_KEY_SHAPE.test(key) ? `Publishable key ${key}` : 'This publishable key';
  return new ApiError(
    401,
    'unknown_publishable_key',
    `${which} is unknown or revoked: use a current key of the site (\`rapport-server key list --site <site>\` ` +
      'lists them, `rapport-server key create --site <site> --type publishable` makes one, or use the admin API)',
  );
}
