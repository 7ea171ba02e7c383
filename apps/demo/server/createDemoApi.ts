import { signVisitorToken } from '@rapport/node';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { createConsoleApi } from './createConsoleApi.js';
import type { DemoAdmin } from './createDemoAdmin.js';
import { createMailerApi } from './createMailerApi.js';
import type { DemoKeys } from './demoKeys.js';

/** Options of {@link createDemoApi}. */
export interface DemoApiOptions {
  /** The demo site's keys (the identity secret signs visitor tokens; the publishable key goes to the browser). */
  keys: DemoKeys;
  /** Public URL of the Rapport API, as the browser reaches it. */
  apiBaseUrl: string;
  /** The `@rapport/node` admin client with the site's secret key: the console and the customer list go through it. */
  demoAdmin: DemoAdmin;
  /** Calls the Rapport API's public routes from this server (`app.request` in process), by path. */
  rapportFetch: (path: string, init?: RequestInit) => Promise<Response>;
  /** Signing secrets of the demo's webhook endpoint, newest first; none until it is set up. */
  webhookSecrets: () => readonly string[];
}

const SESSION_COOKIE = 'northwind_session';

/**
 * The demo shop's own back end, playing the host app: a "login" session cookie, and a token endpoint that
 * signs Rapport visitor tokens for the signed-in customer with the site's identity secret — never in the browser.
 */
export function createDemoApi({ keys, apiBaseUrl, demoAdmin, rapportFetch, webhookSecrets }: DemoApiOptions): Hono {
  const app = new Hono().basePath('/demo-api');

  async function customers(): Promise<Array<{ externalId: string; name: string }>> {
    const page = await demoAdmin.admin.contacts.list({ limit: 100 });
    return page.items
      .filter((c): c is typeof c & { externalId: string } => !c.anonymous && c.externalId !== null)
      .map((c) => ({ externalId: c.externalId, name: typeof c.traits.name === 'string' ? c.traits.name : c.externalId }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  app.get('/config', async (c) =>
    c.json({
      apiBaseUrl,
      publishableKey: keys.publishableKey,
      customers: await customers(),
      signedInAs: getCookie(c, SESSION_COOKIE) ?? null,
    }),
  );

  app.put('/session', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { externalId?: unknown } | null;
    const externalId = body?.externalId;
    if (externalId === null) {
      setCookie(c, SESSION_COOKIE, '', { path: '/', maxAge: 0, httpOnly: true, sameSite: 'Lax' });
      return c.json({ signedInAs: null });
    }
    const known = await customers();
    if (typeof externalId !== 'string' || !known.some((k) => k.externalId === externalId)) {
      return c.json({ error: 'Unknown customer' }, 422);
    }
    setCookie(c, SESSION_COOKIE, externalId, { path: '/', httpOnly: true, sameSite: 'Lax' });
    return c.json({ signedInAs: externalId });
  });

  app.get('/visitor-token', async (c) => {
    const externalId = getCookie(c, SESSION_COOKIE);
    if (!externalId) return c.json({ token: null });
    const customer = (await customers()).find((k) => k.externalId === externalId);
    if (!customer) return c.json({ token: null });
    const token = await signVisitorToken({
      secret: keys.identitySecret,
      externalId,
      name: customer.name,
      expiresInSeconds: 15 * 60,
    });
    return c.json({ token });
  });

  // The page the double opt-in email links to confirms through here: Rapport's `POST /v1/preferences/confirm` is
  // public (the token is the authority) but answers no cross-origin browser call, so the shop's server passes the
  // token on, with no key of its own.
  app.post('/preferences/confirm', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { token?: unknown } | null;
    const token = typeof body?.token === 'string' ? body.token : '';
    const response = await rapportFetch('/v1/preferences/confirm', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    return new Response(response.body, { status: response.status, headers: { 'content-type': 'application/json' } });
  });

  // The owner console's back end: allow-listed `@rapport/node` calls with the secret key, which stays here.
  app.route('/console', createConsoleApi(demoAdmin));
  // The shop's mailer: the site's webhooks in, verified, and the Mailer page's list out.
  app.route('/', createMailerApi({ admin: demoAdmin.admin, customers, secrets: webhookSecrets }));

  return app;
}
