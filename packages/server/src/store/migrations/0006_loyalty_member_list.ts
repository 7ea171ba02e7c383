import type { Migration } from './Migration.js';

/**
 * `GET /v1/admin/loyalty/members` pages a site's members newest first by `(joined_at, id)`: this index serves
 * that order and the keyset position, so a page reads only its own rows however many members the site has.
 */
export const migration0006LoyaltyMemberList: Migration = {
  id: 6,
  name: 'loyalty_member_list',
  statements: [`CREATE INDEX loyalty_accounts_joined_idx ON loyalty_accounts (site_id, joined_at DESC, id DESC)`],
};
