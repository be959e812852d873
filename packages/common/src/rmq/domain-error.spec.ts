import { ErrorCode } from '@mediq/contracts';
import { DATABASE_UNAVAILABLE_MESSAGE, DomainError, toRpcErrorReply } from './domain-error';

describe('toRpcErrorReply', () => {
  it('passes a DomainError through with its code, message and details', () => {
    expect(toRpcErrorReply(DomainError.validation('nik must be 16 digits', { nik: 'invalid' }))).toEqual({
      code: ErrorCode.VALIDATION_FAILED,
      message: 'nik must be 16 digits',
      details: { fields: { nik: 'invalid' } },
    });
  });

  it('answers a lost database as SERVICE_UNAVAILABLE, so callers get a 503 to retry rather than a 500', () => {
    const lost = new Error('Raw query failed. Code: `45009`. Message: `socket has unexpectedly been closed`');
    expect(toRpcErrorReply(lost)).toEqual({ code: ErrorCode.SERVICE_UNAVAILABLE, message: DATABASE_UNAVAILABLE_MESSAGE });
  });

  it('hides anything else behind INTERNAL without its text', () => {
    expect(toRpcErrorReply(new Error("Table 'mediq_queue.ticketz' doesn't exist"))).toEqual({ code: ErrorCode.INTERNAL, message: 'An unexpected error occurred' });
  });
});
