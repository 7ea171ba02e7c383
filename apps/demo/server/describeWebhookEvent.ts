import type { UnknownWebhookEvent, WebhookEvent } from '@rapport/node';

/** What turns ids into words: customers' names by external id, the catalog's topic and channel labels by id. */
export interface EventVocabulary {
  names: ReadonlyMap<string, string>;
  topics: ReadonlyMap<string, string>;
  channels: ReadonlyMap<string, string>;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** The customer's first name, their external id when unknown, or "A guest" for an anonymous visitor. */
function who(contact: { externalId: string | null } | undefined, { names }: EventVocabulary): string {
  const externalId = contact?.externalId;
  if (!externalId) return 'A guest';
  return names.get(externalId)?.split(' ')[0] ?? externalId;
}

const topic = (id: string, words: EventVocabulary) => words.topics.get(id) ?? id;
const channel = (id: string, words: EventVocabulary) => (words.channels.get(id) ?? id).toLowerCase();

/**
 * The sentences the Mailer page shows for one verified event (its time is added by the page, in the reader's
 * format): "Grace opted out of Offers by email", "Ada unsubscribed from everything", or a generic line.
 */
export function describeWebhookEvent(event: WebhookEvent | UnknownWebhookEvent, words: EventVocabulary): string[] {
  switch (event.type) {
    case 'preferences.changed': {
      const name = who(event.data.contact, words);
      const lines = event.data.changes.map(({ topicId, channel: id, state }) => {
        const what = `${topic(topicId, words)} by ${channel(id, words)}`;
        if (state === 'granted') return `${name} opted in to ${what}`;
        if (state === 'withdrawn') return `${name} opted out of ${what}`;
        return `${name} asked to opt in to ${what} (waiting for the confirmation email)`;
      });
      return event.data.resubscribed ? [`${name} resubscribed`, ...lines] : lines;
    }
    case 'preferences.confirmed':
      return [`${who(event.data.contact, words)} confirmed ${topic(event.data.topicId, words)} by ${channel(event.data.channel, words)}`];
    case 'preferences.paused': {
      const { pausedUntil } = event.data;
      const name = who(event.data.contact, words);
      return [pausedUntil ? `${name} paused everything until ${dateFormat.format(new Date(pausedUntil))}` : `${name} resumed messages`];
    }
    case 'preferences.unsubscribed_all':
      return [`${who(event.data.contact, words)} unsubscribed from everything`];
    case 'unknown':
      return [`Rapport sent a ${event.eventType} event`];
    default: {
      const contact = 'contact' in event.data ? (event.data.contact as { externalId: string | null }) : undefined;
      return [`Rapport sent a ${event.type} event${contact ? ` about ${who(contact, words)}` : ''}`];
    }
  }
}
