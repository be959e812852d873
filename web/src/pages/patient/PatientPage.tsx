import { FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { QUEUE_ALMOST_READY_AHEAD, type TicketWithPosition, type UserView } from '@mediq/contracts';
import { api } from '../../api';
import { Alert, errorText, TopBar } from '../../components/common';
import { useI18n } from '../../i18n';
import { useQueueSocket } from '../../realtime';
import { Session, useSession } from '../../session';

const PATIENT_KEY = 'mediq.patient';
const USED_LINK_KEY = 'mediq.patient.link';
/** The link's token is consumed once per page load, even if React runs the effect twice. */
let linkConsumed = false;

/** A short SHA-256 of the link's token, to recognise a QR code scanned twice without keeping the token. */
async function fingerprint(token: string): Promise<string> {
  if (!crypto.subtle) return token.slice(-16);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest).slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function PatientPage() {
  const { t } = useI18n();
  const session = useSession(localStorage, PATIENT_KEY);
  const [linkError, setLinkError] = useState<string | null>(null);
  const [linkChecked, setLinkChecked] = useState(false);

  // Arriving from the kiosk's QR code: the fragment carries the patient's refresh token. It is used
  // once (the server rotates it) and removed from the address bar.
  useEffect(() => {
    const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
    if (!token || linkConsumed) return setLinkChecked(true);
    linkConsumed = true;
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    (async () => {
      const print = await fingerprint(token);
      if (localStorage.getItem(USED_LINK_KEY) === print && session.session) return;
      try {
        const tokens = await api.refresh(token);
        const user = await api.me({ accessToken: tokens.accessToken });
        localStorage.setItem(USED_LINK_KEY, print);
        session.save({ tokens, user });
      } catch (e) {
        setLinkError(errorText(t, e));
      }
    })().finally(() => setLinkChecked(true));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (!linkChecked) return <main className="page narrow">{t('common.loading')}</main>;
  if (!session.session) return <PatientLogin session={session} initialError={linkError} />;
  return <PatientTickets session={session} user={session.session.user} />;
}

function PatientLogin({ session, initialError }: { session: Session; initialError: string | null }) {
  const { t } = useI18n();
  const [nik, setNik] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(initialError);
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
        <section key={ticket.id} className="card stack center" aria-label={ticket.displayNumber} data-testid="patient-ticket">
          <p className="ticket-number">{ticket.displayNumber}</p>
          <p className="badge">{t(`status.${ticket.status}`)}</p>
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
      ))}
    </main>
  );
}
