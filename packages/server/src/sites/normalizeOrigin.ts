import { SiteAdminError } from './SiteAdminError.js';

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const ORIGIN_EXAMPLE = 'an origin such as https://shop.example.com, http://localhost:5173 or https://*.example.com';

function refuse(input: string, why: string): never {
  const shown = input.length > 80 ? `${input.slice(0, 80)}…` : input;
  throw new SiteAdminError('invalid_origin', `"${shown}" is not ${ORIGIN_EXAMPLE}: ${why}`);
}

/**
 * The canonical form of an allowed origin, as a browser sends it in `Origin`: scheme `http` or `https`, host in
 * lower case (punycode for international names), port only when not the default, nothing after. `https://*.`
 * followed by a domain of at least two labels allows every subdomain of it. Throws `invalid_origin` for `*`,
 * `null`, paths, queries, credentials, other schemes (`javascript:`, `file:`) and a missing scheme.
 */
export function normalizeOrigin(input: string): string {
  const trimmed = input.trim();
  if (trimmed === '*' || trimmed.toLowerCase() === 'null') refuse(input, 'name each origin the key may be used from');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (!scheme || !trimmed.slice(scheme.length + 1).startsWith('//')) refuse(input, 'start it with http:// or https://');
  if (scheme !== 'http' && scheme !== 'https') refuse(input, `the scheme must be http or https, not ${scheme}`);
  const rest = trimmed.slice(scheme.length + 3).replace(/\/$/, '');
  if (/[/?#\\]/.test(rest)) refuse(input, 'an origin has no path, query or fragment');
  if (rest.includes('@')) refuse(input, 'an origin has no user name or password');
  const wildcard = rest.startsWith('*.');
  const hostPart = wildcard ? rest.slice(2) : rest;
  if (hostPart.includes('*')) refuse(input, 'a wildcard may only stand for the subdomains, as in https://*.example.com');
  let url: URL;
  try {
    url = new URL(`${scheme}://${hostPart}`);
  } catch {
    return refuse(input, 'the host is not valid');
  }
  if (url.hostname === '') refuse(input, 'the host is missing');
  if (wildcard) {
    const labels = url.hostname.split('.');
    if (labels.length < 2 || !labels.every((label) => HOST_LABEL.test(label))) {
      refuse(input, 'a wildcard needs a domain of at least two labels after it, as in https://*.example.com');
    }
  }
  return `${scheme}://${wildcard ? '*.' : ''}${url.host}`;
}
