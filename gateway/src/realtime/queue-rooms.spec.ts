import { QueueEvent } from '@mediq/contracts';
import { emissionsFor } from './queue-rooms';

const event = (type: QueueEvent['type']): QueueEvent =>
  ({
    eventId: 'e1',
    type,
    requestId: 'r1',
    occurredAt: '2026-11-25T01:00:00.000Z',
    institutionId: 'i1',
    serviceId: 's1',
    waiting: 4,
    ticket: { id: 't1', patientUserId: 'patient-1', displayNumber: 'A-007', serviceId: 's1', status: 'CALLED', counter: 'Loket 1', priority: 'NORMAL' },
  }) as QueueEvent;

describe('emissionsFor', () => {
  it('announces a call to the board (numbers only), the operators and the ticket holder', () => {
    const emissions = emissionsFor(event('called'));
    expect(emissions.filter((e) => e.event === 'queue_called').map((e) => e.room)).toEqual(['institution:i1', 'service:s1', 'ticket:t1', 'follow:t1']);
    expect(emissions.filter((e) => e.event === 'queue_update')).toHaveLength(4);
    for (const emission of emissions.filter((e) => e.room === 'institution:i1')) {
      expect(JSON.stringify(emission.payload)).not.toContain('patient-1');
      expect(emission.payload).toMatchObject({ ticket: { displayNumber: 'A-007', counter: 'Loket 1' } });
    }
  });

  it('sends "almost ready" and "ready" to the ticket holder, never to the board', () => {
    expect(emissionsFor(event('almost-ready')).map((e) => [e.room, e.event])).toEqual([
      ['ticket:t1', 'queue_almost_ready'],
      ['follow:t1', 'queue_almost_ready'],
      ['service:s1', 'queue_update'],
    ]);
    expect(emissionsFor(event('ready')).find((e) => e.room === 'ticket:t1')?.event).toBe('queue_ready');
  });

  it('tells phones following the ticket by its follow link where it stands, never whose it is', () => {
    for (const emission of emissionsFor(event('called')).filter((e) => e.room === 'follow:t1')) {
      expect(JSON.stringify(emission.payload)).not.toContain('patient-1');
      expect(emission.payload).toMatchObject({ type: 'called', ticket: { ticketId: 't1', displayNumber: 'A-007', counter: 'Loket 1', status: 'CALLED' } });
    }
  });

  it('sends other changes as updates only', () => {
    expect(new Set(emissionsFor(event('completed')).map((e) => e.event))).toEqual(new Set(['queue_update']));
  });
});
