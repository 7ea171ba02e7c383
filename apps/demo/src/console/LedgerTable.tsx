import type { LedgerEntry } from '@rapport/core';
import { useId } from 'react';
import { formatSigned, formatWhen, isPending } from './loyaltyFormat.js';

/**
 * A member's append-only ledger, newest first: the balance is the sum of the entries available at `readAt`
 * (when the ledger was read, in ms).
 */
export function LedgerTable({ entries, externalId, readAt }: { entries: LedgerEntry[]; externalId: string; readAt: number }) {
  const id = useId();
  if (entries.length === 0) return <p>No ledger entries yet.</p>;
  // The wide table scrolls on its own on small screens; a focusable region lets keyboard users scroll it.
  return (
    <div className="demo-table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table className="demo-table demo-ledger">
        <caption id={id} className="demo-visually-hidden">Ledger of {externalId}, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col" className="demo-number">
              Points
            </th>
            <th scope="col">Reason</th>
            <th scope="col">Created</th>
            <th scope="col">Available from</th>
            <th scope="col">Expires</th>
            <th scope="col">Idempotency key</th>
          </tr>
        </thead>
        <tbody>
          {[...entries].reverse().map((entry) => (
            <tr key={entry.id}>
              <th scope="row">{entry.type}</th>
              <td className="demo-number">{formatSigned(entry.points)}</td>
              <td>{entry.reason}</td>
              <td>{formatWhen(entry.createdAt)}</td>
              <td>{isPending(entry.availableAt, readAt) ? `Pending until ${formatWhen(entry.availableAt)}` : formatWhen(entry.availableAt)}</td>
              <td>{entry.expiresAt ? formatWhen(entry.expiresAt) : '—'}</td>
              <td>
                <code>{entry.idempotencyKey}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
