import { LoyaltyCard, VisitorStatus } from '@rapport/widgets';

/** The visitor's account page: who they are and their loyalty card (a sign-in invitation when anonymous). */
export function AccountPage() {
  return (
    <>
      <h1>Your account</h1>
      <VisitorStatus />
      <LoyaltyCard className="demo-loyalty-card" />
    </>
  );
}
