import type { LoyaltyProgramInput } from '@rapport/core';
import { signVisitorToken } from '@rapport/server';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer, startInProcessServer, type StartedServer, renderWithRapport, installDialogStandIn } from '@rapport/testing';
import { LoyaltyCard } from './LoyaltyCard.js';

// The card waits for the bootstrap and the panel's lazy chunk: generous waits keep these steady under load.
configure({ asyncUtilTimeout: 5_000 });

/** Points spendable at once (no approval window), a three-stamp card and rewards at 100 and 450. */
const PROGRAM: LoyaltyProgramInput = {
  pointsName: 'Beans',
  earn: { perCurrencyUnit: 10, currency: 'GBP', actions: [], welcome: 50, birthday: 0, anniversary: 0 },
  approvalWindowDays: 0,
  expiryMonths: 12,
  tiers: [
    { name: 'Green', threshold: 0, perks: 'Free refills.' },
    { name: 'Gold', threshold: 500, perks: 'Free oat milk.' },
  ],
  tierRetention: false,
  stampCard: { size: 3, reward: 'A free coffee' },
  rewards: [
    { id: 'espresso', name: 'Free espresso', description: 'Any espresso.', cost: 100, instruction: 'Show this code at the till.' },
    { id: 'bag', name: 'Free bag of beans', description: 'A 250 g bag.', cost: 450 },
  ],
};

let started: StartedServer;
let server: TestServer;
beforeAll(async () => {
  started = await startInProcessServer();
  server = createTestServer(started);
  await started.admin('/loyalty/program', { method: 'PUT', body: PROGRAM });
  installDialogStandIn();
}, 60_000);
afterAll(() => server.close());

let members = 0;
/** A member of their own with `awards` (points, or purchases in GBP), and the card rendered for them. */
async function renderMember(awards: Array<{ points: number } | { amount: number; currency: 'GBP' }> = []) {
  const externalId = `loyal-${Date.now()}-${++members}`;
  for (const [i, award] of awards.entries()) {
    await started.admin('/loyalty/awards', { method: 'POST', body: { externalId, orderId: `${externalId}-${i}`, ...award } });
  }
  const token = await signVisitorToken({ secret: server.identitySecret, externalId });
  const client = server.createClient({ getVisitorToken: () => token });
  renderWithRapport(client, <LoyaltyCard locale="en-GB" />);
  await screen.findByRole('heading', { name: 'Your Beans' });
  return { externalId, client, user: userEvent.setup() };
}

/** Tabs until `target` has focus (keyboard only), failing after 40 stops. */
async function tabTo(user: ReturnType<typeof userEvent.setup>, target: HTMLElement) {
  for (let i = 0; i < 40 && document.activeElement !== target; i++) await user.tab();
  expect(target).toHaveFocus();
}

const balance = () => document.querySelector('[data-slot="loyalty-card-balance-value"]');
const status = () => screen.getByRole('status');

describe('<LoyaltyCard /> against the real server', () => {
  it('shows the balance, tier, progress to the next tier and history', async () => {
    await renderMember([{ points: 400 }]);
    expect(balance()).toHaveTextContent('450');
    expect(screen.getByText('Green member')).toBeInTheDocument();
    const progress = screen.getByRole('progressbar', { name: 'Progress to Gold' });
    expect(progress).toHaveAttribute('aria-valuetext', '50 more Beans to Gold');
    expect(progress).toHaveAttribute('value', '0.9');
    expect(screen.getByText('50 more Beans to Gold')).toBeVisible();
    expect(screen.queryByText(/to keep/)).toBeNull();
    expect(screen.getByText(/^\d+ Beans expire on \d+ \w+ \d{4}$/)).toBeInTheDocument();
    const history = within(document.querySelector<HTMLElement>('[data-slot="loyalty-card-history"]')!);
    expect(history.getByText('Earned · Welcome to Beans')).toBeInTheDocument();
    expect(history.getByText('+400')).toBeInTheDocument();
  });

  it('with tier retention, says how many points keep the tier and by when (the visitor’s locale)', async () => {
    await started.admin('/loyalty/program', { method: 'PUT', body: { ...PROGRAM, tierRetention: true } });
    try {
      const { client } = await renderMember([{ points: 600 }]);
      const { tier } = await client.loyalty.card();
      expect(tier).toMatchObject({ name: 'Gold', pointsToKeep: 500, keepBy: expect.any(String) });
      const by = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' }).format(new Date(tier.keepBy!));
      expect(screen.getByText(`Earn 500 more Beans by ${by} to keep Gold`)).toBeVisible();
    } finally {
      await started.admin('/loyalty/program', { method: 'PUT', body: PROGRAM });
    }
  });

  it('redeems keyboard-only: confirm in a dialog, the code, a lower balance, focus back on Redeem', async () => {
    const { user } = await renderMember([{ points: 400 }]);
    const redeem = screen.getByRole('button', { name: 'Redeem Free espresso' });
    await tabTo(user, redeem);
    await user.keyboard('{Enter}');
    const dialog = screen.getByRole('dialog', { name: 'Spend 100 Beans on Free espresso?' });
    expect(within(dialog).getByRole('button', { name: 'Confirm' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await within(dialog).findByRole('heading', { name: 'Redeemed: Free espresso' })).toBeVisible();
    const code = dialog.querySelector('[data-slot="loyalty-card-code"]');
    expect(code?.textContent).toMatch(/\w{4,}/);
    expect(within(dialog).getByText('Show this code at the till.')).toBeVisible();
    expect(dialog.querySelector('[data-slot="loyalty-card-result"]')).toHaveFocus();
    await waitFor(() => expect(balance()).toHaveTextContent('350'));
    expect(status()).toHaveTextContent('Redeemed: Free espresso');

    await tabTo(user, within(dialog).getByRole('button', { name: 'Done' }));
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Redeem Free espresso' })).toHaveFocus();
  });

  it('closes the confirmation with Escape, redeeming nothing, and gives focus back', async () => {
    const { user, client } = await renderMember([{ points: 400 }]);
    const redeem = screen.getByRole('button', { name: 'Redeem Free bag of beans' });
    await tabTo(user, redeem);
    await user.keyboard('{Enter}');
    expect(screen.getByRole('dialog', { name: 'Spend 450 Beans on Free bag of beans?' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(redeem).toHaveFocus();
    expect((await client.loyalty.card()).balance).toBe(450);
  });

  it('shows the gap instead of a Redeem button when points fall short', async () => {
    await renderMember();
    expect(balance()).toHaveTextContent('50');
    expect(screen.getByText('50 more Beans')).toBeInTheDocument();
    expect(screen.getByText('400 more Beans')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Redeem/ })).toBeNull();
  });

  it('explains a refused redemption in the dialog and leaves the balance as it was', async () => {
    const { user, externalId } = await renderMember([{ points: 400 }]);
    // Spent at the till meanwhile: the card still shows 450, the server has 50.
    await started.admin('/loyalty/adjustments', {
      method: 'POST',
      body: { externalId, key: `${externalId}-till`, points: -400, reason: 'Spent at the till' },
    });
    await user.click(screen.getByRole('button', { name: 'Redeem Free espresso' }));
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You don’t have enough spendable points for this yet.');
    expect(screen.getByRole('dialog')).toHaveAttribute('data-state', 'failed');
    await waitFor(() => expect(balance()).toHaveTextContent('450'));
  });

  it('claims a full stamp card', async () => {
    const { user } = await renderMember([1, 2, 3].map(() => ({ amount: 1, currency: 'GBP' as const })));
    expect(screen.getByText('3 of 3 stamps')).toBeInTheDocument();
    const claim = screen.getByRole('button', { name: 'Claim' });
    expect(claim).toHaveAccessibleDescription('A free coffee');
    await user.click(claim);
    await user.click(within(screen.getByRole('dialog', { name: 'Claim “A free coffee” now?' })).getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByRole('heading', { name: 'Redeemed: A free coffee' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.getByText('0 of 3 stamps')).toBeInTheDocument());
    expect(screen.queryByRole('button', { name: 'Claim' })).toBeNull();
    // The Claim button is gone: focus rests on the card, not the page.
    expect(document.querySelector('[data-slot="loyalty-card-root"]')).toHaveFocus();
  });

  it('celebrates the welcome points once, until dismissed', async () => {
    const { user, client } = await renderMember();
    expect(screen.getByText('Welcome! 50 Beans to start you off')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText('Welcome! 50 Beans to start you off')).toBeNull();
    await waitFor(async () => expect((await client.loyalty.card()).celebration).toBeNull());
  });

  it('fetches and shows the member QR code only when asked', async () => {
    const { user } = await renderMember();
    const tokenRequests = () => server.requests.filter((r) => r.path.endsWith('/loyalty/member-token')).length;
    const before = tokenRequests();
    expect(screen.queryByRole('img')).toBeNull();
    const toggle = screen.getByRole('button', { name: 'Show my member code' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    const qr = await screen.findByRole('img', { name: 'Member QR code: show it at the till' });
    expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M/);
    expect(qr.getAttribute('viewBox')).toMatch(/^-4 -4 (\d+) \1$/);
    expect(screen.getByText(/^Valid until \d\d:\d\d, renewed automatically$/)).toBeInTheDocument();
    expect(tokenRequests()).toBe(before + 1);
    expect(screen.getByRole('button', { name: 'Hide my member code' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('copies the referral code and announces it', async () => {
    const { user } = await renderMember();
    const code = document.querySelector('[data-slot="loyalty-card-code"]')!.textContent!;
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(status()).toHaveTextContent('Copied'));
    expect(await navigator.clipboard.readText()).toBe(code);
  });

  it('invites an anonymous visitor to sign in', async () => {
    renderWithRapport(server.createClient(), <LoyaltyCard messages={{ signIn: 'Log in to collect Beans.' }} />);
    expect(await screen.findByText('Log in to collect Beans.')).toBeInTheDocument();
    expect(document.querySelector('[data-slot="loyalty-card-root"]')).toHaveAttribute('data-state', 'anonymous');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
