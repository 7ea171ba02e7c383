/**
 * SQL for the ids of a visitor's contacts: the contact itself and the anonymous contacts merged into it, so
 * what a visitor did before signing in still counts (and their replies still reach them) afterwards.
 * `site` and `contact` are the placeholders (`$1`) of the site id and the contact id.
 */
export function visitorContactIdsSql(site: string, contact: string): string {
  return `SELECT id FROM contacts WHERE site_id = ${site} AND (id = ${contact} OR merged_into_id = ${contact})`;
}
