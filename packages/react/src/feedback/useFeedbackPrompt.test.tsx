import type { RapportClient, SurveyKind } from '@rapport/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createFeedbackTestServer,
  type FeedbackTestServer,
  rapportWrapper,
  startInProcessServer,
} from '@rapport/testing';
import type { FeedbackPromptOptions } from './types.js';
import { useFeedback } from './useFeedback.js';
import { useFeedbackPrompt } from './useFeedbackPrompt.js';
import { useLoopReplies } from './useLoopReplies.js';

let server: FeedbackTestServer;
beforeAll(async () => {
  server = createFeedbackTestServer(await startInProcessServer());
});
afterAll(() => server.close());

const followUps = { negative: 'What went wrong?', positive: 'What did you like most?' };

async function renderPrompt(client: RapportClient, options: FeedbackPromptOptions) {
  const view = renderHook(() => useFeedbackPrompt(options), { wrapper: rapportWrapper(client) });
  await waitFor(() => expect(view.result.current.status).toBe('ready'));
  return view;
}

const events = (surveyId: string, type: 'display' | 'dismiss') =>
  server.requests.filter((r) => r.path === '/v1/visitor/feedback/events' && r.body?.surveyId === surveyId && r.body.type === type);

describe('useFeedbackPrompt, each kind end to end', () => {
  const kinds: Array<{ kind: SurveyKind; score: number | null; text: string | null; band: string | null; followUp: boolean }> = [
    { kind: 'nps', score: 3, text: 'Checkout was slow', band: 'negative', followUp: true },
    { kind: 'csat', score: 4, text: 'Quick delivery', band: 'positive', followUp: true },
    { kind: 'ces', score: 4, text: null, band: 'neutral', followUp: false },
    { kind: 'thumbs', score: 0, text: 'No size guide', band: 'negative', followUp: true },
    { kind: 'text', score: null, text: 'Please add gift wrapping', band: null, followUp: false },
  ];

  it.each(kinds)('$kind: opens from the tab, asks the follow-up of the band, and the server stores it once', async (c) => {
    const survey = await server.createSurvey({ kind: c.kind, followUps, allowContactRequest: true, textMaxLength: 200 });
    const client = server.client();
    const { result } = await renderPrompt(client, { surveyId: survey.id, triggers: false });
    expect(result.current).toMatchObject({ open: false, step: 'rating', survey: { id: survey.id, kind: c.kind } });

    await act(async () => expect(await result.current.openFrom('tab')).toBe(true));
    expect(result.current).toMatchObject({ open: true, openedFrom: 'tab' });
    await waitFor(() => expect(events(survey.id, 'display').map((r) => r.status)).toEqual([200]));

    if (c.score !== null) act(() => result.current.setScore(c.score!));
    expect(result.current.band).toBe(c.band);
    const contact = c.band === 'negative' && c.kind === 'nps';
    if (c.followUp) {
      act(() => result.current.next());
      expect(result.current).toMatchObject({ step: 'followUp', followUpQuestion: followUps[c.band as 'negative' | 'positive'] });
      expect(result.current.canRequestContact).toBe(c.band === 'negative');
      if (contact) act(() => result.current.setContactRequested(true));
      act(() => result.current.setText(`  ${c.text}  `));
      await act(() => result.current.submit());
    } else {
      if (c.text) act(() => result.current.setText(c.text!));
      await act(async () => result.current.next()); // nothing more to ask: next() sends
    }

    await waitFor(() => expect(result.current.step).toBe('thanks'));
    const sent = { score: c.score, band: c.band, text: c.text, contactRequested: contact };
    expect(result.current.sent).toEqual(sent);
    expect(result.current.pendingCount).toBe(0);
    const stored = await server.responses(survey.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ ...sent, kind: c.kind, pageUrl: '/' });

    act(() => result.current.dismiss()); // closing the thank-you is no dismissal
    expect(result.current.open).toBe(false);
    expect(events(survey.id, 'dismiss')).toHaveLength(0);
  });

  it('refuses an answer the survey does not take, before sending it', async () => {
    const survey = await server.createSurvey({ kind: 'csat', textMaxLength: 5 });
    const client = server.client();
    const { result } = await renderPrompt(client, { surveyId: survey.id, triggers: false });
    await act(() => result.current.openFrom('tab'));
    act(() => result.current.setScore(4));
    act(() => result.current.setText('far too long for five'));
    expect(result.current.canSubmit).toBe(false);
    await act(() => result.current.submit());
    expect(result.current).toMatchObject({ step: 'error', error: { code: 'validation', issues: [{ path: ['text'] }] } });
    expect(server.requests.filter((r) => r.body?.surveyId === survey.id && r.path.endsWith('/responses'))).toEqual([]);
    act(() => result.current.back());
    act(() => result.current.setText('ok'));
    await act(() => result.current.submit());
    expect(result.current.step).toBe('thanks');
  });

  it('shows the error when the survey closed meanwhile, and keeps nothing', async () => {
    const survey = await server.createSurvey({ kind: 'nps' });
    const client = server.client();
    const { result } = await renderPrompt(client, { surveyId: survey.id, triggers: false });
    await act(() => result.current.openFrom('tab'));
    act(() => result.current.setScore(9));
    await server.updateSurvey(survey.id, { status: 'closed' });
    await act(() => result.current.submit());
    expect(result.current).toMatchObject({ step: 'error', error: { code: 'survey_closed', status: 409 } });
    expect(result.current.pendingCount).toBe(0);
    expect(await server.responses(survey.id)).toEqual([]);
  });
});

describe('useFeedbackPrompt, opening', () => {
  it('opens on a custom event once the server accepts the display; a refused display stays closed', async () => {
    const survey = await server.createSurvey({ kind: 'nps', placement: 'popover', triggers: [{ type: 'event', name: 'order_placed' }] });
    const client = server.client();
    const recordEvent = vi.spyOn(client.feedback, 'recordEvent');
    const { result } = await renderPrompt(client, { surveyId: survey.id });

    act(() => client.track('order_placed'));
    await waitFor(() => expect(result.current.open).toBe(true));
    expect(result.current.openedFrom).toBe('trigger');
    expect(events(survey.id, 'display').map((r) => r.body?.source)).toEqual(['trigger']);

    act(() => result.current.dismiss());
    expect(result.current.open).toBe(false);
    await waitFor(() => expect(events(survey.id, 'dismiss').map((r) => [r.body?.source, r.status])).toEqual([['trigger', 200]]));

    // A trigger fires a survey once per page: another event on this page asks nothing.
    recordEvent.mockClear();
    act(() => client.track('order_placed'));
    await act(() => client.feedback.flush());
    expect(recordEvent).not.toHaveBeenCalled();

    // On the next page (single-page navigation) the bootstrap still says eligible, but the dismissal started the
    // survey's cooldown: the server refuses and the prompt stays closed.
    act(() => client.pageview());
    act(() => client.track('order_placed'));
    await waitFor(() => expect(recordEvent).toHaveBeenCalledTimes(1));
    await act(async () => {
      await expect(recordEvent.mock.results[0]?.value).resolves.toEqual({ accepted: false, reason: 'cooldown' });
    });
    expect(result.current.open).toBe(false);
  });

  it('opens on client.feedback.show(), even when called before the prompt mounted', async () => {
    const survey = await server.createSurvey({ kind: 'thumbs', placement: 'popover' });
    const client = server.client();
    client.feedback.show(survey.id);
    const { result } = await renderPrompt(client, { surveyId: survey.id });
    await waitFor(() => expect(result.current.open).toBe(true));
    expect(result.current.openedFrom).toBe('code');
    expect(events(survey.id, 'display').map((r) => r.body?.source)).toEqual(['code']);
  });

  it('opens on a page view where the URL rules allow it, and not elsewhere', async () => {
    const here = await server.createSurvey({ kind: 'csat', triggers: [{ type: 'pageview' }], urlRules: [{ match: 'exact', value: '/' }] });
    const elsewhere = await server.createSurvey({
      kind: 'csat',
      triggers: [{ type: 'pageview' }],
      urlRules: [{ match: 'startsWith', value: '/checkout' }],
    });
    const client = server.client();
    const other = await renderPrompt(client, { surveyId: elsewhere.id });
    const { result } = await renderPrompt(client, { surveyId: here.id });
    await waitFor(() => expect(result.current.open).toBe(true));
    expect(other.result.current.open).toBe(false);
    expect(events(elsewhere.id, 'display')).toEqual([]);
  });

  it('leaves surveys the visitor is not eligible for to the tab', async () => {
    const survey = await server.createSurvey({ kind: 'nps', samplePercent: 0, triggers: [{ type: 'event', name: 'sampled_out' }] });
    const client = server.client();
    const { result } = await renderPrompt(client, { surveyId: survey.id });
    expect(result.current.survey?.eligible).toBe(false);
    act(() => client.track('sampled_out'));
    act(() => client.feedback.show(survey.id));
    await act(async () => expect(await result.current.openFrom('code')).toBe(false)); // the server says not_sampled
    expect(result.current.open).toBe(false);
    expect(events(survey.id, 'display').map((r) => r.body?.source)).toEqual(['code']);
    await act(async () => expect(await result.current.openFrom('tab')).toBe(true));
    expect(result.current).toMatchObject({ open: true, openedFrom: 'tab' });
  });

  it('records a dismissal with the source that opened the prompt', async () => {
    const survey = await server.createSurvey({ kind: 'ces' });
    const client = server.client();
    const { result } = await renderPrompt(client, { surveyId: survey.id, triggers: false });
    await act(() => result.current.openFrom('tab'));
    act(() => result.current.setScore(2));
    act(() => result.current.dismiss());
    expect(result.current.open).toBe(false);
    await waitFor(() => expect(events(survey.id, 'dismiss').map((r) => [r.body?.source, r.status])).toEqual([['tab', 200]]));
  });

  it('is controlled by open/onOpenChange', async () => {
    const survey = await server.createSurvey({ kind: 'nps' });
    const client = server.client();
    const onOpenChange = vi.fn();
    const { result } = await renderPrompt(client, { surveyId: survey.id, triggers: false, open: false, onOpenChange });
    await act(() => result.current.openFrom('tab'));
    expect(onOpenChange).toHaveBeenCalledWith(true);
    expect(result.current.open).toBe(false);
  });
});

describe('feedback hooks together', () => {
  it('make no request of their own to render: the bootstrap serves them all', async () => {
    const client = server.client();
    const before = server.requests.length;
    const { result } = renderHook(
      () => ({ feedback: useFeedback(), prompt: useFeedbackPrompt({ triggers: false }), loop: useLoopReplies() }),
      { wrapper: rapportWrapper(client) },
    );
    await waitFor(() => expect(result.current.feedback.status).toBe('ready'));
    expect(result.current.feedback.enabled).toBe(true);
    expect(result.current.feedback.surveys.length).toBeGreaterThan(0);
    expect(result.current.prompt.survey?.id).toBe(result.current.feedback.surveys[0]?.id);
    await act(() => client.feedback.flush());
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(['/v1/visitor/bootstrap']);
  });

  it('names the hook when used outside a provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderHook(() => useFeedbackPrompt())).toThrow('useFeedbackPrompt must be used within <RapportProvider>');
    expect(() => renderHook(() => useFeedback())).toThrow('useFeedback must be used within <RapportProvider>');
    expect(() => renderHook(() => useLoopReplies())).toThrow('useLoopReplies must be used within <RapportProvider>');
    vi.restoreAllMocks();
  });
});
