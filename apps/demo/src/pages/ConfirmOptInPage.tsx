import { useBootstrap } from '@rapport/react';
import { useEffect, useEffectEvent, useState } from 'react';
import { confirmOptIn, type ConfirmOutcome } from '../demoApi.js';
import { Link } from '../router.js';

const STATUS: Record<ConfirmOutcome | 'confirming', string> = {
  confirming: 'Confirming your subscription…',
  confirmed: 'Confirmed: your email subscription is on. You can switch it off at any time.',
  invalid: '',
  failed: '',
};

const ALERT: Partial<Record<ConfirmOutcome, string>> = {
  invalid:
    'This confirmation link is not valid: it was used already, it has expired (links last 7 days), or it was not copied whole. ' +
    'Nothing was changed. Switch the topic on again in your preferences to get a new link.',
  failed: 'We couldn’t confirm your subscription just now. Nothing was changed; please open the link again in a moment.',
};

/**
 * Where the link in a double opt-in email leads (`/preferences/confirm?token=…`): confirms the choice, then says
 * how it went — in a status message, or an alert when the link is not valid.
 */
export function ConfirmOptInPage() {
  const [token] = useState(() => new URLSearchParams(window.location.search).get('token') ?? '');
  const [outcome, setOutcome] = useState<ConfirmOutcome | 'confirming'>(token ? 'confirming' : 'invalid');
  const { refetch } = useBootstrap();
  // The header and the preferences center show the choice from the bootstrap answer: ask again once it is on.
  const confirmed = useEffectEvent((result: ConfirmOutcome) => {
    setOutcome(result);
    if (result === 'confirmed') refetch();
  });
  useEffect(() => {
    if (!token) return;
    let current = true;
    void confirmOptIn(token).then((result) => current && confirmed(result));
    return () => {
      current = false;
    };
  }, [token]);
  const alert = outcome === 'confirming' ? undefined : ALERT[outcome];
  return (
    <>
      <h1>Email subscription</h1>
      <p role="status">{STATUS[outcome]}</p>
      {alert && (
        <p role="alert" className="demo-alert">
          {alert}
        </p>
      )}
      <p>
        <Link href="/preferences">Your communication preferences</Link>
      </p>
    </>
  );
}
