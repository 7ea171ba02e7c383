import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { consoleApi } from './consoleApi.js';
import { ConsentHistory } from './ConsentHistory.js';
import { OptInRates } from './OptInRates.js';
import { OwnersSection } from './OwnersSection.js';
import { FeedbackInbox } from './FeedbackInbox.js';
import { LoyaltySection } from './LoyaltySection.js';
import { ScoreTrend } from './ScoreTrend.js';

const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });

/** Customers the console can look up. */
type Customers = Array<{ externalId: string; name: string }>;

/** The owner console, with its own query cache (the console is the business's app, not a Rapport widget). */
export function ConsolePage({ customers }: { customers: Customers }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1 } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <Console customers={customers} />
    </QueryClientProvider>
  );
}

/** How customers feel (NPS trend, response rate), the inbox to answer them, consent, loyalty, and contact owners. */
function Console({ customers }: { customers: Customers }) {
  const surveys = useQuery({ queryKey: ['surveys'], queryFn: consoleApi.surveys });
  const nps = surveys.data?.find((s) => s.kind === 'nps');
  const results = useQuery({
    queryKey: ['results', nps?.id],
    queryFn: () => consoleApi.results(nps!.id),
    enabled: nps !== undefined,
  });
  return (
    <>
      <h1>Owner console</h1>
      {surveys.error && <p role="alert">Could not load surveys: {surveys.error.message}</p>}
      {results.data && nps && (
        <section aria-labelledby="nps-title" className="demo-section">
          <h2 id="nps-title">{nps.name}</h2>
          <dl className="demo-figures">
            <div>
              <dt>NPS</dt>
              <dd>{results.data.nps ?? '—'}</dd>
            </div>
            <div>
              <dt>Responses</dt>
              <dd>{results.data.responses}</dd>
            </div>
            <div>
              <dt>Response rate</dt>
              <dd>{results.data.responseRate === null ? '—' : percent.format(results.data.responseRate)}</dd>
            </div>
          </dl>
          <ScoreTrend results={results.data} label="NPS" />
        </section>
      )}
      {surveys.data && <FeedbackInbox surveys={surveys.data} />}
      <OptInRates />
      <ConsentHistory customers={customers} />
      <LoyaltySection customers={customers} />
      <OwnersSection customers={customers} />
    </>
  );
}
