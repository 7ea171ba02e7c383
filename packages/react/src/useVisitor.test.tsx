import { RapportError, type VisitorSession } from '@rapport/core';
import { signVisitorToken } from '@rapport/server';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, deferred, rapportWrapper, startInProcessServer, type TestServer } from '@rapport/testing';
import { useBootstrap } from './useBootstrap.js';
import { useVisitor } from './useVisitor.js';

let server: TestServer;
beforeAll(async () => {
  server = createTestServer(await startInProcessServer());
});
afterAll(() => server.close());

const bootstrapCalls = () => server.requests.filter((r) => r.path === '/v1/visitor/bootstrap').length;
const adaToken = () =>
  signVisitorToken({ secret: server.identitySecret, externalId: 'ada-1815', name: 'Ada Lovelace' });

describe('useVisitor', () => {
  it('loads an anonymous visitor and the site', async () => {
    const client = server.createClient();
    const { result } = renderHook(() => useVisitor(), { wrapper: rapportWrapper(client) });
    expect(result.current.status).toBe('loading');
    expect(result.current.data).toBeUndefined();
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.data).toMatchObject({ kind: 'anonymous', externalId: null });
    expect(result.current.site?.name).toBe(server.siteName);
    expect(result.current.error).toBeNull();
    expect(result.current.isFetching).toBe(false);
  });

  it('loads a known visitor from a signed token', async () => {
    const token = await adaToken();
    const client = server.createClient({ getVisitorToken: () => token });
    const { result } = renderHook(() => useVisitor(), { wrapper: rapportWrapper(client) });
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.data).toMatchObject({ kind: 'known', externalId: 'ada-1815', displayName: 'Ada Lovelace' });
  });

  it('makes exactly one request for any number of consumers', async () => {
    const client = server.createClient();
    const before = bootstrapCalls();
    function Name() {
      const { data } = useVisitor();
      return <p>{data ? `visitor ${data.kind}` : 'loading'}</p>;
    }
    function Site() {
      const { data } = useBootstrap();
      return <p>{data ? `site ${data.site.name}` : 'loading'}</p>;
    }
    render(
      <>
        <Name />
        <Name />
        <Site />
        <Name />
        <Site />
      </>,
      { wrapper: rapportWrapper(client) },
    );
    expect(await screen.findAllByText('visitor anonymous')).toHaveLength(3);
    expect(screen.getAllByText(`site ${server.siteName}`)).toHaveLength(2);
    expect(bootstrapCalls() - before).toBe(1);
  });

  it('updates the profile optimistically and rolls back when the server refuses', async () => {
    let token = await adaToken();
    let hold: Promise<void> | undefined;
    const client = server.createClient({
      getVisitorToken: () => token,
      beforeRequest: (request) => (request.method === 'PATCH' ? hold : undefined),
    });
    const { result } = renderHook(() => useVisitor(), { wrapper: rapportWrapper(client) });
    await waitFor(() => expect(result.current.status).toBe('ready'));
    const original = result.current.data?.timeZone ?? null;
    const patchesBefore = server.requests.filter((r) => r.method === 'PATCH').length;

    // Accepted: the cache shows the change while the server still holds the answer back.
    const first = deferred();
    hold = first.promise;
    let accepted!: Promise<VisitorSession>;
    act(() => {
      accepted = result.current.updateProfile({ timeZone: 'Europe/Paris' });
    });
    await waitFor(() => expect(result.current.data?.timeZone).toBe('Europe/Paris'));
    expect(result.current.isUpdating).toBe(true);
    first.resolve();
    await act(async () => {
      await expect(accepted).resolves.toMatchObject({ kind: 'known', timeZone: 'Europe/Paris' });
    });
    await waitFor(() => expect(result.current.isUpdating).toBe(false));
    expect(result.current.data?.timeZone).toBe('Europe/Paris');
    expect(original).not.toBe('Europe/Paris');

    // Refused: a token the server cannot verify; the optimistic value shows, then rolls back.
    token = `${token.slice(0, -4)}AAAA`;
    const second = deferred();
    hold = second.promise;
    let refused!: Promise<VisitorSession>;
    act(() => {
      refused = result.current.updateProfile({ timeZone: 'Asia/Tokyo' });
      refused.catch(() => undefined);
    });
    await waitFor(() => expect(result.current.data?.timeZone).toBe('Asia/Tokyo'));
    second.resolve();
    await act(async () => {
      const error = await refused.then(() => null, (reason: unknown) => reason);
      expect(error).toBeInstanceOf(RapportError);
      expect((error as RapportError).code).toBe('unauthorized');
    });
    await waitFor(() => expect(result.current.data?.timeZone).toBe('Europe/Paris'));
    await waitFor(() => expect(result.current.isUpdating).toBe(false));
    expect(server.requests.filter((r) => r.method === 'PATCH').length - patchesBefore).toBe(2);
  });

  it('does not strand the first load when updating before it arrives', async () => {
    const token = await adaToken();
    const firstLoad = deferred();
    const client = server.createClient({
      getVisitorToken: () => token,
      beforeRequest: (request) => (request.method === 'GET' ? firstLoad.promise : undefined),
    });
    const { result } = renderHook(() => useVisitor(), { wrapper: rapportWrapper(client) });
    await act(async () => {
      await expect(result.current.updateProfile({ timeZone: 'Europe/Rome' })).resolves.toMatchObject({
        timeZone: 'Europe/Rome',
      });
    });
    expect(result.current.status).toBe('loading');
    firstLoad.resolve();
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.data?.timeZone).toBe('Europe/Rome');
  });

  it('reports a refused bootstrap as a RapportError, its server code unchanged', async () => {
    const client = server.createClient({ publishableKey: 'pk_test_unknown_key_000000000000' });
    const { result } = renderHook(() => useVisitor(), { wrapper: rapportWrapper(client) });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toBeInstanceOf(RapportError);
    expect(result.current.error?.code).toBe('unknown_publishable_key');
    expect(result.current.error?.status).toBe(401);
    expect(result.current.error?.requestId).toMatch(/\S/);
    expect(result.current.data).toBeUndefined();
  });

  it('recovers from a network failure on refetch', async () => {
    let failNext = true;
    const client = server.createClient({
      beforeRequest: () => {
        if (failNext) {
          failNext = false;
          throw new TypeError('fetch failed');
        }
      },
    });
    const { result } = renderHook(() => useVisitor(), { wrapper: rapportWrapper(client) });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error?.code).toBe('network');
    act(() => result.current.refetch());
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.error).toBeNull();
    expect(result.current.data?.kind).toBe('anonymous');
  });
});
