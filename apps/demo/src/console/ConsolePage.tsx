import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, usePath } from '../router.js';
import { callConsole } from './callConsole.js';
import { ConsentHistory } from './ConsentHistory.js';
import { OptInRates } from './OptInRates.js';
import { OwnersSection } from './OwnersSection.js';
import { FeedbackInbox } from './FeedbackInbox.js';
import { LoyaltySection } from './LoyaltySection.js';
import { MailerFeed } from './MailerFeed.js';
import { SurveyResultsSection } from './SurveyResultsSection.js';

/** Customers the console can look up. */
type Customers = Array<{ externalId: string; name: string }>;

/**
 * The owner console, with its own query cache (the console is the business's app, not a Rapport widget): the
 * overview at /console, the mailer's webhooks at /console/mailer.
 */
export function ConsolePage({ customers }: { customers: Customers }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1 } } }));
  const path = usePath();
  return (
    <QueryClientProvider client={queryClient}>
      <nav aria-label="Console" className="demo-nav demo-console-nav">
        <Link href="/console">Overview</Link>
        <Link href="/console/mailer">Mailer</Link>
      </nav>
      {path === '/console/mailer' ? <MailerFeed /> : <Console customers={customers} />}
    </QueryClientProvider>
  );
}

/** The surveys whose trend the console shows first, in this order: how customers feel about the business and about delivery. */
const TREND_KINDS = ['nps', 'csat'] as const;

/** How customers feel (NPS and CSAT trends, response rates), the inbox to answer them, consent, loyalty, and contact owners. */
function Console({ customers }: { customers: Customers }) {
  const surveys = useQuery({ queryKey: ['surveys'], queryFn: () => callConsole('feedback', 'listSurveys').then((page) => page.items) });
  const trended = TREND_KINDS.flatMap((kind) => surveys.data?.find((s) => s.kind === kind && s.status !== 'draft') ?? []);
  return (
    <>
      <h1>Owner console</h1>
      {surveys.error && <p role="alert">Could not load surveys: {surveys.error.message}</p>}
      <div className="demo-results">
        {trended.map((survey) => (
          <SurveyResultsSection key={survey.id} survey={survey} />
        ))}
      </div>
      {surveys.data && <FeedbackInbox surveys={surveys.data} />}
      <OptInRates />
      <ConsentHistory customers={customers} />
      <LoyaltySection customers={customers} />
      <OwnersSection customers={customers} />
    </>
  );
}
