import type { RapportError } from '@rapport/core';
import { devWarning } from './devWarning.js';

/**
 * Whether the server refused the page itself rather than the visitor: its origin is not on the publishable
 * key's allowlist (`origin_not_allowed`), or the key is unknown or revoked (`unknown_publishable_key`). Only
 * the site's developer can fix that, and retrying never will.
 */
export function isSetupRefusal(error: RapportError | null | undefined): error is RapportError {
  return error?.code === 'origin_not_allowed' || error?.code === 'unknown_publishable_key';
}

/**
 * The widgets' default "could not load" sentence: the network one, a setup refusal's (nothing the visitor can
 * do about it, so not "check your connection"), or the widget's own `otherwise`.
 */
export function loadErrorText(error: RapportError | null, otherwise: string): string {
  const code = error?.code;
  return code === 'network'
    ? 'We couldn’t reach the server. Check your connection.'
    : code === 'origin_not_allowed' || code === 'unknown_publishable_key'
      ? 'This widget isn’t set up for this site yet.'
      : otherwise;
}

/**
 * Development only (call it under `process.env.NODE_ENV !== 'production'`, so production builds drop it): one
 * console line per distinct setup refusal — not per widget, not per retry — with the server's message, which
 * names the origin or key and how to fix it.
 */
export function warnSetupRefusal(error: RapportError | null | undefined): void {
  if (!isSetupRefusal(error)) return;
  devWarning(
    `The Rapport server refused this page: ${error.message} ` +
      `(${error.code}, HTTP ${String(error.status)}, request ${error.requestId ?? 'unknown'}).`,
    `${error.code} ${error.message}`,
  );
}
