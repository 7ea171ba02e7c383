// A leaf module: the client, the feedback runtime and the trigger engine all name these events, and none of
// them may import another for it (that made an import cycle).

/** Events a client emits; listen with `RapportClient.on`. */
export interface RapportClientEvents {
  /** `client.track(name)`: a custom event from the host app (a survey may trigger on it). */
  track: { name: string };
  /** `client.feedback.show(surveyId?)`: "show now" from code. */
  show: { surveyId: string | null };
  /** `client.pageview()`: a single-page app moved to another page. */
  pageview: Record<string, never>;
}
