import type { CatalogTopic, Channel, Frequency, OptInState, PreferenceCatalog } from '@rapport/core';
import type { ReactNode } from 'react';
import type { PreferenceCenterMessages } from './preferenceCenterMessages.js';
import type { PreferenceCenterParts, PreferenceChannelState } from './PreferenceCenterView.js';

interface TopicProps {
  parts: PreferenceCenterParts;
  text: PreferenceCenterMessages;
  topic: CatalogTopic;
  catalog: PreferenceCatalog;
  /** The state of one of this topic's channels (`on` for a required topic). */
  choiceOf: (channel: Channel) => OptInState;
  /** The chosen frequency, `null` for none yet. */
  frequency: Frequency | null;
  /** Marketing switches are locked while unsubscribed from all (Resubscribe first). */
  locked: boolean;
  /** Unique prefix for this topic's ids. */
  idPrefix: string;
  onChannel: (channel: Channel, granted: boolean) => void;
  onFrequency: (frequency: Frequency) => void;
}

/** One topic: its legend, description, a switch per channel, and its frequency choice when it has one. */
export function PreferenceTopic(props: TopicProps): ReactNode {
  const { parts: View, text, topic, catalog, choiceOf, frequency: chosen, locked, idPrefix, onChannel, onFrequency } = props;
  const descriptionId = `${idPrefix}-description`;
  const requiredId = `${idPrefix}-required`;
  const stateOf = (channel: Channel): PreferenceChannelState => (topic.required ? 'on' : choiceOf(channel));
  const anyOn = topic.channels.some((channel) => stateOf(channel) !== 'off');

  return (
    <View.Topic state={topic.required ? 'required' : 'marketing'}>
      <View.TopicLegend>{topic.label}</View.TopicLegend>
      <View.TopicDescription id={descriptionId}>{topic.description}</View.TopicDescription>
      {topic.required && <View.Required id={requiredId}>{text.required}</View.Required>}
      <View.Channels>
        {topic.channels.map((channel) => {
          const state = stateOf(channel);
          const pendingId = `${idPrefix}-${channel}-pending`;
          const label = catalog.channels.find((c) => c.id === channel)?.label ?? text.channel[channel];
          const describedBy = [descriptionId, topic.required && requiredId, state === 'pending' && pendingId];
          return (
            <View.Channel key={channel} state={state}>
              <View.ChannelToggle
                checked={state !== 'off'}
                disabled={topic.required || locked}
                aria-describedby={describedBy.filter(Boolean).join(' ')}
                onChange={(event) => onChannel(channel, event.currentTarget.checked)}
              />
              <span>{label}</span>
              {state === 'pending' && <View.Pending id={pendingId}>{text.pending}</View.Pending>}
            </View.Channel>
          );
        })}
      </View.Channels>
      {!topic.required && topic.frequencies.length > 0 && (
        <View.Frequency disabled={!anyOn || locked}>
          <View.FrequencyLegend>{text.frequency}</View.FrequencyLegend>
          {topic.frequencies.map((frequency) => {
            const checked = (chosen ?? topic.frequencies[0]) === frequency;
            return (
              <View.FrequencyOption key={frequency} state={checked ? 'checked' : 'unchecked'}>
                <View.Radio
                  name={`${idPrefix}-frequency`}
                  value={frequency}
                  checked={checked}
                  onChange={() => onFrequency(frequency)}
                />
                <span>{text.frequencies[frequency]}</span>
              </View.FrequencyOption>
            );
          })}
        </View.Frequency>
      )}
    </View.Topic>
  );
}
