import type { FeedbackResponse, Survey } from '@rapport/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { callConsole } from './callConsole.js';
import type { ConsoleArgs } from './consoleOperations.js';
import { ResponseRow } from './ResponseRow.js';
import { useStaff } from './useStaff.js';

/** Filters of the feedback inbox: those of `feedback.listResponses`. */
type ResponseFilters = Omit<ConsoleArgs<'feedback', 'listResponses'>[0], 'limit' | 'cursor' | 'contactRequested'> & {
  contactRequested?: 'true' | 'false';
};

/** The feedback inbox: every response, newest first, with filters; reply and set status per response. */
export function FeedbackInbox({ surveys }: { surveys: Survey[] }) {
  const [filters, setFilters] = useState<ResponseFilters>({});
  const queryClient = useQueryClient();
  const staff = useStaff();
  const responses = useQuery({ queryKey: ['responses', filters], queryFn: () => callConsole('feedback', 'listResponses', { ...filters, limit: 50 }).then((page) => page.items) });
  const question = (r: FeedbackResponse) => surveys.find((s) => s.id === r.surveyId)?.question ?? r.surveyId;
  const set = (key: keyof ResponseFilters) => (event: { target: { value: string } }) =>
    setFilters((f) => ({ ...f, [key]: event.target.value || undefined }));
  return (
    <section aria-labelledby="inbox-title" className="demo-section">
      <h2 id="inbox-title">Feedback inbox</h2>
      <div className="demo-filters" role="group" aria-label="Filters">
        <label>
          Survey
          <select value={filters.surveyId ?? ''} onChange={set('surveyId')}>
            <option value="">All surveys</option>
            {surveys.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={filters.status ?? ''} onChange={set('status')}>
            <option value="">Any status</option>
            <option value="new">New</option>
            <option value="acknowledged">Acknowledged</option>
            <option value="resolved">Resolved</option>
          </select>
        </label>
        <label>
          Score
          <select value={filters.band ?? ''} onChange={set('band')}>
            <option value="">Any score</option>
            <option value="negative">Detractors / negative</option>
            <option value="neutral">Passives / neutral</option>
            <option value="positive">Promoters / positive</option>
          </select>
        </label>
        <label>
          Contact requested
          <select value={filters.contactRequested ?? ''} onChange={set('contactRequested')}>
            <option value="">Either</option>
            <option value="true">Asked to be contacted</option>
          </select>
        </label>
      </div>
      {responses.error && <p role="alert">Could not load responses: {responses.error.message}</p>}
      {responses.data && responses.data.length === 0 && <p>No responses match these filters.</p>}
      <ul className="demo-inbox" aria-busy={responses.isFetching}>
        {responses.data?.map((response) => (
          <ResponseRow
            key={response.id}
            response={response}
            question={question(response)}
            staff={staff.data?.filter((s) => s.active) ?? []}
            onSaved={() => queryClient.invalidateQueries()}
          />
        ))}
      </ul>
    </section>
  );
}
