import type { QueueStats, ServiceView } from '@mediq/contracts';
import { statsCsv } from './stats-csv';

const stats = (over: Partial<QueueStats>): QueueStats => ({
  institutionId: 'i1',
  serviceId: null,
  date: '2026-11-25',
  total: 0,
  waiting: 0,
  called: 0,
  inProgress: 0,
  served: 0,
  noShows: 0,
  cancelled: 0,
  transferred: 0,
  averageWaitMinutes: null,
  averageServiceMinutes: null,
  perHour: [],
  lanes: {
    URGENT: { total: 0, waiting: 0, served: 0, averageWaitMinutes: null },
    PRIORITY: { total: 0, waiting: 0, served: 0, averageWaitMinutes: null },
    GENERAL: { total: 0, waiting: 0, served: 0, averageWaitMinutes: null },
  },
  ...over,
});
const service = (code: string, name: string) => ({ id: code, code, name }) as ServiceView;

describe('statsCsv', () => {
  it('writes a row per service and per hour, with empty cells for missing averages', () => {
    const csv = statsCsv({
      total: stats({ perHour: [{ hour: '08', issued: 5, served: 3 }] }),
      perService: [{ service: service('A', 'Poli Umum'), stats: stats({ total: 5, served: 3, noShows: 1, averageWaitMinutes: 12.5 }) }],
    });
    expect(csv.split('\n')).toEqual([
      'date,service,name,total,waiting,served,noShows,cancelled,transferred,averageWaitMinutes,averageServiceMinutes',
      '2026-11-25,A,Poli Umum,5,0,3,1,0,0,12.5,',
      '',
      'date,hour,issued,served',
      '2026-11-25,08,5,3',
      '',
    ]);
  });

  it('quotes commas and quotes, and keeps a spreadsheet from reading names as formulas', () => {
    const csv = statsCsv({ total: stats({}), perService: [{ service: service('B', '=HYPERLINK("x"), gigi'), stats: stats({}) }] });
    expect(csv.split('\n')[1]).toBe(`2026-11-25,B,"'=HYPERLINK(""x""), gigi",0,0,0,0,0,0,,`);
  });
});
