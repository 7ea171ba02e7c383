import type { RapportClient } from '@rapport/core';
import { RapportProvider } from '@rapport/react';
import { RapportTheme, VisitorStatus } from '@rapport/widgets';
import { useState } from 'react';
import type { DemoConfig } from './demoApi.js';
import { VisitorSwitcher } from './VisitorSwitcher.js';

const products = [
  { name: 'Yirgacheffe, Ethiopia', notes: 'Jasmine, bergamot, lemon curd', price: 16.5 },
  { name: 'Huila, Colombia', notes: 'Red apple, caramel, cocoa', price: 14 },
  { name: 'Northwind House Espresso', notes: 'Dark chocolate, hazelnut, molasses', price: 13 },
];

const price = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** The demo shop: a header with the visitor's status and a switcher, and the shop's front page. */
export function App({ client, config }: { client: RapportClient; config: DemoConfig }) {
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  return (
    <RapportProvider client={client}>
      <RapportTheme theme={theme} className="demo">
        <header className="demo-header">
          <a className="demo-logo" href="/">
            Northwind Coffee Roasters
          </a>
          <VisitorStatus />
          <VisitorSwitcher config={config} />
          <button type="button" className="demo-button" onClick={() => setTheme(theme === 'light' ? 'dark' : 'light')}>
            {theme === 'light' ? 'Dark theme' : 'Light theme'}
          </button>
        </header>
        <main className="demo-main">
          <h1>Small-batch coffee, roasted on Mondays</h1>
          <p>Every bag is roasted to order and shipped within two days.</p>
          <ul className="demo-products" aria-label="Coffees">
            {products.map((product) => (
              <li key={product.name} className="demo-product">
                <h2>{product.name}</h2>
                <p>{product.notes}</p>
                <p className="demo-price">{price.format(product.price)}</p>
              </li>
            ))}
          </ul>
        </main>
      </RapportTheme>
    </RapportProvider>
  );
}
