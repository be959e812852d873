import { QueueContracts } from '@mediq/contracts';
import { randomUUID } from 'node:crypto';
import { operatorOf, QueueStack } from './support/queue-stack';

jest.setTimeout(60_000);

/** Nothing listens here: every Redis command fails at once, as when Redis is down. */
const UNREACHABLE_REDIS = 'redis://127.0.0.1:6399';

describe('queue with Redis down (MariaDB is the source of truth)', () => {
  const stack = new QueueStack({ REDIS_URL: UNREACHABLE_REDIS });

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('issues, calls and counts correctly from the database alone', async () => {
    const { institutionId, services } = await stack.createInstitution([{ code: 'R' }]);
    const serviceId = services[0].id;
    const operator = operatorOf(institutionId);
    const added = [];
    for (let i = 0; i < 3; i++) {
      added.push(
        await stack.rpc.call(
          QueueContracts.addToQueue,
          { institutionId, serviceId, patientUserId: randomUUID(), requestId: randomUUID(), source: 'OPERATOR' },
          { actor: { kind: 'system' } },
        ),
      );
    }
    expect(added.map((a) => a.ticket.displayNumber)).toEqual(['R-001', 'R-002', 'R-003']);
    const { ticket } = await stack.rpc.call(QueueContracts.getNext, { institutionId, serviceId, counter: 'L1' }, { actor: operator });
    expect(ticket!.id).toBe(added[0].ticket.id);
    const stats = await stack.rpc.call(QueueContracts.getStats, { institutionId }, { actor: operator });
    expect(stats).toMatchObject({ total: 3, waiting: 2, called: 1 });
    await stack.rpc.call(QueueContracts.cancel, { id: added[1].ticket.id }, { actor: operator });
    expect(await stack.rpc.call(QueueContracts.getStats, { institutionId }, { actor: operator })).toMatchObject({ waiting: 1, cancelled: 1 });
  });
});
