import { createRapportAdmin, RAPPORT_ADMIN_OPERATIONS } from '@rapport/node';
import { describe, expect, it } from 'vitest';
import { RAPPORT_ROUTES } from '../routes/index.js';
import { buildOpenApiDocument } from './buildOpenApiDocument.js';

// @rapport/node has one method per admin operation of the OpenAPI document, and names none that does not exist. Its
// own table says which method calls which operation; the nodeSdk suites call every method against the real app.

interface DocumentedOperation {
  operationId: string;
  tags?: string[];
}

const document = buildOpenApiDocument() as { paths: Record<string, Record<string, DocumentedOperation>> };
const documented = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ operationId: op.operationId, method: method.toUpperCase(), path, tags: op.tags ?? [] })),
);
const adminOperations = documented.filter((op) => op.path.startsWith('/v1/admin/'));
const sdk = RAPPORT_ADMIN_OPERATIONS;

describe('@rapport/node covers the admin API', () => {
  it('reads the admin operations from the document', () => {
    expect(adminOperations.length).toBeGreaterThan(40);
    expect(adminOperations.every((op) => op.tags.includes('admin'))).toBe(true);
  });

  it('has a method for every admin operation, at its method and path', () => {
    const missing = adminOperations.filter((op) => !sdk[op.operationId]).map((op) => op.operationId);
    expect(missing).toEqual([]);
    const moved = adminOperations
      .filter((op) => sdk[op.operationId] && (sdk[op.operationId]!.method !== op.method || sdk[op.operationId]!.path !== op.path))
      .map((op) => `${op.operationId}: ${op.method} ${op.path} in the document, ${sdk[op.operationId]!.method} ${sdk[op.operationId]!.path} in the SDK`);
    expect(moved).toEqual([]);
  });

  it('names no operation the API does not have', () => {
    const known = new Set(adminOperations.map((op) => op.operationId));
    expect(Object.keys(sdk).filter((id) => !known.has(id))).toEqual([]);
  });

  it('every entry of the table is a method of the client', () => {
    const admin = createRapportAdmin({ baseUrl: 'http://rapport.test', secretKey: 'sk_test', fetch: () => Promise.reject(new Error('not called')) });
    const notMethods = Object.values(sdk)
      .map((entry) => entry.sdkMethod)
      .filter((path) => {
        const [domain, method] = path.split('.') as [keyof typeof admin, string];
        return typeof (admin[domain] as Record<string, unknown> | undefined)?.[method] !== 'function';
      });
    expect(notMethods).toEqual([]);
  });

  it('retries a write by its Idempotency-Key exactly where the route stores answers by that key', () => {
    const keyedRoutes = RAPPORT_ROUTES.filter((route) => route.auth.kind === 'admin' && route.idempotent).map((route) => route.operationId);
    const keyedInSdk = Object.entries(sdk).filter(([, entry]) => entry.retry === 'key').map(([operationId]) => operationId);
    expect(keyedInSdk.sort()).toEqual(keyedRoutes.sort());
  });
});
