import type { RouteDefinition } from '../http/defineRoute.js';
import { bootstrapRoute } from './bootstrap.js';
import { getContactRoute, listContactsRoute, putContactRoute } from './contacts.js';
import { openApiRoute } from './openapi.js';
import { profileRoute } from './profile.js';

/**
 * Every route of the API. The app mounts exactly these and the OpenAPI document describes exactly these,
 * so the two cannot drift apart.
 */
export const RAPPORT_ROUTES: readonly RouteDefinition[] = [
  bootstrapRoute,
  profileRoute,
  listContactsRoute,
  getContactRoute,
  putContactRoute,
  openApiRoute,
];
