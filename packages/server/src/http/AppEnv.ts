/** Hono environment of the Rapport app. */
export interface AppEnv {
  Variables: {
    /** Id of this request, sent back in `x-request-id` and in error envelopes. */
    requestId: string;
  };
}
