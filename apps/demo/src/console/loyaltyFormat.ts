const integer = new Intl.NumberFormat('en-GB');
const signed = new Intl.NumberFormat('en-GB', { signDisplay: 'exceptZero' });
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** "1,200 Beans". */
export const formatPoints = (points: number, pointsName: string): string => `${integer.format(points)} ${pointsName}`;

/** "+125" / "-100": ledger entries are signed. */
export const formatSigned = (points: number): string => signed.format(points);

/** "23 Nov 2026, 09:30". */
export const formatWhen = (iso: string): string => dateTime.format(new Date(iso));

/** True while an entry is inside the approval window (not spendable yet) at `now` (ms). */
export const isPending = (availableAt: string, now: number): boolean => new Date(availableAt).getTime() > now;
