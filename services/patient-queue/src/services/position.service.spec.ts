import { estimateMinutes, etaMinutes, PositionService } from './position.service';

describe('PositionService', () => {
  const config = { QUEUE_SERVICE_TIME_WINDOW: 20, QUEUE_PACE_CACHE_MS: 5_000 } as never;

  it('multiplies people ahead by minutes per patient, rounded, and is never 0 with someone ahead', () => {
    expect(etaMinutes(0, 12)).toBe(0);
    expect(etaMinutes(3, 8)).toBe(24);
    expect(etaMinutes(3, 7.5)).toBe(23);
    expect(etaMinutes(1, 0.1)).toBe(1);
  });

  it('smooths recent service times with the configured minutes and keeps the configured minimum', () => {
    // No service yet: the configured minutes.
    expect(estimateMinutes({ total: 0, count: 0 }, 10, 2)).toBe(10);
    // One 6-second service while 3 wait does not make the estimate collapse.
    expect(estimateMinutes({ total: 0.1, count: 1 }, 10, 2)).toBeCloseTo(7.525);
    // Twenty 1-minute services: the learned pace, but not below the minimum of 4.
    expect(estimateMinutes({ total: 20, count: 20 }, 10, 4)).toBe(4);
  });

  it('asks for the last completed services, the configured minutes (or the ones given) and the minimum', async () => {
    const tickets = { recentServiceMinutes: jest.fn().mockResolvedValue({ total: 12, count: 1 }) };
    const institutions = { configuredMinutes: jest.fn().mockResolvedValue(4), minServiceMinutes: jest.fn().mockResolvedValue(2) };
    const positions = new PositionService(tickets as never, institutions as never, config);
    expect(await positions.minutesPerPatient('i', 's')).toBe(6);
    expect(await positions.minutesPerPatient('i', 's', 8)).toBe(9);
    expect(tickets.recentServiceMinutes).toHaveBeenCalledWith('i', 's', 20);
  });

  it('reads a service\'s pace once per QUEUE_PACE_CACHE_MS, and again at once after it completed a ticket here', async () => {
    const tickets = { recentServiceMinutes: jest.fn().mockResolvedValueOnce({ total: 12, count: 1 }).mockResolvedValueOnce({ total: 0, count: 0 }) };
    const institutions = { configuredMinutes: jest.fn().mockResolvedValue(4), minServiceMinutes: jest.fn().mockResolvedValue(2) };
    const positions = new PositionService(tickets as never, institutions as never, config);
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      await Promise.all([positions.minutesPerPatient('i', 's'), positions.minutesPerPatient('i', 's')]);
      now.mockReturnValue(1_004_999);
      expect(await positions.minutesPerPatient('i', 's')).toBe(6);
      expect(tickets.recentServiceMinutes).toHaveBeenCalledTimes(1);
      positions.forgetPace('s');
      expect(await positions.minutesPerPatient('i', 's')).toBe(4);
      expect(tickets.recentServiceMinutes).toHaveBeenCalledTimes(2);
    } finally {
      now.mockRestore();
    }
  });
});
