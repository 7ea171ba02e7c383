import type { Migration } from './Migration.js';

/**
 * Two invariants the application already keeps, now held by the database whatever a future path does:
 *
 * - A display opened by a trigger or by code is refused past the survey's `maxDisplays` for the visitor (the
 *   contact and the anonymous contacts merged into it; SQLSTATE 23514, constraint `feedback_events_display_cap`).
 *   The trigger locks the contact's row before counting, so concurrent inserts are counted one after another.
 *   Displays from the feedback tab and dismissals are never capped, as in the eligibility rules.
 * - A contact's current owner is always the one its assignment log says: `contact_owners` references the
 *   assignment (id, contact, staff) it came from. Checked at commit, since an owner row and its log line are
 *   written in either order inside one transaction. (At most one owner per contact is the primary key already.)
 */
export const migration0010DisplayCapOwnerHistory: Migration = {
  id: 10,
  name: 'display_cap_owner_history',
  statements: [
    `CREATE FUNCTION feedback_events_display_cap() RETURNS trigger LANGUAGE plpgsql AS $fn$
     DECLARE
       cap integer;
       shown integer;
     BEGIN
       IF NEW.type <> 'display' OR NEW.source = 'tab' THEN
         RETURN NEW;
       END IF;
       PERFORM 1 FROM contacts WHERE id = NEW.contact_id FOR NO KEY UPDATE;
       SELECT (recontact->>'maxDisplays')::integer INTO cap FROM surveys WHERE site_id = NEW.site_id AND id = NEW.survey_id;
       SELECT count(*) INTO shown FROM feedback_events
         WHERE site_id = NEW.site_id AND survey_id = NEW.survey_id AND type = 'display'
           AND contact_id IN (SELECT id FROM contacts WHERE site_id = NEW.site_id AND (id = NEW.contact_id OR merged_into_id = NEW.contact_id));
       IF cap IS NOT NULL AND shown >= cap THEN
         RAISE EXCEPTION 'display % of survey % to contact % would pass its cap of %', NEW.id, NEW.survey_id, NEW.contact_id, cap
           USING ERRCODE = 'check_violation', CONSTRAINT = 'feedback_events_display_cap', TABLE = 'feedback_events';
       END IF;
       RETURN NEW;
     END
     $fn$`,
    `CREATE TRIGGER feedback_events_display_cap BEFORE INSERT ON feedback_events
       FOR EACH ROW EXECUTE FUNCTION feedback_events_display_cap()`,
    `ALTER TABLE owner_assignments ADD CONSTRAINT owner_assignments_id_contact_staff UNIQUE (id, contact_id, staff_id)`,
    `ALTER TABLE contact_owners ADD CONSTRAINT contact_owners_assignment
       FOREIGN KEY (assignment_id, contact_id, staff_id) REFERENCES owner_assignments (id, contact_id, staff_id)
       DEFERRABLE INITIALLY DEFERRED`,
  ],
};
