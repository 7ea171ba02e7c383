import type { PreferenceState } from '@rapport/core';
import type { MouseEvent, ReactNode } from 'react';
import type { PausePeriod, PreferenceCenterMessages } from './preferenceCenterMessages.js';
import type { PreferenceCenterParts } from './PreferenceCenterView.js';

const PERIODS: Array<[PausePeriod, number]> = [
  ['week', 0],
  ['month', 1],
  ['quarter', 3],
];

/** The moment a pause of `period` from `now` ends (a week is 7 days; months are calendar months). */
export function pauseEnd(period: PausePeriod, now: Date = new Date()): Date {
  const end = new Date(now);
  const months = PERIODS.find(([p]) => p === period)![1];
  if (months === 0) end.setDate(end.getDate() + 7);
  else end.setMonth(end.getMonth() + months);
  return end;
}

interface ControlsProps {
  parts: PreferenceCenterParts;
  text: PreferenceCenterMessages;
  state: PreferenceState;
  /** True while a pause (`state.pausedUntil`) is still running. */
  paused: boolean;
  formatDate: (iso: string) => string;
  exporting: boolean;
  idPrefix: string;
  onPause: (until: Date | null) => void;
  onUnsubscribeAll: (unsubscribe: boolean) => void;
  onExport: () => void;
}

/** Pause everything (or resume), unsubscribe from all (or resubscribe), and download the export. */
export function PreferenceControls(props: ControlsProps): ReactNode {
  const { parts: View, text, state, paused, formatDate, exporting, idPrefix, onPause, onUnsubscribeAll, onExport } = props;
  const pauseNoteId = `${idPrefix}-paused`;
  // Pausing swaps the period buttons for Resume (and back): keep keyboard focus in the group, not on the page.
  const pause = (event: MouseEvent<HTMLButtonElement>, until: Date | null) => {
    event.currentTarget.closest('fieldset')?.focus();
    onPause(until);
  };
  const unsubscribedId = `${idPrefix}-unsubscribed`;
  return (
    <View.Controls>
      {!state.unsubscribedAll && (
        <View.Pause state={paused ? 'paused' : 'active'} tabIndex={-1}>
          <View.PauseLegend>{text.pause}</View.PauseLegend>
          {paused ? (
            <>
              <View.Note id={pauseNoteId}>{text.pausedUntil(formatDate(state.pausedUntil!))}</View.Note>
              <View.PauseButton aria-describedby={pauseNoteId} onClick={(e) => pause(e, null)}>
                {text.resume}
              </View.PauseButton>
            </>
          ) : (
            PERIODS.map(([period]) => (
              <View.PauseButton key={period} onClick={(e) => pause(e, pauseEnd(period))}>
                {text.pauseFor[period]}
              </View.PauseButton>
            ))
          )}
        </View.Pause>
      )}
      {state.unsubscribedAll && <View.Note id={unsubscribedId}>{text.unsubscribed}</View.Note>}
      <View.UnsubscribeAll
        state={state.unsubscribedAll ? 'unsubscribed' : 'subscribed'}
        aria-describedby={state.unsubscribedAll ? unsubscribedId : undefined}
        onClick={() => onUnsubscribeAll(!state.unsubscribedAll)}
      >
        {state.unsubscribedAll ? text.resubscribe : text.unsubscribeAll}
      </View.UnsubscribeAll>
      <View.Export
        state={exporting ? 'pending' : 'idle'}
        aria-disabled={exporting || undefined}
        onClick={() => !exporting && onExport()}
      >
        {exporting ? text.exporting : text.exportData}
      </View.Export>
    </View.Controls>
  );
}
