import type { PreferenceCatalog, PreferenceState, RapportError } from '@rapport/core';
import type { PreferencesResult } from '@rapport/react';
import { useId, useState, type ComponentPropsWithRef, type ReactNode } from 'react';
import { useLocaleFormat } from '../internal/useLocaleFormat.js';
import type { PreferenceCenterMessages } from './preferenceCenterMessages.js';
import type { PreferenceCenterParts, PreferenceCenterState } from './PreferenceCenterView.js';
import { PreferenceControls } from './PreferenceControls.js';
import { PreferenceTopic } from './PreferenceTopic.js';

interface PanelProps extends Omit<ComponentPropsWithRef<'section'>, 'children'> {
  /** The parts to render with, passed in so this lazy chunk shares no module with the index. */
  parts: PreferenceCenterParts;
  text: PreferenceCenterMessages;
  /** `usePreferences()`'s result: its choices (optimistic while a save is in flight) and actions. */
  preferences: PreferencesResult;
  catalog: PreferenceCatalog;
  state: PreferenceState;
  locale: string | undefined;
  timeZone: string | undefined;
  titleId: string;
}

/** What the status line says: `failed` words the hook's `lastError` (the change was rolled back). */
type Announcement = { kind: 'idle' | 'saved' | 'exported' | 'failed' | 'exportFailed'; seq: number };

const STATUS_STATES = { idle: 'idle', saved: 'saved', exported: 'saved', failed: 'failed', exportFailed: 'failed' } as const;

/** Hands `data` to the browser as a JSON download through a Blob link. */
function download(data: unknown, fileName: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** The center once loaded: statement, topics, the "everything" controls and the status line. */
export function PreferenceCenterPanel(props: PanelProps): ReactNode {
  const { parts: View, text, preferences, catalog, state, locale, timeZone, titleId, ...root } = props;
  const id = useId();
  const formatDate = useLocaleFormat(locale, timeZone).date;
  const [announcement, setAnnouncement] = useState<Announcement>({ kind: 'idle', seq: 0 });
  const [exporting, setExporting] = useState(false);

  const announce = (kind: Announcement['kind']) => setAnnouncement((previous) => ({ kind, seq: previous.seq + 1 }));
  const save = (action: Promise<boolean>) => void action.then((saved) => announce(saved ? 'saved' : 'failed'));
  const onExport = () => {
    setExporting(true);
    preferences
      .exportData()
      .then((data) => {
        download(data, text.exportFileName);
        announce('exported');
      })
      .catch(() => announce('exportFailed'))
      .finally(() => setExporting(false));
  };
  const error: RapportError | null = preferences.lastError;
  const messages: Record<Announcement['kind'], string> = {
    idle: '',
    saved: text.saved,
    exported: text.exported,
    failed: error ? text.rolledBack(error) : '',
    exportFailed: error ? text.exportError(error) : '',
  };
  const message = messages[announcement.kind];

  // A pause already over reads as not paused; "now" is when the panel mounted (renders stay pure).
  const [mountedAt] = useState(() => Date.now());
  const paused = state.pausedUntil !== null && Date.parse(state.pausedUntil) > mountedAt;
  const rootState: PreferenceCenterState = state.unsubscribedAll ? 'unsubscribed' : paused ? 'paused' : 'ready';
  const empty = catalog.topics.length === 0;

  return (
    <View.Root aria-labelledby={titleId} {...root} state={empty ? 'empty' : rootState}>
      <View.Header>
        <View.Title id={titleId}>{text.title}</View.Title>
      </View.Header>
      {empty ? (
        <View.Note>{text.empty}</View.Note>
      ) : (
        <>
          <View.Statement>{catalog.statement}</View.Statement>
          <View.Topics>
            {catalog.topics.map((topic) => (
              <PreferenceTopic
                key={topic.id}
                parts={View}
                text={text}
                topic={topic}
                catalog={catalog}
                choiceOf={(channel) => preferences.choiceOf(topic.id, channel)}
                frequency={state.topics.find((t) => t.topicId === topic.id)?.frequency ?? null}
                locked={state.unsubscribedAll && !topic.required}
                idPrefix={`${id}-${topic.id}`}
                onChannel={(channel, granted) => save(preferences.setChoice(topic.id, channel, granted))}
                onFrequency={(frequency) => save(preferences.setFrequency(topic.id, frequency))}
              />
            ))}
          </View.Topics>
          <PreferenceControls
            parts={View}
            text={text}
            state={state}
            paused={paused}
            formatDate={formatDate}
            exporting={exporting}
            idPrefix={id}
            onPause={(until) => save(until ? preferences.pause(until) : preferences.resume())}
            onUnsubscribeAll={(unsub) => save(unsub ? preferences.unsubscribeAll() : preferences.resubscribeAll())}
            onExport={onExport}
          />
        </>
      )}
      <View.Status state={STATUS_STATES[announcement.kind]}>
        {/* Keyed, so the same sentence twice in a row is announced twice. */}
        {message && <span key={announcement.seq}>{message}</span>}
      </View.Status>
    </View.Root>
  );
}
