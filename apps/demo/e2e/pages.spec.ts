import { expect, test, type Locator, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { axeViolations, expectAxeCleanInBothThemes, press, setTheme, signInAs, visitorStatus } from './helpers.js';

// Every page of the demo and the console, for an anonymous visitor and for a signed-in customer (the shop's pages
// differ), in the light and the dark theme: axe finds nothing. The visitor goes from page to page as a keyboard
// user would (links and buttons, Enter), which also spares reloading the app for each page. The same run saves
// the README's screenshots (the 1280×800 viewport), overwriting the previous ones.

test.use({ viewport: { width: 1280, height: 800 } });

const SCREENSHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

type Theme = 'light' | 'dark';

interface DemoPage {
  name: string;
  path: string;
  /** Goes there from the page before, keyboard only. */
  open: (page: Page) => Promise<void>;
  /** Something that is on the page once it has loaded. */
  landmark: (page: Page) => Locator;
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

const SHOP: DemoPage[] = [
  { name: 'home', path: '/', open: (page) => press(nav(page, 'Shop'), 'Enter'), landmark: (page) => page.getByRole('list', { name: 'Coffees' }) },
  {
    name: 'product',
    path: '/products/huila',
    open: (page) => press(page.getByRole('link', { name: 'Huila, Colombia' }), 'Enter'),
    landmark: (page) => page.getByText('Was this page helpful?'),
  },
  {
    name: 'checkout-complete',
    path: '/checkout/complete',
    open: (page) => press(page.getByRole('button', { name: 'Buy now' }), 'Enter'),
    landmark: (page) => page.getByRole('heading', { name: /your order is on its way/i }),
  },
  {
    name: 'account',
    path: '/account',
    open: (page) => press(nav(page, 'Account'), 'Enter'),
    landmark: (page) => page.getByRole('region', { name: /^Your (Beans|rewards)$/ }),
  },
  {
    name: 'preferences',
    path: '/preferences',
    open: (page) => press(nav(page, 'Preferences'), 'Enter'),
    landmark: (page) => page.locator('.rapport-preference-center'),
  },
];
// The business's page: the same whoever visits the shop.
const CONSOLE: DemoPage = {
  name: 'console',
  path: '/console',
  open: (page) => press(nav(page, 'Owner console'), 'Enter'),
  landmark: (page) => page.getByRole('table', { name: 'Staff, with their availability now' }),
};

const VISITORS = [
  { name: null, label: 'an anonymous visitor', pages: [...SHOP, CONSOLE] },
  { name: 'Grace Hopper', label: 'a signed-in customer', pages: SHOP },
] as const;

/** The screenshots the run saves, per visitor and page: `docs/screenshots/<page>-<theme>.png`. */
const SHOTS: Record<string, readonly Theme[]> = {
  'Grace Hopper/home': ['light', 'dark'],
  'Grace Hopper/account': ['light', 'dark'],
  'Grace Hopper/preferences': ['dark'],
  'null/checkout-complete': ['light'],
  'null/console': ['light', 'dark'],
};

/** Counts the page's requests in flight, to wait until it has loaded everything it asked for. */
function networkQuiet(page: Page): () => Promise<void> {
  let inFlight = 0;
  let changed = Date.now();
  const update = (delta: number) => () => {
    inFlight += delta;
    changed = Date.now();
  };
  page.on('request', update(1));
  page.on('requestfinished', update(-1));
  page.on('requestfailed', update(-1));
  return () => expect.poll(() => inFlight <= 0 && Date.now() - changed > 300, { intervals: [100] }).toBe(true);
}

async function screenshot(page: Page, name: string) {
  // No focus ring from the last key press in the picture.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, animations: 'disabled' });
}

for (const visitor of VISITORS) {
  test(`every page for ${visitor.label}: no axe violations in the light or the dark theme`, async ({ page }) => {
    test.setTimeout(120_000);
    const quiet = networkQuiet(page);
    await signInAs(page, visitor.name);
    for (const demoPage of visitor.pages) {
      await test.step(`${demoPage.name} (${demoPage.path})`, async () => {
        await demoPage.open(page);
        await expect(page).toHaveURL(new RegExp(`${demoPage.path}$`));
        await expect(demoPage.landmark(page).first()).toBeVisible();
        await quiet();
        await expect(page.locator('[data-state="loading"], [aria-busy="true"]')).toHaveCount(0);
        const nps = page.getByRole('dialog', { name: /recommend Northwind/i });
        // A new visitor is always asked after checkout: the NPS prompt is part of that page.
        if (demoPage.name === 'checkout-complete' && visitor.name === null) await expect(nps).toBeVisible();
        for (const theme of ['light', 'dark'] as const) {
          await setTheme(page, theme);
          expect.soft(await axeViolations(page), `axe on ${demoPage.name}, ${theme}`).toEqual([]);
          if (SHOTS[`${visitor.name}/${demoPage.name}`]?.includes(theme)) await screenshot(page, `${demoPage.name}-${theme}`);
        }
        if (await nps.isVisible()) await press(nps, 'Escape'); // it would follow the visitor to the next page
        await expect(nps).toHaveCount(0);
      });
    }
  });
}

test('a product that does not exist: the not-found screen has no axe violations in the light or the dark theme', async ({ page }) => {
  await page.goto('/products/no-such-coffee');
  await expect(page.getByRole('heading', { level: 1, name: 'We couldn’t find that coffee' })).toBeVisible();
  await expect(visitorStatus(page)).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('[data-state="loading"], [aria-busy="true"]')).toHaveCount(0);
  await expectAxeCleanInBothThemes(page);
});
