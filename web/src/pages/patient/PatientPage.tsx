import { FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorCode, QUEUE_ALMOST_READY_AHEAD, type FollowedTicketView, type TicketStatus, type TicketWithPosition, type UserView } from '@mediq/contracts';
import { api, ApiError } from '../../api';
import { Alert, errorText, TopBar } from '../../components/common';
import { useI18n } from '../../i18n';
import { useQueueSocket } from '../../realtime';
import { Session, useSession } from '../../session';

const PATIENT_KEY = 'mediq.patient';

export function PatientPage() {
  const session = useSession(localStorage, PATIENT_KEY);
  const [params, setParams] = useSearchParams();
  const followToken = params.get('follow');
  // From the printed ticket's QR code: that ticket, live, without signing in.
  if (followToken && !session.session) {
    return <FollowedTicket followToken={followToken} onSignIn={() => setParams({})} />;
  }
  if (!session.session) return <PatientLogin session={session} />;
  return <PatientTickets session={session} user={session.session.user} />;
}

type FollowState = { kind: 'loading' } | { kind: 'ticket'; ticket: FollowedTicketView } | { kind: 'ended'; text: string } | { kind: 'error'; text: string };

/**
 * A ticket followed by its follow link: number, status, people ahead and ETA, updated live. Nothing
 * personal is shown or stored. A lost connection says so instead of showing a stale status.
 */
function FollowedTicket({ followToken, onSignIn }: { followToken: string; onSignIn: () => void }) {
  const { t } = useI18n();
  const [state, setState] = useState<FollowState>({ kind: 'loading' });
  const [connected, setConnected] = useState(true);
  const [ticketId, setTicketId] = useState<string | null>(null);
  const [place, setPlace] = useState<{ institutionId: string; serviceId: string; text: string } | null>(null);
  const lastStatus = useRef<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const ticket = await api.followTicket(followToken);
      if (ticket.status === 'CALLED' && lastStatus.current !== 'CALLED' && lastStatus.current !== null) alertPatient();
      lastStatus.current = ticket.status;
      setTicketId(ticket.ticketId);
      setState({ kind: 'ticket', ticket });
    } catch (e) {
      if (e instanceof ApiError && e.code === ErrorCode.FOLLOW_LINK_EXPIRED) {
        const status = typeof e.details?.status === 'string' ? t(`status.${e.details.status as TicketStatus}`) : '';
        setState({ kind: 'ended', text: t('patient.followEnded', { number: String(e.details?.displayNumber ?? ''), status: status.toLowerCase() }) });
      } else setState({ kind: 'error', text: errorText(t, e) });
    }
  }, [followToken, t]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // The facility and poli by name (public directory), fetched again only when a transfer moves the ticket.
  const shown = state.kind === 'ticket' ? state.ticket : null;
  useEffect(() => {
    if (!shown || (place && place.serviceId === shown.serviceId)) return;
    void Promise.all([api.institution(shown.institutionId), api.services(shown.institutionId, true)])
      .then(([institution, services]) => {
        const service = services.find((s) => s.id === shown.serviceId);
        setPlace({ institutionId: shown.institutionId, serviceId: shown.serviceId, text: [service?.name, institution.name].filter(Boolean).join(' · ') });
      })
      .catch(() => undefined);
  }, [shown, place]);

  useQueueSocket(
    {
      followToken,
      subscriptions: ticketId ? [{ ticketId }] : [],
      onSynced: () => void reload(),
      onConnectionChange: setConnected,
      handlers: {
        queue_update: () => void reload(),
        queue_almost_ready: () => void reload(),
        queue_ready: () => void reload(),
        queue_called: () => void reload(),
      },
    },
    [followToken, ticketId],
  );

  return (
    <main className="page narrow patient">
      <TopBar title={t('patient.followTitle')}>
        <button type="button" onClick={onSignIn}>
          {t('patient.followSignIn')}
        </button>
      </TopBar>
      <p className="hint">{t('patient.followHelp')}</p>
      {!connected && state.kind === 'ticket' && (
        <div className="banner banner-almost" role="status" data-testid="follow-lost">
          {t('patient.followLost')}
        </div>
      )}
      {state.kind === 'loading' && <p>{t('common.loading')}</p>}
      {state.kind === 'ended' && <Alert tone="info">{state.text}</Alert>}
      {state.kind === 'error' && <Alert>{state.text}</Alert>}
      {state.kind === 'ticket' && place && <p data-testid="follow-place">{place.text}</p>}
      {state.kind === 'ticket' && <TicketStatusCard ticket={state.ticket} />}
    </main>
  );
}

/** One ticket's number, status and where it stands. */
function TicketStatusCard({ ticket }: { ticket: Pick<FollowedTicketView, 'displayNumber' | 'status' | 'ahead' | 'etaMinutes' | 'counter' | 'category'> }) {
  const { t } = useI18n();
  return (
    <section className="card stack center" aria-label={ticket.displayNumber} data-testid="patient-ticket">
      <p className="ticket-number">{ticket.displayNumber}</p>
      <p className="badge">{t(`status.${ticket.status}`)}</p>
      {ticket.category && <p className="badge">{t(`category.${ticket.category}`)}</p>}
      {ticket.status === 'WAITING' && (
        <>
          <p className="ticket-position" data-testid="patient-ahead">
            {ticket.ahead === 0 ? t('patient.next') : t('patient.ahead', { n: ticket.ahead })}
          </p>
          <p>{t('patient.eta', { n: ticket.etaMinutes })}</p>
        </>
      )}
      {ticket.status === 'CALLED' && <p className="ticket-position">{t('patient.called', { counter: ticket.counter ?? '' })}</p>}
      {ticket.status === 'IN_PROGRESS' && <p>{t('patient.inProgress')}</p>}
    </section>
  );
}

function PatientLogin({ session }: { session: Session }) {
  const { t } = useI18n();
  const [nik, setNik] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      session.signIn(await api.loginPatient(nik.trim(), name.trim()));
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  return (
    <main className="page narrow">
      <TopBar title={t('patient.title')} />
      <form className="card stack" onSubmit={submit}>
        <p>{t('patient.loginHelp')}</p>
        <label>
          {t('field.nik')}
          <input inputMode="numeric" required pattern="\d{16}" maxLength={16} value={nik} onChange={(e) => setNik(e.target.value.replace(/\D/g, ''))} />
        </label>
        <label>
          {t('field.nama')}
          <input required autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        {error && <Alert>{error}</Alert>}
        <button type="submit" className="primary">
          {t('common.signIn')}
        </button>
      </form>
    </main>
  );
}

type Banner = { kind: 'almost' | 'called'; text: string } | null;

/** Beep and vibrate, where the device allows it. */
function alertPatient(): void {
  navigator.vibrate?.([300, 150, 300]);
  try {
    const audio = new AudioContext();
    const oscillator = audio.createOscillator();
    oscillator.frequency.value = 880;
    oscillator.connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.4);
  } catch {
    // no sound available
  }
}

function PatientTickets({ session, user }: { session: Session; user: UserView }) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const focusTicket = params.get('ticket');
  const [tickets, setTickets] = useState<TicketWithPosition[] | null>(null);
  const [banner, setBanner] = useState<Banner>(null);
  const [error, setError] = useState<string | null>(null);
  const previous = useRef(new Map<string, TicketWithPosition>());

  const reload = useCallback(async () => {
    try {
      const mine = await session.authed((c) => api.myQueue(c));
      setTickets(mine);
      setError(null);
      // A banner when a ticket reaches 3 ahead or is called, whichever event or reload noticed it.
      for (const ticket of mine) {
        const before = previous.current.get(ticket.id);
        if (ticket.status === 'CALLED' && before?.status !== 'CALLED') {
          setBanner({ kind: 'called', text: t('patient.called', { counter: ticket.counter ?? '' }) });
          alertPatient();
        } else if (ticket.status === 'WAITING' && ticket.ahead <= QUEUE_ALMOST_READY_AHEAD && (!before || before.ahead > QUEUE_ALMOST_READY_AHEAD)) {
          setBanner({ kind: 'almost', text: ticket.ahead === 0 ? t('patient.next') : t('patient.almost', { n: ticket.ahead }) });
          if (before) alertPatient();
        }
      }
      previous.current = new Map(mine.map((ticket) => [ticket.id, ticket]));
    } catch (e) {
      setError(errorText(t, e));
    }
  }, [session, t]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const active = tickets ?? [];
  const institutionIds = [...new Set(active.map((ticket) => ticket.institutionId))];
  // The ticket rooms bring "almost ready" and "called"; the public board room tells when the line moves.
  useQueueSocket(
    {
      token: session.session?.tokens.accessToken,
      subscriptions: [...active.map((ticket) => ({ ticketId: ticket.id })), ...institutionIds.map((institutionId) => ({ institutionId }))],
      onSynced: () => void reload(),
      handlers: {
        queue_update: () => void reload(),
        queue_almost_ready: () => void reload(),
        queue_ready: () => void reload(),
        queue_called: () => void reload(),
      },
    },
    [active.map((ticket) => ticket.id).join(','), session.session?.tokens.accessToken],
  );

  const ordered = [...active].sort((a, b) => Number(b.id === focusTicket) - Number(a.id === focusTicket));
  return (
    <main className="page narrow patient">
      <TopBar title={t('patient.title')}>
        <button type="button" onClick={() => void session.signOut()}>
          {t('common.signOut')}
        </button>
      </TopBar>
      <p>{user.name}</p>
      {banner && (
        <div className={`banner banner-${banner.kind}`} role="alert" data-testid="patient-banner">
          {banner.text}
        </div>
      )}
      {error && <Alert>{error}</Alert>}
      {tickets && tickets.length === 0 && <p>{t('patient.noTickets')}</p>}
      {ordered.map((ticket) => (
        <TicketStatusCard key={ticket.id} ticket={ticket} />
      ))}
    </main>
  );
}
