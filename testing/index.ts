// @rapport/testing: the helpers the browser packages' tests share (a path alias in tsconfig.base.json and
// vitest.config.ts; never published, never imported by a package's own source — eslint.config.js refuses it).
export { deferred } from './deferred.js';
export { installDialogStandIn } from './installDialogStandIn.js';
export { rapportWrapper, renderWithRapport } from './renderWithRapport.js';
export type { RenderWithRapportOptions } from './renderWithRapport.js';
export { admin } from './admin.js';
export type { AdminInit, AdminTarget } from './admin.js';
export { createTestServer } from './createTestServer.js';
export type { InProcessServer, SentRequest, TestClientOptions, TestNetwork, TestServer } from './createTestServer.js';
export { startInProcessServer } from './startInProcessServer.js';
export type { StartedServer } from './startInProcessServer.js';
export { createFeedbackTestServer } from './createFeedbackTestServer.js';
export type { FeedbackTestServer } from './createFeedbackTestServer.js';
export { award, putProgram, TEST_PROGRAM } from './loyaltyAdmin.js';
export { HOURS_WITH_LUNCH, OFFICE_HOURS, putOwnerSettings, putStaff, touch } from './ownerAdmin.js';
export { putCatalog, TEST_CATALOG } from './preferencesAdmin.js';
