import type { AdminHttpMethod, AdminOperation, RetrySafety } from './AdminOperation.js';
import { contactsOperations } from './contactsAdmin.js';
import { feedbackOperations } from './feedbackAdmin.js';
import { loyaltyOperations } from './loyaltyAdmin.js';
import { ownersOperations } from './ownersAdmin.js';
import { preferencesOperations } from './preferencesAdmin.js';
import { siteOperations } from './siteAdmin.js';
import { webhooksOperations } from './webhooksAdmin.js';

/** Every operation table, by the admin client's domain property. */
export const ADMIN_DOMAINS = {
  contacts: contactsOperations,
  feedback: feedbackOperations,
  preferences: preferencesOperations,
  loyalty: loyaltyOperations,
  owners: ownersOperations,
  site: siteOperations,
  webhooks: webhooksOperations,
} as const satisfies Record<string, Record<string, AdminOperation>>;

/** Where an OpenAPI operation lives in the admin client. */
export interface AdminOperationEntry {
  /** The client method, as `domain.method` (e.g. `loyalty.award` for `admin.loyalty.award(…)`). */
  sdkMethod: string;
  method: AdminHttpMethod;
  /** OpenAPI-style path with `{name}` parameters. */
  path: string;
  /** Whether the client retries it, and why a retry is safe. */
  retry: RetrySafety;
}

/**
 * Every admin operation of the Rapport API by OpenAPI `operationId`, with the client method that calls it: to find
 * the method for an operation in the API reference, and for the test that checks none is missing.
 */
export const RAPPORT_ADMIN_OPERATIONS: Readonly<Record<string, AdminOperationEntry>> = Object.freeze(
  Object.fromEntries(
    Object.entries(ADMIN_DOMAINS).flatMap(([domain, operations]) =>
      Object.entries(operations as Record<string, AdminOperation>).map(([name, op]) => [
        op.operationId,
        { sdkMethod: `${domain}.${name}`, method: op.method, path: op.path, retry: op.retry },
      ]),
    ),
  ),
);
