import type { ContactOwner, Staff } from '@rapport/core';
import { formatWhen } from './loyaltyFormat.js';
import { byText, methodText } from './ownerFormat.js';

/** Every assignment of a contact, oldest first: who became the owner, when, how, by whom and why. */
export function AssignmentHistory({ contact, staff }: { contact: ContactOwner; staff: Staff[] | undefined }) {
  if (contact.history.length === 0) return <p>Never assigned: round-robin or the first staff reply will give them an owner.</p>;
  const name = (id: string | null) => (id === null ? 'Nobody (left without an owner)' : (staff?.find((s) => s.id === id)?.displayName ?? id));
  return (
    <div className="demo-table-scroll" role="region" aria-labelledby="assignments-caption" tabIndex={0}>
      <table className="demo-table demo-assignments">
        <caption id="assignments-caption" className="demo-visually-hidden">
          Owner history of {contact.externalId}, oldest first
        </caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When</th>
            <th scope="col">Owner</th>
            <th scope="col">How</th>
            <th scope="col">By</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {contact.history.map((assignment, i) => (
            <tr key={assignment.id}>
              <th scope="row">{i + 1}</th>
              <td>
                <time dateTime={assignment.at}>{formatWhen(assignment.at)}</time>
              </td>
              <td>{name(assignment.staffId)}</td>
              <td>{methodText(assignment.method)}</td>
              <td>{byText(assignment.by, staff)}</td>
              <td>{assignment.note ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
