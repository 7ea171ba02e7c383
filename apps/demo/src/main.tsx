import { createRapportClient } from '@rapport/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@rapport/widgets/styles.css';
import './demo.css';
import { App } from './App.js';
import { fetchConfig, fetchVisitorToken } from './demoApi.js';

const config = await fetchConfig();
const client = createRapportClient({
  baseUrl: config.apiBaseUrl,
  publishableKey: config.publishableKey,
  getVisitorToken: fetchVisitorToken,
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} config={config} />
  </StrictMode>,
);
