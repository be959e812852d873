import { FormEvent, ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { QueueStats, ServiceView, TicketView, TicketWithPosition } from '@mediq/contracts';
import { api, ApiError } from '../../api';
import { PatientRecordPanel } from './PatientRecordPanel';
import { Alert, errorText, StaffLogin, TopBar } from '../../components/common';
import { useI18n } from '../../i18n';
import { useQueueSocket } from '../../realtime';
import { Session, useSession } from '../../session';
import { localDate, minutesSince } from '../../util';

interface Desk {
  serviceId: string;
  counter: string;
}

const DESK_KEY = 'mediq.operator.desk';
const STAFF_KEY = 'mediq.staff';

export function OperatorPage() {
  const { t } = useI18n();
  const session = useSession(sessionStorage, STAFF_KEY);
  if (!session.session) return <StaffLogin title={t('operator.title')} onSignedIn={session.signIn} />;
  return <OperatorConsole session={session} />;
}

function OperatorConsole({ session }: { session: Session }) {
  const { t } = useI18n();
  const user = session.session!.user;
  const institutionId = user.institutionId!;
  const [services, setServices] = useState<ServiceView[]>([]);
  const [desk, setDesk] = useState<Desk | null>(() => {
    const raw = sessionStorage.getItem(DESK_KEY);
    return raw ? (JSON.parse(raw) as Desk) : null;
  });

  useEffect(() => {
    void api.services(institutionId).then(setServices);
  }, [institutionId]);

  const chooseDesk = (next: Desk | null) => {
    if (next) sessionStorage.setItem(DESK_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(DESK_KEY);
    setDesk(next);
  };

  const signOut = (
    <button type="button" onClick={() => void session.signOut()}>
      {t('common.signOut')}
    </button>
  );

  if (!desk) return <DeskPicker services={services} onChoose={chooseDesk} signOut={signOut} />;
  return <ServiceDesk desk={desk} services={services} session={session} institutionId={institutionId} onChangeDesk={() => chooseDesk(null)} signOut={signOut} />;
}

function DeskPicker({ services, onChoose, signOut }: { services: ServiceView[]; onChoose: (desk: Desk) => void; signOut: ReactNode }) {
  const { t } = useI18n();
  const [serviceId, setServiceId] = useState('');
  const [counter, setCounter] = useState('Loket 1');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (serviceId && counter.trim()) onChoose({ serviceId, counter: counter.trim() });
  };
  return (
    <main className="page narrow">
      <TopBar title={t('operator.title')}>{signOut}</TopBar>
      <form className="card stack" onSubmit={submit}>
        <h2>{t('operator.choose')}</h2>
        <label>
          {t('common.service')}
          <select required value={serviceId} onChange={(event) => setServiceId(event.target.value)}>
            <option value="">—</option>
            {services.map((service) => (
              <option key={service.id} value={service.id}>
                {service.code} — {service.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('common.counter')}
          <input required maxLength={32} value={counter} onChange={(event) => setCounter(event.target.value)} />
        </label>
        <button type="submit" className="primary">
          {t('operator.start')}
        </button>
      </form>
    </main>
  );
}

interface DeskProps {
  desk: Desk;
  services: ServiceView[];
  session: Session;
  institutionId: string;
  onChangeDesk: () => void;
  signOut: ReactNode;
}

function ServiceDesk({ desk, services, session, institutionId, onChangeDesk, signOut }: DeskProps) {
  const { t } = useI18n();
  const { authed } = session;
  const [current, setCurrent] = useState<TicketView | null>(null);
  const [waiting, setWaiting] = useState<{ items: TicketWithPosition[]; count: number }>({ items: [], count: 0 });
  const [stats, setStats] = useState<QueueStats | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'info' | 'warning'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [transferTo, setTransferTo] = useState('');
  const [noShows, setNoShows] = useState<TicketView[]>([]);
  const [confirmingNoShow, setConfirmingNoShow] = useState(false);
  const [timeZone, setTimeZone] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const reloadTimer = useRef<number | null>(null);
  const service = services.find((s) => s.id === desk.serviceId);

  useEffect(() => {
    void api.institution(institutionId).then((institution) => setTimeZone(institution.timezone));
  }, [institutionId]);

  const reload = useCallback(async () => {
    try {
      // The operator's own patient (by user id, not by counter name: two operators may both be "Loket 1").
      const [line, mine, todayStats, noShowPage] = await Promise.all([
        authed((c) => api.waitingLine(c, institutionId, desk.serviceId)),
        authed((c) => api.myActiveTicket(c)),
        authed((c) => api.stats(c, { institutionId, serviceId: desk.serviceId })),
        timeZone
          ? authed((c) => api.tickets(c, { institutionId, serviceId: desk.serviceId, status: 'NO_SHOW', date: localDate(timeZone), pageSize: 100 }))
          : Promise.resolve(null),
      ]);
      // In the order call-next calls them (the service's priority lanes applied by the server).
      setWaiting({ items: line.items, count: line.waiting });
      setCurrent(mine.ticket);
      if (noShowPage) setNoShows([...noShowPage.items].sort((a, b) => (b.noShowAt ?? '').localeCompare(a.noShowAt ?? '')));
      setStats(todayStats);
      setNow(Date.now());
    } catch (e) {
      setMessage({ tone: 'error', text: errorText(t, e) });
    }
  }, [authed, institutionId, desk, t, timeZone]);

  const scheduleReload = useCallback(() => {
    if (reloadTimer.current !== null) return;
    reloadTimer.current = window.setTimeout(() => {
      reloadTimer.current = null;
      void reload();
    }, 150);
  }, [reload]);

  useEffect(() => {
    void reload();
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, [reload]);

  useQueueSocket(
    {
      token: session.session?.tokens.accessToken,
      subscriptions: [{ institutionId, serviceId: desk.serviceId }],
      onSynced: () => void reload(),
      handlers: { queue_update: scheduleReload },
    },
    [institutionId, desk.serviceId, session.session?.tokens.accessToken],
  );

  /** Runs one action; a conflict (another operator got there first) is a warning, not an error. */
  const act = async (action: () => Promise<TicketView | null | undefined>) => {
    setBusy(true);
    setMessage(null);
    setConfirmingNoShow(false);
    try {
      const ticket = await action();
      if (ticket !== undefined) setCurrent(ticket && ['CALLED', 'IN_PROGRESS'].includes(ticket.status) ? ticket : null);
    } catch (e) {
      setMessage({ tone: e instanceof ApiError && e.status === 409 ? 'warning' : 'error', text: errorText(t, e) });
    } finally {
      setBusy(false);
      void reload();
    }
  };

  const callNext = () =>
    act(async () => {
      const reply = await authed((c) => api.callNext(c, institutionId, desk.serviceId, desk.counter));
      if (!reply?.ticket) {
        setMessage({ tone: 'info', text: t('operator.nobodyWaiting') });
        return null;
      }
      return reply.ticket;
    });

  /** Calls the same patient again (board and phone announce it anew): back in line, then called at once. */
  const recall = async (ticket: TicketView) => {
    await authed((c) => api.setStatus(c, ticket.id, 'WAITING'));
    return authed((c) => api.callTicket(c, ticket.id, desk.counter));
  };

  const startService = () => current?.status === 'CALLED' && act(() => authed((c) => api.setStatus(c, current.id, 'IN_PROGRESS')));
  const finish = () => current?.status === 'IN_PROGRESS' && act(() => authed((c) => api.setStatus(c, current.id, 'COMPLETED')));
  const markNoShow = () => current?.status === 'CALLED' && act(() => authed((c) => api.setStatus(c, current.id, 'NO_SHOW')));
  const reinstate = (ticket: TicketView) =>
    act(async () => {
      await authed((c) => api.reinstate(c, ticket.id));
      setMessage({ tone: 'info', text: t('operator.reinstated', { number: ticket.displayNumber }) });
      return undefined;
    });

  // Shortcuts for the four main actions (not while typing in a field): N, M, S, T (T asks first).
  const shortcuts = useRef<(event: KeyboardEvent) => void>(() => undefined);
  shortcuts.current = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    if (busy || event.ctrlKey || event.metaKey || event.altKey || (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) return;
    const key = event.key.toLowerCase();
    if (key === 'escape') setConfirmingNoShow(false);
    else if (key === 'n') void callNext();
    else if (key === 'm') void startService();
    else if (key === 's') void finish();
    else if (key === 't' && current?.status === 'CALLED') setConfirmingNoShow(true);
    else return;
    event.preventDefault();
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => shortcuts.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const others = useMemo(() => services.filter((s) => s.id !== desk.serviceId), [services, desk.serviceId]);

  return (
    <main className="page operator">
      <TopBar title={`${t('operator.title')} — ${service ? `${service.code} ${service.name}` : ''} · ${desk.counter}`}>
        <button type="button" onClick={onChangeDesk}>
          {t('operator.change')}
        </button>
        {signOut}
      </TopBar>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <div className="operator-grid">
        <section className="card stack" aria-labelledby="current-title">
          <h2 id="current-title">{t('operator.current')}</h2>
          {current ? (
            <div className="current-ticket">
              <p className="ticket-number" data-testid="operator-current">
                {current.displayNumber}
              </p>
              <p>
                {t(`status.${current.status}`)} · {t(`priority.${current.priority}`)}
                {current.category && <> · {t(`category.${current.category}`)}</>}
              </p>
            </div>
          ) : (
            <p>{t('operator.none')}</p>
          )}
          <div className="row wrap">
            <button type="button" className="primary big" disabled={busy} aria-keyshortcuts="N" onClick={() => void callNext()}>
              {t('operator.callNext')} <kbd aria-hidden="true">N</kbd>
            </button>
            {current?.status === 'CALLED' && (
              <>
                <button type="button" className="big" disabled={busy} aria-keyshortcuts="M" onClick={() => void startService()}>
                  {t('operator.startService')} <kbd aria-hidden="true">M</kbd>
                </button>
                <button type="button" disabled={busy} onClick={() => void act(() => recall(current))}>
                  {t('operator.recall')}
                </button>
                <button type="button" disabled={busy || confirmingNoShow} aria-keyshortcuts="T" onClick={() => setConfirmingNoShow(true)}>
                  {t('operator.noShow')} <kbd aria-hidden="true">T</kbd>
                </button>
              </>
            )}
            {current?.status === 'IN_PROGRESS' && (
              <button type="button" className="big" disabled={busy} aria-keyshortcuts="S" onClick={() => void finish()}>
                {t('operator.finish')} <kbd aria-hidden="true">S</kbd>
              </button>
            )}
          </div>
          {confirmingNoShow && current?.status === 'CALLED' && (
            <div className="confirm" role="alertdialog" aria-labelledby="no-show-question" data-testid="no-show-confirm">
              <p id="no-show-question">{t('operator.noShowConfirm', { number: current.displayNumber })}</p>
              <div className="row">
                <button type="button" className="danger" autoFocus disabled={busy} onClick={() => void markNoShow()}>
                  {t('operator.noShowYes')}
                </button>
                <button type="button" onClick={() => setConfirmingNoShow(false)}>
                  {t('common.cancel')}
                </button>
              </div>
            </div>
          )}
          <p className="hint">{t('operator.shortcuts')}</p>
          {current && ['CALLED', 'IN_PROGRESS'].includes(current.status) && others.length > 0 && (
            <div className="row wrap">
              <label>
                {t('operator.transferTo')}{' '}
                <select value={transferTo} onChange={(event) => setTransferTo(event.target.value)}>
                  <option value="">—</option>
                  {others.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.code} — {s.name}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                disabled={busy || !transferTo}
                onClick={() =>
                  void act(async () => {
                    // One call: a refusal (full or closed poli, already queued there) changes nothing and shows why.
                    const moved = await authed((c) => api.transfer(c, current.id, transferTo));
                    const target = services.find((s) => s.id === transferTo);
                    setTransferTo('');
                    setMessage({ tone: 'info', text: t('operator.transferred', { from: moved.from.displayNumber, to: moved.to.displayNumber, service: target?.name ?? '' }) });
                    return null;
                  })
                }
              >
                {t('operator.transfer')}
              </button>
            </div>
          )}
        </section>

        {current && <PatientRecordPanel patientUserId={current.patientUserId} authed={authed} />}

        <section className="card stack" aria-labelledby="stats-title">
          <h2 id="stats-title">{t('operator.today')}</h2>
          {stats && (
            <dl className="stats">
              <div>
                <dt>{t('operator.total')}</dt>
                <dd>{stats.total}</dd>
              </div>
              <div>
                <dt>{t('operator.waitingCount')}</dt>
                <dd data-testid="stats-waiting">{stats.waiting}</dd>
              </div>
              <div>
                <dt>{t('operator.served')}</dt>
                <dd>{stats.served}</dd>
              </div>
              <div>
                <dt>{t('operator.noShows')}</dt>
                <dd>{stats.noShows}</dd>
              </div>
            </dl>
          )}
        </section>

        <section className="card stack wide" aria-labelledby="no-show-title" data-testid="no-show-list">
          <h2 id="no-show-title">
            {t('operator.noShowList')} ({noShows.length})
          </h2>
          {noShows.length === 0 ? (
            <p>{t('operator.noShowNone')}</p>
          ) : (
            <table className="table">
              <tbody>
                {noShows.map((ticket) => (
                  <tr key={ticket.id} data-testid="no-show-row">
                    <th scope="row">{ticket.displayNumber}</th>
                    <td>{t('operator.waitedFor', { n: minutesSince(ticket.queuedAt, now) })}</td>
                    <td>
                      <button type="button" disabled={busy} onClick={() => void reinstate(ticket)}>
                        {t('operator.reinstate')} {ticket.displayNumber}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section className="card stack wide" aria-labelledby="waiting-title">
          <h2 id="waiting-title">
            {t('operator.waitingList')} ({waiting.count})
          </h2>
          {waiting.count === 0 && <p>{t('operator.nobodyWaiting')}</p>}
          <table className="table">
            <tbody>
              {waiting.items.map((ticket) => (
                <tr key={ticket.id} data-testid="waiting-row">
                  <th scope="row">{ticket.displayNumber}</th>
                  <td>
                    <span className={`badge priority-${ticket.priority.toLowerCase()}`}>
                      {ticket.category ? t(`category.${ticket.category}`) : t(`priority.${ticket.priority}`)}
                    </span>
                  </td>
                  <td>{t('operator.waitedFor', { n: minutesSince(ticket.queuedAt, now) })}</td>
                  <td>
                    <button type="button" disabled={busy} onClick={() => void act(() => authed((c) => api.callTicket(c, ticket.id, desk.counter)))}>
                      {t('operator.call')} {ticket.displayNumber}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </main>
  );
}
