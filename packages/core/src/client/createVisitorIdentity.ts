import { RAPPORT_HEADERS } from '../protocol.js';
import type { VisitorSession } from '../schemas/visitor.js';
import type { KeyValueStorage } from '../storage/KeyValueStorage.js';

/** Header carrying a previous anonymous token so the server can merge it into the identified contact. */
export const ANONYMOUS_TOKEN_HEADER = RAPPORT_HEADERS.anonymousToken;

/** Chooses the bearer token of each request: the host app's visitor token, else the stored anonymous one. */
export interface VisitorIdentity {
  /** The token to send now, or `null` (a first-time anonymous visitor). */
  token(): Promise<string | null>;
  /** Extra bootstrap headers: the anonymous token to merge when the visitor is now identified. */
  mergeHeaders(): Promise<Record<string, string>>;
  /** Keeps a newly issued anonymous token; forgets the anonymous one once merged into a known visitor. */
  remember(visitor: VisitorSession): void;
  /** Drops a stored anonymous token the server refused; true when there was one to drop. */
  forgetStaleAnonymous(): Promise<boolean>;
}

/** Builds the identity logic of one client over the given storage. */
export function createVisitorIdentity(
  storage: KeyValueStorage,
  storageKey: string,
  getVisitorToken: (() => Promise<string | null> | string | null) | undefined,
): VisitorIdentity {
  const knownToken = async () => (getVisitorToken ? ((await getVisitorToken()) ?? null) : null);
  const anonymousToken = () => storage.getItem(storageKey);
  return {
    async token() {
      return (await knownToken()) ?? anonymousToken();
    },
    async mergeHeaders(): Promise<Record<string, string>> {
      const anonymous = anonymousToken();
      if (anonymous === null || (await knownToken()) === null) return {};
      return { [ANONYMOUS_TOKEN_HEADER]: anonymous };
    },
    remember(visitor) {
      if (visitor.anonymousToken) storage.setItem(storageKey, visitor.anonymousToken);
      else if (visitor.kind === 'known') storage.removeItem(storageKey);
    },
    async forgetStaleAnonymous() {
      if (anonymousToken() === null || (await knownToken()) !== null) return false;
      storage.removeItem(storageKey);
      return true;
    },
  };
}
