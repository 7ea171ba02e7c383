import { BootstrapResponseSchema, ContactPageSchema, ContactSchema, ContactUpsertSchema, ErrorEnvelopeSchema, PublicSiteSchema, TraitsSchema, ValidationIssueSchema, VisitorProfileUpdateSchema, VisitorSessionSchema } from '@rapport/core/schemas';
import type * as z from 'zod/mini';

/** Schemas the OpenAPI document names under `components.schemas`, as responses (what the server sends). */
export const RESPONSE_SCHEMAS: ReadonlyArray<readonly [string, z.ZodMiniType]> = [
  ['ErrorEnvelope', ErrorEnvelopeSchema],
  ['ValidationIssue', ValidationIssueSchema],
  ['PublicSite', PublicSiteSchema],
  ['VisitorSession', VisitorSessionSchema],
  ['BootstrapResponse', BootstrapResponseSchema],
  ['Traits', TraitsSchema],
  ['Contact', ContactSchema],
  ['ContactPage', ContactPageSchema],
];

/** Schemas the OpenAPI document names under `components.schemas`, as request bodies (what clients send). */
export const REQUEST_SCHEMAS: ReadonlyArray<readonly [string, z.ZodMiniType]> = [
  ['VisitorProfileUpdate', VisitorProfileUpdateSchema],
  ['ContactUpsert', ContactUpsertSchema],
];
