import { API_PREFIX } from '@rapport/core';
import type { InProcessServer } from './createTestServer.js';

/** What {@link admin} calls: the in-process app and the site's secret key. `startInProcessServer()` fits. */
export interface AdminTarget {
  app: InProcessServer['app'];
  seeded: { secretKey: string | null };
}

/** Options of {@link admin}. */
export interface AdminInit {
  /** HTTP method. Default: `GET`. */
  method?: string;
  /** Sent as JSON. Default: no body. */
  body?: unknown;
}

/**
 * Calls the admin API (`/v1/admin` + `path`) with the site's secret key, as the business's own server would, and
 * resolves with the JSON answer. Throws on a non-2xx answer, with its status and body. Test-only.
 */
export async function admin<T>(server: AdminTarget, path: string, init: AdminInit = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const response = await server.app.request(`http://rapport.test${API_PREFIX}/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${server.seeded.secretKey}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}
