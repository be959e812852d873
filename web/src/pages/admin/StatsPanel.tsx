import { useEffect, useState } from 'react';
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import type { InstitutionView } from '@mediq/contracts';
import { api } from '../../api';
import { Alert, errorText } from '../../components/common';
import { useI18n } from '../../i18n';
import { Session } from '../../session';
import { localDate } from '../../util';
import { DayStats, statsCsv } from './stats-csv';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

const COLOURS = ['#0b6e4f', '#f2a541', '#3a86ff', '#d62828'];

export default function StatsPanel({ session, institution }: { session: Session; institution: InstitutionView }) {
  const { t } = useI18n();
  const [date, setDate] = useState(() => localDate(institution.timezone));
  const [data, setData] = useState<DayStats | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const services = await api.services(institution.id, true);
        const [total, ...each] = await Promise.all([
          session.authed((c) => api.stats(c, { institutionId: institution.id, date })),
          ...services.map((service) => session.authed((c) => api.stats(c, { institutionId: institution.id, serviceId: service.id, date }))),
        ]);
        if (!cancelled) setData({ total, perService: services.map((service, i) => ({ service, stats: each[i] })) });
        setError(null);
      } catch (e) {
        if (!cancelled) setError(errorText(t, e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [session, institution, date, t]);

  const download = () => {
    if (!data) return;
    const url = URL.createObjectURL(new Blob([statsCsv(data)], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `mediq-${institution.code}-${date}.csv`;
    link.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };

  const labels = data?.perService.map(({ service }) => service.code) ?? [];
  return (
    <div className="stack">
      <div className="card row wrap">
        <label>
          {t('admin.date')}
          <input type="date" value={date} max={localDate(institution.timezone)} onChange={(event) => event.target.value && setDate(event.target.value)} />
        </label>
        <button type="button" onClick={download} disabled={!data}>
          {t('admin.exportCsv')}
        </button>
      </div>
      {error && <Alert>{error}</Alert>}
      {data && (
        <div className="chart-grid">
          <figure className="card">
            <figcaption>{t('admin.perHour')}</figcaption>
            <Bar
              role="img"
              aria-label={t('admin.perHour')}
              data={{
                labels: data.total.perHour.map((h) => h.hour),
                datasets: [
                  { label: t('admin.issued'), data: data.total.perHour.map((h) => h.issued), backgroundColor: COLOURS[0] },
                  { label: t('admin.servedHour'), data: data.total.perHour.map((h) => h.served), backgroundColor: COLOURS[1] },
                ],
              }}
              options={{ animation: false, responsive: true, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }}
            />
          </figure>
          <figure className="card">
            <figcaption>
              {t('admin.avgWait')} / {t('admin.avgService')}
            </figcaption>
            <Bar
              role="img"
              aria-label={`${t('admin.avgWait')} / ${t('admin.avgService')}`}
              data={{
                labels,
                datasets: [
                  { label: t('admin.avgWait'), data: data.perService.map(({ stats }) => stats.averageWaitMinutes ?? 0), backgroundColor: COLOURS[2] },
                  { label: t('admin.avgService'), data: data.perService.map(({ stats }) => stats.averageServiceMinutes ?? 0), backgroundColor: COLOURS[0] },
                ],
              }}
              options={{ animation: false, responsive: true, scales: { y: { beginAtZero: true } } }}
            />
          </figure>
          <figure className="card">
            <figcaption>{t('admin.noShowsChart')}</figcaption>
            <Bar
              role="img"
              aria-label={t('admin.noShowsChart')}
              data={{ labels, datasets: [{ label: t('admin.noShowsChart'), data: data.perService.map(({ stats }) => stats.noShows), backgroundColor: COLOURS[3] }] }}
              options={{ animation: false, responsive: true, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }}
            />
          </figure>
        </div>
      )}
    </div>
  );
}
