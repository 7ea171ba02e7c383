import type { Staff } from '@rapport/core';
import { useId } from 'react';
import { addDays, dateIn, midnightIn } from './staffDraft.js';

type OutOfOffice = NonNullable<Staff['outOfOffice']>;

/**
 * Out of office: from a day until the return date (midnight in the staff member's zone), with a note. Switching
 * it on starts today and returns in a week; the dates and the note can then be changed.
 */
export function OutOfOfficeFieldset({
  value,
  timeZone,
  onChange,
}: {
  value: OutOfOffice | null;
  timeZone: string;
  onChange(next: OutOfOffice | null): void;
}) {
  const id = useId();
  const from = value ? dateIn(value.from, timeZone) : '';
  const until = value ? dateIn(value.until, timeZone) : '';
  const startToday = () => {
    const today = dateIn(Date.now(), timeZone);
    onChange({ from: midnightIn(today, timeZone), until: midnightIn(addDays(today, 7), timeZone) });
  };
  const set = (change: Partial<{ from: string; until: string; note: string }>) => {
    if (!value) return;
    const next: OutOfOffice = {
      from: change.from ? midnightIn(change.from, timeZone) : value.from,
      until: change.until ? midnightIn(change.until, timeZone) : value.until,
    };
    const note = change.note ?? value.note ?? '';
    onChange(note ? { ...next, note } : next);
  };
  return (
    <fieldset className="demo-staff-ooo">
      <legend>Out of office</legend>
      <label className="demo-inline">
        <input
          type="checkbox"
          checked={value !== null}
          onChange={(e) => (e.target.checked ? startToday() : onChange(null))}
        />
        Away (out of office)
      </label>
      {value && (
        <>
          <label>
            From
            <input type="date" value={from} required onChange={(e) => e.target.value && set({ from: e.target.value })} />
          </label>
          <label>
            Back on
            <input
              type="date"
              value={until}
              min={from}
              required
              aria-describedby={`${id}-hint`}
              onChange={(e) => e.target.value && set({ until: e.target.value })}
            />
          </label>
          <label>
            Note (for the team; visitors see only the return date)
            <input value={value.note ?? ''} maxLength={200} onChange={(e) => set({ note: e.target.value })} placeholder="Visiting our growers" />
          </label>
          <p id={`${id}-hint`} className="demo-hint">
            Visitors see the return date; their backup (or the team) covers meanwhile.
          </p>
        </>
      )}
    </fieldset>
  );
}
