import { createId } from '@rapport/core';
import type { LoyaltyAdjustment } from '@rapport/core/schemas';
import { useId, useState } from 'react';
import { ConsoleForm } from './ConsoleForm.js';
import { writeLedger } from './callConsole.js';
import { formatSigned } from './loyaltyFormat.js';
import { useLedgerWrite } from './useLedgerWrite.js';
import { WriteFeedback } from './WriteFeedback.js';

/**
 * "Adjust points": a signed correction with a reason. The idempotency key is made when the form opens and kept
 * until a write succeeds, so sending again after a lost answer cannot correct twice.
 */
export function AdjustForm({ externalId, pointsName }: { externalId: string; pointsName: string }) {
  const id = useId();
  const [key, setKey] = useState(() => createId('adj_'));
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const adjust = useLedgerWrite((adjustment: LoyaltyAdjustment) => writeLedger('adjust', adjustment));
  const result = adjust.data;
  const success = result
    ? `${result.replayed ? 'Already recorded' : 'Adjusted'}: ${formatSigned(result.entry.points)} ${pointsName} (key ${result.entry.idempotencyKey}).`
    : null;
  return (
    <ConsoleForm
      titleId={`${id}-title`}
      onSubmit={() => {
        adjust.mutate(
          { externalId, key, points: Number(points), reason: reason.trim() },
          {
            onSuccess: () => {
              setKey(createId('adj_'));
              setPoints('');
              setReason('');
            },
          },
        );
      }}
    >
      <h4 id={`${id}-title`}>Adjust points</h4>
      <label>
        Points (negative to deduct)
        <input type="number" step={1} value={points} onChange={(e) => setPoints(e.target.value)} required />
      </label>
      <label>
        Reason
        <input value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={200} placeholder="Goodwill: late delivery" />
      </label>
      <p className="demo-hint">
        Idempotency key <code>{key}</code>
      </p>
      <button type="submit" className="demo-button" disabled={adjust.isPending}>
        Adjust points
      </button>
      <WriteFeedback error={adjust.error} success={success} />
    </ConsoleForm>
  );
}
