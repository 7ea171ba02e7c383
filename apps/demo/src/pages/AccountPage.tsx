import { VisitorStatus } from '@rapport/widgets';

/** The visitor's account page. */
export function AccountPage() {
  return (
    <>
      <h1>Your account</h1>
      <VisitorStatus />
    </>
  );
}
