import type { LoyaltyReversal } from '@rapport/core/schemas';
import { useId, useState } from 'react';
import { ConsoleForm } from './ConsoleForm.js';
import { writeLedger, type LedgerWrite } from './callConsole.js';
import { formatPoints, formatWhen } from './loyaltyFormat.js';
import { useLedgerWrite } from './useLedgerWrite.js';
import { WriteFeedback } from './WriteFeedback.js';

function successMessage(result: LedgerWrite, reversal: LoyaltyReversal, pointsName: string): string {
  const taken = formatPoints(-result.entry.points, pointsName);
  const clamped =
    result.clampedFrom === null
      ? ''
      : ` Clamped: the award was ${formatPoints(result.clampedFrom, pointsName)}, but only ${taken} were left to take back — a balance never goes below zero.`;
  if (result.replayed) {
    return `Order ${reversal.orderId} was already reversed (${taken} on ${formatWhen(result.entry.createdAt)}): nothing new was written.${clamped}`;
  }
  return `Reversed order ${reversal.orderId}: ${taken} taken back.${clamped}`;
}

/** "Reverse an order": a refund or cancellation takes an order's award back, at most down to a zero balance. */
export function ReverseForm({ pointsName }: { pointsName: string }) {
  const id = useId();
  const [orderId, setOrderId] = useState('');
  const [reason, setReason] = useState('');
  const reverse = useLedgerWrite((reversal: LoyaltyReversal) => writeLedger('reverse', reversal));
  return (
    <ConsoleForm
      titleId={`${id}-title`}
      onSubmit={() => {
        reverse.mutate({ orderId: orderId.trim(), reason: reason.trim() });
      }}
    >
      <h4 id={`${id}-title`}>Reverse an order</h4>
      <label>
        Order id
        <input value={orderId} onChange={(e) => setOrderId(e.target.value)} required maxLength={128} autoComplete="off" />
      </label>
      <label>
        Reason
        <input value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={200} placeholder="Refunded" />
      </label>
      <p className="demo-hint">Any member’s order: the order id finds the award.</p>
      <button type="submit" className="demo-button" disabled={reverse.isPending}>
        Reverse order
      </button>
      <WriteFeedback
        error={reverse.error}
        success={reverse.data && reverse.variables ? successMessage(reverse.data, reverse.variables, pointsName) : null}
      />
    </ConsoleForm>
  );
}
