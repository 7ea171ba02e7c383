import { ErrorEnvelopeSchema } from '@rapport/core/schemas';
import { ApiError, validationFailed } from '../http/ApiError.js';
import { SiteAdminError } from '../sites/SiteAdminError.js';

/** Documented refusals of the site-management routes. */
export const SITE_ADMIN_REFUSALS = {
  notFound: { description: 'No such key on this site (`not_found`)', schema: ErrorEnvelopeSchema },
  lastKey: { description: 'It is the site’s last secret key (`conflict`): create another one first', schema: ErrorEnvelopeSchema },
} as const;

/**
 * Runs a site-management step, turning its {@link SiteAdminError} into the API's refusal: a bad origin or grace
 * period is 422 `validation_failed` (the issue at `field`), a missing key 404 `not_found`, the last secret key
 * 409 `conflict`.
 */
export async function asApiRefusal<T>(field: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof SiteAdminError)) throw error;
    switch (error.code) {
      case 'invalid_origin':
      case 'invalid_grace':
      case 'invalid_site':
        throw validationFailed([{ path: [field], message: error.message, code: error.code }], error.message);
      case 'site_not_found':
      case 'key_not_found':
        throw new ApiError(404, 'not_found', error.message);
      case 'duplicate_site':
      case 'last_secret_key':
        throw new ApiError(409, 'conflict', error.message);
    }
  }
}
