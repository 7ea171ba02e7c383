import type { PreferenceCatalog, PreferenceCatalogInput } from '@rapport/core';
import type { InProcessServer } from '../../../../../testing/createTestServer.js';

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
export async function putCatalog(
  server: Pick<InProcessServer, 'app'> & { seeded: { secretKey: string | null } },
  catalog: PreferenceCatalogInput = TEST_CATALOG,
): Promise<PreferenceCatalog> {
  const response = await server.app.request('http://rapport.test/v1/admin/preferences/catalog', {
    method: 'PUT',
    headers: { authorization: `Bearer ${server.seeded.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(catalog),
  });
  const payload = (await response.json()) as PreferenceCatalog;
  if (!response.ok) throw new Error(`PUT catalog: ${response.status} ${JSON.stringify(payload)}`);
  return payload;
}
