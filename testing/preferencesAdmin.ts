import type { PreferenceCatalog, PreferenceCatalogInput } from '@rapport/core';
import { admin, type AdminTarget } from './admin.js';

/** The catalog the preferences tests run against: two marketing topics and a required one. */
export const TEST_CATALOG: PreferenceCatalogInput = {
  statement: 'Choose what we may send you. You can change this at any time.',
  channels: [
    { id: 'email', label: 'Email' },
    { id: 'sms', label: 'Text message' },
  ],
  topics: [
    {
      id: 'newsletter',
      label: 'Newsletter',
      description: 'Our monthly letter from the roastery.',
      channels: ['email', 'sms'],
      required: false,
      frequencies: ['daily', 'weekly'],
    },
    { id: 'offers', label: 'Offers', description: 'Discounts and early access.', channels: ['email', 'sms'], required: false, frequencies: [] },
    { id: 'receipts', label: 'Receipts', description: 'Order confirmations and receipts.', channels: ['email'], required: true, frequencies: [] },
  ],
};

/** Replaces the site's preference catalog with the secret key (a wording change makes a new version). Test-only. */
export function putCatalog(server: AdminTarget, catalog: PreferenceCatalogInput = TEST_CATALOG): Promise<PreferenceCatalog> {
  return admin(server, '/preferences/catalog', { method: 'PUT', body: catalog });
}
