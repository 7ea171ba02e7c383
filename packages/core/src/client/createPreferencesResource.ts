import { RapportError } from '../errors/RapportError.js';
import { API_PREFIX } from '../protocol.js';
import type { PreferenceChange, PreferenceExport, PreferenceState } from '../schemas/preferences.js';
import { createId } from '../transport/createId.js';
import type { Transport } from '../transport/createTransport.js';
import { toIssues } from '../transport/toIssues.js';
import type { CallOptions, WriteOptions } from './createVisitorResource.js';

// The contract loads lazily (its own chunk), so only pages that change preferences pay for it.
import { loadContract as preferenceSchemas } from './loadContract.js';

/** The preferences center's calls. The catalog and the visitor's state come with the bootstrap. */
export interface PreferencesResource {
  /**
   * Checks `change` against the contract (rejects with code `validation`, nothing sent), then applies it
   * (`PATCH /v1/visitor/preferences`) and resolves with the visitor's whole state as the server now holds it.
   * Rejects with `conflict` when `change.catalogVersion` is no longer the current catalog (reload the
   * bootstrap and ask again), `validation_failed` for an unknown topic or channel, `unauthorized` for an
   * anonymous visitor.
   */
  update(change: PreferenceChange, options?: WriteOptions): Promise<PreferenceState>;
  /** Everything held about the visitor's choices and their consent history (`GET /v1/visitor/preferences/export`). */
  export(options?: CallOptions): Promise<PreferenceExport>;
}

/** Builds the `preferences` resource of a client. */
export function createPreferencesResource(transport: Transport): PreferencesResource {
  return {
    async update(change, options) {
      const { PreferenceChangeSchema, PreferenceStateSchema } = await preferenceSchemas();
      const parsed = PreferenceChangeSchema.safeParse(change);
      if (!parsed.success) {
        throw new RapportError('Invalid preference change', { code: 'validation', issues: toIssues(parsed.error.issues) });
      }
      return transport({
        method: 'PATCH',
        path: `${API_PREFIX}/visitor/preferences`,
        body: parsed.data,
        schema: PreferenceStateSchema,
        idempotencyKey: options?.idempotencyKey ?? createId('idem_'),
        signal: options?.signal,
      });
    },
    export(options) {
      return transport({
        method: 'GET',
        path: `${API_PREFIX}/visitor/preferences/export`,
        schema: () => preferenceSchemas().then((m) => m.PreferenceExportSchema),
        signal: options?.signal,
      });
    },
  };
}
