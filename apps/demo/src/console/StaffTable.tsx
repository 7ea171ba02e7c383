import type { Staff } from '@rapport/core';
import { availabilityText, staffName } from './ownerFormat.js';

/** The team: who they are, where, whether they are in now, who covers for them, and how many contacts they own. */
export function StaffTable({
  staff,
  editing,
  onEdit,
}: {
  staff: Staff[];
  editing: string | null;
  onEdit(staffId: string, button: HTMLButtonElement): void;
}) {
  const nameOf = (id: string | null) => (id === null ? 'The team' : (staff.find((s) => s.id === id)?.displayName ?? id));
  return (
    <div className="demo-table-scroll" role="region" aria-labelledby="staff-caption" tabIndex={0}>
      <table className="demo-table demo-staff">
        <caption id="staff-caption" className="demo-visually-hidden">
          Staff, with their availability now
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Time zone</th>
            <th scope="col">Now</th>
            <th scope="col">Backup</th>
            <th scope="col" className="demo-number">
              Owns
            </th>
            <th scope="col">
              <span className="demo-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {staff.map((member) => (
            <tr key={member.id} data-staff-id={member.id}>
              <th scope="row">
                {staffName(member)}
                {!member.active && <span className="demo-tag">Inactive</span>}
              </th>
              <td>{member.role ?? '—'}</td>
              <td>{member.timeZone}</td>
              <td data-state={member.availability.state}>{availabilityText(member.availability, member.timeZone)}</td>
              <td>{nameOf(member.backupStaffId)}</td>
              <td className="demo-number">{member.ownedContacts}</td>
              <td>
                <button
                  type="button"
                  className="demo-button demo-button--small"
                  aria-expanded={editing === member.id}
                  onClick={(event) => onEdit(member.id, event.currentTarget)}
                >
                  Edit hours<span className="demo-visually-hidden"> of {member.displayName}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
