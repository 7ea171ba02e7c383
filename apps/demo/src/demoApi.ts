/** The demo shop's own back end (server/createDemoApi.ts): what a host app's server would provide. */
export interface DemoConfig {
  /** Where the Rapport API runs. */
  apiBaseUrl: string;
  /** The demo site's publishable key. */
  publishableKey: string;
  /** Customers the visitor switcher can sign in as. */
  customers: Array<{ externalId: string; name: string }>;
  /** Who is signed in now, or `null` for an anonymous visitor. */
  signedInAs: string | null;
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`Demo API answered ${response.status}`);
  return (await response.json()) as T;
}

/** One line of the Mailer page: what a webhook the demo server received and verified says (server/createMailerApi.ts). */
export interface MailerEntry {
  /** The `webhook-id`, and the line's place among the event's lines. */
  id: string;
  /** The event type, e.g. `preferences.changed`. */
  type: string;
  /** The sentence, without its time: "Grace opted out of Offers by email". */
  text: string;
  /** When the event happened (ISO 8601). */
  at: string;
}

/** The webhooks the demo's mailer received, newest first (the last 200 events). */
export const fetchMailer = () => fetch('/demo-api/mailer').then((r) => json<{ items: MailerEntry[] }>(r));

export const fetchConfig = () => fetch('/demo-api/config').then((r) => json<DemoConfig>(r));

// Tokens live 15 minutes; the client asks before every request, so one is reused for 10 (signing in or out
// reloads the page, which starts afresh).
const TOKEN_REUSE_MS = 10 * 60_000;
let current: { token: Promise<string | null>; until: number } | null = null;

/** The host app's token endpoint: signs a visitor token for the signed-in customer, or `null`. */
export function fetchVisitorToken(): Promise<string | null> {
  if (current && Date.now() < current.until) return current.token;
  const token = fetch('/demo-api/visitor-token')
    .then((r) => json<{ token: string | null }>(r))
    .then((b) => b.token);
  current = { token, until: Date.now() + TOKEN_REUSE_MS };
  token.catch(() => (current = null)); // a failure is not kept: the next request asks again
  return token;
}

/** Signs in as a seeded customer (`null` signs out), like the host app's own login would. */
export const signIn = (externalId: string | null) =>
  fetch('/demo-api/session', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ externalId }),
  }).then((r) => json<{ signedInAs: string | null }>(r));

/** How a double opt-in confirmation went: done, a link that is not (or no longer) valid, or the server failed. */
export type ConfirmOutcome = 'confirmed' | 'invalid' | 'failed';

const confirmations = new Map<string, Promise<ConfirmOutcome>>();

/**
 * Confirms a double opt-in with the token from the email's link, once per token and page load (React's strict
 * mode runs effects twice in development; a token works only once). Through the demo server, which passes it to
 * Rapport's public `POST /v1/preferences/confirm`.
 */
export function confirmOptIn(token: string): Promise<ConfirmOutcome> {
  const known = confirmations.get(token);
  if (known) return known;
  const outcome = fetch('/demo-api/preferences/confirm', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  }).then(
    (r): ConfirmOutcome => (r.ok ? 'confirmed' : r.status === 404 || r.status === 422 ? 'invalid' : 'failed'),
    (): ConfirmOutcome => 'failed',
  );
  confirmations.set(token, outcome);
  return outcome;
}
