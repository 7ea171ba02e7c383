import { useState } from 'react';
import { signIn, type DemoConfig } from './demoApi.js';

/**
 * Lets a person trying the demo be an anonymous visitor or one of the seeded customers. Signing in goes
 * through the demo's own server (a session cookie), exactly as a host app's login would; the page then reloads
 * so the Rapport client starts with the new identity.
 */
export function VisitorSwitcher({ config }: { config: DemoConfig }) {
  const [busy, setBusy] = useState(false);
  return (
    <label className="demo-switcher">
      Visit as
      <select
        value={config.signedInAs ?? ''}
        disabled={busy}
        onChange={async (event) => {
          setBusy(true);
          await signIn(event.target.value === '' ? null : event.target.value);
          window.location.reload();
        }}
      >
        <option value="">Anonymous visitor</option>
        {config.customers.map((customer) => (
          <option key={customer.externalId} value={customer.externalId}>
            {customer.name}
          </option>
        ))}
      </select>
    </label>
  );
}
