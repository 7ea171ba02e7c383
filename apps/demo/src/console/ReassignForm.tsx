import { isRapportError, type ContactOwner, type OwnerAssignmentInput, type Staff } from '@rapport/core';
import { useId, useState } from 'react';
import { ConsoleForm } from './ConsoleForm.js';
import { callConsole } from './callConsole.js';
import { availabilityText } from './ownerFormat.js';
import { useOwnerWrite } from './useStaff.js';
import { WriteFeedback } from './WriteFeedback.js';

/**
 * "Reassign by hand": a new owner (only someone in right now is accepted: the server answers 409
 * `owner_unavailable` otherwise), an optional note, and who is making the change.
 */
export function ReassignForm({ externalId, current, staff }: { externalId: string; current: ContactOwner | null; staff: Staff[] }) {
  const id = useId();
  const [staffId, setStaffId] = useState('');
  const [note, setNote] = useState('');
  const [by, setBy] = useState('');
  // How long the history was when the form was sent: an unchanged length means the owner was already them.
  const [historyBefore, setHistoryBefore] = useState<number | null>(null);
  const assign = useOwnerWrite(({ externalId, ...assignment }: OwnerAssignmentInput & { externalId: string }) =>
    callConsole('owners', 'assignContactOwner', externalId, assignment),
  );
  const active = staff.filter((s) => s.active);
  const explain = isRapportError(assign.error, 'owner_unavailable') ? 'Only someone who is in right now can become an owner.' : null;
  const result = assign.data;
  const unchanged = result && result.history.length === historyBefore;
  const success = result
    ? unchanged
      ? `${result.owner?.displayName} already owns ${externalId}: nothing changed.`
      : `${externalId} is now owned by ${result.owner?.displayName} (manual, logged in the history).`
    : null;
  return (
    <ConsoleForm
      titleId={`${id}-title`}
      onSubmit={() => {
        setHistoryBefore(current?.history.length ?? 0);
        assign.mutate({ externalId, staffId, ...(note.trim() ? { note: note.trim() } : {}), ...(by ? { by } : {}) });
      }}
    >
      <h4 id={`${id}-title`}>Reassign by hand</h4>
      <label>
        New owner
        <select value={staffId} onChange={(e) => setStaffId(e.target.value)} required>
          <option value="">Choose a staff member…</option>
          {active.map((s) => (
            <option key={s.id} value={s.id}>
              {s.displayName} — {availabilityText(s.availability, s.timeZone).split(' · ')[0]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Note (optional)
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={300} placeholder="Moved to the wholesale team" />
      </label>
      <label>
        Changed by
        <select value={by} onChange={(e) => setBy(e.target.value)}>
          <option value="">The business (admin)</option>
          {active.map((s) => (
            <option key={s.id} value={s.id}>
              {s.displayName}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="demo-button demo-button--primary" disabled={assign.isPending}>
        Reassign
      </button>
      <WriteFeedback error={assign.error} explain={explain} success={success} />
    </ConsoleForm>
  );
}
