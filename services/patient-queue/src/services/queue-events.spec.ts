import { positionsReached } from './queue-events';

describe('positionsReached', () => {
  it('announces the new head and the new fourth in line when the head leaves', () => {
    expect(positionsReached(0)).toEqual([
      { index: 0, type: 'ready' },
      { index: 3, type: 'almost-ready' },
    ]);
  });

  it('announces only the new fourth when someone within the first four leaves', () => {
    expect(positionsReached(2)).toEqual([{ index: 3, type: 'almost-ready' }]);
    expect(positionsReached(3)).toEqual([{ index: 3, type: 'almost-ready' }]);
  });

  it('announces nothing when someone further back leaves', () => {
    expect(positionsReached(4)).toEqual([]);
  });
});
