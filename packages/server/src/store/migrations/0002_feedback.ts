import type { Migration } from './Migration.js';

/**
 * Feedback: surveys, prompt events (displays and dismissals), responses with the business's reply and status,
 * and the site-wide global cooldown. Client-generated ids are unique per site: they are the idempotency keys.
 */
export const migration0002Feedback: Migration = {
  id: 2,
  name: 'feedback',
  statements: [
    `ALTER TABLE sites ADD COLUMN feedback_global_cooldown_days integer NOT NULL DEFAULT 0
       CHECK (feedback_global_cooldown_days BETWEEN 0 AND 365)`,
    // Feedback of an anonymous visitor follows them into the known contact they were merged into.
    `CREATE INDEX contacts_merged_into_idx ON contacts (merged_into_id) WHERE merged_into_id IS NOT NULL`,
    `CREATE TABLE surveys (
      id text PRIMARY KEY,
      site_id text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      status text NOT NULL CHECK (status IN ('draft', 'active', 'closed')),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('nps', 'csat', 'ces', 'thumbs', 'text')),
      question text NOT NULL,
      follow_ups jsonb NOT NULL DEFAULT '{}'::jsonb,
      text_max_length integer NOT NULL CHECK (text_max_length BETWEEN 1 AND 2000),
      thank_you text NOT NULL,
      placement text NOT NULL CHECK (placement IN ('inline', 'popover', 'tab')),
      triggers jsonb NOT NULL DEFAULT '[]'::jsonb,
      url_rules jsonb NOT NULL DEFAULT '[]'::jsonb,
      sample_percent double precision NOT NULL CHECK (sample_percent >= 0 AND sample_percent <= 100),
      recontact jsonb NOT NULL,
      allow_contact_request boolean NOT NULL DEFAULT false,
      starts_at timestamptz,
      ends_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT surveys_site_id_unique UNIQUE (site_id, id),
      CONSTRAINT surveys_window CHECK (starts_at IS NULL OR ends_at IS NULL OR ends_at > starts_at)
    )`,
    `CREATE INDEX surveys_site_newest_idx ON surveys (site_id, created_at DESC, id DESC)`,
    `CREATE TABLE feedback_events (
      site_id text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      id text NOT NULL,
      survey_id text NOT NULL,
      contact_id text NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
      type text NOT NULL CHECK (type IN ('display', 'dismiss')),
      source text NOT NULL CHECK (source IN ('trigger', 'code', 'tab')),
      request_hash text NOT NULL,
      occurred_at timestamptz NOT NULL,
      PRIMARY KEY (site_id, id),
      FOREIGN KEY (site_id, survey_id) REFERENCES surveys (site_id, id) ON DELETE CASCADE
    )`,
    `CREATE INDEX feedback_events_contact_idx ON feedback_events (site_id, contact_id, survey_id, occurred_at)`,
    `CREATE INDEX feedback_events_survey_displays_idx ON feedback_events (site_id, survey_id, occurred_at)
       WHERE type = 'display'`,
    `CREATE TABLE feedback_responses (
      site_id text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      id text NOT NULL,
      survey_id text NOT NULL,
      contact_id text NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
      request_hash text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('nps', 'csat', 'ces', 'thumbs', 'text')),
      score integer,
      band text CHECK (band IN ('negative', 'neutral', 'positive')),
      text text,
      contact_requested boolean NOT NULL DEFAULT false,
      page_url text,
      answered_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'acknowledged', 'resolved')),
      reply text,
      replied_at timestamptz,
      resolved_at timestamptz,
      reply_seen_at timestamptz,
      reply_acknowledged_at timestamptz,
      PRIMARY KEY (site_id, id),
      FOREIGN KEY (site_id, survey_id) REFERENCES surveys (site_id, id) ON DELETE CASCADE,
      CONSTRAINT feedback_responses_score_or_text CHECK (score IS NOT NULL OR kind = 'text'),
      CONSTRAINT feedback_responses_resolved CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
    )`,
    `CREATE INDEX feedback_responses_site_newest_idx ON feedback_responses (site_id, answered_at DESC, id DESC)`,
    `CREATE INDEX feedback_responses_survey_newest_idx ON feedback_responses (site_id, survey_id, answered_at DESC, id DESC)`,
    `CREATE INDEX feedback_responses_contact_idx ON feedback_responses (site_id, contact_id, survey_id)`,
    `CREATE INDEX feedback_responses_open_contact_requests_idx ON feedback_responses (site_id, answered_at DESC, id DESC)
       WHERE contact_requested AND status <> 'resolved'`,
  ],
};
