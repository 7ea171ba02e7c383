import { FeedbackSettingsSchema } from '@rapport/core/schemas';
import { getFeedbackSettings, putFeedbackSettings } from '../feedback/feedbackSettingsQueries.js';
import { defineRoute } from '../http/defineRoute.js';
import { API_PATHS } from './apiPaths.js';

const TAGS = ['admin', 'feedback'];

/** `GET /v1/admin/feedback/settings`: the site's feedback settings. */
export const getFeedbackSettingsRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.feedback.settings,
  operationId: 'getFeedbackSettings',
  summary: 'Get the site-wide feedback settings',
  tags: TAGS,
  responses: { 200: { description: 'The settings', schema: FeedbackSettingsSchema } },
  async handle(ctx) {
    return { status: 200, body: await getFeedbackSettings(ctx.db, ctx.site.id) };
  },
});

/** `PUT /v1/admin/feedback/settings`: replace the site's feedback settings. */
export const putFeedbackSettingsRoute = defineRoute({
  auth: 'admin',
  method: 'PUT',
  path: API_PATHS.feedback.settings,
  operationId: 'putFeedbackSettings',
  summary: 'Replace the site-wide feedback settings',
  description: '`globalCooldownDays`: days after any prompt was shown to a visitor before a trigger may show another (0 for none).',
  tags: TAGS,
  body: FeedbackSettingsSchema,
  idempotent: true,
  responses: { 200: { description: 'The settings now in force', schema: FeedbackSettingsSchema } },
  async handle(ctx) {
    return { status: 200, body: await putFeedbackSettings(ctx.db, ctx.site.id, ctx.body) };
  },
});
