import {
  ContactOwnerSchema,
  OwnerAssignmentInputSchema,
  OwnerContactRequestGroupsSchema,
  OwnerSettingsSchema,
  StaffContactRequestsSchema,
  StaffInputSchema,
  StaffListSchema,
  StaffRemovalSchema,
  StaffSchema,
  TouchResultSchema,
  TouchSchema,
} from '@rapport/core/schemas';
import type * as z from 'zod/mini';
import { operation, type MethodsFor, type AdminCallOptions, type AdminWriteOptions } from './AdminOperation.js';
import type { AdminCall } from './createAdminCall.js';

const STAFF = '/v1/admin/staff';
const CONTACT_OWNER = '/v1/admin/contacts/{externalId}/owner';

/** The contact-owner operations, by SDK method name. */
export const ownersOperations = {
  listStaff: operation({ operationId: 'listStaff', method: 'GET', path: STAFF, response: StaffListSchema, retry: 'read' }),
  getStaff: operation({ operationId: 'getStaff', method: 'GET', path: `${STAFF}/{staffId}`, response: StaffSchema, retry: 'read' }),
  putStaff: operation({ operationId: 'putStaff', method: 'PUT', path: `${STAFF}/{staffId}`, body: StaffInputSchema, response: StaffSchema, retry: 'natural' }),
  removeStaff: operation({ operationId: 'removeStaff', method: 'DELETE', path: `${STAFF}/{staffId}`, response: StaffRemovalSchema, retry: 'once' }),
  getSettings: operation({ operationId: 'getOwnerSettings', method: 'GET', path: '/v1/admin/owner-settings', response: OwnerSettingsSchema, retry: 'read' }),
  putSettings: operation({
    operationId: 'putOwnerSettings',
    method: 'PUT',
    path: '/v1/admin/owner-settings',
    body: OwnerSettingsSchema,
    response: OwnerSettingsSchema,
    retry: 'natural',
  }),
  recordTouch: operation({ operationId: 'recordOwnerTouch', method: 'POST', path: '/v1/admin/touches', body: TouchSchema, response: TouchResultSchema, retry: 'once' }),
  getContactOwner: operation({ operationId: 'getContactOwner', method: 'GET', path: CONTACT_OWNER, response: ContactOwnerSchema, retry: 'read' }),
  assignContactOwner: operation({
    operationId: 'putContactOwner',
    method: 'PUT',
    path: CONTACT_OWNER,
    body: OwnerAssignmentInputSchema,
    response: ContactOwnerSchema,
    retry: 'once',
  }),
  listStaffContactRequests: operation({
    operationId: 'listStaffContactRequests',
    method: 'GET',
    path: `${STAFF}/{staffId}/contact-requests`,
    response: StaffContactRequestsSchema,
    retry: 'read',
  }),
  listContactRequests: operation({
    operationId: 'listContactRequestsByOwner',
    method: 'GET',
    path: '/v1/admin/owners/contact-requests',
    response: OwnerContactRequestGroupsSchema,
    retry: 'read',
  }),
} as const;

/** Staff, their hours and settings, who owns which contact, and the requests to be contacted per owner. */
export function createOwnersAdmin(call: AdminCall) {
  const ops = ownersOperations;
  return {
    /** Every staff member. */
    listStaff: (options?: AdminCallOptions) => call(ops.listStaff, {}, options),
    /** One staff member. */
    getStaff: (staffId: string, options?: AdminCallOptions) => call(ops.getStaff, { params: { staffId } }, options),
    /** Creates or replaces a staff member (their profile, channels, hours, holidays, backup). */
    putStaff: (staffId: string, staff: z.input<typeof StaffInputSchema>, options?: AdminWriteOptions) =>
      call(ops.putStaff, { params: { staffId }, body: staff }, options),
    /** Deactivates a staff member; their contacts go to their backup or back to the pool. Sent once, never retried. */
    removeStaff: (staffId: string, options?: AdminWriteOptions) => call(ops.removeStaff, { params: { staffId } }, options),
    /** How contacts get an owner (first touch, round robin, …). */
    getSettings: (options?: AdminCallOptions) => call(ops.getSettings, {}, options),
    /** Replaces the owner settings. */
    putSettings: (settings: z.input<typeof OwnerSettingsSchema>, options?: AdminWriteOptions) => call(ops.putSettings, { body: settings }, options),
    /** Records that a staff member replied to or served a contact (a first touch may make them the owner). Sent once. */
    recordTouch: (touch: z.input<typeof TouchSchema>, options?: AdminWriteOptions) => call(ops.recordTouch, { body: touch }, options),
    /** A contact's owner (`null` when none) and the assignment history. */
    getContactOwner: (externalId: string, options?: AdminCallOptions) => call(ops.getContactOwner, { params: { externalId } }, options),
    /** Makes a staff member the contact's owner (`PUT …/owner`). Sent once, never retried. */
    assignContactOwner: (externalId: string, assignment: z.input<typeof OwnerAssignmentInputSchema>, options?: AdminWriteOptions) =>
      call(ops.assignContactOwner, { params: { externalId }, body: assignment }, options),
    /** The open requests to be contacted of one staff member's contacts. */
    listStaffContactRequests: (staffId: string, options?: AdminCallOptions) => call(ops.listStaffContactRequests, { params: { staffId } }, options),
    /** The open requests to be contacted, grouped by owner. */
    listContactRequests: (options?: AdminCallOptions) => call(ops.listContactRequests, {}, options),
  } satisfies MethodsFor<typeof ops>;
}
