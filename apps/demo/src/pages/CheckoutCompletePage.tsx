import { useRapportClient } from '@rapport/react';
import { useEffect } from 'react';
import { Link } from '../router.js';

/**
 * The order confirmation. Tells Rapport a checkout happened (`client.track`): the business's NPS survey is
 * set to open on that event.
 */
export function CheckoutCompletePage() {
  const client = useRapportClient();
  useEffect(() => {
    client.track('checkout_completed');
  }, [client]);
  return (
    <>
      <h1>Thank you — your order is on its way</h1>
      <p>Order NW-10482 will be roasted on Monday and shipped by Wednesday.</p>
      <p>
        <Link href="/account">See your account</Link>
      </p>
    </>
  );
}
