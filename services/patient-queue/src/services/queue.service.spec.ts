import { DomainError } from '@mediq/common';
import { Actor, AddToQueueRequest, ErrorCode } from '@mediq/contracts';
import { QueueService } from './queue.service';

const kiosk: Actor = { kind: 'kiosk', kioskKeyId: 'k1', institutionId: 'i1' };
const request: AddToQueueRequest = { institutionId: 'i1', serviceId: 's1', patientUserId: 'p1', requestId: 'scan-12345678', source: 'KIOSK' };

function setup(overrides: { existing?: object | null; availability?: object } = {}) {
  const tickets = { findByRequestId: jest.fn().mockResolvedValue(overrides.existing ?? null), transaction: jest.fn() };
  const institutions = {
    availability: jest.fn().mockResolvedValue(
      overrides.availability ?? {
        institution: { id: 'i1', timezone: 'Asia/Jakarta', active: true },
        service: { id: 's1', name: 'Poli Umum', active: true, dailyQuota: null, averageServiceMinutes: 10, code: 'A' },
        open: false,
        reason: 'Poli Umum opens at 08:00',
        localDate: '2026-11-25',
      },
    ),
  };
  const positions = { describe: jest.fn(async (ticket: object) => ({ ...ticket, ahead: 2, etaMinutes: 20 })), minutesPerPatient: jest.fn() };
  const service = new QueueService(tickets as never, {} as never, {} as never, positions as never, institutions as never, {} as never);
  return { service, tickets, institutions };
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a failure');
}

describe('QueueService.add (collaborators stubbed)', () => {
  it('answers a known requestId with its ticket without asking the institution service again', async () => {
    const existing = { id: 't1', patientUserId: 'p1', institutionId: 'i1' };
    const { service, institutions, tickets } = setup({ existing });
    expect(await service.add(kiosk, request)).toEqual({ ticket: { ...existing, ahead: 2, etaMinutes: 20 }, created: false });
    expect(institutions.availability).not.toHaveBeenCalled();
    expect(tickets.transaction).not.toHaveBeenCalled();
  });

  it('refuses a requestId already used for someone else', async () => {
    const { service } = setup({ existing: { id: 't1', patientUserId: 'someone-else', institutionId: 'i1' } });
    expect((await failure(service.add(kiosk, request))).code).toBe(ErrorCode.CONFLICT);
  });

  it('refuses a closed service with the institution service reason', async () => {
    const { service, tickets } = setup();
    const error = await failure(service.add(kiosk, request));
    expect(error).toMatchObject({ code: ErrorCode.SERVICE_CLOSED, message: 'Poli Umum opens at 08:00' });
    expect(tickets.transaction).not.toHaveBeenCalled();
  });

  it('names missing and invalid fields', async () => {
    const { service } = setup();
    const missing = await failure(service.add(kiosk, { ...request, patientUserId: '', requestId: '' }));
    expect(missing).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, details: { fields: { patientUserId: 'required', requestId: 'required' } } });
    const invalid = await failure(service.add(kiosk, { ...request, priority: 'VIP' as never }));
    expect(invalid.details).toEqual({ fields: { priority: 'one of URGENT, HIGH, NORMAL, LOW' } });
  });

  it('lets only staff choose a priority other than NORMAL', async () => {
    const { service } = setup();
    expect((await failure(service.add(kiosk, { ...request, priority: 'URGENT' }))).code).toBe(ErrorCode.FORBIDDEN);
  });
});
