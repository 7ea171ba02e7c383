const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Whether `origin` (an Origin header) matches one of `allowed`: an exact origin such as
 * `https://shop.example.com`, or a subdomain pattern such as `https://*.example.com`, which matches any
 * subdomain depth (`https://a.example.com`, `https://a.b.example.com`) but not `https://example.com`
 * itself, and only with the same scheme and port.
 */
export function isOriginAllowed(origin: string, allowed: readonly string[]): boolean {
  const candidate = origin.toLowerCase();
  if (candidate === 'null' || !/^[a-z][a-z0-9+.-]*:\/\/[^/?#]+$/.test(candidate)) return false;
  for (const entry of allowed) {
    const pattern = entry.toLowerCase().replace(/\/+$/, '');
    if (pattern === candidate) return true;
    const wildcard = /^([a-z][a-z0-9+.-]*:\/\/)\*\.(.+)$/.exec(pattern);
    if (!wildcard) continue;
    const [, scheme, suffix] = wildcard as unknown as [string, string, string];
    if (!candidate.startsWith(scheme) || !candidate.endsWith(`.${suffix}`)) continue;
    const sub = candidate.slice(scheme.length, candidate.length - suffix.length - 1);
    if (sub.length > 0 && sub.split('.').every((label) => HOST_LABEL.test(label))) return true;
  }
  return false;
}
