import { RapportError, toIssues, type Transport } from '@rapport/core';
import type { AdminCallOptions, AdminOperation, AdminWriteOptions, OperationResult } from './AdminOperation.js';

interface ZodIssueLike {
  path: readonly PropertyKey[];
  message: string;
  code: string;
}

/** What a call sends besides its operation. */
export interface AdminCallInput {
  /** Path parameters by name. */
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  /** The write's own key (an order id), unless the caller passes one in the options. */
  idempotencyKey?: string;
}

/** Sends one admin operation: path and query built, input checked, idempotency key chosen, answer validated. */
export type AdminCall = <O extends AdminOperation>(
  operation: O,
  input?: AdminCallInput,
  options?: AdminWriteOptions | AdminCallOptions,
) => Promise<OperationResult<O>>;

function refuse(operation: AdminOperation, where: string, issues: readonly ZodIssueLike[]): RapportError {
  return new RapportError(`Invalid ${where} for ${operation.operationId}: ${issues.map((issue) => issue.message).join('; ')}`, {
    code: 'validation',
    issues: toIssues(issues.map((issue) => ({ ...issue, path: [where, ...issue.path] }))),
  });
}

function buildPath(operation: AdminOperation, params: Record<string, string> = {}): string {
  return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (typeof value !== 'string' || value.length === 0) {
      throw new RapportError(`${operation.operationId} needs a non-empty ${name}`, {
        code: 'validation',
        issues: [{ path: ['params', name], message: 'Required', code: 'invalid_type' }],
      });
    }
    return encodeURIComponent(value);
  });
}

function buildQuery(operation: AdminOperation, query: Record<string, unknown> = {}): string {
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) strings[name] = String(value);
  }
  if (operation.query) {
    const checked = operation.query.safeParse(strings);
    if (!checked.success) throw refuse(operation, 'query', checked.error.issues);
  }
  const search = new URLSearchParams(strings).toString();
  return search ? `?${search}` : '';
}

/** Builds the {@link AdminCall} of a client over its transport. */
export function createAdminCall(transport: Transport, createKey: () => string): AdminCall {
  return async (operation, input = {}, options = {}) => {
    const path = buildPath(operation, input.params) + buildQuery(operation, input.query);
    if (operation.body) {
      const checked = operation.body.safeParse(input.body);
      if (!checked.success) throw refuse(operation, 'body', checked.error.issues);
    }
    const headers = { ...options.headers };
    let idempotencyKey: string | undefined;
    if (operation.method !== 'GET') {
      const key = ('idempotencyKey' in options ? options.idempotencyKey : undefined) ?? input.idempotencyKey ?? createKey();
      // The transport retries a request that has an idempotency key: give it one only when a repeat is harmless.
      if (operation.retry === 'once') headers['idempotency-key'] = key;
      else idempotencyKey = key;
    }
    return transport({
      method: operation.method,
      path,
      schema: operation.response,
      ...(operation.body ? { body: input.body } : {}),
      ...(idempotencyKey ? { idempotencyKey } : {}),
      headers,
      ...(options.signal ? { signal: options.signal } : {}),
    }) as Promise<OperationResult<typeof operation>>;
  };
}
