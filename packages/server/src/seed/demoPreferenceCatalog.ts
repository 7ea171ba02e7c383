import type { PreferenceCatalogInput } from '@rapport/core';

/** The demo shop's preference catalog: four marketing topics and two required (transactional) ones. */
export const DEMO_PREFERENCE_CATALOG: PreferenceCatalogInput = {
  statement: 'Choose what Northwind Coffee Roasters sends you, and how. Nothing is on until you turn it on, and you can change your mind at any time.',
  channels: [
    { id: 'email', label: 'Email', description: 'To the address on your account. We ask you to confirm first.' },
    { id: 'sms', label: 'Text message', description: 'To your mobile number, never after 8 pm.' },
    { id: 'push', label: 'Push notification', description: 'On devices where you allowed notifications.' },
    { id: 'post', label: 'Post', description: 'To your delivery address.' },
  ],
  topics: [
    {
      id: 'newsletter',
      label: 'The Roast Report',
      description: 'Our newsletter: new single origins, brewing guides and stories from the farms we buy from.',
      channels: ['email', 'post'],
      required: false,
      frequencies: ['weekly', 'daily'],
    },
    {
      id: 'offers',
      label: 'Offers',
      description: 'Discounts, bundles and members-only prices.',
      channels: ['email', 'sms', 'push'],
      required: false,
      frequencies: ['immediately', 'daily', 'weekly'],
    },
    {
      id: 'product-updates',
      label: 'Product updates',
      description: 'When a coffee you bought is back in stock or a new roast lands.',
      channels: ['email', 'push'],
      required: false,
      frequencies: [],
    },
    {
      id: 'events',
      label: 'Events',
      description: 'Cuppings, tastings and open days at the roastery.',
      channels: ['email', 'sms', 'post'],
      required: false,
      frequencies: [],
    },
    {
      id: 'orders',
      label: 'Orders and receipts',
      description: 'Order confirmations, delivery updates and receipts. We need to send these to fulfil your orders.',
      channels: ['email'],
      required: true,
      frequencies: [],
    },
    {
      id: 'security',
      label: 'Account security',
      description: 'Sign-in codes and alerts about changes to your account. These keep your account safe.',
      channels: ['email', 'sms'],
      required: true,
      frequencies: [],
    },
  ],
};
