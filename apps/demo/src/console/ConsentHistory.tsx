import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { callConsole } from './callConsole.js';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

/** A contact's consent history: every grant and withdrawal, how, and the exact wording version shown. */
export function ConsentHistory({ customers }: { customers: Array<{ externalId: string; name: string }> }) {
  const [externalId, setExternalId] = useState(customers[0]?.externalId ?? '');
  const pages = useInfiniteQuery({
    queryKey: ['consentEvents', externalId],
    queryFn: ({ pageParam }) => callConsole('preferences', 'listConsentEvents', externalId, { limit: 100, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? null,
    enabled: externalId !== '',
  });
  // The history pages by 100, oldest first: "Load more" brings the next events.
  const events = { error: pages.error, data: pages.data?.pages.flatMap((page) => page.items) };
  return (
    <section aria-labelledby="consent-title" className="demo-section">
      <h2 id="consent-title">Consent history</h2>
      <label className="demo-filters">
        Customer
        <select value={externalId} onChange={(event) => setExternalId(event.target.value)}>
          {customers.map((c) => (
            <option key={c.externalId} value={c.externalId}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      {events.error && <p role="alert">Could not load the history: {events.error.message}</p>}
      {events.data && events.data.length === 0 && <p>No consent recorded yet: every choice is off.</p>}
      {events.data && events.data.length > 0 && (
        <table className="demo-table demo-consent">
          <caption className="demo-visually-hidden">Consent events, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">How</th>
              <th scope="col">Wording</th>
            </tr>
          </thead>
          <tbody>
            {events.data.map((event) => (
              <tr key={event.id}>
                <th scope="row">{event.sequence}</th>
                <td>{when.format(new Date(event.occurredAt))}</td>
                <td>
                  {event.action}
                  {event.topicId && ` · ${event.topicId}`}
                  {event.channel && ` · ${event.channel}`}
                  {event.frequency && ` · ${event.frequency}`}
                  {event.pausedUntil && ` · until ${day.format(new Date(event.pausedUntil))}`}
                </td>
                <td>{event.source.replace('_', ' ')}</td>
                <td>
                  v{event.catalogVersion} · <code title={event.wording}>{event.wordingHash.slice(0, 12)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages.hasNextPage && (
        <button type="button" className="demo-button" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
          {pages.isFetchingNextPage ? 'Loading…' : 'Load more events'}
        </button>
      )}
    </section>
  );
}
