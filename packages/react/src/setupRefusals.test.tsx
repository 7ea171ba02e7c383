import { createMemoryStorage, createRapportClient, RapportError, type RapportClient } from '@rapport/core';
import { renderHook, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rapportWrapper, type StartedServer, startInProcessServer } from '@rapport/testing';
import { useVisitor } from './useVisitor.js';

// End to end: the browser client with its default retry policy, against the real server in-process, sending an
// Origin header as a browser page would.
let server: StartedServer;
beforeAll(async () => {
  server = await startInProcessServer();
});
afterAll(() => server.close());

const NOT_ALLOWED = 'https://not-on-the-list.example';

function pageClient(options: { origin: string; publishableKey?: string }): { client: RapportClient; sent: () => number } {
  let count = 0;
  const client = createRapportClient({
    baseUrl: 'http://rapport.test',
    publishableKey: options.publishableKey ?? server.seeded.publishableKey,
    storage: createMemoryStorage(),
    onlineTarget: null,
    fetch: async (input, init) => {
      count++;
      const headers = new Headers(init?.headers);
      headers.set('origin', options.origin);
      return server.app.request(input, { ...init, headers });
    },
  });
  return { client, sent: () => count };
}

async function refusal(promise: Promise<unknown>): Promise<RapportError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RapportError);
  return error as RapportError;
}

describe('refusals of the page itself, end to end', () => {
  it('surfaces a disallowed origin as origin_not_allowed after one request, naming the origin and the fix', async () => {
    const { client, sent } = pageClient({ origin: NOT_ALLOWED });
    const error = await refusal(client.visitor.bootstrap());
    expect(error).toMatchObject({ code: 'origin_not_allowed', status: 403 });
    expect(error.requestId).toMatch(/\S/);
    expect(error.message).toContain(`Origin ${NOT_ALLOWED} is not allowed`);
    expect(error.message).toContain('rapport-server origin add');
    expect(sent()).toBe(1);
    // Keyed writes are not retried either.
    await expect(client.visitor.updateProfile({ locale: 'fr' })).rejects.toMatchObject({ code: 'origin_not_allowed' });
    expect(sent()).toBe(2);
  });

  it('surfaces an unknown publishable key as unknown_publishable_key after one request', async () => {
    const { client, sent } = pageClient({ origin: NOT_ALLOWED, publishableKey: 'pk_live_typo_in_the_key_0000' });
    const error = await refusal(client.visitor.bootstrap());
    expect(error).toMatchObject({ code: 'unknown_publishable_key', status: 401 });
    expect(error.requestId).toMatch(/\S/);
    expect(error.message).toContain('pk_live_typo_in_the_key_0000 is unknown or revoked');
    expect(sent()).toBe(1);
  });

  it('surfaces a revoked publishable key the same way', async () => {
    const key = 'pk_live_revoked_for_this_test_0001';
    await server.store.query(
      `INSERT INTO site_publishable_keys (key, site_id, allowed_origins, revoked_at)
       SELECT $1, site_id, $3::text[], now() FROM site_publishable_keys WHERE key = $2`,
      [key, server.seeded.publishableKey, [NOT_ALLOWED]],
    );
    const { client, sent } = pageClient({ origin: NOT_ALLOWED, publishableKey: key });
    expect(await refusal(client.visitor.bootstrap())).toMatchObject({ code: 'unknown_publishable_key', status: 401 });
    expect(sent()).toBe(1);
  });

  it('reaches useVisitor unchanged: the same code, status and request id, and no retry', async () => {
    const { client, sent } = pageClient({ origin: NOT_ALLOWED });
    const { result } = renderHook(() => useVisitor(), { wrapper: rapportWrapper(client) });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toBeInstanceOf(RapportError);
    expect(result.current.error).toMatchObject({ code: 'origin_not_allowed', status: 403 });
    expect(result.current.error?.requestId).toMatch(/\S/);
    expect(sent()).toBe(1);
  });
});
