import type { Staff, StaffInput } from '@rapport/core';
import { useEffect, useId, useRef, useState } from 'react';
import { ConsoleForm } from './ConsoleForm.js';
import { callConsole } from './callConsole.js';
import { HolidaysFieldset } from './HolidaysFieldset.js';
import { OutOfOfficeFieldset } from './OutOfOfficeFieldset.js';
import { availabilityText } from './ownerFormat.js';
import { ShiftsFieldset } from './ShiftsFieldset.js';
import { StaffOptionsFields } from './StaffOptionsFields.js';
import { isTimeZone, toDraft, toStaffInput, type StaffDraft } from './staffDraft.js';
import { useOwnerWrite } from './useStaff.js';
import { WriteFeedback } from './WriteFeedback.js';

const TIME_ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/**
 * One staff member's hours and cover: time zone, weekly shifts, holidays, out-of-office, backup, response time and
 * what visitors may see. Saving replaces the staff member (`PUT`), keeping the profile fields it does not edit.
 */
export function StaffEditor({ staff, team, onClose }: { staff: Staff; team: Staff[]; onClose(): void }) {
  const id = useId();
  const [draft, setDraft] = useState<StaffDraft>(() => toDraft(staff));
  const save = useOwnerWrite(({ staffId, input }: { staffId: string; input: StaffInput }) => callConsole('owners', 'putStaff', staffId, input));
  const change = (next: Partial<StaffDraft>) => setDraft((current) => ({ ...current, ...next }));
  const saved = save.data;
  // While a zone is being typed, the dates are read in the last zone that was valid.
  const zone = isTimeZone(draft.timeZone) ? draft.timeZone : staff.timeZone;
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  return (
    <ConsoleForm
      titleId={`${id}-title`}
      className="demo-staff-editor"
      onSubmit={() => {
        save.mutate({ staffId: staff.id, input: toStaffInput(staff, draft) });
      }}
    >
      <h3 id={`${id}-title`} ref={title} tabIndex={-1}>Hours of {staff.displayName}</h3>
      <label>
        Time zone
        <input
          value={draft.timeZone}
          onChange={(e) => change({ timeZone: e.target.value })}
          list={`${id}-zones`}
          required
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <datalist id={`${id}-zones`}>
        {TIME_ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <ShiftsFieldset shifts={draft.weeklyHours} timeZone={zone} onChange={(weeklyHours) => change({ weeklyHours })} />
      <HolidaysFieldset holidays={draft.holidays} onChange={(holidays) => change({ holidays })} />
      <OutOfOfficeFieldset value={draft.outOfOffice} timeZone={zone} onChange={(outOfOffice) => change({ outOfOffice })} />
      <StaffOptionsFields staff={staff} others={team.filter((s) => s.id !== staff.id && s.active)} draft={draft} onChange={change} />
      <div className="demo-form__actions">
        <button type="submit" className="demo-button demo-button--primary" disabled={save.isPending}>
          Save {staff.displayName}
        </button>
        <button type="button" className="demo-button" onClick={onClose}>
          Close
        </button>
      </div>
      <WriteFeedback
        error={save.error}
        success={saved ? `Saved. ${saved.displayName} now: ${availabilityText(saved.availability, saved.timeZone)}.` : null}
      />
    </ConsoleForm>
  );
}
