import { WEEKDAYS, type Staff, type Weekday } from '@rapport/core';
import { useId, useState, type KeyboardEvent } from 'react';

type Shift = Staff['weeklyHours'][number];

const DAY_NAMES: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
/** Monday first, as a working week reads. */
const WEEK: Weekday[] = [...WEEKDAYS.slice(1), WEEKDAYS[0]];

const pastMidnight = (shift: Shift) => shift.end <= shift.start;
export const shiftText = (shift: Shift) =>
  `${DAY_NAMES[shift.day]} ${shift.start}–${shift.end}${pastMidnight(shift) ? ' (ends next day)' : ''}`;

const WALL_CLOCK = /^(?:[01][0-9]|2[0-3]):[0-5][0-9]$/;

const order = (a: Shift, b: Shift) => WEEK.indexOf(a.day) - WEEK.indexOf(b.day) || a.start.localeCompare(b.start);

/**
 * The weekly hours: each shift with a remove button, and "Add a shift" for one or more days at once. An end at or
 * before the start runs past midnight (Fri 22:00–06:00 ends Saturday morning); two shifts on a day make a split shift.
 */
export function ShiftsFieldset({ shifts, timeZone, onChange }: { shifts: Shift[]; timeZone: string; onChange(next: Shift[]): void }) {
  const id = useId();
  const [days, setDays] = useState<Weekday[]>([]);
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const sorted = [...shifts].sort(order);

  const add = () => {
    if (days.length === 0 || !WALL_CLOCK.test(start) || !WALL_CLOCK.test(end)) {
      setNote('Not added: pick at least one day, and give the start and the end as HH:MM (00:00 to 23:59).');
      return;
    }
    const added = days.map((day) => ({ day, start, end })).filter((s) => !shifts.some((t) => t.day === s.day && t.start === s.start && t.end === s.end));
    onChange([...shifts, ...added]);
    setNote(`Added ${added.length} shift${added.length === 1 ? '' : 's'}: ${start}–${end}${start >= end ? ', ending the next day' : ''}. Save to keep it.`);
    setDays([]);
  };
  // Enter in the add fields adds the shift; it must not submit (save) the whole editor.
  const addOnEnter = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.type !== 'checkbox') {
      event.preventDefault();
      add();
    }
  };

  return (
    <fieldset className="demo-staff-shifts">
      <legend>Weekly hours, in {timeZone}</legend>
      {sorted.length === 0 ? (
        <p className="demo-hint">No hours: never shown as available.</p>
      ) : (
        <ul className="demo-chips" aria-label="Shifts">
          {sorted.map((shift) => (
            <li key={`${shift.day}-${shift.start}-${shift.end}`}>
              {shiftText(shift)}
              <button type="button" className="demo-button demo-button--small" onClick={() => onChange(shifts.filter((s) => s !== shift))}>
                Remove<span className="demo-visually-hidden"> shift {shiftText(shift)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div role="group" aria-labelledby={`${id}-add`} className="demo-staff-add" onKeyDown={addOnEnter}>
        <span id={`${id}-add`} className="demo-staff-add__title">
          Add a shift
        </span>
        <fieldset className="demo-days">
          <legend>Days</legend>
          {WEEK.map((day) => (
            <label key={day}>
              <input
                type="checkbox"
                checked={days.includes(day)}
                onChange={(e) => setDays(e.target.checked ? [...days, day] : days.filter((d) => d !== day))}
              />
              {DAY_NAMES[day]}
            </label>
          ))}
        </fieldset>
        <TimeField label="Starts" value={start} onChange={setStart} hintId={`${id}-hint`} />
        <TimeField label="Ends" value={end} onChange={setEnd} hintId={`${id}-hint`} />
        <button type="button" className="demo-button" onClick={add}>
          Add shift
        </button>
        <p id={`${id}-hint`} className="demo-hint">
          24-hour HH:MM. An end at or before the start runs past midnight: 22:00–06:00 ends the next morning; 00:00–00:00 is the
          whole day.
        </p>
        <p role="status" className="demo-write-status">
          {note}
        </p>
      </div>
    </fieldset>
  );
}

/** An `HH:MM` text field (not `type="time"`: typing into those is unreliable in headless Chromium). */
function TimeField(props: { label: string; value: string; onChange: (value: string) => void; hintId: string }) {
  return (
    <label>
      {props.label}
      <input
        value={props.value}
        onChange={(e) => props.onChange(e.target.value.trim())}
        inputMode="numeric"
        placeholder="HH:MM"
        maxLength={5}
        size={6}
        autoComplete="off"
        aria-describedby={props.hintId}
      />
    </label>
  );
}
