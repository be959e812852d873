import { computeStats } from './stats.service';

const at = (time: string) => new Date(`2026-11-25T${time}:00.000Z`);
const base = { timezone: 'Asia/Jakarta', calledAt: null, startedAt: null, completedAt: null, priority: 'NORMAL' as const };

describe('computeStats', () => {
  const scope = { institutionId: 'i1', serviceId: null, date: '2026-11-25' };

  it('counts statuses, averages waits and service times, and buckets by local hour', () => {
    const stats = computeStats(scope, [
      { ...base, status: 'WAITING', createdAt: at('01:10') },
      { ...base, status: 'CALLED', createdAt: at('01:20'), calledAt: at('01:30') },
      { ...base, status: 'COMPLETED', createdAt: at('01:00'), calledAt: at('01:20'), startedAt: at('01:21'), completedAt: at('01:33') },
      { ...base, status: 'COMPLETED', createdAt: at('02:00'), calledAt: at('02:30'), startedAt: at('02:30'), completedAt: at('02:36') },
      { ...base, status: 'NO_SHOW', createdAt: at('02:05'), calledAt: at('02:15') },
      { ...base, status: 'CANCELLED', createdAt: at('02:10') },
    ]);
    expect(stats).toMatchObject({ total: 6, waiting: 1, called: 1, inProgress: 0, served: 2, noShows: 1, cancelled: 1, transferred: 0 });
    // waits 10, 20, 30, 10 -> 17.5; service 12 and 6 -> 9
    expect(stats.averageWaitMinutes).toBe(17.5);
    expect(stats.averageServiceMinutes).toBe(9);
    expect(stats.perHour).toEqual([
      { hour: '08', issued: 3, served: 1 },
      { hour: '09', issued: 3, served: 1 },
    ]);
  });

  it('splits the day by lane: URGENT, PRIORITY (HIGH) and GENERAL (NORMAL, LOW)', () => {
    const stats = computeStats(scope, [
      { ...base, priority: 'HIGH', status: 'COMPLETED', createdAt: at('01:00'), calledAt: at('01:04'), startedAt: at('01:05'), completedAt: at('01:10') },
      { ...base, priority: 'HIGH', status: 'WAITING', createdAt: at('01:10') },
      { ...base, priority: 'LOW', status: 'CALLED', createdAt: at('01:00'), calledAt: at('01:30') },
      { ...base, status: 'WAITING', createdAt: at('01:20') },
    ]);
    expect(stats.lanes).toEqual({
      URGENT: { total: 0, waiting: 0, served: 0, averageWaitMinutes: null },
      PRIORITY: { total: 2, waiting: 1, served: 1, averageWaitMinutes: 4 },
      GENERAL: { total: 2, waiting: 1, served: 0, averageWaitMinutes: 30 },
    });
  });

  it('answers nulls and empty hours for a day without tickets', () => {
    expect(computeStats(scope, [])).toMatchObject({ total: 0, averageWaitMinutes: null, averageServiceMinutes: null, perHour: [] });
  });
});
