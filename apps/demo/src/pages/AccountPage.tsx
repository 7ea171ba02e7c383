import { ContactOwnerBadge, LoyaltyCard, VisitorStatus } from '@rapport/widgets';

/**
 * The visitor's account page: who they are, their loyalty card (a sign-in invitation when anonymous) and, beside
 * it, their named contact person (or the team).
 */
export function AccountPage() {
  return (
    <>
      <h1>Your account</h1>
      <VisitorStatus />
      <div className="demo-account-cards">
        <LoyaltyCard className="demo-loyalty-card" />
        <section aria-labelledby="account-contact-title" className="demo-account-contact">
          <h2 id="account-contact-title">Your contact at Northwind</h2>
          <ContactOwnerBadge variant="card" />
        </section>
      </div>
    </>
  );
}
