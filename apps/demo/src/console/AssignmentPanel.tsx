import { isRapportError, type Staff } from '@rapport/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AssignmentHistory } from './AssignmentHistory.js';
import { callConsole } from './callConsole.js';
import { formatWhen } from './loyaltyFormat.js';
import { MemberPicker } from './MemberPicker.js';
import { availabilityText, byText, methodText } from './ownerFormat.js';
import { ReassignForm } from './ReassignForm.js';

type Customers = Array<{ externalId: string; name: string }>;

/** Assignments, per customer: their owner now, every assignment so far, and a manual reassignment. */
export function AssignmentPanel({ customers, staff }: { customers: Customers; staff: Staff[] | undefined }) {
  const [externalId, setExternalId] = useState(customers[0]?.externalId ?? '');
  const contact = useQuery({
    queryKey: ['contactOwner', externalId],
    queryFn: () => callConsole('owners', 'getContactOwner', externalId),
    enabled: externalId !== '',
    retry: (failures, error) => !isRapportError(error, 'not_found') && failures < 1,
  });
  const unknown = isRapportError(contact.error, 'not_found');
  const owner = contact.data?.owner;
  const ownerStaff = staff?.find((s) => s.id === owner?.staffId);
  const name = customers.find((c) => c.externalId === externalId)?.name;
  return (
    <div className="demo-section-part">
      <h3 id="assignments-title">Assignments</h3>
      <MemberPicker customers={customers} externalId={externalId} onPick={setExternalId} legend="Contact" submitLabel="Show owner" />
      {externalId && (
        <div className="demo-member" aria-busy={contact.isFetching}>
          <h4>{name ? `${name} · ${externalId}` : externalId}</h4>
          {unknown && <p>No contact with this id yet: assigning an owner creates it.</p>}
          {contact.error && !unknown && <p role="alert">Could not load the owner: {contact.error.message}</p>}
          {contact.data && (
            <p className="demo-owner-now">
              {owner ? (
                <>
                  Owner: <strong>{owner.displayName}</strong> · {availabilityText(owner.availability, ownerStaff?.timeZone ?? 'UTC')} · since{' '}
                  {formatWhen(owner.assignedAt)} · {methodText(owner.method)} by {byText(owner.by, staff)}
                </>
              ) : (
                'No owner yet.'
              )}
            </p>
          )}
          {contact.data && <AssignmentHistory contact={contact.data} staff={staff} />}
          {staff && (
            // Keyed by customer, so one customer's answer never shows under another's name.
            <ReassignForm key={externalId} externalId={externalId} current={contact.data ?? null} staff={staff} />
          )}
        </div>
      )}
    </div>
  );
}
