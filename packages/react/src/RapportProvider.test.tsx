import { createMemoryStorage, createRapportClient } from '@rapport/core';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { render, renderHook, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bootstrapQueryKey } from './bootstrapQueryOptions.js';
import { RapportProvider } from './RapportProvider.js';
import { createTestServer, rapportWrapper, startInProcessServer, type TestServer } from '@rapport/testing';
import { useBootstrap } from './useBootstrap.js';
import { useRapportClient } from './useRapportClient.js';
import { useVisitor } from './useVisitor.js';

let server: TestServer;
beforeAll(async () => {
  server = createTestServer(await startInProcessServer());
});
afterAll(() => server.close());

describe('RapportProvider', () => {
  it('names the hook when used outside a provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderHook(() => useVisitor())).toThrow('useVisitor must be used within <RapportProvider>');
    expect(() => renderHook(() => useBootstrap())).toThrow('useBootstrap must be used within <RapportProvider>');
    expect(() => renderHook(() => useRapportClient())).toThrow(
      'useRapportClient must be used within <RapportProvider>',
    );
    vi.restoreAllMocks();
  });

  it('gives hooks the client instance it was given', () => {
    const client = createRapportClient({
      baseUrl: 'http://rapport.test',
      publishableKey: 'pk_test',
      storage: createMemoryStorage(),
    });
    const { result } = renderHook(() => useRapportClient(), { wrapper: rapportWrapper(client) });
    expect(result.current).toBe(client);
  });

  it("leaves the host app's QueryClientProvider alone and keeps its cache private", async () => {
    const hostClient = new QueryClient();
    const client = server.createClient();
    const seen: QueryClient[] = [];
    function HostComponent() {
      seen.push(useQueryClient());
      const { data } = useVisitor();
      return <p>{data ? 'visitor ready' : 'loading'}</p>;
    }
    render(
      <QueryClientProvider client={hostClient}>
        <RapportProvider client={client}>
          <HostComponent />
        </RapportProvider>
      </QueryClientProvider>,
    );
    expect(await screen.findByText('visitor ready')).toBeInTheDocument();
    expect(seen.every((queryClient) => queryClient === hostClient)).toBe(true);
    expect(hostClient.getQueryCache().getAll()).toHaveLength(0);
  });

  it('keeps the cache in the QueryClient passed as a prop', async () => {
    const queryClient = new QueryClient();
    const client = server.createClient();
    const { result } = renderHook(() => useBootstrap(), { wrapper: rapportWrapper(client, queryClient) });
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(queryClient.getQueryData(bootstrapQueryKey(client))).toEqual(result.current.data);
  });
});
