import { FormEvent, useMemo } from 'react';
import { KTP_FIELD_KEYS, KtpFieldKey, KtpFieldValues, OcrWarning, validateNik } from '@mediq/contracts';
import { useI18n } from '../../i18n';
import { warningTexts } from './ocr-warnings';

/** Without the scan's `fieldsToCheck`, fields below this confidence are highlighted for the patient to check. */
export const LOW_CONFIDENCE = 0.85;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The fields in the order printed on the card, the two that identify the patient first. */
const FIELD_ORDER: KtpFieldKey[] = ['nik', 'nama', ...KTP_FIELD_KEYS.filter((key) => key !== 'nik' && key !== 'nama')];

interface Props {
  fields: KtpFieldValues;
  confidences: Partial<Record<KtpFieldKey, number>>;
  /** The scan's fields to check: when given, exactly these are highlighted. */
  fieldsToCheck?: readonly KtpFieldKey[];
  /** The scan's warnings: each is shown next to its field, those about the whole photo above the form. */
  warnings?: readonly OcrWarning[];
  /** Values offered for fields the card did not show readably: shown as a hint next to the empty field, never filled in. */
  suggestions?: Partial<Record<KtpFieldKey, string>>;
  onChange: (fields: KtpFieldValues) => void;
  onConfirm: () => void;
  busy: boolean;
}

/** The card's fields, editable, with hard-to-read ones highlighted and the NIK checked as it is typed. */
export function ReviewForm({ fields, confidences, fieldsToCheck, warnings = [], suggestions = {}, onChange, onConfirm, busy }: Props) {
  const { t, language } = useI18n();
  const nik = fields.nik ?? '';
  const birthDate = fields.tanggalLahir && ISO_DATE.test(fields.tanggalLahir) ? fields.tanggalLahir : undefined;
  const nikCheck = useMemo(() => validateNik(nik.trim(), { birthDate }), [nik, birthDate]);
  const canConfirm = nikCheck.valid && Boolean(fields.nama?.trim()) && !busy;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (canConfirm) onConfirm();
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      {warningTexts(warnings, undefined, language).map((text) => (
        <p key={text} className="hint">
          {text}
        </p>
      ))}
      <div className="field-grid">
        {FIELD_ORDER.map((key) => {
          const low = fieldsToCheck ? fieldsToCheck.includes(key) : confidences[key] !== undefined && confidences[key]! < LOW_CONFIDENCE;
          const isNik = key === 'nik';
          const notes = warningTexts(warnings, key, language);
          const suggestion = suggestions[key] && !fields[key] ? suggestions[key] : undefined;
          const describedBy = [low ? `${key}-low` : '', notes.length || suggestion ? `${key}-warning` : '', isNik ? 'nik-check' : ''].filter(Boolean).join(' ') || undefined;
          return (
            <label key={key} className={`field${low ? ' low-confidence' : ''}${isNik || key === 'nama' ? ' wide' : ''}`}>
              <span>
                {t(`field.${key}`)}
                {low && (
                  <em id={`${key}-low`} className="badge warn">
                    {t('kiosk.lowConfidence')}
                  </em>
                )}
              </span>
              <input
                name={key}
                value={fields[key] ?? ''}
                inputMode={isNik ? 'numeric' : undefined}
                autoComplete="off"
                aria-invalid={isNik && nik.length > 0 && !nikCheck.valid ? true : undefined}
                aria-describedby={describedBy}
                onChange={(event) => onChange({ ...fields, [key]: isNik ? event.target.value.replace(/\D/g, '').slice(0, 16) : event.target.value })}
              />
              {(notes.length > 0 || suggestion) && (
                <small id={`${key}-warning`} className="hint">
                  {notes.join(' ')}
                  {suggestion && <strong> {suggestion}</strong>}
                </small>
              )}
            </label>
          );
        })}
      </div>
      <div id="nik-check" aria-live="polite" className={nikCheck.valid ? 'nik-ok' : 'nik-bad'}>
        {nikCheck.valid ? `✓ ${t('kiosk.nikOk')}` : nikCheck.errors.map((issue) => t(`nik.${issue.rule}`)).join(' ')}
        {nikCheck.warnings.map((issue) => (
          <div key={issue.rule} className="hint">
            {t(`nik.${issue.rule}`)}
          </div>
        ))}
      </div>
      <button type="submit" className="primary big" disabled={!canConfirm}>
        {busy ? t('kiosk.confirming') : t('kiosk.confirm')}
      </button>
    </form>
  );
}
