import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsoleArgs, ConsoleDomain, ConsoleMethod, ConsoleResult } from '../src/console/consoleOperations.js';
import { press } from './keyboard.js';

// Shared by the specs. Where a test says "keyboard only", the person acts through the keyboard helpers (keyboard.ts):
// focus reaches a control by Tab, and every action is a key press or typing.

export { choose, press, tabTo, typeInto } from './keyboard.js';

/** The header's compact contact-owner badge. */
export const headerBadge = (page: Page) => page.getByRole('banner').getByRole('group', { name: 'Your contact' });

/** The visitor status in the header. */
export const visitorStatus = (page: Page) => page.locator('.rapport-visitor-status').first();

/** The "Got it" button of a reply the feedback prompt shows. */
export const gotIt = (page: Page) => page.getByRole('button', { name: 'Got it' });

/**
 * Signs in as a seeded customer by name (`null`: an anonymous visitor), as the host app's login would: through the
 * demo server's session endpoint (the "Visit as" switcher's own behaviour is tested in visitor.spec.ts), then opens
 * `path`. Unless `keepReplies`, replies waiting for the visitor are acknowledged with the keyboard first, so a
 * test sees only what it caused.
 */
export async function signInAs(page: Page, name: string | null, options: { path?: string; keepReplies?: boolean } = {}) {
  let externalId: string | null = null;
  if (name !== null) {
    const config = (await (await page.request.get('/demo-api/config')).json()) as { customers: Array<{ externalId: string; name: string }> };
    externalId = config.customers.find((c) => c.name === name)?.externalId ?? null;
    expect(externalId, `a seeded customer called ${name}`).not.toBeNull();
  }
  expect((await page.request.put('/demo-api/session', { data: { externalId } })).ok()).toBe(true);
  await page.goto(options.path ?? '/');
  const status = visitorStatus(page);
  await expect(status).toHaveAttribute('data-state', 'ready');
  await expect(status).toContainText(name ?? /guest/i);
  if (options.keepReplies || name === null) return;
  // Replies come with the same bootstrap answer as the owner badge: once it is ready, a due reply is on screen.
  await expect(headerBadge(page)).toHaveAttribute('data-state', /ready|no-owner/);
  const replyText = page.locator('.rapport-feedback-prompt__reply-text');
  for (let i = 0; i < 5 && (await gotIt(page).isVisible()); i++) {
    const shown = await replyText.first().innerText();
    await press(gotIt(page), 'Enter');
    await expect(replyText.filter({ hasText: shown })).toHaveCount(0);
  }
}

/** Axe's violations on the page (or inside `include`), one line each: rule id and the elements concerned. */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const { violations } = await (include ? builder.include(include) : builder).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Asserts axe finds no violation on the page (or inside `include`). */
export async function expectAxeClean(page: Page, include?: string) {
  expect(await axeViolations(page, include)).toEqual([]);
}

/** Switches the demo's theme with its toggle button, by keyboard; no-op when already there. */
export async function setTheme(page: Page, theme: 'light' | 'dark') {
  const toggle = page.getByRole('button', { name: theme === 'dark' ? 'Dark theme' : 'Light theme' });
  if ((await toggle.count()) > 0) await press(toggle, 'Enter');
  await expect(page.locator('.demo')).toHaveAttribute('data-rapport-theme', theme);
}

/** Axe on the page in the light and the dark theme; leaves the page light. */
export async function expectAxeCleanInBothThemes(page: Page, include?: string) {
  await setTheme(page, 'light');
  await expectAxeClean(page, include);
  await setTheme(page, 'dark');
  await expectAxeClean(page, include);
  await setTheme(page, 'light');
}

/** Calls an allow-listed console operation through the demo server, as the console does; answers its status and body. */
export async function consoleCall<D extends ConsoleDomain, M extends ConsoleMethod<D>>(
  request: APIRequestContext,
  domain: D,
  method: M,
  ...args: ConsoleArgs<D, M>
): Promise<{ status: number; body: ConsoleResult<D, M> }> {
  const response = await request.post(`/demo-api/console/${domain}/${String(method)}`, { data: args });
  expect(response.ok(), `${domain}.${String(method)} answered ${response.status()}: ${await response.text()}`).toBe(true);
  return { status: response.status(), body: (await response.json()) as ConsoleResult<D, M> };
}

/**
 * Reads the Rapport admin API with the site's secret key, as the business's other back-end jobs do (its mailer
 * sending confirmation links, say): the console does not offer these to the browser.
 */
export async function adminGet<T>(request: APIRequestContext, path: string): Promise<T> {
  const keys = JSON.parse(readFileSync(join(process.env.DEMO_E2E_DATA_DIR!, 'keys.json'), 'utf8')) as { secretKey: string };
  const { apiBaseUrl } = (await (await request.get('/demo-api/config')).json()) as { apiBaseUrl: string };
  const response = await request.get(`${apiBaseUrl}/v1/admin/${path}`, { headers: { authorization: `Bearer ${keys.secretKey}` } });
  expect(response.ok(), `GET /v1/admin/${path} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}
