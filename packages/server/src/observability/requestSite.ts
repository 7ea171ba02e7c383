import type { Context } from 'hono';

/** The context variable the access log reads; kept out of `AppEnv` since only observability uses it. */
interface SiteEnv {
  Variables: { rapportSiteId?: string };
}

/** Records which site a request belongs to, once its credentials are checked, for the access log. */
export function setRequestSite(c: Context, siteId: string): void {
  (c as unknown as Context<SiteEnv>).set('rapportSiteId', siteId);
}

/** The site recorded with {@link setRequestSite}, or `undefined` (no credentials, or refused before). */
export function requestSite(c: Context): string | undefined {
  return (c as unknown as Context<SiteEnv>).get('rapportSiteId');
}
