import type { PublicOwner } from '@rapport/core/schemas';
import { sha256Hex } from '../crypto/sha256.js';
import type { ResolvedResponseTime } from './responseTime.js';
import type { StaffRecord } from './staffQueries.js';

/** Up to two letters for an avatar: the first letters of the first and last words of `name`. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/u).filter((word) => /\p{L}|\p{N}/u.test(word));
  const first = words[0];
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letter = (word: string | undefined) => (word ? (Array.from(word).find((c) => /\p{L}|\p{N}/u.test(c)) ?? '') : '');
  return (letter(first) + letter(last)).toLocaleUpperCase();
}

/** The opaque id visitors see for a staff member: stable per site, and no name (the staff id may be one). */
export async function publicOwnerId(siteId: string, staffId: string): Promise<string> {
  return `own_${(await sha256Hex(`rapport-owner:${siteId}:${staffId}`)).slice(0, 24)}`;
}

/**
 * A staff member as visitors see them: the name (the alias when they have one, never both), initials, and
 * only the fields in their `visibleFields`. Fields not allowed are left out altogether, not sent as `null`.
 */
export async function toPublicOwner(
  staff: StaffRecord,
  input: { siteId: string; responseTime: ResolvedResponseTime | null },
): Promise<PublicOwner> {
  const show = new Set(staff.visibleFields);
  const name = staff.alias ?? staff.displayName;
  const channels: PublicOwner['channels'] = {};
  if (show.has('email') && staff.email) channels.email = staff.email;
  if (show.has('phone') && staff.phone) channels.phone = staff.phone;
  if (show.has('chat') && staff.chatUrl) channels.chatUrl = staff.chatUrl;
  if (show.has('meeting') && staff.meetingUrl) channels.meetingUrl = staff.meetingUrl;
  return {
    id: await publicOwnerId(input.siteId, staff.id),
    name,
    initials: initialsOf(name),
    ...(show.has('role') && staff.role ? { role: staff.role } : {}),
    ...(show.has('photo') && staff.photoUrl ? { photoUrl: staff.photoUrl } : {}),
    channels,
    ...(show.has('responseTime') && input.responseTime ? { responseTime: input.responseTime } : {}),
  };
}
