/** One timed admin `GET`: milliseconds to the last byte, and the parsed body. Throws unless 200. */
export async function adminGet<T>(baseUrl: string, secretKey: string, path: string): Promise<{ ms: number; body: T }> {
  const started = performance.now();
  const response = await fetch(baseUrl + path, { headers: { accept: 'application/json', authorization: `Bearer ${secretKey}` } });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return { ms, body: JSON.parse(text) as T };
}

/** One untimed warm-up call, then `calls` timed ones; resolves their times (ms) and the last body. */
export async function timeAdminRead<T>(baseUrl: string, secretKey: string, path: string, calls = 5): Promise<{ times: number[]; body: T }> {
  let { body } = await adminGet<T>(baseUrl, secretKey, path);
  const times: number[] = [];
  for (let call = 0; call < calls; call += 1) {
    const timed = await adminGet<T>(baseUrl, secretKey, path);
    times.push(timed.ms);
    body = timed.body;
  }
  return { times, body };
}
