import { verifyWebhook, WebhookVerificationError, type RapportAdmin } from '@rapport/node';
import { Hono } from 'hono';
import type { MailerEntry } from '../src/demoApi.js';
import { describeWebhookEvent, type EventVocabulary } from './describeWebhookEvent.js';

/** Options of {@link createMailerApi}. */
export interface MailerApiOptions {
  admin: RapportAdmin;
  /** The customers the demo knows, for their names. */
  customers: () => Promise<Array<{ externalId: string; name: string }>>;
  /** The endpoint's signing secrets, newest first (two during a rotation); none before it is set up. */
  secrets: () => readonly string[];
  /** Events kept, newest first. Default: 200. */
  limit?: number;
}

interface Received {
  id: string;
  event: Awaited<ReturnType<typeof verifyWebhook>>;
}

const VOCABULARY_TTL_MS = 5_000;

/**
 * The demo shop's mailer: `POST /webhooks` receives the site's webhooks (each signature verified with
 * `verifyWebhook` on the raw body; 401 when it fails, 204 when it holds; a `webhook-id` seen before is not kept
 * twice), and `GET /mailer` lists the last events, newest first, as sentences for the console's Mailer page.
 */
export function createMailerApi({ admin, customers, secrets, limit = 200 }: MailerApiOptions): Hono {
  const app = new Hono();
  const received: Received[] = []; // newest first
  let vocabulary: { words: Promise<EventVocabulary>; until: number } | null = null;

  function words(): Promise<EventVocabulary> {
    if (vocabulary && Date.now() < vocabulary.until) return vocabulary.words;
    const loaded = Promise.all([customers(), admin.preferences.getCatalog()]).then(([people, catalog]) => ({
      names: new Map(people.map((p) => [p.externalId, p.name])),
      topics: new Map(catalog.topics.map((t) => [t.id, t.label])),
      channels: new Map(catalog.channels.map((c) => [c.id, c.label])),
    }));
    vocabulary = { words: loaded, until: Date.now() + VOCABULARY_TTL_MS };
    loaded.catch(() => (vocabulary = null));
    return loaded;
  }

  app.post('/webhooks', async (c) => {
    const rawBody = await c.req.arrayBuffer();
    const keys = secrets();
    if (keys.length === 0) return c.text('not_ready', 401);
    let event: Received['event'];
    try {
      event = await verifyWebhook(c.req.raw.headers, rawBody, keys);
    } catch (error) {
      if (error instanceof WebhookVerificationError) return c.text(error.code, 401);
      throw error;
    }
    const id = c.req.header('webhook-id')!; // verified above
    if (!received.some((r) => r.id === id)) {
      received.unshift({ id, event });
      received.length = Math.min(received.length, limit);
    }
    return c.body(null, 204);
  });

  app.get('/mailer', async (c) => {
    const vocabulary = await words();
    const items: MailerEntry[] = received.flatMap(({ id, event }) =>
      describeWebhookEvent(event, vocabulary).map((text, i) => ({
        id: `${id}:${i}`,
        type: event.type === 'unknown' ? event.eventType : event.type,
        text,
        at: event.timestamp,
      })),
    );
    return c.json({ items });
  });
  return app;
}
