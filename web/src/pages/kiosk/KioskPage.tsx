import { FormEvent, useCallback, useEffect, useState } from 'react';
import { ErrorCode, PRIORITY_CATEGORIES, type PriorityCategory, type ConfirmScanReply, type InstitutionView, type KtpFieldKey, type KtpFieldValues, type ScanView, type ServiceTile, type ServiceView } from '@mediq/contracts';
import { api, ApiError, Credentials } from '../../api';
import { Alert, errorText, TopBar } from '../../components/common';
import { useI18n } from '../../i18n';
import { localDate, uuid } from '../../util';
import { CameraCapture } from './CameraCapture';
import { KioskDevice, readKioskDevice, saveKioskDevice } from './kiosk-device';
import { NikRefusal } from './NikRefusal';
import { ReviewForm } from './ReviewForm';
import { TicketCard } from './TicketCard';
import { useIdleReset } from './useIdleReset';

const KIOSK_REFRESH_MS = 60_000;

/** One patient's visit at the kiosk; everything personal lives here and is dropped on reset. */
type Visit =
  | { step: 'services' }
  | { step: 'scan'; service: ServiceView; reading: boolean; error?: string }
  | {
      step: 'review';
      service: ServiceView;
      scan: ScanView | null;
      requestId: string;
      fields: KtpFieldValues;
      confirming: boolean;
      error?: string;
      /** The NIK as confirmed, when it is registered to another person: shown to compare with the card. */
      refusedNik?: string;
      /** A priority the patient declares (lansia also follows from the card's birth date). */
      category?: PriorityCategory;
    }
  | { step: 'ticket'; service: ServiceView; reply: ConfirmScanReply };

type DeviceState =
  | { status: 'checking' }
  | { status: 'setup' }
  | { status: 'unregistered' }
  | { status: 'ready'; device: KioskDevice; institution: InstitutionView };

/** Only what the patient typed or the card showed; empty fields are left out. */
function filledFields(fields: KtpFieldValues): KtpFieldValues {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value && value.trim()).map(([key, value]) => [key, value!.trim()]));
}

export function KioskPage() {
  const { t } = useI18n();
  const [device, setDevice] = useState<DeviceState>({ status: 'checking' });
  const [visit, setVisit] = useState<Visit>({ step: 'services' });
  const [services, setServices] = useState<Array<ServiceTile & { waiting: number }>>([]);
  const [error, setError] = useState<string | null>(null);

  const credentials: Credentials = device.status === 'ready' ? { kioskKey: device.device.key } : null;

  /** A 401 means the key was revoked (or never existed): the kiosk stops and says so. */
  const handleError = useCallback(
    (e: unknown): string | null => {
      if (e instanceof ApiError && e.status === 401) {
        setVisit({ step: 'services' });
        setDevice({ status: 'unregistered' });
        return null;
      }
      return errorText(t, e);
    },
    [t],
  );

  const loadServices = useCallback(async (institution: InstitutionView) => {
    const [list, board] = await Promise.all([api.services(institution.id), api.board(institution.id)]);
    const waiting = new Map(board.services.map((s) => [s.serviceId, s.waiting]));
    setServices(list.map((s) => ({ ...s, waiting: waiting.get(s.id) ?? 0 })));
  }, []);

  /** Checks the stored key with the gateway, then loads the institution and its open services. */
  const checkDevice = useCallback(async () => {
    const stored = readKioskDevice();
    if (!stored) return setDevice({ status: 'setup' });
    try {
      const session = await api.kioskSession(stored.key);
      const institution = await api.institution(session.institutionId);
      setDevice({ status: 'ready', device: { key: stored.key, institutionId: session.institutionId }, institution });
      setError(null);
      await loadServices(institution);
    } catch (e) {
      const message = handleError(e);
      if (message) setError(message);
    }
  }, [handleError, loadServices]);

  useEffect(() => {
    void checkDevice();
  }, [checkDevice]);

  /** Cancels on the server the scan a visit is reviewing, if any (best effort: an unconfirmed scan expires anyway). */
  const cancelReviewedScan = useCallback(
    (current: Visit) => {
      if (current.step === 'review' && current.scan && credentials) void api.cancelScan(credentials, current.scan.scanId).catch(() => undefined);
    },
    [credentials],
  );

  /** Back to the start: the scan is cancelled on the server and every field is forgotten here. */
  const reset = useCallback(() => {
    setVisit((current) => {
      cancelReviewedScan(current);
      return { step: 'services' };
    });
    setError(null);
    void checkDevice();
  }, [cancelReviewedScan, checkDevice]);

  useIdleReset(visit.step !== 'services', reset);

  /** Another photo of the card for the same service: the scan read is cancelled on the server and its fields forgotten. */
  const retake = () => {
    if (visit.step !== 'review') return;
    cancelReviewedScan(visit);
    setVisit({ step: 'scan', service: visit.service, reading: false });
  };

  // While nobody uses it, the start screen refreshes the waiting counts and notices a revoked key.
  useEffect(() => {
    if (visit.step !== 'services' || device.status !== 'ready') return;
    const timer = window.setInterval(() => void checkDevice(), KIOSK_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [visit.step, device.status, checkDevice]);

  const upload = async (service: ServiceView, image: Blob) => {
    setVisit({ step: 'scan', service, reading: true });
    try {
      const scan = await api.uploadScan(credentials, image);
      setVisit({ step: 'review', service, scan, requestId: uuid(), fields: { ...scan.fields }, confirming: false });
    } catch (e) {
      const message = handleError(e);
      if (message) setVisit({ step: 'scan', service, reading: false, error: t('kiosk.readFailed', { message: e instanceof Error ? e.message : message }) });
    }
  };

  /** A scanned card confirms its scan; a typed one confirms under the visit's request id. Both are safe to retry. */
  const confirm = async () => {
    if (visit.step !== 'review' || device.status !== 'ready') return;
    setVisit({ ...visit, confirming: true, error: undefined, refusedNik: undefined });
    const fields = filledFields(visit.fields);
    try {
      const target = visit.scan ? { scanId: visit.scan.scanId } : { requestId: visit.requestId };
      const reply = await api.confirmScan(credentials, { ...target, fields, institutionId: device.institution.id, serviceId: visit.service.id, category: visit.category });
      setVisit({ step: 'ticket', service: visit.service, reply });
    } catch (e) {
      if (e instanceof ApiError && e.code === ErrorCode.NIK_REGISTERED_TO_ANOTHER_PERSON) {
        setVisit({ ...visit, confirming: false, refusedNik: fields.nik ?? '' });
        return;
      }
      const message = handleError(e);
      if (message) setVisit({ ...visit, confirming: false, error: message });
    }
  };

  if (device.status === 'checking') return <main className="page kiosk">{error ? <Alert>{error}</Alert> : <p>{t('common.loading')}</p>}</main>;
  if (device.status === 'setup') return <KioskSetup onRegistered={checkDevice} />;
  if (device.status === 'unregistered') {
    return (
      <main className="page kiosk">
        <TopBar title={t('app.name')} />
        <section className="card stack center" role="alert" data-testid="kiosk-unregistered">
          <h2 className="huge">{t('kiosk.unregistered')}</h2>
          <p>{t('kiosk.unregisteredHelp')}</p>
          <button
            type="button"
            onClick={() => {
              saveKioskDevice(null);
              setDevice({ status: 'setup' });
            }}
          >
            {t('kiosk.resetKey')}
          </button>
        </section>
      </main>
    );
  }

  const { institution } = device;
  return (
    <main className="page kiosk">
      <TopBar title={institution.name}>
        {visit.step !== 'services' && (
          <button type="button" onClick={reset}>
            {visit.step === 'ticket' ? t('kiosk.done') : t('common.cancel')}
          </button>
        )}
      </TopBar>
      {error && <Alert>{error}</Alert>}

      {visit.step === 'services' && (
        <section className="stack" aria-labelledby="pick-service">
          <h2 id="pick-service" className="huge">
            {t('kiosk.welcome')} — {t('kiosk.pickService')}
          </h2>
          {!services.some(choosable) && <p>{t('kiosk.noOpenService')}</p>}
          <div className="service-grid">
            {services.map((service) => (
              <button
                key={service.id}
                type="button"
                className="service-tile"
                data-service-code={service.code}
                disabled={!choosable(service)}
                onClick={() => setVisit({ step: 'scan', service, reading: false })}
              >
                <span className="service-code">{service.code}</span>
                <span className="service-name">{service.name}</span>
                {choosable(service) ? (
                  <span className="service-waiting">
                    {t('common.waiting', { n: service.waiting })}
                    {service.ticketsLeftToday !== null && service.ticketsLeftToday <= 10 && <> · {t('kiosk.left', { n: service.ticketsLeftToday })}</>}
                  </span>
                ) : (
                  <span className="service-unavailable" data-testid="tile-unavailable">
                    {unavailableText(t, service, localDate(institution.timezone))}
                  </span>
                )}
              </button>
            ))}
          </div>
        </section>
      )}

      {visit.step === 'scan' && (
        <section className="stack" aria-labelledby="scan-title">
          <h2 id="scan-title" className="huge">
            {t('kiosk.scanTitle')}
          </h2>
          <p>{t('kiosk.scanHelp')}</p>
          {visit.reading && (
            <p className="busy" role="status">
              {t('kiosk.reading')}
            </p>
          )}
          {visit.error && <Alert>{visit.error}</Alert>}
          <CameraCapture
            disabled={visit.reading}
            onImage={(image) => void upload(visit.service, image)}
            onTyped={() => setVisit({ step: 'review', service: visit.service, scan: null, requestId: uuid(), fields: {}, confirming: false })}
          />
        </section>
      )}

      {visit.step === 'review' && (
        <section className="stack" aria-labelledby="review-title">
          <h2 id="review-title" className="huge">
            {t('kiosk.reviewTitle')}
          </h2>
          {visit.scan && (
            <div className="row">
              <p>{t('kiosk.reviewHelp')}</p>
              <button type="button" className="big" onClick={retake} disabled={visit.confirming}>
                {t('kiosk.retake')}
              </button>
            </div>
          )}
          {visit.error && <Alert>{visit.error}</Alert>}
          {visit.refusedNik !== undefined && (
            <NikRefusal
              nik={visit.refusedNik}
              onCorrect={() => {
                setVisit({ ...visit, refusedNik: undefined });
                document.querySelector<HTMLInputElement>('input[name="nik"]')?.focus();
              }}
              onFrontDesk={reset}
            />
          )}
          <label className="category-choice">
            {t('kiosk.category')}
            <select value={visit.category ?? ''} onChange={(event) => setVisit({ ...visit, category: (event.target.value || undefined) as PriorityCategory | undefined })}>
              <option value="">{t('kiosk.categoryNone')}</option>
              {PRIORITY_CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {t(`category.${category}`)}
                </option>
              ))}
            </select>
          </label>
          <ReviewForm
            fields={visit.fields}
            confidences={(visit.scan?.confidences ?? {}) as Partial<Record<KtpFieldKey, number>>}
            fieldsToCheck={visit.scan?.fieldsToCheck}
            warnings={visit.scan?.warnings}
            suggestions={visit.scan?.suggestions}
            busy={visit.confirming}
            onChange={(fields) => setVisit({ ...visit, fields })}
            onConfirm={() => void confirm()}
          />
        </section>
      )}

      {visit.step === 'ticket' && <TicketCard reply={visit.reply} institution={institution} service={visit.service} />}
      <p className="hint no-print">{t('kiosk.idleReset')}</p>
    </main>
  );
}

function KioskSetup({ onRegistered }: { onRegistered: () => Promise<void> }) {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const session = await api.kioskSession(key.trim());
      saveKioskDevice({ key: key.trim(), institutionId: session.institutionId });
      await onRegistered();
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? t('kiosk.unregistered') : errorText(t, e));
    }
  };

  return (
    <main className="page narrow">
      <TopBar title={t('kiosk.setupTitle')} />
      <form className="card stack" onSubmit={submit}>
        <p>{t('kiosk.setupHelp')}</p>
        <label>
          {t('kiosk.key')}
          <input required autoComplete="off" value={key} onChange={(event) => setKey(event.target.value)} />
        </label>
        {error && <Alert>{error}</Alert>}
        <button type="submit" className="primary">
          {t('kiosk.setupSubmit')}
        </button>
      </form>
    </main>
  );
}

/** A tile may be chosen when its poli is open now and still has tickets today. */
function choosable(service: ServiceTile): boolean {
  return service.openNow && service.ticketsLeftToday !== 0;
}

/** "Penuh", or "Tutup — buka 07:30" (another day: with its name). */
function unavailableText(t: ReturnType<typeof useI18n>['t'], service: ServiceTile, today: string): string {
  if (service.openNow) return t('kiosk.full');
  const next = service.nextOpening;
  if (!next) return t('kiosk.closed');
  if (next.localDate === today) return t('kiosk.closedOpensAt', { time: next.time });
  return t('kiosk.closedOpensOn', { day: t(`admin.weekday.${next.weekday}`), time: next.time });
}
