import type { Staff } from '@rapport/core';
import { useState, type KeyboardEvent } from 'react';

type Holiday = Staff['holidays'][number];

const dayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const holidayText = (holiday: Holiday) =>
  `${dayFormat.format(new Date(`${holiday.date}T00:00:00Z`))}${holiday.label ? ` — ${holiday.label}` : ''}`;

/** Whole days off (midnight to midnight in the staff member's zone): a list with remove buttons, and one to add. */
export function HolidaysFieldset({ holidays, onChange }: { holidays: Holiday[]; onChange(next: Holiday[]): void }) {
  const [date, setDate] = useState('');
  const [label, setLabel] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const add = () => {
    if (!date) {
      setNote('Pick a date first.');
      return;
    }
    const holiday = label.trim() ? { date, label: label.trim() } : { date };
    onChange([...holidays.filter((h) => h.date !== date), holiday].sort((a, b) => a.date.localeCompare(b.date)));
    setNote(`Added ${holidayText(holiday)}. Save to keep it.`);
    setDate('');
    setLabel('');
  };
  const addOnEnter = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      add();
    }
  };
  return (
    <fieldset className="demo-staff-holidays">
      <legend>Holidays</legend>
      {holidays.length === 0 ? (
        <p className="demo-hint">No holidays.</p>
      ) : (
        <ul className="demo-chips" aria-label="Holidays">
          {holidays.map((holiday) => (
            <li key={holiday.date}>
              {holidayText(holiday)}
              <button type="button" className="demo-button demo-button--small" onClick={() => onChange(holidays.filter((h) => h !== holiday))}>
                Remove<span className="demo-visually-hidden"> holiday {holidayText(holiday)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="demo-staff-add" onKeyDown={addOnEnter}>
        <label>
          Date
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label>
          Label (optional)
          <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={80} placeholder="Bank holiday" />
        </label>
        <button type="button" className="demo-button" onClick={add}>
          Add holiday
        </button>
        <p role="status" className="demo-write-status">
          {note}
        </p>
      </div>
    </fieldset>
  );
}
