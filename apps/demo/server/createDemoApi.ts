import { signVisitorToken } from '@rapport/server';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { DemoKeys } from './demoKeys.js';

/** Options of {@link createDemoApi}. */
export interface DemoApiOptions {
  /** The demo site's keys (the identity secret signs visitor tokens; the secret key reads the admin API). */
  keys: DemoKeys;
  /** Public URL of the Rapport API, as the browser reaches it. */
  apiBaseUrl: string;
  /** Calls the Rapport API from this server (the business's back end), e.g. `app.request`. */
  rapportFetch: (path: string, init?: RequestInit) => Promise<Response>;
}

interface AdminContact {
  externalId: string | null;
  anonymous: boolean;
  traits: Record<string, unknown>;
}

const SESSION_COOKIE = 'northwind_session';

/**
 * A relative admin API path the console may reach: plain segments, where an encoded external id
 * (`contacts/jane.doe%40example.com/loyalty`) may hold `.`, `~` and `%XX`, but no segment is `.`/`..` and no
 * escape encodes a slash, backslash or dot, so the path cannot climb out of `/v1/admin/`.
 */
export function isAdminPath(path: string): boolean {
  return path.split('/').every((segment) => /^[\w.~%-]+$/.test(segment) && !/^\.{1,2}$/.test(segment) && !/%(?:2f|5c|2e)/i.test(segment));
}

/**
 * The demo shop's own back end, playing the host app: a "login" session cookie, and a token endpoint that
 * signs Rapport visitor tokens for the signed-in customer with the site's identity secret — never in the browser.
 */
export function createDemoApi({ keys, apiBaseUrl, rapportFetch }: DemoApiOptions): Hono {
  const app = new Hono().basePath('/demo-api');

  async function customers(): Promise<Array<{ externalId: string; name: string }>> {
    const response = await rapportFetch('/v1/admin/contacts?limit=100', {
      headers: { authorization: `Bearer ${keys.secretKey}` },
    });
    if (!response.ok) throw new Error(`Rapport admin API answered ${response.status}`);
    const page = (await response.json()) as { items: AdminContact[] };
    return page.items
      .filter((c): c is AdminContact & { externalId: string } => !c.anonymous && c.externalId !== null)
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

  // The owner console's back end: forwards to the Rapport admin API with the secret key added here, so the
  // key never reaches the browser. (A real business puts its own staff login in front of this.)
  // Its own refusals use Rapport's error envelope, so the console shows every failure the same way.
  const refuse = (status: 400 | 405, code: string, message: string) =>
    Response.json({ error: { code, message, requestId: `demo_${crypto.randomUUID()}` } }, { status });
  app.all('/console/*', async (c) => {
    if (!['GET', 'POST', 'PUT', 'PATCH'].includes(c.req.method)) return refuse(405, 'method_not_allowed', 'Method not allowed');
    const url = new URL(c.req.url);
    const path = url.pathname.replace(/^\/demo-api\/console\//, '');
    if (!isAdminPath(path)) return refuse(400, 'bad_request', 'Bad path');
    const response = await rapportFetch(`/v1/admin/${path}${url.search}`, {
      method: c.req.method,
      headers: { authorization: `Bearer ${keys.secretKey}`, 'content-type': 'application/json' },
      body: c.req.method === 'GET' ? undefined : await c.req.text(),
    });
    return new Response(response.body, { status: response.status, headers: { 'content-type': 'application/json' } });
  });

  return app;
}
