import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { callConsole } from './callConsole.js';
import { formatPoints, formatWhen } from './loyaltyFormat.js';

/** How many members the console asks for at a time. */
const PAGE_SIZE = 10;

/** What the status line says about the members shown. */
function statusText(count: number, q: string, more: boolean): string {
  const shown = q
    ? count === 0
      ? `No member matches “${q}”.`
      : `${count} member${count === 1 ? '' : 's'} matching “${q}” shown.`
    : count === 0
      ? 'No members yet: awarding points for an order makes a customer one.'
      : `${count} member${count === 1 ? '' : 's'} shown.`;
  return more ? `${shown} More to load.` : shown;
}

/**
 * The site's loyalty members, newest member first, a page at a time, with a filter on external id or name. Opening a
 * member hands their external id to `onOpen` (the member view: card, ledger, award, reverse, adjust).
 */
export function LoyaltyMembers({
  openId,
  pointsName,
  onOpen,
}: {
  /** The member open below the table, marked as pressed. */
  openId: string;
  /** What the program calls its points ("Beans"). */
  pointsName: string;
  onOpen(externalId: string): void;
}) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const members = useInfiniteQuery({
    queryKey: ['loyaltyMembers', q],
    queryFn: ({ pageParam }) => callConsole('loyalty', 'listMembers', { limit: PAGE_SIZE, ...(q ? { q } : {}), ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const rows = members.data?.pages.flatMap((page) => page.members) ?? [];
  const tbody = useRef<HTMLTableSectionElement>(null);
  // After "Load more", the focus goes to the first member loaded, so a keyboard user carries on from there.
  const focusRow = useRef<number | null>(null);
  useEffect(() => {
    if (focusRow.current === null || rows.length <= focusRow.current) return;
    tbody.current?.querySelectorAll('button')[focusRow.current]?.focus();
    focusRow.current = null;
  }, [rows.length]);
  const loadMore = () => {
    if (members.isFetchingNextPage) return;
    focusRow.current = rows.length;
    void members.fetchNextPage();
  };
  const points = (n: number) => formatPoints(n, pointsName);

  return (
    <div className="demo-members">
      <form
        role="search"
        aria-label="Loyalty members"
        className="demo-filters demo-members__filter"
        onSubmit={(event) => {
          event.preventDefault();
          setQ(draft.trim());
        }}
      >
        <label>
          Filter members
          <input
            type="search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            maxLength={100}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-hint`}
          />
        </label>
        <button type="submit" className="demo-button">
          Filter
        </button>
        {q && (
          <button
            type="button"
            className="demo-button"
            onClick={() => {
              setDraft('');
              setQ('');
            }}
          >
            Show all members
          </button>
        )}
        <p id={`${id}-hint`} className="demo-hint">
          Any part of the external id or the name, in any case.
        </p>
      </form>
      {members.error && <p role="alert">Could not load the members: {members.error.message}</p>}
      <p role="status" className="demo-hint">
        {members.isPending ? 'Loading members…' : members.data ? statusText(rows.length, q, members.hasNextPage) : ''}
      </p>
      {rows.length > 0 && (
        // The wide table scrolls on its own on small screens; a focusable region lets keyboard users scroll it.
        <div className="demo-table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0} aria-busy={members.isFetching}>
          <table className="demo-table">
            <caption id={`${id}-caption`} className="demo-members__caption">
              Loyalty members, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">External id</th>
                <th scope="col">Name</th>
                <th scope="col" className="demo-number">
                  Balance
                </th>
                <th scope="col" className="demo-number">
                  Pending
                </th>
                <th scope="col">Tier</th>
                <th scope="col">Last activity</th>
                <th scope="col">
                  <span className="demo-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody ref={tbody}>
              {rows.map((member) => (
                <tr key={member.externalId} data-external-id={member.externalId}>
                  <th scope="row">
                    <code>{member.externalId}</code>
                  </th>
                  <td>{member.name ?? '—'}</td>
                  <td className="demo-number">{points(member.balance)}</td>
                  <td className="demo-number">{points(member.pending)}</td>
                  <td>{member.tierName}</td>
                  <td>{member.lastActivityAt ? formatWhen(member.lastActivityAt) : '—'}</td>
                  <td>
                    <button
                      type="button"
                      className="demo-button demo-button--small"
                      aria-pressed={member.externalId === openId}
                      onClick={() => onOpen(member.externalId)}
                    >
                      Open<span className="demo-visually-hidden"> {member.externalId}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {members.hasNextPage && (
        <button type="button" className="demo-button" aria-disabled={members.isFetchingNextPage} onClick={loadMore}>
          Load more members
        </button>
      )}
    </div>
  );
}
