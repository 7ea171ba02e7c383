import type { RapportClientEvents } from '../client/RapportClientEvents.js';
import type { ListenOptions } from '../client/createEmitter.js';
import type { UrlRule } from '../schemas/feedback.js';
import type { VisitorSurvey } from '../schemas/feedbackVisitor.js';

/** The parts of `window` the trigger engine watches; the real `window` fits. Tests pass a fake. */
export interface TriggerWindow {
  /** The page URL that URL rules match (path + query). */
  readonly location: { readonly pathname: string; readonly search: string };
  /** Scroll metrics (scroll depth) and `mouseout` (exit intent). */
  readonly document: {
    readonly documentElement: { readonly scrollTop: number; readonly scrollHeight: number; readonly clientHeight: number };
    addEventListener(type: string, listener: (event: Event) => void): void;
    removeEventListener(type: string, listener: (event: Event) => void): void;
  };
  /** `scroll` and `popstate` (back/forward navigation) are heard here. */
  addEventListener(type: string, listener: (event: Event) => void, options?: AddEventListenerOptions): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
  /** Timers for time on page. */
  setTimeout(handler: () => void, ms: number): unknown;
  clearTimeout(handle: ReturnType<TriggerWindow['setTimeout']>): void;
}

/** Where `track`, `show` and `pageview` come from: the client (`client.on`). */
export interface TriggerEventSource {
  on<K extends keyof RapportClientEvents>(
    type: K,
    listener: (event: RapportClientEvents[K]) => void,
    options?: ListenOptions,
  ): () => void;
}

/** Options of {@link createTriggerEngine}. */
export interface TriggerEngineOptions {
  /** Called when a survey should open: `trigger` for its triggers, `code` for `show()`. Required. */
  onFire: (survey: VisitorSurvey, source: 'trigger' | 'code') => void;
  /**
   * The surveys to watch. Default: not known yet: `track` and `show` calls are remembered and played once
   * {@link TriggerEngine.setSurveys} gives them.
   */
  surveys?: readonly VisitorSurvey[];
  /** The window to watch. Default: the global `window`, or none (no page triggers) outside a browser. */
  window?: TriggerWindow | null;
  /** The client whose `track(name)`, `feedback.show(id?)` and `pageview()` the engine follows. Default: none. */
  events?: TriggerEventSource | null;
  /** Clock in milliseconds, for time on page. Default: `Date.now`. */
  now?: () => number;
}

/** Watches a page and opens surveys when their triggers say so. */
export interface TriggerEngine {
  /** Replaces the surveys watched (same page: a survey that fired does not fire again). */
  setSurveys(surveys: readonly VisitorSurvey[]): void;
  /**
   * A new page (single-page app navigation): time on page and scroll start over, page-view triggers fire.
   * `location` overrides the window's, e.g. for a router that updates it later. Default: the window's location.
   */
  pageview(location?: { pathname: string; search: string }): void;
  /** A custom event (`client.track(name)` arrives here). */
  track(name: string): void;
  /** "Show now": this survey, or the first eligible one for this page (`source: 'code'`). */
  show(surveyId?: string | null): void;
  /** Removes every listener and timer. */
  destroy(): void;
}

/** True when `url` (path + query) matches any of `rules`, or when there are none. A bad regex matches nothing. */
export function matchesUrlRules(rules: readonly UrlRule[], url: string): boolean {
  if (rules.length === 0) return true;
  return rules.some(({ match, value }) => {
    if (match === 'exact') return url === value;
    if (match === 'contains') return url.includes(value);
    if (match === 'startsWith') return url.startsWith(value);
    try {
      return new RegExp(value).test(url);
    } catch {
      return false;
    }
  });
}

type Trig = VisitorSurvey['triggers'][number];

function defaultWindow(): TriggerWindow | null {
  return typeof window === 'undefined' ? null : window;
}

/**
 * Evaluates survey triggers in the browser: page view, time on page, scroll depth, exit intent (the pointer
 * leaving through the top of the viewport), custom events and "show now". Only `eligible` surveys fire, and
 * triggers only on pages their URL rules match; each survey fires from its triggers at most once per page.
 */
export function createTriggerEngine(options: TriggerEngineOptions): TriggerEngine {
  const { onFire } = options;
  const win = options.window === undefined ? defaultWindow() : options.window;
  const now = options.now ?? Date.now;
  let surveys: readonly VisitorSurvey[] | undefined = options.surveys;
  let location: { pathname: string; search: string } | undefined;
  let pageStart = now();
  const fired = new Set<string>();
  let timers: unknown[] = [];
  let waiting: Array<() => void> = [];
  let destroyed = false;

  const url = () => {
    const { pathname, search } = location ?? win?.location ?? { pathname: '', search: '' };
    return pathname + search;
  };
  const mayFire = (survey: VisitorSurvey) => survey.eligible && !fired.has(survey.id) && matchesUrlRules(survey.urlRules, url());

  function fireWhere(test: (trigger: Trig) => boolean) {
    for (const survey of surveys ?? []) {
      if (mayFire(survey) && survey.triggers.some(test)) {
        fired.add(survey.id);
        onFire(survey, 'trigger');
      }
    }
  }

  function scheduleTimeOnPage() {
    for (const handle of timers) win?.clearTimeout(handle);
    timers = [];
    if (!win || !surveys) return;
    const elapsed = now() - pageStart;
    for (const survey of surveys) {
      for (const trigger of survey.triggers) {
        if (trigger.type !== 'timeOnPage') continue;
        const delay = Math.max(0, trigger.seconds * 1000 - elapsed);
        timers.push(
          win.setTimeout(() => {
            if (mayFire(survey)) fireWhere((t) => t === trigger);
          }, delay),
        );
      }
    }
  }

  /** Runs now when the surveys are known, else once they are. */
  const whenKnown = (action: () => void) => (surveys ? action() : waiting.push(action));

  const engine: TriggerEngine = {
    setSurveys(next) {
      if (destroyed) return;
      surveys = next;
      scheduleTimeOnPage();
      fireWhere((t) => t.type === 'pageview');
      const actions = waiting;
      waiting = [];
      for (const action of actions) action();
    },
    pageview(next) {
      if (destroyed) return;
      location = next;
      pageStart = now();
      fired.clear();
      scheduleTimeOnPage();
      fireWhere((t) => t.type === 'pageview');
    },
    track(name) {
      whenKnown(() => fireWhere((t) => t.type === 'event' && t.name === name));
    },
    show(surveyId) {
      whenKnown(() => {
        const survey = surveyId
          ? surveys?.find((s) => s.id === surveyId)
          : surveys?.find((s) => s.eligible && matchesUrlRules(s.urlRules, url()));
        if (survey?.eligible) onFire(survey, 'code');
      });
    },
    destroy() {
      destroyed = true;
      for (const stop of stops) stop();
      for (const handle of timers) win?.clearTimeout(handle);
      timers = [];
      waiting = [];
    },
  };

  const onScroll = () => {
    if (!win) return;
    const { scrollTop, scrollHeight, clientHeight } = win.document.documentElement;
    const percent = scrollHeight > 0 ? ((scrollTop + clientHeight) / scrollHeight) * 100 : 100;
    fireWhere((t) => t.type === 'scrollDepth' && percent >= t.percent);
  };
  const onMouseOut = (event: Event) => {
    const { clientY, relatedTarget } = event as MouseEvent;
    if (relatedTarget == null && clientY <= 0) fireWhere((t) => t.type === 'exitIntent');
  };
  const onPopState = () => engine.pageview();

  const stops: Array<() => void> = [];
  if (win) {
    win.addEventListener('scroll', onScroll, { passive: true });
    win.addEventListener('popstate', onPopState);
    win.document.addEventListener('mouseout', onMouseOut);
    stops.push(() => {
      win.removeEventListener('scroll', onScroll);
      win.removeEventListener('popstate', onPopState);
      win.document.removeEventListener('mouseout', onMouseOut);
    });
  }
  const events = options.events;
  if (events) {
    stops.push(
      events.on('track', ({ name }) => engine.track(name), { replay: true }),
      events.on('show', ({ surveyId }) => engine.show(surveyId), { replay: true }),
      events.on('pageview', () => engine.pageview()),
    );
  }
  if (surveys) engine.setSurveys(surveys);
  return engine;
}
