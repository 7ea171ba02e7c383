import { expect, type Locator } from '@playwright/test';

// How a keyboard-only person reaches a control in the specs: with Tab, or Shift+Tab when the control comes before the
// focus. Nearby (up to NEAR_STOPS stops away, or in the same region as the focus) they tab straight there. Farther
// off — the console has about 250 tab stops, 35 ms a press — they skip to the control's region first, as a skip
// link or a screen reader's landmark and heading keys would take them: the focus lands on the stop just before the
// region (or just after it, to Shift+Tab back in), and Tab goes on from there. Either way the control must be in the
// tab order, reachable from its neighbours: one that is not focusable, hidden, or behind a modal dialog fails the
// test with its name.
//
// Tab never goes round the end of the page: Chromium then hands the focus to the browser, which later gives it back
// to the page's first stop (seen when axe opened and closed its own page).

/** Tab presses a person makes without skipping to a region. */
const NEAR_STOPS = 20;
/** Presses allowed beyond the planned count: the planned tab order is worked out from the DOM, not read off the browser. */
const SLACK = 10;
/** The containers a control's region is: the nearest one holding it. */
const REGION = 'dialog, [role="dialog"], form, [role="form"], fieldset, [role="group"], [role="radiogroup"], table, li, section, [role="region"], nav, header, main';

interface Plan {
  /** Tab presses to the target, or Shift+Tab presses; `null` in the direction that would go round the page's end. */
  forward: number | null;
  backward: number | null;
  /** The focus is already in the target's region. */
  sameRegion: boolean;
  /** Whether the target has a stop in the tab order at all. */
  found: boolean;
}

/** Works out, in the page, the tab order and where the focus and `target` are in it. */
function plan(target: Locator): Promise<Plan> {
  return target.evaluate((el, regionSelector) => {
    const modal = document.querySelector(':modal');
    const radioStop = (radio: HTMLInputElement) => {
      if (!radio.name) return true;
      const group = [...(radio.form ?? document).querySelectorAll<HTMLInputElement>('input[type="radio"]')].filter((r) => r.name === radio.name);
      return (group.find((r) => r.checked) ?? group[0]) === radio;
    };
    const isStop = (e: HTMLElement) =>
      e.tabIndex >= 0 &&
      !(e as HTMLButtonElement).disabled &&
      !e.closest('[inert]') &&
      (!modal || modal.contains(e)) &&
      e.checkVisibility({ visibilityProperty: true }) &&
      !(e instanceof HTMLInputElement && e.type === 'radio' && !radioStop(e));
    const order = [...document.querySelectorAll<HTMLElement>('*')].filter(isStop);
    const targetAt = order.findIndex((e) => el.contains(e));
    const active = document.activeElement && document.activeElement !== document.body ? document.activeElement : null;
    // The stops before the focus (the focused stop counted too): Tab goes on to stop `gap`, Shift+Tab to `gap - 1`
    // (or, from a focused stop, to the one before it).
    const at = active ? order.indexOf(active as HTMLElement) : -1;
    const gap = at >= 0 ? at + 1 : active ? order.filter((e) => active.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_PRECEDING && !e.contains(active)).length : 0;
    const back = at >= 0 ? at : gap;
    const region = el.parentElement?.closest(regionSelector) ?? null;
    return {
      forward: targetAt >= gap ? targetAt - gap + 1 : null,
      backward: targetAt >= 0 && targetAt < back ? back - targetAt : null,
      sameRegion: !!(region && active && region.contains(active)),
      found: targetAt >= 0,
    };
  }, REGION);
}

/**
 * Puts the focus next to `target`'s region: on the stop just before it, or just after it when the target is nearer
 * the region's end or nothing comes before (the region's first stop when it has the whole page).
 */
function skipToRegion(target: Locator): Promise<void> {
  return target.evaluate((el, regionSelector) => {
    const region = el.parentElement?.closest(regionSelector) ?? el;
    const stops = [...document.querySelectorAll<HTMLElement>('*')].filter((e) => e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled && e.checkVisibility());
    const inRegion = stops.filter((e) => region.contains(e));
    const targetAt = inRegion.findIndex((e) => el.contains(e));
    const before = stops[stops.indexOf(inRegion[0]!) - 1];
    const after = stops[stops.indexOf(inRegion.at(-1)!) + 1];
    const nearerEnd = targetAt > inRegion.length - 1 - targetAt;
    const entry = (nearerEnd ? (after ?? before) : (before ?? after)) ?? inRegion[0];
    entry?.focus({ preventScroll: true });
  }, REGION);
}

const hasFocus = (target: Locator) => target.evaluate((el) => el.contains(document.activeElement));

/** The shortest way to `target` that stays inside the page. */
function route({ forward, backward }: Plan): { key: 'Tab' | 'Shift+Tab'; presses: number } {
  if (backward === null || (forward !== null && forward <= backward)) return { key: 'Tab', presses: forward ?? 0 };
  return { key: 'Shift+Tab', presses: backward };
}

/** Moves the focus to `target` (into it, for a container such as a dialog) by Tab or Shift+Tab; see above. */
export async function tabTo(target: Locator) {
  await target.waitFor();
  if (await hasFocus(target)) return;
  const page = target.page();
  // With the focus on nothing (after a load, or when the focused control went away), where Tab goes from is the
  // browser's to know (it keeps the place of a removed control): one press finds out, as it does for a person.
  if (await page.evaluate(() => !document.activeElement || document.activeElement === document.body)) {
    await page.keyboard.press('Tab');
    if (await hasFocus(target)) return;
  }
  let found = await plan(target);
  expect(found.found, `${target.toString()} is in the tab order (focusable, shown, not behind a modal dialog)`).toBe(true);
  let { key, presses } = route(found);
  if (presses > NEAR_STOPS && !found.sameRegion) {
    await skipToRegion(target);
    found = await plan(target);
    ({ key, presses } = route(found));
  }
  const from = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80) ?? 'nothing');
  for (let i = 0; i < presses + SLACK; i++) {
    await page.keyboard.press(key);
    if (await hasFocus(target)) return;
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80) ?? 'nothing');
  throw new Error(`${key} did not reach ${target.toString()} in ${presses + SLACK} presses from ${from}; the focus is on ${at}`);
}

/** Tabs to `target` and presses `key`. */
export async function press(target: Locator, key: string) {
  await tabTo(target);
  await target.page().keyboard.press(key);
}

/** Replaces a field's text by typing, once Tab has reached it. */
export async function typeInto(target: Locator, text: string) {
  await tabTo(target);
  await target.page().keyboard.press('ControlOrMeta+A');
  await target.page().keyboard.type(text);
}

/** Picks a `<select>` option by typing its first word (the select's own type-ahead; a space would open it). */
export async function choose(select: Locator, label: string) {
  const { keyboard } = select.page();
  const checked = select.locator('option:checked');
  const wanted = (text: string) => text.startsWith(label);
  await tabTo(select);
  await keyboard.type(label.split(' ')[0]!);
  if (!wanted((await checked.textContent()) ?? '')) {
    // The type-ahead still held what was typed into this select a moment ago (it forgets after a second).
    await select.page().waitForTimeout(1_100);
    await keyboard.type(label.split(' ')[0]!);
  }
  await expect(checked).toHaveText(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
}
