import { appendOnlyTable } from './appendOnlyTable.js';
import type { Migration } from './Migration.js';

/**
 * Contact owners: staff (profile, hours, holidays and out-of-office as one JSON document), site owner settings,
 * the append-only assignment log and each contact's current owner. Feedback replies record the staff member
 * who sent them and when the first reply went out (the samples of the measured response time).
 */
export const migration0005Owners: Migration = {
  id: 5,
  name: 'owners',
  statements: [
    `CREATE TABLE staff (
      site_id text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      id text NOT NULL CHECK (id ~ '^[a-z0-9][a-z0-9_-]*$'),
      profile jsonb NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (site_id, id)
    )`,
    `CREATE TABLE owner_settings (
      site_id text PRIMARY KEY REFERENCES sites (id) ON DELETE CASCADE,
      round_robin boolean NOT NULL DEFAULT false,
      measured_response_time boolean NOT NULL DEFAULT false,
      team_name text,
      updated_at timestamptz NOT NULL
    )`,
    // Staff ids stay plain text here: history outlives the staff member it names.
    `CREATE TABLE owner_assignments (
      id text PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      site_id text NOT NULL REFERENCES sites (id),
      contact_id text NOT NULL REFERENCES contacts (id),
      staff_id text,
      method text NOT NULL CHECK (method IN ('first_touch', 'round_robin', 'manual', 'handover')),
      assigned_by text NOT NULL,
      note text,
      created_at timestamptz NOT NULL,
      CONSTRAINT owner_assignments_staff CHECK (staff_id IS NOT NULL OR method = 'handover')
    )`,
    `CREATE INDEX owner_assignments_contact_idx ON owner_assignments (contact_id, seq)`,
    `CREATE INDEX owner_assignments_staff_idx ON owner_assignments (site_id, staff_id, created_at DESC)`,
    ...appendOnlyTable('owner_assignments'),
    // One row per owned contact: the primary key makes "first touch owns" a race-free insert.
    `CREATE TABLE contact_owners (
      contact_id text PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
      site_id text NOT NULL,
      staff_id text NOT NULL,
      assignment_id text NOT NULL,
      assigned_at timestamptz NOT NULL,
      FOREIGN KEY (site_id, staff_id) REFERENCES staff (site_id, id)
    )`,
    `CREATE INDEX contact_owners_staff_idx ON contact_owners (site_id, staff_id)`,
    `ALTER TABLE feedback_responses ADD COLUMN replied_by text`,
    `ALTER TABLE feedback_responses ADD COLUMN first_replied_at timestamptz`,
    `CREATE INDEX feedback_responses_replied_by_idx ON feedback_responses (site_id, replied_by, first_replied_at DESC)
       WHERE replied_by IS NOT NULL`,
  ],
};
