import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router';
import type { BoardTicket, CurrentQueueReply, InstitutionView, ServiceView } from '@mediq/contracts';
import { api } from '../../api';
import { Alert, errorText } from '../../components/common';
import { translate, useI18n } from '../../i18n';
import { useQueueSocket } from '../../realtime';
import { Announcer } from './announcer';
import { CallLog } from './call-log';

const NEXT_SHOWN = 4;

/** A board event from the relay: numbers only (see gateway/src/realtime/queue-rooms.ts). */
interface BoardEvent {
  type: string;
  serviceId: string;
  ticket: BoardTicket;
  waiting: number;
  occurredAt: string;
}

/** "Loket 2" stays as it is; a bare "2" is spoken as "loket 2". */
function counterPhrase(counter: string | null): string {
  if (!counter) return 'loket';
  const text = counter.trim();
  return /^\d+$/.test(text) ? `loket ${text}` : text.replace(/^loket\b/i, 'loket');
}

/** What the board shows for a counter: "Loket 4" for a bare "4", the name as given otherwise. */
function counterLabel(t: ReturnType<typeof useI18n>['t'], counter: string | null): string {
  if (!counter) return '';
  const text = counter.trim();
  return /^\d+$/.test(text) ? t('display.counterNumber', { n: text }) : text;
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
  const calls = useRef(new CallLog());
  const synced = useRef(false);

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

  const reload = useCallback(async (): Promise<CurrentQueueReply | null> => {
    if (!institution) return null;
    try {
      const reply = await api.board(institution.id);
      setBoard(reply);
      setError(null);
      return reply;
    } catch (e) {
      setError(errorText(t, e));
      return null;
    }
  }, [institution, t]);

  const announce = (number: string, counter: string | null) =>
    // The announcement is always in Indonesian: the waiting room's language.
    announcer.current.announce(translate('id', 'display.announce', { number, counter: counterPhrase(counter) }));

  /** After each (re)connect: the first time, what was called is history; after a blip, announce the calls of the last 2 minutes missed. */
  const resync = useCallback(async () => {
    const reply = await reload();
    if (!reply) return;
    if (!synced.current) {
      synced.current = true;
      calls.current.rememberAll(reply.recentCalls ?? []);
      return;
    }
    for (const missed of calls.current.missed(reply.recentCalls ?? [], reply.at)) announce(missed.displayNumber, missed.counter);
  }, [reload]);

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
      onSynced: () => void resync(),
      onConnectionChange: setConnected,
      handlers: {
        queue_update: () => scheduleReload(),
        queue_called: (event: BoardEvent) => {
          calls.current.heardLive(event.ticket.displayNumber, event.occurredAt);
          announce(event.ticket.displayNumber, event.ticket.counter);
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

  const newest = board?.recentCalls?.[0] ?? null;
  const recent = board?.recentCalls?.slice(1) ?? [];

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
      {newest && (
        <section className="newest-call" aria-labelledby="newest-call-title" aria-live="assertive" data-testid="newest-call">
          <h2 id="newest-call-title">{t('display.newestCall')}</h2>
          <p>
            <span className="newest-number">{newest.displayNumber}</span> <span className="newest-arrow">{t('display.goTo')}</span>{' '}
            <span className="newest-counter">{counterLabel(t, newest.counter)}</span>
          </p>
        </section>
      )}
      {recent.length > 0 && (
        <section className="recent-calls" aria-labelledby="recent-calls-title">
          <h2 id="recent-calls-title">{t('display.recentCalls')}</h2>
          <ol>
            {recent.map((call) => (
              <li key={`${call.displayNumber}-${call.calledAt}`} data-testid="recent-call">
                <span className="board-number">{call.displayNumber}</span> <span className="board-counter">{counterLabel(t, call.counter)}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
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
                    <span className="board-counter">{counterLabel(t, ticket.counter)}</span>
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
