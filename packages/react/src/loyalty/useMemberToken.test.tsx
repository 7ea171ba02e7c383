import type { MemberToken } from '@rapport/core';
import { signVisitorToken } from '@rapport/server';
import { renderHook, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, putProgram, rapportWrapper, startInProcessServer, type TestServer } from '@rapport/testing';
import { useLoyalty } from './useLoyalty.js';
import { memberTokenRenewsIn, useMemberToken } from './useMemberToken.js';

let server: TestServer;
beforeAll(async () => {
  const admin = await startInProcessServer();
  await putProgram(admin);
  server = createTestServer(admin);
});
afterAll(() => server.close());

const TOKEN_PATH = '/v1/visitor/loyalty/member-token';
const tokenRequests = () => server.requests.filter((r) => r.path === TOKEN_PATH).length;

async function wrapperFor(externalId: string | null) {
  const token = externalId === null ? null : await signVisitorToken({ secret: server.identitySecret, externalId });
  return rapportWrapper(server.createClient({ getVisitorToken: () => token }));
}

describe('memberTokenRenewsIn', () => {
  const token: MemberToken = { token: 't', expiresAt: '2026-11-23T10:05:00.000Z', qr: { size: 21, path: '' } };
  const at = (iso: string) => Date.parse(iso);

  it('is due refreshBeforeMs before expiry, and never sooner than a second from now', () => {
    expect(memberTokenRenewsIn(token, 30_000, at('2026-11-23T10:00:00.000Z'))).toBe(270_000);
    expect(memberTokenRenewsIn(token, 0, at('2026-11-23T10:04:00.000Z'))).toBe(60_000);
    expect(memberTokenRenewsIn(token, 30_000, at('2026-11-23T10:04:40.000Z'))).toBe(1_000);
    expect(memberTokenRenewsIn(token, 600_000, at('2026-11-23T10:00:00.000Z'))).toBe(1_000);
  });
});

describe('useMemberToken', () => {
  it('fetches a token with its QR code once for two consumers, and renews it before it expires', async () => {
    const before = tokenRequests();
    // The server's tokens live 300 s: renewing 299 s early means a new one about every second.
    const { result } = renderHook(() => [useMemberToken({ refreshBeforeMs: 299_000 }), useMemberToken()] as const, {
      wrapper: await wrapperFor('token-holder'),
    });
    await waitFor(() => expect(result.current[0].status).toBe('ready'));
    const [first, second] = result.current;
    expect(first).toMatchObject({ error: null, token: { token: expect.stringMatching(/^m1\./), qr: { size: expect.any(Number) } } });
    expect(first.token?.qr.path).toMatch(/^M/);
    expect(Date.parse(first.token?.expiresAt ?? '') - Date.now()).toBeGreaterThan(290_000);
    expect(second.token).toEqual(first.token);
    expect(tokenRequests()).toBe(before + 1);

    await waitFor(() => expect(result.current[0].token?.token).not.toBe(first.token?.token), { timeout: 4_000 });
    expect(Date.parse(result.current[0].token?.expiresAt ?? '')).toBeGreaterThan(Date.parse(first.token?.expiresAt ?? ''));
    expect(result.current[1].token).toEqual(result.current[0].token);
  });

  it('fetches nothing while disabled', async () => {
    const wrapper = await wrapperFor('token-hidden');
    const before = tokenRequests();
    const { result, rerender } = renderHook(({ enabled }) => useMemberToken({ enabled }), { wrapper, initialProps: { enabled: false } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(result.current).toMatchObject({ status: 'loading', token: null, error: null });
    expect(tokenRequests()).toBe(before);
    rerender({ enabled: true });
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(tokenRequests()).toBe(before + 1);
  });

  it('reports forbidden for an anonymous visitor', async () => {
    const { result } = renderHook(
      () => {
        const loyalty = useLoyalty();
        return useMemberToken({ enabled: loyalty.status === 'ready' });
      },
      { wrapper: await wrapperFor(null) },
    );
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current).toMatchObject({ token: null, error: { code: 'forbidden', status: 403 } });
  });
});
