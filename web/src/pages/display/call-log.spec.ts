import type { BoardCall } from '@mediq/contracts';
import { CallLog } from './call-log';

const call = (displayNumber: string, calledAt: string): BoardCall => ({
  displayNumber,
  calledAt,
  serviceId: 's',
  status: 'CALLED',
  counter: 'Loket 1',
  priority: 'NORMAL',
  category: null,
});

describe('CallLog', () => {
  it('announces on reconnect the calls of the last 2 minutes it missed, oldest first, once each', () => {
    const log = new CallLog();
    log.rememberAll([call('A-001', '2026-12-07T02:00:00.000Z')]);
    log.heardLive('A-002', '2026-12-07T02:05:00.010Z');
    const board = [
      call('A-005', '2026-12-07T02:06:30.000Z'),
      call('A-004', '2026-12-07T02:06:00.000Z'),
      call('A-002', '2026-12-07T02:05:00.000Z'),
      call('A-003', '2026-12-07T02:04:00.000Z'),
    ];
    // A-003 is older than 2 minutes; A-002 was heard live.
    expect(log.missed(board, '2026-12-07T02:06:40.000Z').map((c) => c.displayNumber)).toEqual(['A-004', 'A-005']);
    expect(log.missed(board, '2026-12-07T02:06:50.000Z')).toEqual([]);
  });

  it('announces a recall of the same number again', () => {
    const log = new CallLog();
    log.heardLive('A-002', '2026-12-07T02:05:00.000Z');
    expect(log.missed([call('A-002', '2026-12-07T02:06:00.000Z')], '2026-12-07T02:06:10.000Z')).toHaveLength(1);
  });
});
