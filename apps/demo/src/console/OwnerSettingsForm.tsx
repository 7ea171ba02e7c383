import type { OwnerSettings } from '@rapport/core';
import { useId, useState } from 'react';
import { ConsoleForm } from './ConsoleForm.js';
import { callConsole } from './callConsole.js';
import { useOwnerWrite } from './useStaff.js';
import { WriteFeedback } from './WriteFeedback.js';

/** Site-wide owner settings: round-robin for new contacts, measured response times, the team's name. */
export function OwnerSettingsForm({ settings }: { settings: OwnerSettings }) {
  const id = useId();
  const [draft, setDraft] = useState(settings);
  const save = useOwnerWrite((settings: OwnerSettings) => callConsole('owners', 'putSettings', settings));
  return (
    <ConsoleForm
      titleId={`${id}-title`}
      className="demo-owner-settings"
      onSubmit={() => {
        save.mutate({ ...draft, teamName: draft.teamName?.trim() || null });
      }}
    >
      <h3 id={`${id}-title`}>Owner settings</h3>
      <fieldset className="demo-checkboxes">
        <legend>Assignment and promises</legend>
        <label>
          <input type="checkbox" checked={draft.roundRobin} onChange={(e) => setDraft({ ...draft, roundRobin: e.target.checked })} />
          Round-robin: give a new customer to whoever is in and was assigned least recently
        </label>
        <label>
          <input
            type="checkbox"
            checked={draft.measuredResponseTime}
            onChange={(e) => setDraft({ ...draft, measuredResponseTime: e.target.checked })}
          />
          Measure response times from replies
        </label>
      </fieldset>
      <label>
        Team name (shown when nobody is in to cover)
        <input value={draft.teamName ?? ''} maxLength={80} onChange={(e) => setDraft({ ...draft, teamName: e.target.value })} />
      </label>
      <button type="submit" className="demo-button" disabled={save.isPending}>
        Save settings
      </button>
      <WriteFeedback error={save.error} success={save.isSuccess ? 'Settings saved.' : null} />
    </ConsoleForm>
  );
}
