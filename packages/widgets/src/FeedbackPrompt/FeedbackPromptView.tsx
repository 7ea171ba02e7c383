import { BUTTON_PART, createParts, LOADING_TEXT_PART } from '../parts/createPart.js';

/**
 * States of the whole prompt, on `FeedbackPromptView.Root`'s `data-state`:
 * `loading` (the survey is on its way), `error` (it could not be loaded), `reply` (the business's answer to
 * an earlier response is shown), `question` (asking), `submitting`, `thanks` (answer delivered),
 * `queued` (answer kept offline, sent when back online), `failed` (the answer was refused; can be retried).
 */
export type FeedbackPromptState =
  | 'loading'
  | 'error'
  | 'reply'
  | 'question'
  | 'submitting'
  | 'thanks'
  | 'queued'
  | 'failed';

/** Where the prompt is drawn, on `Root`'s `data-placement` (set by `<FeedbackPrompt />`). */
export type FeedbackPromptPlacementState = 'inline' | 'popover' | 'tab';


/**
 * The parts of the feedback prompt, for building your own layout around the same data. Each forwards its
 * ref, spreads props, merges `className` after its `rapport-feedback-prompt…` class and sets `data-slot` /
 * `data-state`. `<FeedbackPrompt />` is these parts wired to `useFeedback()`, `useFeedbackPrompt()` and
 * `useLoopReplies()`.
 */
export const FeedbackPromptView = createParts('feedback-prompt', (part) => ({
  /**
   * The container. `<FeedbackPrompt />` gives it `role="dialog"` + `aria-labelledby` as a popover, and
   * `tabIndex={-1}` so focus can rest on it when the content changes. `state`: {@link FeedbackPromptState}.
   */
  Root: part<'div', FeedbackPromptState>('root', 'div'),
  /** The row holding the question and the close button. */
  Header: part<'div'>('header', 'div'),
  /** The survey's question (business text, rendered as text). Give it an `id` to label the dialog and scale. */
  Question: part<'p'>('question', 'p'),
  /**
   * Closes the prompt and records a dismissal. Icon-only: give it an accessible name (`aria-label`).
   * `type="button"` by default.
   */
  Dismiss: part<'button'>('dismiss', 'button', { defaults: { type: 'button' } }),
  /** The answer form. `noValidate`, so the prompt (not the browser) explains what is missing. */
  Form: part<'form'>('form', 'form', { defaults: { noValidate: true } }),
  /**
   * The score group: a native `<fieldset>` of radios (arrow keys move, Tab leaves the group). Label it with
   * `aria-labelledby` pointing at the question. `state`: the survey kind.
   */
  Scale: part<'fieldset', 'nps' | 'csat' | 'ces' | 'thumbs'>('scale', 'fieldset'),
  /** The row of options inside the scale. */
  Options: part<'div'>('options', 'div'),
  /** One option: a `<label>` around its radio and its visible text. `state`: `checked | unchecked`. */
  Option: part<'label', 'checked' | 'unchecked'>('option', 'label'),
  /** The option's native radio (`type="radio"` by default); visually it is the whole option. */
  Radio: part<'input'>('radio', 'input', { defaults: { type: 'radio' } }),
  /**
   * Captions under the ends of a scale ("Not at all likely" … "Extremely likely"). Hidden from assistive
   * technology by default: the end radios' own names already carry these words.
   */
  Ends: part<'div'>('ends', 'div', { defaults: { 'aria-hidden': true } }),
  /** The follow-up ("why?") question and its answer box (also the answer box of a `text` survey). */
  FollowUp: part<'div'>('follow-up', 'div'),
  /** The follow-up question as the text box's `<label>` (business text, rendered as text). */
  FollowUpLabel: part<'label'>('follow-up-label', 'label'),
  /** The answer box: a `<textarea>`; pass `maxLength` (the survey's `textMaxLength`). */
  FollowUpInput: part<'textarea'>('follow-up-input', 'textarea', {
    extraClassName: 'rapport-input',
    defaults: { rows: 3 },
  }),
  /**
   * How many characters are left, shown as the visitor types. Link it to the text box with
   * `aria-describedby`; announce changes through your own (debounced) live text, not on every keystroke.
   * `state`: `ok | near-limit` (10% or less left).
   */
  FollowUpCount: part<'span', 'ok' | 'near-limit'>('follow-up-count', 'span'),
  /** "Contact me about this": a `<label>` around {@link FeedbackPromptView.ContactRequestInput} and its text. */
  ContactRequest: part<'label'>('contact-request', 'label'),
  /** The contact request's native checkbox (`type="checkbox"` by default). */
  ContactRequestInput: part<'input'>('contact-request-input', 'input', {
    extraClassName: 'rapport-input',
    defaults: { type: 'checkbox' },
  }),
  /** The row of buttons under the form. */
  Actions: part<'div'>('actions', 'div'),
  /** Sends the answer. `type="submit"` by default. `state`: `idle | pending`. */
  Submit: part<'button', 'idle' | 'pending'>('submit', 'button', { ...BUTTON_PART, defaults: { type: 'submit' } }),
  /**
   * The polite live region (`role="status"`) announcing the outcome: thanks, queued or error. Keep it
   * mounted (even empty) while the prompt is, so what appears in it is announced.
   */
  Status: part<'div'>('status', 'div', { defaults: { role: 'status' } }),
  /** The thank-you message (the survey's own wording, rendered as text). */
  Thanks: part<'p'>('thanks', 'p'),
  /** The echo of the visitor's answer: "We heard: …". */
  Echo: part<'p'>('echo', 'p'),
  /** The answer was kept offline: "Saved — we'll send it when you're back online". */
  Queued: part<'p'>('queued', 'p'),
  /** Why loading or sending failed (never the server's own message). */
  Error: part<'p'>('error', 'p'),
  /** Asks again after an error. `type="button"` by default. `state`: `idle | pending`. */
  Retry: part<'button', 'idle' | 'pending'>('retry', 'button', BUTTON_PART),
  /** Close the loop: the business's answer to an earlier response. `state`: `replied | resolved`. */
  Reply: part<'div', 'replied' | 'resolved'>('reply', 'div'),
  /** "You told us “…” — {reply}" (visitor and business text, rendered as text). */
  ReplyText: part<'p'>('reply-text', 'p'),
  /** When the business replied: a `<time>`; pass `dateTime` and the date formatted for the locale. */
  ReplyDate: part<'time'>('reply-date', 'time'),
  /** "Got it": acknowledges the reply, which is not shown again. `type="button"` by default. */
  Acknowledge: part<'button'>('acknowledge', 'button', BUTTON_PART),
  /** Placeholder bars while loading; hidden from assistive technology. */
  Skeleton: part<'span'>('skeleton', 'span', { defaults: { 'aria-hidden': true } }),
  /** Text for screen readers while loading (visually hidden). */
  LoadingText: part<'span'>('loading-text', 'span', LOADING_TEXT_PART),
  /**
   * The persistent feedback tab: a `type="button"` that opens the prompt. `<FeedbackPrompt />` sets
   * `aria-expanded` and `aria-controls`. `state`: `open | closed`.
   */
  Tab: part<'button', 'open' | 'closed'>('tab', 'button', BUTTON_PART),
}));

/** The type of {@link FeedbackPromptView}. */
export type FeedbackPromptParts = typeof FeedbackPromptView;
