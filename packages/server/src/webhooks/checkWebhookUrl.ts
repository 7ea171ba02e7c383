import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { blockedAddressKind } from './isBlockedAddress.js';

/** Resolves a host name to every address it has (A and AAAA), as `dns.lookup` with `all: true` does. */
export type WebhookHostResolver = (hostname: string) => Promise<string[]>;

/** Where webhooks may go. */
export interface WebhookUrlPolicy {
  /**
   * The development allowance: plain `http://` and loopback, private (RFC 1918, fc00::/7), link-local and CGNAT
   * addresses are accepted. Never in production: anyone with a secret key could make the server call into its own
   * network. Default: `false`.
   */
  allowPrivateNetworks?: boolean;
  /** Resolves host names (tests inject one). Default: the system resolver (`dns.lookup`, every address). */
  resolveHost?: WebhookHostResolver;
}

/** The system resolver: every address of `hostname`, in the resolver's order. */
export const systemResolveHost: WebhookHostResolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

const RESOLVE_TIMEOUT_MS = 3_000;

/** `URL#hostname` without IPv6 brackets or a trailing dot. */
export function bareHostname(url: URL): string {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/** Why an address may not be called under `policy` (`"a loopback, … address"`), or `null` when it may. */
export function addressRefusal(address: string, policy: WebhookUrlPolicy): string | null {
  const kind = blockedAddressKind(address);
  if (kind === 'invalid') return 'an unspecified, multicast or reserved address';
  if (kind === 'internal' && !policy.allowPrivateNetworks) return 'a loopback, private, link-local or shared (CGNAT) address';
  return null;
}

/**
 * What is wrong with `text` as an endpoint URL, without looking anything up: not an absolute URL, not `https:`
 * (`http:` too with the development allowance), user name or password in it, a fragment, a `localhost` name, an
 * IP literal that is loopback, private, link-local, CGNAT, unspecified or multicast (IPv4-mapped IPv6 forms too).
 * `null` when none of that.
 */
export function webhookUrlSyntaxRefusal(text: string, policy: WebhookUrlPolicy): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Not an absolute URL';
  }
  const schemes = policy.allowPrivateNetworks ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) return policy.allowPrivateNetworks ? 'Use an http or https URL' : 'Use an https URL';
  if (url.username || url.password) return 'No user name or password in the URL: verify the signature instead';
  if (url.hash) return 'No fragment (#…) in the URL';
  const host = bareHostname(url);
  if (isIP(host)) {
    const refused = addressRefusal(host, policy);
    return refused === null ? null : `${host} is ${refused}`;
  }
  if (!policy.allowPrivateNetworks && (host === 'localhost' || host.endsWith('.localhost'))) return `${host} is this machine`;
  return null;
}

/**
 * What is wrong with `text` as an endpoint URL (see {@link webhookUrlSyntaxRefusal}), and whether its host name
 * resolves to an address that may not be called. A name that does not resolve now (or not within 3 s) is accepted:
 * every send resolves it again and checks each address before connecting (`createWebhookSender`).
 */
export async function webhookUrlRefusal(text: string, policy: WebhookUrlPolicy): Promise<string | null> {
  const refusal = webhookUrlSyntaxRefusal(text, policy);
  if (refusal !== null) return refusal;
  const host = bareHostname(new URL(text));
  if (isIP(host)) return null;
  const resolve = policy.resolveHost ?? systemResolveHost;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((done) => {
    timer = setTimeout(() => done(null), RESOLVE_TIMEOUT_MS);
  });
  try {
    const addresses = await Promise.race([resolve(host).catch(() => null), timeout]);
    for (const address of addresses ?? []) {
      const refused = addressRefusal(address, policy);
      if (refused !== null) return `${host} resolves to ${address}, ${refused}`;
    }
    return null;
  } finally {
    clearTimeout(timer);
  }
}
