import type { VisitorTokenClaims } from '@rapport/core';

/** The visitor a verified token identifies. */
export interface VisitorIdentity {
  /** `known` for a business-signed token, `anonymous` for the server's own anonymous token. */
  kind: 'known' | 'anonymous';
  /** The token's `sub`: the external id, or the anonymous id. */
  subject: string;
  claims: VisitorTokenClaims;
}
