import type { QueueStats, ServiceView } from '@mediq/contracts';

/** A day's statistics: the institution's total and each service's. */
export interface DayStats {
  total: QueueStats;
  perService: Array<{ service: ServiceView; stats: QueueStats }>;
}

/** A CSV cell: empty for null, quoted when needed, and never read as a formula by a spreadsheet. */
function cell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV for the day: a row per service, then a row per hour. */
export function statsCsv({ total, perService }: DayStats): string {
  const lines: unknown[][] = [
    ['date', 'service', 'name', 'total', 'waiting', 'served', 'noShows', 'cancelled', 'transferred', 'averageWaitMinutes', 'averageServiceMinutes'],
  ];
  for (const { service, stats } of perService) {
    lines.push([stats.date, service.code, service.name, stats.total, stats.waiting, stats.served, stats.noShows, stats.cancelled, stats.transferred, stats.averageWaitMinutes, stats.averageServiceMinutes]);
  }
  lines.push([]);
  lines.push(['date', 'hour', 'issued', 'served']);
  for (const hour of total.perHour) lines.push([total.date, hour.hour, hour.issued, hour.served]);
  return lines.map((line) => line.map(cell).join(',')).join('\n') + '\n';
}
