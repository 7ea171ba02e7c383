import { describe, expect, it } from 'vitest';
import { isRapportError, RapportError } from './RapportError.js';

describe('RapportError', () => {
  it('carries its code, status, issues, request id, Retry-After and cause', () => {
    const cause = new TypeError('fetch failed');
    const issues = [{ path: ['locale'], message: 'Not a BCP 47 language tag', code: 'custom' }];
    const error = new RapportError('refused', {
      code: 'origin_not_allowed',
      status: 403,
      issues,
      requestId: 'req_1',
      retryAfterSeconds: 2,
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'RapportError', message: 'refused', code: 'origin_not_allowed', status: 403, requestId: 'req_1' });
    expect(error.issues).toBe(issues);
    expect(error.retryAfterSeconds).toBe(2);
    expect(error.cause).toBe(cause);
    expect(Object.keys(error)).not.toContain('cause');
  });

  it('reads undefined for what the failure did not have', () => {
    const error = new RapportError('offline', { code: 'network' });
    expect([error.status, error.issues, error.requestId, error.retryAfterSeconds, error.cause]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect('cause' in error).toBe(false);
  });

  it('isRapportError matches the class and, when asked, the code', () => {
    const error = new RapportError('no', { code: 'unknown_publishable_key', status: 401 });
    expect(isRapportError(error)).toBe(true);
    expect(isRapportError(error, 'unknown_publishable_key')).toBe(true);
    expect(isRapportError(error, 'origin_not_allowed')).toBe(false);
    expect(isRapportError(new Error('no'))).toBe(false);
  });
});
