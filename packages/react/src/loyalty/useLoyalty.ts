import { RapportError, type BootstrapResponse, type LoyaltyAccountSummary, type RedemptionResult } from '@rapport/core';
import { useCallback, useMemo, useState } from 'react';
import { bootstrapQueryKey } from '../bootstrapQueryOptions.js';
import { rebaseQueue } from '../rebaseQueue.js';
import { toRapportError } from '../toRapportError.js';
import { useBootstrapQuery } from '../useBootstrapQuery.js';
import { useOptimisticMutation, type OptimisticMutationOptions } from '../useOptimisticMutation.js';
import { applyRedemption, loyaltySlot, withLoyaltyCard } from './loyaltySlot.js';
import type { LoyaltyResult } from './types.js';

type Card = LoyaltyAccountSummary;
/** A redemption's answer, with the card read right after it (`null` when that read failed). */
interface Redeemed {
  redemption: RedemptionResult;
  card: Card | null;
}

const redeemOptimistic = (cache: BootstrapResponse, rewardId: string) =>
  withLoyaltyCard(cache, (card) => applyRedemption(card, rewardId));
const redeemSettle = (cache: BootstrapResponse, { redemption, card }: Redeemed, rewardId: string) =>
  withLoyaltyCard(cache, card ?? ((current) => applyRedemption(current, rewardId, redemption.balance)));
const seenOptimistic = (cache: BootstrapResponse) => withLoyaltyCard(cache, (card) => ({ ...card, celebration: null }));
const unchanged = (cache: BootstrapResponse) => cache;

/**
 * The loyalty card: the visitor's card from the bootstrap (no extra request) and their actions (see
 * {@link LoyaltyResult}). Any number of components may call it. Its writes (and reloads) reach the server one
 * at a time, in order, and the card always shows the server's last answer with the writes still in flight
 * applied over it: a refused redemption drops out without undoing a later one.
 */
export function useLoyalty(): LoyaltyResult {
  const bootstrap = useBootstrapQuery('useLoyalty');
  const { context, data } = bootstrap;
  const { client, queryClient } = context;
  const slot = loyaltySlot(data);
  const [lastError, setLastError] = useState<RapportError | null>(null);
  const [lastRedemption, setLastRedemption] = useState<RedemptionResult | null>(null);

  const queryKey = useMemo(() => bootstrapQueryKey(client), [client]);
  // One TanStack scope ("loyalty") for all three: a card read inside a redemption then never misses one.
  const write = <TInput, TResult>(
    mutationFn: (input: TInput) => Promise<TResult>,
    optimistic: (cache: BootstrapResponse, input: TInput) => BootstrapResponse,
    settle: (cache: BootstrapResponse, result: TResult, input: TInput) => BootstrapResponse,
  ): OptimisticMutationOptions<BootstrapResponse, TInput, TResult> => ({
    context,
    queryKey,
    mutationFn,
    optimistic,
    settle,
    queue: rebaseQueue({ queryClient, queryKey, optimistic, settle, name: 'loyalty' }),
  });
  const redemptions = useOptimisticMutation(
    write(
      async (rewardId: string): Promise<Redeemed> => {
        const redemption = await client.loyalty.redeem({ rewardId });
        // Still inside the write: no later redemption can land before this read, so the card is exact.
        return { redemption, card: await client.loyalty.card().catch(() => null) };
      },
      redeemOptimistic,
      redeemSettle,
    ),
  );
  const seen = useOptimisticMutation(write(() => client.loyalty.markCelebrationSeen(), seenOptimistic, withLoyaltyCard));
  const reload = useOptimisticMutation(write(() => client.loyalty.card(), unchanged, withLoyaltyCard));

  /** Runs an action for a signed-in visitor with a card; failures go to `lastError` and resolve `null`. */
  const run = useCallback(
    async <T>(action: () => Promise<T>): Promise<T | null> => {
      setLastError(null);
      try {
        const current = loyaltySlot(queryClient.getQueryData<BootstrapResponse>(queryKey));
        if (current?.card == null) {
          throw new RapportError(current ? 'Sign in to use your loyalty card' : 'The loyalty card is not loaded', {
            code: current ? 'forbidden' : 'not_found',
          });
        }
        return await action();
      } catch (failure) {
        setLastError(toRapportError(failure));
        return null;
      }
    },
    [queryClient, queryKey],
  );

  const { mutate: redeemMutate } = redemptions;
  const { mutate: seenMutate } = seen;
  const { mutate: reloadMutate } = reload;
  return {
    status: bootstrap.status,
    error: bootstrap.error,
    enabled: slot !== null,
    isAnonymous: data?.visitor.kind === 'anonymous',
    card: slot?.card ?? null,
    redeem: useCallback(
      (rewardId: string) =>
        run(async () => {
          const { redemption } = await redeemMutate(rewardId);
          setLastRedemption(redemption);
          return redemption;
        }),
      [run, redeemMutate],
    ),
    isRedeeming: redemptions.isPending,
    lastRedemption,
    dismissCelebration: useCallback(async () => (await run(() => seenMutate(undefined))) !== null, [run, seenMutate]),
    refresh: useCallback(async () => void (await run(() => reloadMutate(undefined))), [run, reloadMutate]),
    lastError,
    clearError: useCallback(() => setLastError(null), []),
  };
}
