import type { QueueStats, ServiceView } from '@mediq/contracts';

/** A day's statistics: the institution's total and each service's. */
export interface DayStats {
  total: QueueStats;
  perService: Array<{ service: ServiceView; stats: QueueStats }>;
}

/** Excel in an Indonesian locale splits on `;` and reads a comma as the decimal mark; the BOM makes it read UTF-8. */
const SEPARATOR = ';';
const BOM = '\uFEFF';

/** A CSV cell: empty for null, a decimal comma for numbers, quoted when needed, and never read as a formula by a spreadsheet. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? String(value).replace('.', ',') : String(value);
  if (/^[=+\-@]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[";\n,]/.test(text) && typeof value !== 'number' ? `"${text.replace(/"/g, '""')}"` : text;
}

/** 2026-11-25 -> 25/11/2026, the way an Indonesian spreadsheet shows a date. */
export function localDateCell(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

/** One CSV for the day, for Excel in Indonesia: a row per service (lanes included), then a row per hour. */
export function statsCsv({ total, perService }: DayStats): string {
  const lines: unknown[][] = [
    [
      'Tanggal',
      'Kode layanan',
      'Nama layanan',
      'Total',
      'Menunggu',
      'Selesai',
      'Tidak hadir',
      'Dibatalkan',
      'Dipindahkan',
      'Rata-rata tunggu (menit)',
      'Rata-rata layanan (menit)',
      'Jalur prioritas',
      'Jalur umum',
      'Darurat',
    ],
  ];
  for (const { service, stats } of perService) {
    lines.push([
      localDateCell(stats.date),
      service.code,
      service.name,
      stats.total,
      stats.waiting,
      stats.served,
      stats.noShows,
      stats.cancelled,
      stats.transferred,
      stats.averageWaitMinutes,
      stats.averageServiceMinutes,
      stats.lanes?.PRIORITY.total ?? null,
      stats.lanes?.GENERAL.total ?? null,
      stats.lanes?.URGENT.total ?? null,
    ]);
  }
  lines.push([]);
  lines.push(['Tanggal', 'Jam', 'Nomor diambil', 'Selesai dilayani']);
  for (const hour of total.perHour) lines.push([localDateCell(total.date), `${hour.hour}:00`, hour.issued, hour.served]);
  return BOM + lines.map((line) => line.map(cell).join(SEPARATOR)).join('\r\n') + '\r\n';
}
