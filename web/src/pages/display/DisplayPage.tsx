import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router';
import type { BoardTicket, CurrentQueueReply, InstitutionView, ServiceView } from '@mediq/contracts';
import { api } from '../../api';
import { Alert, errorText } from '../../components/common';
import { translate, useI18n } from '../../i18n';
import { useQueueSocket } from '../../realtime';
import { Announcer } from './announcer';

const NEXT_SHOWN = 4;

/** A board event from the relay: numbers only (see gateway/src/realtime/queue-rooms.ts). */
interface BoardEvent {
  type: string;
  serviceId: string;
  ticket: BoardTicket;
  waiting: number;
}

/** "Loket 2" stays as it is; a bare "2" is spoken as "loket 2". */
function counterPhrase(counter: string | null): string {
  if (!counter) return 'loket';
  const text = counter.trim();
  return /^\d+$/.test(text) ? `loket ${text}` : text.replace(/^loket\b/i, 'loket');
}

/**
 * The waiting-room TV: numbers now called per service and counter, the next few, live over
 * socket.io; announces each call by voice. Rebuilds everything from the API after each (re)connect.
 */
export function DisplayPage() {
  const { institutionCode = '' } = useParams();
  const { t } = useI18n();
  const [institution, setInstitution] = useState<InstitutionView | null>(null);
  const [services, setServices] = useState<ServiceView[]>([]);
  const [board, setBoard] = useState<CurrentQueueReply | null>(null);
  const [connected, setConnected] = useState(true);
  const [soundOn, setSoundOn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const announcer = useRef(new Announcer());
  const refreshTimer = useRef<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const found = (await api.searchInstitutions(institutionCode)).items.find((i) => i.code.toUpperCase() === institutionCode.toUpperCase());
        if (cancelled) return;
        if (!found) return setError(t('display.notFound', { code: institutionCode }));
        setInstitution(found);
        setServices(await api.services(found.id, true));
      } catch (e) {
        if (!cancelled) setError(errorText(t, e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [institutionCode, t]);

  const reload = useCallback(async () => {
    if (!institution) return;
    try {
      setBoard(await api.board(institution.id));
      setError(null);
    } catch (e) {
      setError(errorText(t, e));
    }
  }, [institution, t]);

  /** Several events in a burst cost one reload. */
  const scheduleReload = useCallback(() => {
    if (refreshTimer.current !== null) return;
    refreshTimer.current = window.setTimeout(() => {
      refreshTimer.current = null;
      void reload();
    }, 150);
  }, [reload]);

  useQueueSocket(
    {
      subscriptions: institution ? [{ institutionId: institution.id }] : [],
      onSynced: () => void reload(),
      onConnectionChange: setConnected,
      handlers: {
        queue_update: () => scheduleReload(),
        queue_called: (event: BoardEvent) => {
          // The announcement is always in Indonesian: the waiting room's language.
          announcer.current.announce(translate('id', 'display.announce', { number: event.ticket.displayNumber, counter: counterPhrase(event.ticket.counter) }));
          scheduleReload();
        },
      },
    },
    [institution?.id],
  );

  // Every active service has its panel, also before its first ticket of the day.
  const rows = useMemo(() => {
    const byService = new Map((board?.services ?? []).map((row) => [row.serviceId, row]));
    return services
      .filter((service) => service.active)
      .map((service) => ({ service, row: byService.get(service.id) ?? { serviceId: service.id, nowServing: [], next: [], waiting: 0 } }));
  }, [board, services]);

  return (
    <main className="display" aria-labelledby="display-title">
      <header className="display-header">
        <h1 id="display-title">{institution?.name ?? t('display.title')}</h1>
        <Clock timeZone={institution?.timezone} />
        {!soundOn && (
          <button
            type="button"
            className="sound-button"
            onClick={() => {
              announcer.current.enableSound();
              setSoundOn(true);
            }}
          >
            {t('display.enableSound')}
          </button>
        )}
      </header>
      {!connected && <Alert tone="warning">{t('display.offline')}</Alert>}
      {error && <Alert>{error}</Alert>}
      <div className="display-grid">
        {rows.map(({ service, row }) => {
          return (
            <section key={service.id} className="display-service" aria-label={service.name} data-service-code={service.code}>
              <h2>
                <span className="service-code">{service.code}</span> {service.name}
              </h2>
              <h3>{t('display.nowServing')}</h3>
              <ul className="now-serving" aria-live="polite">
                {row.nowServing.length === 0 && <li className="empty">{t('display.empty')}</li>}
                {row.nowServing.map((ticket) => (
                  <li key={ticket.displayNumber} data-testid="now-serving">
                    <span className="board-number">{ticket.displayNumber}</span>
                    <span className="board-counter">{ticket.counter}</span>
                  </li>
                ))}
              </ul>
              <h3>{t('display.next')}</h3>
              <ol className="next-list">
                {row.next.slice(0, NEXT_SHOWN).map((ticket) => (
                  <li key={ticket.displayNumber}>{ticket.displayNumber}</li>
                ))}
              </ol>
              <p className="waiting-count">{t('common.waiting', { n: row.waiting })}</p>
            </section>
          );
        })}
      </div>
    </main>
  );
}

function Clock({ timeZone }: { timeZone?: string }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 15_000);
    return () => window.clearInterval(timer);
  }, []);
  return <p className="clock">{now.toLocaleTimeString('id-ID', { timeZone, hour: '2-digit', minute: '2-digit' })}</p>;
}
