import { describe, expect, it } from 'vitest';
import { OwnerAssignmentInputSchema, ShiftSchema, StaffInputSchema } from './owner.js';
import { FeedbackResponseUpdateSchema } from './feedbackAdmin.js';
import { OwnerBootstrapSchema } from './ownerVisitor.js';

const base = { displayName: 'Maya Patel', timeZone: 'Europe/London' };

describe('owner contract', () => {
  it('takes shift days by name or number (Sunday = 0), and HH:MM from 00:00 to 23:59', () => {
    expect(ShiftSchema.safeParse({ day: 'fri', start: '22:00', end: '06:00' }).success).toBe(true);
    expect(ShiftSchema.safeParse({ day: 0, start: '00:00', end: '23:59' }).success).toBe(true);
    expect(ShiftSchema.safeParse({ day: 7, start: '09:00', end: '17:00' }).success).toBe(false);
    expect(ShiftSchema.safeParse({ day: 'monday', start: '09:00', end: '17:00' }).success).toBe(false);
    expect(ShiftSchema.safeParse({ day: 'mon', start: '24:00', end: '17:00' }).success).toBe(false);
    expect(ShiftSchema.safeParse({ day: 'mon', start: '9:00', end: '17:00' }).success).toBe(false);
  });

  it('checks staff input: time zone, https links, out-of-office order, each visible field once, no unknown fields', () => {
    expect(StaffInputSchema.safeParse(base).success).toBe(true);
    expect(StaffInputSchema.safeParse({ ...base, timeZone: 'Europe/Atlantis' }).success).toBe(false);
    expect(StaffInputSchema.safeParse({ ...base, meetingUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(StaffInputSchema.safeParse({ ...base, chatUrl: 'http://chat.example.com' }).success).toBe(false);
    const ooo = { from: '2026-12-02T00:00:00Z', until: '2026-12-01T00:00:00Z' };
    expect(StaffInputSchema.safeParse({ ...base, outOfOffice: ooo }).error?.issues[0]?.path).toEqual(['outOfOffice', 'until']);
    expect(StaffInputSchema.safeParse({ ...base, visibleFields: ['email', 'email'] }).success).toBe(false);
    expect(StaffInputSchema.safeParse({ ...base, visibleFields: ['alias'] }).success).toBe(false);
    expect(StaffInputSchema.safeParse({ ...base, responseTime: { mode: 'measured', minutes: 5 } }).success).toBe(false);
    expect(StaffInputSchema.safeParse({ ...base, id: 'maya' }).success).toBe(false);
  });

  it('keeps staff ids slugs, and adds staffId to feedback replies as an optional field', () => {
    expect(OwnerAssignmentInputSchema.safeParse({ staffId: 'maya-patel' }).success).toBe(true);
    expect(OwnerAssignmentInputSchema.safeParse({ staffId: 'Maya Patel' }).success).toBe(false);
    expect(FeedbackResponseUpdateSchema.safeParse({ reply: 'Thanks' }).success).toBe(true);
    expect(FeedbackResponseUpdateSchema.safeParse({ reply: 'Thanks', staffId: 'maya' }).success).toBe(true);
  });

  it('describes the owner slot with absent (not null) private fields', () => {
    const slot = {
      enabled: true,
      owner: { id: 'own_1', name: 'Maya P.', initials: 'MP', channels: {} },
      availability: { state: 'away', until: null, nextAvailableAt: '2026-11-23T09:00:00.000Z', returnDate: null },
      covering: null,
      team: null,
      refreshAt: '2026-11-23T09:00:00.000Z',
    };
    expect(OwnerBootstrapSchema.safeParse(slot).success).toBe(true);
    expect(OwnerBootstrapSchema.safeParse({ ...slot, owner: { ...slot.owner, role: null } }).success).toBe(false);
  });
});
