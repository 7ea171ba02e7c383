import type { RapportClient } from '@rapport/core';
import { RapportProvider } from '@rapport/react';
import { ContactOwnerBadge, FeedbackPrompt, RapportTheme, VisitorStatus } from '@rapport/widgets';
import { useState } from 'react';
import { ConsolePage } from './console/ConsolePage.js';
import type { DemoConfig } from './demoApi.js';
import { AccountPage } from './pages/AccountPage.js';
import { CheckoutCompletePage } from './pages/CheckoutCompletePage.js';
import { ConfirmOptInPage } from './pages/ConfirmOptInPage.js';
import { HomePage } from './pages/HomePage.js';
import { PreferencesPage } from './pages/PreferencesPage.js';
import { ProductPage } from './pages/ProductPage.js';
import { Link, usePath } from './router.js';
import { VisitorSwitcher } from './VisitorSwitcher.js';

function ShopPage({ path }: { path: string }) {
  if (path.startsWith('/products/')) return <ProductPage slug={path.slice('/products/'.length)} />;
  if (path === '/checkout/complete') return <CheckoutCompletePage />;
  if (path === '/account') return <AccountPage />;
  if (path === '/preferences') return <PreferencesPage />;
  if (path === '/preferences/confirm') return <ConfirmOptInPage />;
  return <HomePage />;
}

/** The demo: the Northwind shop with Rapport's widgets, and the business's owner console at /console. */
export function App({ client, config }: { client: RapportClient; config: DemoConfig }) {
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  const path = usePath();
  const isConsole = path.startsWith('/console');
  return (
    <RapportProvider client={client}>
      <RapportTheme theme={theme} className="demo">
        <header className="demo-header">
          <Link className="demo-logo" href="/">
            Northwind Coffee Roasters
          </Link>
          <nav aria-label="Main" className="demo-nav">
            <Link href="/">Shop</Link>
            <Link href="/account">Account</Link>
            <Link href="/preferences">Preferences</Link>
            <Link href="/console">Owner console</Link>
          </nav>
          {!isConsole && (
            <div className="demo-header__visitor">
              <VisitorStatus />
              <ContactOwnerBadge variant="badge" className="demo-owner-badge" />
            </div>
          )}
          <div className="demo-header__tools">
            <VisitorSwitcher config={config} />
            <button type="button" className="demo-button" onClick={() => setTheme(theme === 'light' ? 'dark' : 'light')}>
              {theme === 'light' ? 'Dark theme' : 'Light theme'}
            </button>
          </div>
        </header>
        <main className="demo-main">{isConsole ? <ConsolePage customers={config.customers} /> : <ShopPage path={path} />}</main>
        {!isConsole && (
          <>
            <FeedbackPrompt placement="popover" />
            <FeedbackPrompt placement="tab" />
          </>
        )}
      </RapportTheme>
    </RapportProvider>
  );
}
