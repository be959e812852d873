import { etaMinutes, PositionService } from './position.service';

describe('PositionService', () => {
  const config = { QUEUE_SERVICE_TIME_WINDOW: 20 } as never;

  it('multiplies people ahead by minutes per patient, rounded to whole minutes', () => {
    expect(etaMinutes(0, 12)).toBe(0);
    expect(etaMinutes(3, 8)).toBe(24);
    expect(etaMinutes(3, 7.5)).toBe(23);
  });

  it('prefers the learned moving average and falls back to the configured minutes', async () => {
    const tickets = { recentServiceMinutes: jest.fn().mockResolvedValueOnce(6.5).mockResolvedValueOnce(null).mockResolvedValueOnce(null) };
    const institutions = { configuredMinutes: jest.fn().mockResolvedValue(15) };
    const positions = new PositionService(tickets as never, institutions as never, config);
    expect(await positions.minutesPerPatient('i', 's')).toBe(6.5);
    expect(await positions.minutesPerPatient('i', 's', 9)).toBe(9);
    expect(await positions.minutesPerPatient('i', 's')).toBe(15);
    expect(tickets.recentServiceMinutes).toHaveBeenCalledWith('i', 's', 20);
  });
});
