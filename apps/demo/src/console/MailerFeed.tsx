import { useQuery } from '@tanstack/react-query';
import { fetchMailer, type MailerEntry } from '../demoApi.js';

const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' });

/** How often the page asks the demo server for new events. */
const REFRESH_MS = 1_000;

const sentence = (entry: MailerEntry) => `${entry.text} at ${time.format(new Date(entry.at))}`;

/**
 * The shop's mailer: the webhooks the demo server received from Rapport (each signature verified with
 * `verifyWebhook`), newest first, as sentences. It refreshes on its own; the status line announces only the newest
 * event, once, so a screen reader is not read the whole list every second.
 */
export function MailerFeed() {
  const mailer = useQuery({ queryKey: ['mailer'], queryFn: fetchMailer, refetchInterval: REFRESH_MS });
  const items = mailer.data?.items ?? [];
  const latest = items[0];
  return (
    <section aria-labelledby="mailer-title" className="demo-section">
      <h1 id="mailer-title">Mailer</h1>
      <p>
        What the shop’s mailer hears from Rapport: every webhook the site sends, its signature checked before it shows
        here. The list updates by itself.
      </p>
      <p role="status">{latest ? `Latest: ${sentence(latest)}.` : ''}</p>
      {mailer.error && <p role="alert">Could not load the mailer’s events: {mailer.error.message}</p>}
      {mailer.data && items.length === 0 && <p>Nothing yet. Change a preference on the Preferences page and it shows here.</p>}
      {items.length > 0 && (
        <ol className="demo-mailer" aria-label="Events received, newest first">
          {items.map((entry) => (
            <li key={entry.id} data-type={entry.type}>
              {entry.text} at <time dateTime={entry.at}>{time.format(new Date(entry.at))}</time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
