import { callOrder, nextLane, recentLanes } from './call-order';

const t = (id: string, priority: 'URGENT' | 'HIGH' | 'NORMAL' | 'LOW') => ({ id, priority });
const ids = (tickets: Array<{ id: string }>) => tickets.map((x) => x.id);

describe('call order with priority lanes', () => {
  const waiting = [t('u1', 'URGENT'), t('p1', 'HIGH'), t('p2', 'HIGH'), t('p3', 'HIGH'), t('g1', 'NORMAL'), t('g2', 'NORMAL'), t('g3', 'NORMAL'), t('g4', 'NORMAL'), t('l1', 'LOW')];

  it('is strict priority without a ratio', () => {
    expect(ids(callOrder(waiting, null, []))).toEqual(['u1', 'p1', 'p2', 'p3', 'g1', 'g2', 'g3', 'g4', 'l1']);
  });

  it('alternates 1 priority : 2 general while both lanes wait, URGENT first, then drains the lane left', () => {
    expect(ids(callOrder(waiting, { priority: 1, general: 2 }, []))).toEqual(['u1', 'p1', 'g1', 'g2', 'p2', 'g3', 'g4', 'p3', 'l1']);
  });

  it('continues from the calls already made today', () => {
    // One priority call then one general call were made: one more general call is due.
    expect(nextLane({ priority: 1, general: 2 }, ['GENERAL', 'PRIORITY'])).toBe('GENERAL');
    expect(nextLane({ priority: 1, general: 2 }, ['GENERAL', 'GENERAL', 'PRIORITY'])).toBe('PRIORITY');
    expect(nextLane({ priority: 2, general: 1 }, ['PRIORITY', 'GENERAL'])).toBe('PRIORITY');
    expect(ids(callOrder([t('p1', 'HIGH'), t('g1', 'NORMAL')], { priority: 1, general: 2 }, ['GENERAL', 'PRIORITY']))).toEqual(['g1', 'p1']);
  });

  it('reads the recent lanes newest first, leaving URGENT calls out', () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 1, minute));
    expect(
      recentLanes([
        { priority: 'HIGH', calledAt: at(1) },
        { priority: 'URGENT', calledAt: at(3) },
        { priority: 'NORMAL', calledAt: at(2) },
        { priority: 'LOW', calledAt: null },
      ]),
    ).toEqual(['GENERAL', 'PRIORITY']);
  });
});
