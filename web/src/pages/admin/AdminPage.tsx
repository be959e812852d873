import { FormEvent, lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { NavLink, Navigate, Route, Routes } from 'react-router';
import { WEEKDAYS, type InstitutionView, type IssuedKioskKey, type KioskKeyView, type ServiceView, type UserView } from '@mediq/contracts';
import { api } from '../../api';
import { Alert, errorText, StaffLogin, TopBar } from '../../components/common';
import { useI18n } from '../../i18n';
import { Session, useSession } from '../../session';
import { formatPeriods, parsePeriods, uuid } from '../../util';

/** Charts load only when the statistics tab is opened. */
const StatsPanel = lazy(() => import('./StatsPanel'));

const STAFF_KEY = 'mediq.staff';

export function AdminPage() {
  const { t } = useI18n();
  const session = useSession(sessionStorage, STAFF_KEY);
  if (!session.session) return <StaffLogin title={t('admin.title')} onSignedIn={session.signIn} />;
  return <AdminConsole session={session} />;
}

function AdminConsole({ session }: { session: Session }) {
  const { t } = useI18n();
  const institutionId = session.session!.user.institutionId!;
  const [institution, setInstitution] = useState<InstitutionView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  useEffect(() => {
    api.institution(institutionId).then(setInstitution, setLoadError);
  }, [institutionId]);
  const tabs = [
    ['profile', t('admin.profile')],
    ['services', t('admin.services')],
    ['staff', t('admin.staff')],
    ['kiosk-keys', t('admin.kioskKeys')],
    ['stats', t('admin.stats')],
  ] as const;
  return (
    <main className="page admin">
      <TopBar title={`${t('admin.title')}${institution ? ` — ${institution.name}` : ''}`}>
        <button type="button" onClick={() => void session.signOut()}>
          {t('common.signOut')}
        </button>
      </TopBar>
      <nav className="tabs" aria-label={t('admin.title')}>
        {tabs.map(([path, label]) => (
          <NavLink key={path} to={`/admin/${path}`}>
            {label}
          </NavLink>
        ))}
      </nav>
      {/* The routes render with the tabs, so the index redirect can never overtake a tab the person already chose. */}
      <Routes>
        <Route index element={<Navigate to="profile" replace />} />
        <Route path="*" element={null} />
      </Routes>
      {loadError ? (
        <Alert>{errorText(t, loadError)}</Alert>
      ) : !institution ? (
        <p>{t('common.loading')}</p>
      ) : (
        <Routes>
          <Route path="profile" element={<ProfilePanel session={session} institution={institution} onSaved={setInstitution} />} />
          <Route path="services" element={<ServicesPanel session={session} institution={institution} />} />
          <Route path="staff" element={<StaffPanel session={session} />} />
          <Route path="kiosk-keys" element={<KioskKeysPanel session={session} institution={institution} />} />
          <Route
            path="stats"
            element={
              <Suspense fallback={<p>{t('common.loading')}</p>}>
                <StatsPanel session={session} institution={institution} />
              </Suspense>
            }
          />
        </Routes>
      )}
    </main>
  );
}

function useMessage() {
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const view = message && <Alert tone={message.tone}>{message.text}</Alert>;
  return { setMessage, view };
}

function ProfilePanel({ session, institution, onSaved }: { session: Session; institution: InstitutionView; onSaved: (i: InstitutionView) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ name: institution.name, address: institution.address ?? '', city: institution.city ?? '', phone: institution.phone ?? '' });
  const { setMessage, view } = useMessage();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const saved = await session.authed((c) =>
        api.updateInstitution(c, { id: institution.id, name: form.name, address: form.address || undefined, city: form.city || undefined, phone: form.phone || undefined }),
      );
      onSaved(saved);
      setMessage({ tone: 'success', text: t('admin.saved') });
    } catch (e) {
      setMessage({ tone: 'error', text: errorText(t, e) });
    }
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label={t('admin.profile')}>
      <p>
        {t('admin.code')}: <strong>{institution.code}</strong> · {institution.type} · {institution.timezone}
      </p>
      {(['name', 'address', 'city', 'phone'] as const).map((key) => (
        <label key={key}>
          {t(`admin.${key}`)}
          <input value={form[key]} required={key === 'name'} onChange={(event) => setForm({ ...form, [key]: event.target.value })} />
        </label>
      ))}
      {view}
      <button type="submit" className="primary">
        {t('common.save')}
      </button>
    </form>
  );
}

function ServicesPanel({ session, institution }: { session: Session; institution: InstitutionView }) {
  const { t } = useI18n();
  const [services, setServices] = useState<ServiceView[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const load = useCallback(
    () =>
      void api.services(institution.id, true).then((list) => {
        setServices(list);
        setLoadError(null);
      }, setLoadError),
    [institution.id],
  );
  useEffect(load, [load]);
  return (
    <div className="stack">
      {loadError !== null && <Alert>{errorText(t, loadError)}</Alert>}
      {services.map((service) => (
        <ServiceEditor key={service.id} session={session} institution={institution} service={service} onSaved={load} />
      ))}
      <NewService session={session} institution={institution} onSaved={load} />
    </div>
  );
}

function ServiceEditor({ session, institution, service, onSaved }: { session: Session; institution: InstitutionView; service: ServiceView; onSaved: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState(service.name);
  const [quota, setQuota] = useState(service.dailyQuota?.toString() ?? '');
  const [minutes, setMinutes] = useState(String(service.averageServiceMinutes));
  const [minMinutes, setMinMinutes] = useState(String(service.minServiceMinutes));
  const [priorityCalls, setPriorityCalls] = useState(service.priorityLaneCalls?.toString() ?? '');
  const [generalCalls, setGeneralCalls] = useState(service.generalLaneCalls?.toString() ?? '');
  const [active, setActive] = useState(service.active);
  const [hours, setHours] = useState(() => Object.fromEntries(WEEKDAYS.map((day) => [day, formatPeriods(service.openingHours, day)])));
  const { setMessage, view } = useMessage();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const openingHours: ServiceView['openingHours'] = {};
    for (const day of WEEKDAYS) {
      const periods = parsePeriods(hours[day]);
      if (!periods) return setMessage({ tone: 'error', text: `${t(`admin.weekday.${day}`)}: ${t('admin.hoursHelp')}` });
      if (periods.length) openingHours[day] = periods;
    }
    try {
      await session.authed((c) =>
        api.updateService(c, {
          institutionId: institution.id,
          serviceId: service.id,
          name,
          dailyQuota: quota ? Number(quota) : null,
          averageServiceMinutes: Number(minutes),
          minServiceMinutes: Number(minMinutes),
          priorityLaneCalls: priorityCalls ? Number(priorityCalls) : null,
          generalLaneCalls: generalCalls ? Number(generalCalls) : null,
          openingHours,
          active,
        }),
      );
      setMessage({ tone: 'success', text: t('admin.saved') });
      onSaved();
    } catch (e) {
      setMessage({ tone: 'error', text: errorText(t, e) });
    }
  };
  const id = `service-${service.id}`;
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby={id}>
      <h2 id={id}>
        <span className="service-code">{service.code}</span> {service.name}
      </h2>
      <div className="row wrap">
        <label>
          {t('admin.name')}
          <input value={name} required onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('admin.quota')}
          <input type="number" min={1} value={quota} onChange={(e) => setQuota(e.target.value)} />
        </label>
        <label>
          {t('admin.avgMinutes')}
          <input type="number" min={1} required value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </label>
        <label>
          {t('admin.minMinutes')}
          <input type="number" min={1} max={120} required value={minMinutes} onChange={(e) => setMinMinutes(e.target.value)} />
        </label>
        <label>
          {t('admin.priorityCalls')}
          <input type="number" min={1} max={10} value={priorityCalls} onChange={(e) => setPriorityCalls(e.target.value)} />
        </label>
        <label>
          {t('admin.generalCalls')}
          <input type="number" min={1} max={10} value={generalCalls} onChange={(e) => setGeneralCalls(e.target.value)} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> {t('admin.active')}
        </label>
      </div>
      <p className="hint">{t('admin.laneHelp')}</p>
      <fieldset>
        <legend>
          {t('admin.hours')} <span className="hint">({t('admin.hoursHelp')})</span>
        </legend>
        <div className="hours-grid">
          {WEEKDAYS.map((day) => (
            <label key={day}>
              {t(`admin.weekday.${day}`)}
              <input value={hours[day]} onChange={(e) => setHours({ ...hours, [day]: e.target.value })} />
            </label>
          ))}
        </div>
      </fieldset>
      {view}
      <button type="submit" className="primary">
        {t('common.save')}
      </button>
    </form>
  );
}

function NewService({ session, institution, onSaved }: { session: Session; institution: InstitutionView; onSaved: () => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const { setMessage, view } = useMessage();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await session.authed((c) => api.createService(c, { institutionId: institution.id, code: code.toUpperCase(), name }));
      setCode('');
      setName('');
      onSaved();
    } catch (e) {
      setMessage({ tone: 'error', text: errorText(t, e) });
    }
  };
  return (
    <form className="card row wrap" onSubmit={submit} aria-label={t('admin.addService')}>
      <label>
        {t('admin.code')}
        <input required maxLength={3} pattern="[A-Za-z]{1,3}" value={code} onChange={(e) => setCode(e.target.value)} />
      </label>
      <label>
        {t('admin.name')}
        <input required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="submit">{t('admin.addService')}</button>
      {view}
    </form>
  );
}

function StaffPanel({ session }: { session: Session }) {
  const { t } = useI18n();
  const [staff, setStaff] = useState<UserView[]>([]);
  const [confirming, setConfirming] = useState<string | null>(null);
  /** A password reset being confirmed (user id), and the one-time password it gave, shown once. */
  const [confirmingReset, setConfirmingReset] = useState<string | null>(null);
  const [oneTime, setOneTime] = useState<{ name: string; password: string } | null>(null);
  const me = session.session!.user.id;
  const resetPassword = async (user: UserView) => {
    setConfirmingReset(null);
    try {
      const { temporaryPassword } = await session.authed((c) => api.resetStaffPassword(c, user.id));
      setOneTime({ name: user.name, password: temporaryPassword });
    } catch (e) {
      setMessage({ tone: 'error', text: errorText(t, e) });
    }
  };
  const setDisabled = async (user: UserView, disabled: boolean) => {
    setConfirming(null);
    try {
      await session.authed((c) => api.setUserDisabled(c, user.id, disabled));
      await load();
    } catch (e) {
      setMessage({ tone: 'error', text: errorText(t, e) });
    }
  };
  const [form, setForm] = useState({ role: 'OPERATOR' as 'OPERATOR' | 'ADMIN_FASKES', name: '', email: '', password: '' });
  const [requestKey, setRequestKey] = useState(uuid);
  const { setMessage, view } = useMessage();
  const load = useCallback(async () => {
    const [operators, admins] = await Promise.all([
      session.authed((c) => api.users(c, { role: 'OPERATOR', pageSize: 100 })),
      session.authed((c) => api.users(c, { role: 'ADMIN_FASKES', pageSize: 100 })),
    ]);
    setStaff([...admins.items, ...operators.items]);
  }, [session]);
  useEffect(() => void load().catch((e: unknown) => setMessage({ tone: 'error', text: errorText(t, e) })), [load, t, setMessage]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await session.authed((c) => api.createStaff(c, form, requestKey));
      setForm({ ...form, name: '', email: '', password: '' });
      setRequestKey(uuid());
      await load();
    } catch (e) {
      setMessage({ tone: 'error', text: errorText(t, e) });
    }
  };
  return (
    <div className="stack">
      <table className="table card">
        <thead>
          <tr>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('common.email')}</th>
            <th scope="col">{t('admin.role')}</th>
            <th scope="col">{t('admin.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('admin.disable')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {staff.map((user) => (
            <tr key={user.id} data-testid="staff-row" className={user.disabled ? 'disabled-account' : undefined}>
              <td>
                {user.name} {user.id === me && t('admin.you')}
              </td>
              <td>{user.email}</td>
              <td>{t(`role.${user.role}`)}</td>
              <td>{user.disabled ? t('admin.disabled') : t('admin.enabled')}</td>
              <td>
                {user.id === me ? null : user.disabled ? (
                  <button type="button" onClick={() => void setDisabled(user, false)}>
                    {t('admin.enable')} {user.name}
                  </button>
                ) : confirming === user.id ? (
                  <InlineConfirm
                    id={`disable-${user.id}`}
                    question={t('admin.disableConfirm', { name: user.name })}
                    yes={t('admin.disableYes')}
                    onYes={() => void setDisabled(user, true)}
                    onCancel={() => setConfirming(null)}
                  />
                ) : (
                  <button type="button" className="danger" onClick={() => setConfirming(user.id)}>
                    {t('admin.disable')} {user.name}
                  </button>
                )}
                {user.id !== me && !user.disabled && confirming !== user.id &&
                  (confirmingReset === user.id ? (
                    <InlineConfirm
                      id={`reset-${user.id}`}
                      question={t('admin.resetConfirm', { name: user.name })}
                      yes={t('admin.resetYes')}
                      onYes={() => void resetPassword(user)}
                      onCancel={() => setConfirmingReset(null)}
                    />
                  ) : (
                    <button type="button" onClick={() => setConfirmingReset(user.id)}>
                      {t('admin.resetPassword')} {user.name}
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {oneTime && (
        <div className="card stack issued-key" role="status" data-testid="one-time-password">
          <p>{t('admin.oneTimePassword', { name: oneTime.name })}</p>
          <code className="key">{oneTime.password}</code>
          <button type="button" onClick={() => setOneTime(null)}>
            {t('admin.oneTimeDone')}
          </button>
        </div>
      )}
      <form className="card row wrap" onSubmit={submit} aria-label={t('admin.addStaff')}>
        <label>
          {t('admin.role')}
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as typeof form.role })}>
            <option value="OPERATOR">{t('role.OPERATOR')}</option>
            <option value="ADMIN_FASKES">{t('role.ADMIN_FASKES')}</option>
          </select>
        </label>
        <label>
          {t('admin.name')}
          <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          {t('common.email')}
          <input type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        </label>
        <label>
          {t('common.password')}
          <input type="password" required minLength={12} autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        </label>
        <button type="submit">{t('admin.addStaff')}</button>
        {view}
      </form>
    </div>
  );
}

function KioskKeysPanel({ session, institution }: { session: Session; institution: InstitutionView }) {
  const { t } = useI18n();
  const [keys, setKeys] = useState<KioskKeyView[]>([]);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [label, setLabel] = useState('');
  const [issued, setIssued] = useState<IssuedKioskKey | null>(null);
  const { setMessage, view } = useMessage();
  const load = useCallback(async () => setKeys(await session.authed((c) => api.kioskKeys(c))), [session]);
  useEffect(() => void load().catch((e: unknown) => setMessage({ tone: 'error', text: errorText(t, e) })), [load, t, setMessage]);
  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await load();
    } catch (e) {
      setMessage({ tone: 'error', text: errorText(t, e) });
    }
  };
  // In the institution's time zone, whatever the administrator's computer is set to.
  const when = (iso: string | null) =>
    iso ? new Date(iso).toLocaleString(t.language === 'id' ? 'id-ID' : 'en-GB', { timeZone: institution.timezone, dateStyle: 'medium', timeStyle: 'short' }) : t('admin.never');
  const copy = async (key: string) => {
    try {
      await navigator.clipboard.writeText(key);
      setCopied(true);
    } catch {
      // No clipboard (plain HTTP): select the key so Ctrl+C copies it.
      const range = document.createRange();
      const node = document.querySelector('[data-testid="issued-key"]');
      if (node) {
        range.selectNodeContents(node);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
      }
    }
  };
  return (
    <div className="stack">
      <table className="table card">
        <thead>
          <tr>
            <th scope="col">{t('admin.label')}</th>
            <th scope="col">{t('admin.prefix')}</th>
            <th scope="col">{t('admin.lastUsed')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('admin.revoke')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id} data-testid="kiosk-key-row">
              <td>{key.label}</td>
              <td>
                <code>{key.prefix}…</code>
              </td>
              <td>{when(key.lastUsedAt)}</td>
              <td>
                {key.revokedAt ? (
                  `${t('admin.revoked')} ${when(key.revokedAt)}`
                ) : confirming === key.id ? (
                  <InlineConfirm
                    id={`revoke-${key.id}`}
                    question={t('admin.revokeConfirm', { label: key.label })}
                    yes={t('admin.revokeYes')}
                    onYes={() => {
                      setConfirming(null);
                      void run(() => session.authed((c) => api.revokeKioskKey(c, key.id)));
                    }}
                    onCancel={() => setConfirming(null)}
                  />
                ) : (
                  <button type="button" className="danger" onClick={() => setConfirming(key.id)}>
                    {t('admin.revoke')} {key.label}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="card row wrap"
        aria-label={t('admin.issue')}
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            setCopied(false);
            setIssued(await session.authed((c) => api.issueKioskKey(c, label)));
            setLabel('');
          });
        }}
      >
        <label>
          {t('admin.label')}
          <input required value={label} onChange={(e) => setLabel(e.target.value)} />
        </label>
        <button type="submit">{t('admin.issue')}</button>
      </form>
      {issued && (
        <div className="card stack issued-key" role="status">
          <p>{t('admin.newKey')}</p>
          <code className="key" data-testid="issued-key">
            {issued.key}
          </code>
          <button type="button" onClick={() => void copy(issued.key)}>
            {copied ? t('admin.copied') : t('admin.copy')}
          </button>
        </div>
      )}
      {view}
    </div>
  );
}

/** An irreversible action asked about in place: the question, a "yes" that acts, and cancel. */
function InlineConfirm({ id, question, yes, onYes, onCancel }: { id: string; question: string; yes: string; onYes: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div className="confirm" role="alertdialog" aria-labelledby={id}>
      <p id={id}>{question}</p>
      <div className="row">
        <button type="button" className="danger" autoFocus onClick={onYes}>
          {yes}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
