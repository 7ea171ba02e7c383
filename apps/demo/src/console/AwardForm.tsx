import type { LoyaltyAward, LoyaltyProgram } from '@rapport/core';
import { isRapportError } from '@rapport/core';
import { useId, useState } from 'react';
import { ConsoleForm } from './ConsoleForm.js';
import { writeLedger, type LedgerWrite } from './callConsole.js';
import { formatPoints, formatWhen, isPending } from './loyaltyFormat.js';
import { useLedgerWrite } from './useLedgerWrite.js';
import { WriteFeedback } from './WriteFeedback.js';

type AwardBy = 'amount' | 'points';

/** Points the program gives for `amount` (the server's rule: fractions of a point are dropped). */
const pointsFor = (program: LoyaltyProgram, amount: number) => Math.floor(amount * program.earn.perCurrencyUnit + 1e-9);

function successMessage(result: LedgerWrite, award: LoyaltyAward, pointsName: string): string {
  const { entry } = result;
  const points = formatPoints(entry.points, pointsName);
  if (result.replayed) {
    return `Order ${award.orderId} was already awarded (${points} on ${formatWhen(entry.createdAt)}): nothing new was written.`;
  }
  const when = isPending(entry.availableAt, Date.parse(entry.createdAt)) ? `pending until ${formatWhen(entry.availableAt)}` : 'spendable now';
  return `Awarded ${points} for order ${award.orderId}: ${when}.`;
}

/** "Award points for an order": by the amount spent (points per the program) or a number of points. */
export function AwardForm({ externalId, program }: { externalId: string; program: LoyaltyProgram }) {
  const id = useId();
  const [orderId, setOrderId] = useState('');
  const [by, setBy] = useState<AwardBy>('amount');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [referralCode, setReferralCode] = useState('');
  const award = useLedgerWrite((input: LoyaltyAward) => writeLedger('award', input));
  const { currency, perCurrencyUnit } = program.earn;
  const quantity = Number(value); // GBP or points, per `by`
  const preview =
    by === 'amount'
      ? `${perCurrencyUnit} ${program.pointsName} per ${currency}` +
        (value && quantity >= 0 ? `: ${formatPoints(pointsFor(program, quantity), program.pointsName)}.` : '.')
      : 'Exactly the points given.';
  const conflict = isRapportError(award.error, 'idempotency_conflict')
    ? `Order ${award.variables?.orderId} was already awarded with different details.`
    : null;

  const submit = () => {
    const body: LoyaltyAward = {
      externalId,
      orderId: orderId.trim(),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      ...(referralCode.trim() ? { referralCode: referralCode.trim() } : {}),
    };
    award.mutate(by === 'amount' ? { ...body, amount: quantity, currency } : { ...body, points: quantity });
  };
  return (
    <ConsoleForm titleId={`${id}-title`} onSubmit={submit}>
      <h4 id={`${id}-title`}>Award points for an order</h4>
      <label>
        Order id
        <input value={orderId} onChange={(e) => setOrderId(e.target.value)} required maxLength={128} autoComplete="off" />
      </label>
      <fieldset>
        <legend>Award by</legend>
        <label>
          <input type="radio" name={`${id}-by`} checked={by === 'amount'} onChange={() => setBy('amount')} />
          Amount spent
        </label>
        <label>
          <input type="radio" name={`${id}-by`} checked={by === 'points'} onChange={() => setBy('points')} />
          Fixed points
        </label>
      </fieldset>
      <label>
        {by === 'amount' ? `Amount (${currency})` : `Points (${program.pointsName})`}
        <input
          type="number"
          inputMode="decimal"
          min={by === 'amount' ? 0 : 1}
          step={by === 'amount' ? 0.01 : 1}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          required
          aria-describedby={`${id}-preview`}
        />
      </label>
      <p id={`${id}-preview`} className="demo-hint">
        {preview} Pending for {program.approvalWindowDays} days.
      </p>
      <label>
        Reason (optional, shown to the member)
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} placeholder={`Purchase ${orderId || 'order id'}`} />
      </label>
      {program.earn.referral && (
        <label>
          Referral code (optional: a friend’s code given at checkout)
          <input value={referralCode} onChange={(e) => setReferralCode(e.target.value)} maxLength={8} autoComplete="off" />
        </label>
      )}
      <button type="submit" className="demo-button demo-button--primary" disabled={award.isPending}>
        Award points
      </button>
      <WriteFeedback
        error={award.error}
        explain={conflict}
        success={award.data && award.variables ? successMessage(award.data, award.variables, program.pointsName) : null}
      />
    </ConsoleForm>
  );
}
