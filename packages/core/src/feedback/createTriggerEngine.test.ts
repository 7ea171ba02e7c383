import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEmitter } from '../client/createEmitter.js';
import type { RapportClientEvents } from '../client/RapportClientEvents.js';
import type { Trigger, UrlRule } from '../schemas/feedback.js';
import type { VisitorSurvey } from '../schemas/feedbackVisitor.js';
import { createTriggerEngine, matchesUrlRules, type TriggerWindow } from './createTriggerEngine.js';

function survey(id: string, triggers: Trigger[], extra: Partial<VisitorSurvey> = {}): VisitorSurvey {
  return {
    id,
    kind: 'nps',
    question: 'How likely are you to recommend us?',
    followUps: {},
    textMaxLength: 500,
    thankYou: 'Thanks!',
    placement: 'popover',
    triggers,
    urlRules: [],
    allowContactRequest: false,
    eligible: true,
    ...extra,
  };
}

/** A window made of plain EventTargets, with scroll metrics and a location the test sets. */
function fakeWindow(pathname = '/', search = '') {
  const target = new EventTarget();
  const document = Object.assign(new EventTarget(), {
    documentElement: { scrollTop: 0, scrollHeight: 2000, clientHeight: 500 },
  });
  const listeners = { count: 0 };
  const count = (t: EventTarget) => {
    const add = t.addEventListener.bind(t);
    const remove = t.removeEventListener.bind(t);
    t.addEventListener = (type, listener, options) => {
      listeners.count++;
      add(type, listener, options);
    };
    t.removeEventListener = (type, listener, options) => {
      listeners.count--;
      remove(type, listener, options);
    };
  };
  count(target);
  count(document);
  const win = Object.assign(target, {
    location: { pathname, search },
    document,
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (handle: unknown) => clearTimeout(handle as number),
  });
  return {
    win: win as unknown as TriggerWindow & { location: { pathname: string; search: string } },
    listeners,
    scrollTo(top: number) {
      document.documentElement.scrollTop = top;
      target.dispatchEvent(new Event('scroll'));
    },
    pointerLeaves(clientY: number, relatedTarget: EventTarget | null = null) {
      document.dispatchEvent(Object.assign(new Event('mouseout'), { clientY, relatedTarget }));
    },
  };
}

function setup(surveys: VisitorSurvey[] | undefined, path = '/') {
  const page = fakeWindow(path);
  const events = createEmitter<RapportClientEvents>(['track', 'show']);
  const fired: Array<[string, string]> = [];
  const engine = createTriggerEngine({
    surveys,
    window: page.win,
    events,
    onFire: (s, source) => fired.push([s.id, source]),
  });
  return { ...page, events, fired, engine };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('matchesUrlRules', () => {
  const url = '/shop/checkout?step=2';
  const rule = (match: UrlRule['match'], value: string): UrlRule[] => [{ match, value }];

  it('matches every page without rules', () => {
    expect(matchesUrlRules([], url)).toBe(true);
  });

  it('compares path and query exactly, by substring, by prefix or by regex', () => {
    expect(matchesUrlRules(rule('exact', '/shop/checkout?step=2'), url)).toBe(true);
    expect(matchesUrlRules(rule('exact', '/shop/checkout'), url)).toBe(false);
    expect(matchesUrlRules(rule('contains', 'checkout'), url)).toBe(true);
    expect(matchesUrlRules(rule('contains', 'cart'), url)).toBe(false);
    expect(matchesUrlRules(rule('startsWith', '/shop/'), url)).toBe(true);
    expect(matchesUrlRules(rule('startsWith', '/checkout'), url)).toBe(false);
    expect(matchesUrlRules(rule('regex', '^/shop/\\w+\\?step=\\d$'), url)).toBe(true);
    expect(matchesUrlRules(rule('regex', '^/blog'), url)).toBe(false);
  });

  it('matches when any rule matches', () => {
    expect(matchesUrlRules([{ match: 'exact', value: '/' }, { match: 'contains', value: 'step=2' }], url)).toBe(true);
  });

  it('treats a bad regex as no match and never throws', () => {
    expect(matchesUrlRules(rule('regex', '(unclosed'), url)).toBe(false);
    expect(matchesUrlRules([{ match: 'regex', value: '[' }, { match: 'contains', value: 'shop' }], url)).toBe(true);
  });
});

describe('createTriggerEngine', () => {
  it('fires page-view surveys on start, once per page', () => {
    const { fired, engine } = setup([survey('a', [{ type: 'pageview' }]), survey('b', [{ type: 'exitIntent' }])]);
    expect(fired).toEqual([['a', 'trigger']]);
    engine.setSurveys([survey('a', [{ type: 'pageview' }])]);
    expect(fired).toHaveLength(1);
  });

  it('only fires eligible surveys, from triggers and from code', () => {
    const { fired, engine } = setup([
      survey('no', [{ type: 'pageview' }, { type: 'event', name: 'paid' }], { eligible: false }),
      survey('yes', [{ type: 'event', name: 'paid' }]),
    ]);
    expect(fired).toEqual([]);
    engine.track('paid');
    engine.show('no');
    expect(fired).toEqual([['yes', 'trigger']]);
  });

  it('fires on the pages the URL rules allow, and a bad regex allows none', () => {
    const surveys = [
      survey('checkout', [{ type: 'pageview' }], { urlRules: [{ match: 'startsWith', value: '/checkout' }] }),
      survey('broken', [{ type: 'pageview' }], { urlRules: [{ match: 'regex', value: '*oops' }] }),
    ];
    const { fired, engine, win } = setup(surveys, '/');
    expect(fired).toEqual([]);
    win.location.pathname = '/checkout/done';
    engine.pageview();
    expect(fired).toEqual([['checkout', 'trigger']]);
  });

  it('fires after the time on page, counted from the page view', () => {
    const { fired, engine } = setup([survey('t', [{ type: 'timeOnPage', seconds: 30 }])]);
    vi.advanceTimersByTime(29_999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([['t', 'trigger']]);
    engine.pageview();
    vi.advanceTimersByTime(20_000);
    engine.pageview(); // a new page starts the count over
    vi.advanceTimersByTime(29_000);
    expect(fired).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    expect(fired).toHaveLength(2);
  });

  it('keeps the time already spent when the surveys arrive late', () => {
    const { fired, engine } = setup(undefined);
    vi.advanceTimersByTime(25_000);
    engine.setSurveys([survey('t', [{ type: 'timeOnPage', seconds: 30 }])]);
    vi.advanceTimersByTime(5_000);
    expect(fired).toEqual([['t', 'trigger']]);
  });

  it('fires when the visitor has scrolled to the given depth', () => {
    const { fired, scrollTo } = setup([survey('s', [{ type: 'scrollDepth', percent: 50 }])]);
    scrollTo(400); // (400 + 500) / 2000 = 45 %
    expect(fired).toEqual([]);
    scrollTo(500); // 50 %
    expect(fired).toEqual([['s', 'trigger']]);
    scrollTo(1500);
    expect(fired).toHaveLength(1);
  });

  it('fires on exit intent: the pointer leaving through the top of the viewport', () => {
    const { fired, pointerLeaves } = setup([survey('x', [{ type: 'exitIntent' }])]);
    pointerLeaves(300); // leaving through a side
    pointerLeaves(0, new EventTarget()); // moving onto another element
    expect(fired).toEqual([]);
    pointerLeaves(-2);
    expect(fired).toEqual([['x', 'trigger']]);
  });

  it('fires on a custom event from client.track, including one tracked before it started', () => {
    const events = createEmitter<RapportClientEvents>(['track', 'show']);
    events.emit('track', { name: 'checkout_completed' });
    const fired: string[] = [];
    createTriggerEngine({
      surveys: [survey('e', [{ type: 'event', name: 'checkout_completed' }]), survey('o', [{ type: 'event', name: 'other' }])],
      window: null,
      events,
      onFire: (s) => fired.push(s.id),
    });
    expect(fired).toEqual(['e']);
  });

  it('shows a survey from code (source code), or the first eligible one for the page', () => {
    const surveys = [
      survey('hidden', [], { eligible: false }),
      survey('elsewhere', [], { urlRules: [{ match: 'exact', value: '/other' }] }),
      survey('here', []),
    ];
    const { fired, events } = setup(surveys);
    events.emit('show', { surveyId: null });
    events.emit('show', { surveyId: 'elsewhere' });
    events.emit('show', { surveyId: 'here' });
    events.emit('show', { surveyId: 'here' });
    events.emit('show', { surveyId: 'unknown' });
    expect(fired).toEqual([
      ['here', 'code'],
      ['elsewhere', 'code'],
      ['here', 'code'],
      ['here', 'code'],
    ]);
  });

  it('remembers track and show until the surveys are known', () => {
    const { fired, engine } = setup(undefined);
    engine.track('paid');
    engine.show('a');
    expect(fired).toEqual([]);
    engine.setSurveys([survey('a', [{ type: 'event', name: 'paid' }])]);
    expect(fired).toEqual([
      ['a', 'trigger'],
      ['a', 'code'],
    ]);
  });

  it('starts over on a single-page navigation from client.pageview() or popstate', () => {
    const { fired, events, win } = setup([survey('p', [{ type: 'pageview' }])], '/a');
    events.emit('pageview', {});
    win.location.pathname = '/b';
    (win as unknown as EventTarget).dispatchEvent(new Event('popstate'));
    expect(fired).toHaveLength(3);
  });

  it('takes a location given to pageview()', () => {
    const surveys = [survey('p', [{ type: 'pageview' }], { urlRules: [{ match: 'exact', value: '/cart?x=1' }] })];
    const { fired, engine } = setup(surveys, '/');
    engine.pageview({ pathname: '/cart', search: '?x=1' });
    expect(fired).toEqual([['p', 'trigger']]);
  });

  it('destroy removes every listener and timer', () => {
    const { fired, engine, listeners, events, scrollTo, pointerLeaves } = setup([
      survey('all', [
        { type: 'timeOnPage', seconds: 5 },
        { type: 'scrollDepth', percent: 10 },
        { type: 'exitIntent' },
        { type: 'event', name: 'go' },
      ]),
    ]);
    expect(listeners.count).toBe(3);
    engine.destroy();
    expect(listeners.count).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    scrollTo(2000);
    pointerLeaves(-1);
    events.emit('track', { name: 'go' });
    events.emit('show', { surveyId: null });
    vi.advanceTimersByTime(10_000);
    engine.setSurveys([survey('late', [{ type: 'pageview' }])]);
    expect(fired).toEqual([]);
  });
});
