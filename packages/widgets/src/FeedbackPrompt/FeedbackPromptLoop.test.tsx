import {
  createMemoryStorage,
  createRapportClient,
  type FeedbackResponse,
  type Survey,
  type SurveyCreate,
} from '@rapport/core';
import { signVisitorToken } from '@rapport/server';
import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer, startInProcessServer, type StartedServer, renderWithRapport } from '@rapport/testing';
import { FeedbackPrompt } from './FeedbackPrompt.js';

// Each prompt waits for the bootstrap, a display the server accepts, and the panel's lazy chunk: generous
// waits keep these tests steady on a loaded machine (they still fail when the prompt never appears).
configure({ asyncUtilTimeout: 5_000 });

let server: TestServer;
let inProcess: StartedServer;
beforeAll(async () => {
  inProcess = await startInProcessServer();
  server = createTestServer(inProcess);
}, 60_000);
afterAll(() => server.close());

const admin = <T,>(path: string, init?: { method?: string; body?: unknown }) => inProcess.admin<T>(path, init);

const createSurvey = (overrides: Partial<SurveyCreate> & Pick<SurveyCreate, 'kind'>) =>
  admin<Survey>('/surveys', {
    method: 'POST',
    body: {
      name: 'Widget loop test',
      question: `Was it good (${Math.random().toString(36).slice(2, 8)})?`,
      status: 'active',
      placement: 'inline',
      triggers: [{ type: 'pageview' }],
      followUps: {},
      thankYou: 'Thank you for your feedback!',
      ...overrides,
    },
  });

const responsesOf = async (surveyId: string) =>
  (await admin<{ items: FeedbackResponse[] }>(`/feedback/responses?surveyId=${surveyId}`)).items;

const eventsOf = async (surveyId: string) =>
  (
    await inProcess.store.query<{ type: string; source: string }>(
      'SELECT type, source FROM feedback_events WHERE survey_id = $1 ORDER BY occurred_at, type',
      [surveyId],
    )
  ).rows;

type User = ReturnType<typeof userEvent.setup>;

/** Thumbs up and Send, keyboard only, from the prompt's close button onwards. */
async function answerYes(user: User) {
  await user.tab();
  await user.tab();
  expect(screen.getByRole('radio', { name: 'Yes' })).toHaveFocus();
  await user.keyboard(' ');
  await user.tab();
  expect(screen.getByRole('button', { name: 'Send' })).toHaveFocus();
  await user.keyboard('{Enter}');
}

describe('<FeedbackPrompt /> offline, close the loop, popover and tab', () => {
  it('keeps an answer given offline, says so, and delivers it once the connection is back', async () => {
    const user = userEvent.setup();
    let offline = true;
    const client = server.createClient({
      beforeRequest: ({ path }) => {
        if (offline && path === '/v1/visitor/feedback/responses') throw new TypeError('Failed to fetch');
      },
    });
    const survey = await createSurvey({ kind: 'thumbs' });
    renderWithRapport(client, <FeedbackPrompt surveyId={survey.id} />);
    await screen.findByRole('radio', { name: 'Yes' });
    await answerYes(user);
    const status = screen.getByRole('status');
    await waitFor(() => expect(status).toHaveTextContent('Saved — we’ll send it when you’re back online'));
    expect(status).toHaveTextContent('We heard: Yes');
    expect(await responsesOf(survey.id)).toEqual([]);

    offline = false;
    window.dispatchEvent(new Event('online'));
    await waitFor(() => expect(status).toHaveTextContent('Thank you for your feedback!'));
    expect(await responsesOf(survey.id)).toMatchObject([{ score: 1 }]);
  });

  it('delivers an answer kept offline exactly once after a reload', async () => {
    const user = userEvent.setup();
    const storage = createMemoryStorage();
    const clientOn = (fetch: typeof globalThis.fetch) =>
      createRapportClient({
        baseUrl: 'http://rapport.test',
        publishableKey: server.publishableKey,
        storage,
        fetch,
        retry: { retries: 0 },
      });
    const survey = await createSurvey({ kind: 'thumbs' });
    const offline = clientOn(async (input, init) => {
      if (String(input).endsWith('/feedback/responses')) throw new TypeError('Failed to fetch');
      return inProcess.app.request(input, init);
    });
    const first = renderWithRapport(offline, <FeedbackPrompt surveyId={survey.id} />);
    await screen.findByRole('radio', { name: 'Yes' });
    await answerYes(user);
    await screen.findByText('Saved — we’ll send it when you’re back online');
    offline.destroy();
    first.unmount();

    // "Reload": a new client over the same storage, now online, delivers what waited.
    const online = clientOn((input, init) => Promise.resolve(inProcess.app.request(input, init)));
    renderWithRapport(online, <FeedbackPrompt surveyId={survey.id} />);
    await waitFor(async () => expect(await responsesOf(survey.id)).toHaveLength(1));
    await online.feedback.flush();
    expect(await responsesOf(survey.id)).toHaveLength(1);
    online.destroy();
  });

  it('shows the business’s reply once, before the survey, and records "Got it"', async () => {
    const user = userEvent.setup();
    const token = await signVisitorToken({ secret: server.identitySecret, externalId: `loop-${Date.now()}` });
    const known = () => server.createClient({ getVisitorToken: () => token });
    const survey = await createSurvey({ kind: 'nps' });
    const answering = known();
    const { surveys } = (await answering.visitor.bootstrap()).widgets.feedback!;
    const answer = { surveyId: survey.id, score: 4, text: 'The checkout was slow' };
    await answering.feedback.submit(answer, { survey: surveys.find((s) => s.id === survey.id)! });
    const [response] = await responsesOf(survey.id);
    const replied = await admin<FeedbackResponse>(`/feedback/responses/${response!.id}`, {
      method: 'PATCH',
      body: { reply: 'We made checkout twice as fast.', status: 'resolved' },
    });

    const page = renderWithRapport(
      known(),
      <>
        <FeedbackPrompt surveyId={survey.id} defaultOpen locale="en-GB" />
        <FeedbackPrompt placement="popover" />
      </>,
    );
    const reply = await screen.findByText(
      'You told us 4 out of 10 — “The checkout was slow” — We made checkout twice as fast.',
    );
    // Two prompts on the page, one reply: it shows in one of them only.
    expect(screen.getAllByText(/You told us/)).toHaveLength(1);
    const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' }).format(new Date(replied.repliedAt!));
    expect(screen.getByText(`Replied on ${date}`)).toHaveAttribute('datetime', replied.repliedAt);
    expect(reply.closest('[data-slot="feedback-prompt-reply"]')).toHaveAttribute('data-state', 'replied');

    await user.tab();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Got it' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('group', { name: survey.question })).toBeInTheDocument();
    expect(screen.queryByText(/You told us/)).toBeNull();
    await waitFor(async () => expect((await responsesOf(survey.id))[0]?.replyAcknowledgedAt).not.toBeNull());
    page.unmount();

    // Next visit: the survey, no reply.
    renderWithRapport(known(), <FeedbackPrompt surveyId={survey.id} defaultOpen />);
    expect(await screen.findByRole('group', { name: survey.question })).toBeInTheDocument();
    expect(screen.queryByText(/You told us/)).toBeNull();
  });

  it('opens as a non-modal popover taking focus; Escape closes it, records a dismissal, gives focus back', async () => {
    const user = userEvent.setup();
    const survey = await createSurvey({ kind: 'csat', placement: 'popover' });
    renderWithRapport(
      server.createClient(),
      <>
        <button type="button">Reading the page</button>
        <FeedbackPrompt surveyId={survey.id} />
      </>,
    );
    const before = screen.getByRole('button', { name: 'Reading the page' });
    before.focus();
    const dialog = await screen.findByRole('dialog', { name: survey.question });
    expect(dialog).not.toHaveAttribute('aria-modal');
    expect(dialog).toHaveAttribute('data-placement', 'popover');
    await waitFor(() => expect(dialog).toHaveFocus());
    await user.tab();
    await user.tab();
    expect(screen.getByRole('radio', { name: '1 — Very dissatisfied' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(before).toHaveFocus();
    await waitFor(async () =>
      expect(await eventsOf(survey.id)).toEqual([
        { type: 'display', source: 'trigger' },
        { type: 'dismiss', source: 'trigger' },
      ]),
    );
  });

  it('opens from the feedback tab on demand and gives focus back to the tab on close', async () => {
    const user = userEvent.setup();
    const survey = await createSurvey({ kind: 'thumbs', placement: 'tab', triggers: [] });
    renderWithRapport(server.createClient(), <FeedbackPrompt surveyId={survey.id} />);
    const tab = await screen.findByRole('button', { name: 'Feedback' });
    expect(tab).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.tab();
    expect(tab).toHaveFocus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: survey.question });
    expect(tab).toHaveAttribute('aria-expanded', 'true');
    expect(tab).toHaveAttribute('aria-controls', dialog.id);
    await waitFor(() => expect(dialog).toHaveFocus());
    await answerYes(user);
    await screen.findByText('Thank you for your feedback!');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(tab).toHaveFocus();
    expect(await responsesOf(survey.id)).toMatchObject([{ score: 1 }]);
    // Shown from the tab; closing the thank-you is no dismissal.
    expect(await eventsOf(survey.id)).toEqual([{ type: 'display', source: 'tab' }]);
  });
});
