import { OWNER_VISIBLE_FIELDS, type OwnerVisibleField, type ResponseTime, type Staff } from '@rapport/core';
import type { StaffDraft } from './staffDraft.js';

const FIELD_LABELS: Record<OwnerVisibleField, string> = {
  role: 'Role',
  photo: 'Photo',
  email: 'Email',
  phone: 'Phone',
  chat: 'Chat link',
  meeting: 'Meeting link',
  responseTime: 'Response time',
};

type Mode = 'none' | ResponseTime['mode'];
const minutesOf = (rt: ResponseTime | null) => (rt === null ? 120 : rt.mode === 'fixed' ? rt.minutes : rt.fallbackMinutes);
const responseTime = (mode: Mode, minutes: number): ResponseTime | null =>
  mode === 'none' ? null : mode === 'fixed' ? { mode, minutes } : { mode, fallbackMinutes: minutes };

/** Who covers (backup), the response-time promise, and what visitors may see besides the name. */
export function StaffOptionsFields({
  staff,
  others,
  draft,
  onChange,
}: {
  staff: Staff;
  others: Staff[];
  draft: StaffDraft;
  onChange(change: Partial<StaffDraft>): void;
}) {
  const mode: Mode = draft.responseTime?.mode ?? 'none';
  const minutes = minutesOf(draft.responseTime);
  const visible = draft.visibleFields;
  return (
    <>
      <fieldset>
        <legend>Cover and promise</legend>
        <label>
          Backup while {staff.displayName} is not in
          <select value={draft.backupStaffId ?? ''} onChange={(e) => onChange({ backupStaffId: e.target.value || null })}>
            <option value="">Nobody: the team covers</option>
            {others.map((other) => (
              <option key={other.id} value={other.id}>
                {other.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          Response time
          <select value={mode} onChange={(e) => onChange({ responseTime: responseTime(e.target.value as Mode, minutes) })}>
            <option value="none">No promise</option>
            <option value="fixed">Fixed promise</option>
            <option value="measured">Measured from replies</option>
          </select>
        </label>
        {mode !== 'none' && (
          <label>
            {mode === 'fixed' ? 'Replies within (minutes)' : 'Until measured, within (minutes)'}
            <input
              type="number"
              min={1}
              max={10080}
              step={1}
              required
              value={minutes}
              onChange={(e) => onChange({ responseTime: responseTime(mode, Number(e.target.value)) })}
            />
          </label>
        )}
      </fieldset>
      <fieldset className="demo-checkboxes">
        <legend>Visitors may see, besides the name</legend>
        {OWNER_VISIBLE_FIELDS.map((field) => (
          <label key={field}>
            <input
              type="checkbox"
              checked={visible.includes(field)}
              onChange={(e) => onChange({ visibleFields: e.target.checked ? [...visible, field] : visible.filter((f) => f !== field) })}
            />
            {FIELD_LABELS[field]}
          </label>
        ))}
      </fieldset>
    </>
  );
}
