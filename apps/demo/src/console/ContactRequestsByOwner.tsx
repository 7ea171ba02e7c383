import { useQuery } from '@tanstack/react-query';
import { callConsole } from './callConsole.js';
import { formatWhen } from './loyaltyFormat.js';

/**
 * Open "contact me" requests (detractors who asked to be contacted, not resolved yet), grouped by the contact's
 * owner, with the unowned contacts last: each owner sees whom to call back.
 */
export function ContactRequestsByOwner() {
  const groups = useQuery({ queryKey: ['ownerRequests'], queryFn: () => callConsole('owners', 'listContactRequests').then((r) => r.groups) });
  return (
    <div className="demo-section-part">
      <h3>Open contact requests, by owner</h3>
      {groups.error && <p role="alert">Could not load the contact requests: {groups.error.message}</p>}
      <div className="demo-request-groups" aria-busy={groups.isFetching}>
        {groups.data?.map((group) => {
          const title = group.staffId === null ? 'No owner yet' : (group.displayName ?? group.staffId);
          const headingId = `requests-${group.staffId ?? 'unowned'}`;
          return (
            <section key={group.staffId ?? 'unowned'} aria-labelledby={headingId} className="demo-request-group" data-staff-id={group.staffId ?? ''}>
              <h4 id={headingId}>
                {title} <span className="demo-tag">{group.items.length} open</span>
              </h4>
              {group.items.length === 0 ? (
                <p className="demo-hint">Nobody waiting.</p>
              ) : (
                <ul className="demo-requests">
                  {group.items.map((request) => (
                    <li key={request.id}>
                      <strong>{request.score === null ? 'No score' : `Score ${request.score}`}</strong> ·{' '}
                      {request.externalId ?? 'anonymous visitor'} · {formatWhen(request.answeredAt)}
                      {request.text && <q>{request.text}</q>}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}
