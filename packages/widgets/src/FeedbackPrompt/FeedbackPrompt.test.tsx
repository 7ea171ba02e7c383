import type { FeedbackResponse, Survey, SurveyCreate } from '@rapport/core';
import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

const FOLLOW_UPS = {
  negative: 'What can we do to make this right?',
  neutral: 'What would make it better?',
  positive: 'What do you like most?',
};

/** An active inline survey asked on page view; distinct question per test so queries stay unambiguous. */
const createSurvey = (overrides: Partial<SurveyCreate> & Pick<SurveyCreate, 'kind'>) =>
  admin<Survey>('/surveys', {
    method: 'POST',
    body: {
      name: `Widget test ${overrides.kind}`,
      question: `How was it (${overrides.kind}, ${Math.random().toString(36).slice(2, 8)})?`,
      status: 'active',
      placement: 'inline',
      triggers: [{ type: 'pageview' }],
      followUps: FOLLOW_UPS,
      thankYou: 'Thank you for your feedback!',
      ...overrides,
    },
  });

const responsesOf = async (surveyId: string) =>
  (await admin<{ items: FeedbackResponse[] }>(`/feedback/responses?surveyId=${surveyId}`)).items;

type User = ReturnType<typeof userEvent.setup>;

/** Tabs past the close button to the first control of the prompt. */
async function tabIntoPrompt(user: User) {
  await screen.findByRole('button', { name: 'Close feedback' });
  await user.tab();
  expect(screen.getByRole('button', { name: 'Close feedback' })).toHaveFocus();
  await user.tab();
}

async function press(user: User, name: string) {
  await user.tab();
  expect(screen.getByRole('button', { name })).toHaveFocus();
  await user.keyboard('{Enter}');
}

interface KindCase {
  kind: SurveyCreate['kind'];
  first: string;
  keys: string;
  score: number | null;
  why: string | null;
  echo: string;
  followUps?: SurveyCreate['followUps'];
}

const KINDS: KindCase[] = [
  {
    kind: 'nps',
    first: '0 — Not at all likely',
    keys: '{ArrowRight>9/}',
    score: 9,
    why: 'Fast delivery',
    echo: 'We heard: 9 out of 10 — “Fast delivery”',
  },
  {
    kind: 'csat',
    first: '1 — Very dissatisfied',
    keys: ' ',
    score: 1,
    why: 'It came late',
    echo: 'We heard: 1 out of 5 — “It came late”',
  },
  {
    kind: 'ces',
    first: '1 — Very difficult',
    keys: '{ArrowRight>6/}',
    score: 7,
    why: null,
    echo: 'We heard: 7 out of 7',
    followUps: {},
  },
  { kind: 'thumbs', first: 'Yes', keys: '{ArrowRight}', score: 0, why: 'Sizes', echo: 'We heard: No — “Sizes”' },
  {
    kind: 'text',
    first: '',
    keys: 'More colours, please',
    score: null,
    why: null,
    echo: 'We heard: “More colours, please”',
  },
];

describe('<FeedbackPrompt /> against the real server', () => {
  it.each(KINDS)('completes a $kind survey keyboard-only and stores the answer', async (c) => {
    const user = userEvent.setup();
    const survey = await createSurvey({ kind: c.kind, ...(c.followUps ? { followUps: c.followUps } : {}) });
    renderWithRapport(server.createClient(), <FeedbackPrompt surveyId={survey.id} />);
    await tabIntoPrompt(user);
    if (c.kind === 'text') {
      expect(screen.getByRole('textbox', { name: survey.question })).toHaveFocus();
    } else {
      expect(screen.getByRole('group', { name: survey.question })).toBeInTheDocument();
      expect(screen.getByRole('radio', { name: c.first })).toHaveFocus();
    }
    await user.keyboard(c.keys);
    if (c.why !== null) {
      await press(user, 'Next');
      await waitFor(() => expect(screen.getByRole('textbox')).toHaveFocus());
      await user.keyboard(c.why);
    }
    await press(user, 'Send');
    const status = screen.getByRole('status');
    await waitFor(() => expect(status).toHaveTextContent('Thank you for your feedback!'));
    expect(status).toHaveTextContent(c.echo);
    expect(status.closest('[data-slot="feedback-prompt-root"]')).toHaveAttribute('data-state', 'thanks');

    const [stored, ...more] = await responsesOf(survey.id);
    expect(more).toEqual([]);
    expect(stored).toMatchObject({ kind: c.kind, score: c.score, text: c.why ?? (c.kind === 'text' ? c.keys : null) });
  });

  it('lets a detractor ask to be contacted, and stores the request', async () => {
    const user = userEvent.setup();
    const survey = await createSurvey({ kind: 'nps', allowContactRequest: true });
    renderWithRapport(server.createClient(), <FeedbackPrompt surveyId={survey.id} />);
    await tabIntoPrompt(user);
    await user.keyboard('{ArrowRight>2/}');
    await press(user, 'Next');
    const why = screen.getByRole('textbox', { name: 'What can we do to make this right?' });
    await waitFor(() => expect(why).toHaveFocus());
    expect(why).toHaveAttribute('maxLength', String(survey.textMaxLength));
    await user.keyboard('Broken grinder');
    expect(screen.getByText(`${survey.textMaxLength - 14} characters left`)).toBeInTheDocument();
    await user.tab();
    expect(screen.getByRole('checkbox', { name: 'I’d like someone to contact me about this' })).toHaveFocus();
    await user.keyboard(' ');
    await press(user, 'Send');
    await screen.findByText('Thank you for your feedback!');
    expect(await responsesOf(survey.id)).toMatchObject([
      { score: 2, band: 'negative', text: 'Broken grinder', contactRequested: true },
    ]);
  });

  it('asks again for a score when Send is pressed without one', async () => {
    const user = userEvent.setup();
    const survey = await createSurvey({ kind: 'csat', followUps: {} });
    renderWithRapport(server.createClient(), <FeedbackPrompt surveyId={survey.id} />);
    await tabIntoPrompt(user);
    await press(user, 'Send');
    const group = screen.getByRole('group', { name: survey.question });
    expect(group).toHaveAccessibleDescription('Choose a score first.');
    expect(screen.getByRole('radio', { name: '1 — Very dissatisfied' })).toHaveFocus();
    expect(await responsesOf(survey.id)).toEqual([]);
  });

  it('replaces every visitor-readable string through messages, and formats numbers for the locale', async () => {
    const user = userEvent.setup();
    const survey = await createSurvey({ kind: 'nps', question: 'Nous recommanderiez-vous ?', followUps: {} });
    const messages = {
      dismiss: 'Fermer',
      submit: 'Envoyer',
      npsLow: 'Pas du tout',
      npsHigh: 'Très probable',
      scoreOutOf: (score: string, max: string) => `${score} sur ${max}`,
      heard: (said: string) => `Nous avons noté : ${said}`,
    };
    const prompt = <FeedbackPrompt surveyId={survey.id} locale="ar-EG" messages={messages} />;
    renderWithRapport(server.createClient(), prompt);
    await screen.findByRole('button', { name: 'Fermer' });
    expect(screen.getByRole('radio', { name: '٠ — Pas du tout' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: '١٠ — Très probable' })).toBeInTheDocument();
    await user.tab();
    await user.tab();
    await user.keyboard(' ');
    await press(user, 'Envoyer');
    expect(await screen.findByText('Nous avons noté : ٠ sur ١٠')).toBeInTheDocument();
  });

  it('renders business-supplied strings as text, never as markup', async () => {
    const survey = await createSurvey({ kind: 'thumbs', question: '<img src=x onerror="alert(1)">Helpful?' });
    const { container } = renderWithRapport(server.createClient(), <FeedbackPrompt surveyId={survey.id} />);
    expect(await screen.findByText('<img src=x onerror="alert(1)">Helpful?')).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
  });

  it('passes props, className and ref to the root, with stable classes and data attributes', async () => {
    const survey = await createSurvey({ kind: 'thumbs' });
    const ref = { current: null as HTMLDivElement | null };
    const prompt = <FeedbackPrompt surveyId={survey.id} ref={ref} className="mine" data-testid="fp" />;
    renderWithRapport(server.createClient(), prompt);
    await screen.findByRole('radio', { name: 'Yes' });
    const root = screen.getByTestId('fp');
    expect(root.className).toBe('rapport-feedback-prompt mine');
    expect(root).toHaveAttribute('data-slot', 'feedback-prompt-root');
    expect(root).toHaveAttribute('data-placement', 'inline');
    expect(ref.current).toBe(root);
    expect(screen.getByRole('radio', { name: 'Yes' }).closest('label')).toHaveAttribute('data-state', 'unchecked');
  });

  it('shows a skeleton while loading and an error with Retry when the survey cannot be loaded', async () => {
    const user = userEvent.setup();
    let failures = 1;
    const client = server.createClient({
      beforeRequest: () => {
        if (failures-- > 0) throw new TypeError('fetch failed');
      },
    });
    const { container } = renderWithRapport(client, <FeedbackPrompt placement="inline" />);
    const root = container.querySelector('[data-slot="feedback-prompt-root"]');
    expect(root).toHaveAttribute('data-state', 'loading');
    expect(root).toHaveAttribute('aria-busy', 'true');
    expect(await screen.findByText('We couldn’t reach the server. Check your connection.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    // The demo site's inline survey only asks on product pages: recovered, there is nothing to show here.
    await waitFor(() => expect(container.querySelector('[data-slot="feedback-prompt-root"]')).toBeNull());
  });

  it('warns in development when no survey matches, and renders nothing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { container } = renderWithRapport(server.createClient(), <FeedbackPrompt surveyId="svy_missing" />);
    const warning = expect.stringContaining('<FeedbackPrompt surveyId="svy_missing"> matches no active survey');
    await waitFor(() => expect(warn).toHaveBeenCalledWith(warning));
    expect(container).toBeEmptyDOMElement();
    warn.mockRestore();
  });
});
