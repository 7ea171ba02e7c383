import { RAPPORT_HEADERS } from '@rapport/core';

/** Who a {@link callApi} request speaks as: the business's server (secret key) or a visitor (publishable key + token). */
export type ApiCredentials = { secretKey: string } | { publishableKey: string; visitorToken: string };

/** A response read in full: status and parsed JSON body (`null` when empty). */
export interface ApiResult<T = unknown> {
  status: number;
  body: T;
}

/** One JSON request to the server at `baseUrl`, with the real `fetch` (no drops). */
export async function callApi<T = unknown>(
  baseUrl: string,
  credentials: ApiCredentials,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if ('secretKey' in credentials) headers.authorization = `Bearer ${credentials.secretKey}`;
  else {
    headers[RAPPORT_HEADERS.publishableKey] = credentials.publishableKey;
    headers.authorization = `Bearer ${credentials.visitorToken}`;
  }
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T };
}

/** Like {@link callApi}, throwing unless the status is one of `expected`. */
export async function callApiExpecting<T = unknown>(
  expected: readonly number[],
  ...args: Parameters<typeof callApi>
): Promise<T> {
  const result = await callApi<T>(...args);
  if (!expected.includes(result.status)) {
    throw new Error(`${args[3]?.method ?? 'GET'} ${args[2]} answered ${result.status}: ${JSON.stringify(result.body)}`);
  }
  return result.body;
}
