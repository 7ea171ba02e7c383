import { PreferenceCenter } from '@rapport/widgets';

/** "Communication preferences": the visitor chooses what they hear about, and how. */
export function PreferencesPage() {
  return (
    <>
      <h1>Communication preferences</h1>
      <p>Choose what Northwind may send you and how. Nothing is switched on until you switch it on.</p>
      <PreferenceCenter messages={{ title: 'What Northwind sends you' }} />
    </>
  );
}
