import { uniqueViolation } from './ticket.repository';

describe('uniqueViolation', () => {
  it('names the constraint of a model query (P2002) and of a plain statement (P2010), as the driver adapter reports them', () => {
    const cause = (index: string) => ({ driverAdapterError: { cause: { kind: 'UniqueConstraintViolation', constraint: { index } } } });
    expect(uniqueViolation({ code: 'P2002', meta: cause('tickets_requestId_key') })).toBe('tickets_requestId_key');
    expect(uniqueViolation({ code: 'P2010', meta: cause('tickets_servingOperatorId_key') })).toBe('tickets_servingOperatorId_key');
  });

  it('is null for anything else, a failed plain statement included', () => {
    expect(uniqueViolation({ code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'TransactionWriteConflict' } } } })).toBeNull();
    expect(uniqueViolation(new Error('Deadlock found when trying to get lock'))).toBeNull();
  });
});
