import type { RedemptionResult } from '@rapport/core';
import { deferred, installDialogStandIn } from '@rapport/testing';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LoyaltyCardView as View } from './LoyaltyCardView.js';
import { useRedemptionFlow, type RedeemTarget } from './useRedemptionFlow.js';

const ESPRESSO: RedeemTarget = { id: 'espresso', name: 'Free espresso', cost: 100 };
const CODE: RedemptionResult = {
  id: 'red_1',
  rewardId: 'espresso',
  rewardName: 'Free espresso',
  points: 100,
  code: 'K7Q2-PX',
  instruction: null,
  balance: 350,
  createdAt: '2026-05-01T09:00:00.000Z',
};

beforeAll(installDialogStandIn);

/** A redeem button and its dialog, every prop from the hook. `redeem` answers when the test says so. */
function Harness({ redeem, gone = false }: { redeem: (id: string) => Promise<RedemptionResult | null>; gone?: boolean }): ReactNode {
  const flow = useRedemptionFlow({ redeem });
  const { target, result, step } = flow;
  return (
    <View.Root tabIndex={-1} aria-label="Card">
      {!(gone && result) && <View.Redeem {...flow.triggerProps(ESPRESSO)}>Redeem</View.Redeem>}
      {target && (
        <View.Dialog {...flow.dialogProps}>
          <View.DialogTitle {...flow.titleProps}>{result ? 'Redeemed' : `Spend ${target.cost} on ${target.name}?`}</View.DialogTitle>
          {result && (
            <View.Result {...flow.resultProps}>
              <View.Code state="redemption">{result.code}</View.Code>
            </View.Result>
          )}
          {step === 'failed' && <View.Error role="alert">Refused</View.Error>}
          {!result && <View.Confirm {...flow.confirmProps}>Confirm</View.Confirm>}
          <View.Close {...flow.closeProps}>{result ? 'Done' : 'Cancel'}</View.Close>
        </View.Dialog>
      )}
    </View.Root>
  );
}

/** `redeem` that answers `answer` once released. */
function heldRedeem(answer: RedemptionResult | null) {
  const gate = deferred();
  const redeem = vi.fn(async (_rewardId: string) => {
    await gate.promise;
    return answer;
  });
  return { redeem, release: () => act(async () => gate.resolve()) };
}

describe('useRedemptionFlow', () => {
  it('confirm, redeem, then the code takes focus; Done gives focus back to the button that opened it', async () => {
    const user = userEvent.setup();
    const { redeem, release } = heldRedeem(CODE);
    render(<Harness redeem={redeem} />);
    const button = screen.getByRole('button', { name: 'Redeem' });
    await user.click(button);
    const dialog = screen.getByRole('dialog', { name: 'Spend 100 on Free espresso?' });
    expect(dialog).toHaveAttribute('data-state', 'confirm');
    expect(within(dialog).getByRole('button', { name: 'Confirm' })).toHaveFocus();

    await user.keyboard('{Enter}');
    expect(redeem).toHaveBeenCalledWith('espresso');
    const confirm = within(dialog).getByRole('button', { name: 'Confirm' });
    expect(dialog).toHaveAttribute('data-state', 'pending');
    expect(confirm).toHaveAttribute('aria-disabled', 'true');
    expect(confirm).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(redeem).toHaveBeenCalledOnce();

    await release();
    expect(dialog).toHaveAttribute('data-state', 'done');
    expect(screen.getByRole('dialog', { name: 'Redeemed' })).toBe(dialog);
    expect(within(dialog).getByText('K7Q2-PX').parentElement).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(button).toHaveFocus();
  });

  it('holds Escape and Cancel while the redemption is in flight, then lets them close', async () => {
    const user = userEvent.setup();
    const { redeem, release } = heldRedeem(null);
    render(<Harness redeem={redeem} />);
    const button = screen.getByRole('button', { name: 'Redeem' });
    await user.click(button);
    await user.keyboard('{Enter}');
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('dialog')).toHaveAttribute('data-state', 'pending');

    await release();
    expect(screen.getByRole('dialog')).toHaveAttribute('data-state', 'failed');
    expect(screen.getByRole('alert')).toHaveTextContent('Refused');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(button).toHaveFocus();
  });

  it('gives focus to the card when the button that opened the dialog is gone', async () => {
    const user = userEvent.setup();
    const { redeem, release } = heldRedeem(CODE);
    render(<Harness redeem={redeem} gone />);
    await user.click(screen.getByRole('button', { name: 'Redeem' }));
    await user.keyboard('{Enter}');
    await release();
    expect(screen.queryByRole('button', { name: 'Redeem' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('region', { name: 'Card' })).toHaveFocus();
  });
});
