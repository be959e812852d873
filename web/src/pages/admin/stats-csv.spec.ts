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
  it('writes Indonesian Excel CSV: BOM, ; separator, Indonesian headers, dd/mm/yyyy dates, decimal commas, empty cells for missing averages', () => {
    const csv = statsCsv({
      total: stats({ perHour: [{ hour: '08', issued: 5, served: 3 }] }),
      perService: [{ service: service('A', 'Poli Umum'), stats: stats({ total: 5, served: 3, noShows: 1, averageWaitMinutes: 12.5 }) }],
    });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Tanggal;Kode layanan;Nama layanan;Total;Menunggu;Selesai;Tidak hadir;Dibatalkan;Dipindahkan;Rata-rata tunggu (menit);Rata-rata layanan (menit);Jalur prioritas;Jalur umum;Darurat',
      '25/11/2026;A;Poli Umum;5;0;3;1;0;0;12,5;;0;0;0',
      '',
      'Tanggal;Jam;Nomor diambil;Selesai dilayani',
      '25/11/2026;08:00;5;3',
      '',
    ]);
  });

  it('quotes separators and quotes, and keeps a spreadsheet from reading names as formulas', () => {
    const csv = statsCsv({ total: stats({}), perService: [{ service: service('B', '=HYPERLINK("x"); gigi'), stats: stats({}) }] });
    expect(csv.split('\r\n')[1]).toBe(`25/11/2026;B;"'=HYPERLINK(""x""); gigi";0;0;0;0;0;0;;;0;0;0`);
  });
});
