import { useId, useState } from 'react';

/**
 * Picks the customer (loyalty member, owned contact) the console works on by external id, with the shop's known
 * customers as quick picks. It reaches customers who are not loyalty members yet (the Loyalty section's member list
 * shows only members).
 */
export function MemberPicker({
  customers,
  externalId,
  onPick,
  legend = 'Member',
  submitLabel = 'Show member',
}: {
  customers: Array<{ externalId: string; name: string }>;
  externalId: string;
  onPick(externalId: string): void;
  /** The group's name. Default: "Member". */
  legend?: string;
  /** The button that shows the typed id. Default: "Show member". */
  submitLabel?: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState(externalId);
  const pick = (next: string) => {
    setDraft(next);
    onPick(next);
  };
  return (
    <form
      className="demo-member-picker"
      aria-labelledby={`${id}-legend`}
      onSubmit={(event) => {
        event.preventDefault();
        if (draft.trim()) onPick(draft.trim());
      }}
    >
      <fieldset>
        <legend id={`${id}-legend`}>{legend}</legend>
        <div className="demo-quick-picks">
          {customers.map((c) => (
            <button key={c.externalId} type="button" className="demo-button" aria-pressed={c.externalId === externalId} onClick={() => pick(c.externalId)}>
              {c.name}
            </button>
          ))}
        </div>
        <label>
          External id
          <input
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            required
            maxLength={256}
            pattern="[!-~]+"
            title="The shop's user id: printable characters, no spaces"
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <button type="submit" className="demo-button">
          {submitLabel}
        </button>
      </fieldset>
    </form>
  );
}
