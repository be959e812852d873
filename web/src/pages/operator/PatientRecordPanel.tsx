import { FormEvent, ReactNode, useCallback, useEffect, useState } from 'react';
import type { CorrectIdentityRequest, IdentityField, PatientRecordView, UserView } from '@mediq/contracts';
import { api, Credentials } from '../../api';
import { Alert, errorText } from '../../components/common';
import { useI18n } from '../../i18n';

type Authed = <T>(call: (credentials: Credentials) => Promise<T>) => Promise<T>;

/**
 * The called patient's identity for the operator: what the record says, what a kiosk card said
 * differently (review flags), the record's history, and a correction with a reason. A patient's
 * identity changes here and nowhere else.
 */
export function PatientRecordPanel({ patientUserId, authed }: { patientUserId: string; authed: Authed }) {
  const { t } = useI18n();
  const [patient, setPatient] = useState<UserView | null>(null);
  const [record, setRecord] = useState<PatientRecordView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const load = useCallback(async () => {
    try {
      const [user, view] = await Promise.all([authed((c) => api.patient(c, patientUserId)), authed((c) => api.patientRecord(c, patientUserId))]);
      setPatient(user);
      setRecord(view);
      setError(null);
    } catch (e) {
      setError(errorText(t, e));
    }
  }, [authed, patientUserId, t]);

  useEffect(() => {
    setSaved(false);
    void load();
  }, [load]);

  const correct = async (request: Omit<CorrectIdentityRequest, 'id'>) => {
    setError(null);
    setSaved(false);
    try {
      const reply = await authed((c) => api.correctIdentity(c, { ...request, id: patientUserId }));
      setPatient(reply.user);
      setRecord(reply);
      setSaved(true);
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  const fieldName = (field: string) => (['name', 'birthDate', 'gender', 'birthPlace'].includes(field) ? t(`record.field.${field as IdentityField}`) : field);
  const shown = (field: string, value: string | null) => (value && field === 'gender' ? t(`record.gender.${value as 'MALE' | 'FEMALE'}`) : (value ?? '—'));

  return (
    <section className="card stack" aria-labelledby="patient-record-title" data-testid="patient-record">
      <h2 id="patient-record-title">{t('record.title')}</h2>
      {error && <Alert>{error}</Alert>}
      {saved && <Alert tone="success">{t('record.saved')}</Alert>}
      {patient && (
        <p data-testid="patient-identity">
          <strong>{patient.name}</strong> · {patient.birthDate ?? '—'} · {shown('gender', patient.gender)} · {patient.birthPlace ?? '—'}
        </p>
      )}
      {record && record.reviewFlags.length > 0 && (
        <div className="alert alert-warning" role="status" data-testid="review-flags">
          <strong>{t('record.flagsTitle')}</strong>
          <ul>
            {record.reviewFlags.map((flag) => (
              <li key={flag.id}>{t('record.flag', { field: fieldName(flag.field), recorded: shown(flag.field, flag.recordValue), card: shown(flag.field, flag.cardValue) })}</li>
            ))}
          </ul>
        </div>
      )}
      {patient && <CorrectionForm key={patient.updatedAt} patient={patient} hasFlags={(record?.reviewFlags.length ?? 0) > 0} onCorrect={correct} />}
      {record && (
        <Disclosure label={t('record.history')}>
          {record.history.length === 0 && <p>{t('record.noHistory')}</p>}
          <ul className="history" data-testid="record-history">
            {record.history.map((entry) => (
              <li key={entry.id}>
                {new Date(entry.createdAt).toLocaleString()} · {t(`record.event.${entry.event}`)} {entry.field ? `· ${fieldName(entry.field)}` : ''}{' '}
                {entry.oldValue !== null || entry.newValue !== null ? `· ${entry.oldValue ?? '—'} → ${entry.newValue ?? '—'}` : ''} · {entry.channel}
                {entry.reason ? ` · "${entry.reason}"` : ''}
              </li>
            ))}
          </ul>
        </Disclosure>
      )}
    </section>
  );
}

function CorrectionForm({ patient, hasFlags, onCorrect }: { patient: UserView; hasFlags: boolean; onCorrect: (request: Omit<CorrectIdentityRequest, 'id'>) => Promise<void> }) {
  const { t } = useI18n();
  const [name, setName] = useState(patient.name);
  const [birthDate, setBirthDate] = useState(patient.birthDate ?? '');
  const [gender, setGender] = useState<'' | 'MALE' | 'FEMALE'>(patient.gender ?? '');
  const [birthPlace, setBirthPlace] = useState(patient.birthPlace ?? '');
  const [reason, setReason] = useState('');

  const changes = (): Omit<CorrectIdentityRequest, 'id' | 'reason'> => ({
    ...(name.trim() !== patient.name ? { name: name.trim() } : {}),
    ...(birthDate !== (patient.birthDate ?? '') ? { birthDate: birthDate || null } : {}),
    ...(gender !== (patient.gender ?? '') ? { gender: gender || null } : {}),
    ...(birthPlace.trim() !== (patient.birthPlace ?? '') ? { birthPlace: birthPlace.trim() || null } : {}),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onCorrect({ ...changes(), reason: reason.trim() });
  };

  return (
    <Disclosure label={t('record.correct')}>
      <form className="stack" onSubmit={submit}>
        <label>
          {t('record.field.name')}
          <input name="correct-name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('record.field.birthDate')}
          <input name="correct-birthDate" type="date" value={birthDate} onChange={(e) => setBirthDate(e.target.value)} />
        </label>
        <label>
          {t('record.field.gender')}
          <select name="correct-gender" value={gender} onChange={(e) => setGender(e.target.value as '' | 'MALE' | 'FEMALE')}>
            <option value="">—</option>
            <option value="MALE">{t('record.gender.MALE')}</option>
            <option value="FEMALE">{t('record.gender.FEMALE')}</option>
          </select>
        </label>
        <label>
          {t('record.field.birthPlace')}
          <input name="correct-birthPlace" value={birthPlace} onChange={(e) => setBirthPlace(e.target.value)} />
        </label>
        <label>
          {t('record.reason')}
          <input name="correct-reason" required minLength={5} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <div className="row wrap">
          <button type="submit" className="primary" disabled={reason.trim().length < 5 || Object.keys(changes()).length === 0}>
            {t('record.save')}
          </button>
          {hasFlags && (
            <button type="button" disabled={reason.trim().length < 5} onClick={() => void onCorrect({ reason: reason.trim() })}>
              {t('record.keep')}
            </button>
          )}
        </div>
      </form>
    </Disclosure>
  );
}

/** A button that shows or hides its content (closed content is not rendered, so it is never tabbed into). */
function Disclosure({ label, children }: { label: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="stack">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} {label}
      </button>
      {open && children}
    </div>
  );
}
