import { isRapportError } from '@rapport/core';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { AdjustForm } from './AdjustForm.js';
import { AwardForm } from './AwardForm.js';
import { callConsole } from './callConsole.js';
import { LedgerTable } from './LedgerTable.js';
import { LoyaltyMembers } from './LoyaltyMembers.js';
import { MemberPicker } from './MemberPicker.js';
import { MemberSummary } from './MemberSummary.js';
import { ReverseForm } from './ReverseForm.js';

type Customers = Array<{ externalId: string; name: string }>;

/**
 * Loyalty: the members (filter, pages), and per member their card and ledger and the writes the business's server would
 * make. Any customer can be looked up by external id too: a customer who is not a member yet becomes one by an award.
 */
export function LoyaltySection({ customers }: { customers: Customers }) {
  const [externalId, setExternalId] = useState(customers[0]?.externalId ?? '');
  const heading = useRef<HTMLHeadingElement>(null);
  const program = useQuery({ queryKey: ['loyaltyProgram'], queryFn: () => callConsole('loyalty', 'getProgram') });
  const member = useQuery({
    queryKey: ['loyaltyMember', externalId],
    queryFn: () => callConsole('loyalty', 'getMember', externalId),
    enabled: externalId !== '',
    retry: (failures, error) => !isRapportError(error, 'not_found') && failures < 1,
  });
  const name = customers.find((c) => c.externalId === externalId)?.name;
  const notMember = isRapportError(member.error, 'not_found');
  return (
    <section aria-labelledby="loyalty-title" className="demo-section">
      <h2 id="loyalty-title">Loyalty</h2>
      {program.error && <p role="alert">Could not load the loyalty program: {program.error.message}</p>}
      {program.data && (
        <LoyaltyMembers
          openId={externalId}
          pointsName={program.data.pointsName}
          onOpen={(id) => {
            // The member view shows them first, then takes the focus, so a keyboard user lands on what they opened.
            flushSync(() => setExternalId(id));
            heading.current?.focus();
          }}
        />
      )}
      <MemberPicker customers={customers} externalId={externalId} onPick={setExternalId} legend="Look up a customer" />
      {externalId && (
        <div className="demo-member" aria-busy={member.isFetching}>
          <h3 ref={heading} tabIndex={-1}>
            {name ? `${name} · ${externalId}` : externalId}
          </h3>
          {notMember && <p>Not a member yet: awarding points for an order makes them one.</p>}
          {member.error && !notMember && <p role="alert">Could not load the member: {member.error.message}</p>}
          {member.data && <MemberSummary member={member.data} />}
          {program.data && (
            // Keyed by member, so one member's answers never show under another's name.
            <div className="demo-loyalty-forms" key={externalId}>
              <AwardForm externalId={externalId} program={program.data} />
              <ReverseForm pointsName={program.data.pointsName} />
              <AdjustForm externalId={externalId} pointsName={program.data.pointsName} />
            </div>
          )}
          {member.data && (
            <>
              <h4>Ledger</h4>
              <LedgerTable entries={member.data.ledger} externalId={externalId} readAt={member.dataUpdatedAt} />
            </>
          )}
        </div>
      )}
    </section>
  );
}
