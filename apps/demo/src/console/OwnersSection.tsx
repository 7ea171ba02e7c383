import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { AssignmentPanel } from './AssignmentPanel.js';
import { callConsole } from './callConsole.js';
import { ContactRequestsByOwner } from './ContactRequestsByOwner.js';
import { OwnerSettingsForm } from './OwnerSettingsForm.js';
import { StaffEditor } from './StaffEditor.js';
import { StaffTable } from './StaffTable.js';
import { useStaff } from './useStaff.js';

type Customers = Array<{ externalId: string; name: string }>;

/** Contact owners: the team and their hours, each customer's owner and its history, and who asked to be called back. */
export function OwnersSection({ customers }: { customers: Customers }) {
  const staff = useStaff();
  const settings = useQuery({ queryKey: ['ownerSettings'], queryFn: () => callConsole('owners', 'getSettings') });
  const [editing, setEditing] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement | null>(null);
  const member = staff.data?.find((s) => s.id === editing);
  return (
    <section aria-labelledby="owners-title" className="demo-section">
      <h2 id="owners-title">Owners</h2>
      <h3>Staff</h3>
      {staff.error && <p role="alert">Could not load the staff: {staff.error.message}</p>}
      {staff.data && (
        <StaffTable
          staff={staff.data}
          editing={editing}
          onEdit={(staffId, button) => {
            editButton.current = button;
            setEditing(staffId);
          }}
        />
      )}
      {member && staff.data && (
        <StaffEditor
          key={member.id}
          staff={member}
          team={staff.data}
          onClose={() => {
            setEditing(null);
            editButton.current?.focus();
          }}
        />
      )}
      {settings.error && <p role="alert">Could not load the owner settings: {settings.error.message}</p>}
      {settings.data && <OwnerSettingsForm settings={settings.data} />}
      <AssignmentPanel customers={customers} staff={staff.data} />
      <ContactRequestsByOwner />
    </section>
  );
}
