// `@rapport/server/demo`: the demo site "Northwind Coffee Roasters", for the demo app, examples and tests. Kept out
// of the main entry: a server for a business's own sites never loads it (`startServer` imports it only with `seed`).
export { seedDemoSite, DEMO_SITE_SLUG, DEMO_CONTACTS, DEFAULT_DEV_ORIGINS } from './seed/seedDemoSite.js';
export type { SeedDemoSiteOptions, SeedDemoSiteResult } from './seed/seedDemoSite.js';
export { DEMO_SURVEY_IDS } from './seed/demoSurveys.js';
