import { validateNik, type NikGender, type NikValidation } from '@mediq/contracts';
import { probabilityRight, fieldsToCheck } from './confidence/field-confidence';
import { NIK_MARGIN_CAP, type FieldEvidence } from './confidence/field-evidence';
import { isKnownValue } from './confidence/known-values';
import type { ParsedKtp } from './ktp-parser/ktp-parser';
import { decodeNikInRun, failedNikChecks, NIK_LENGTH, UNCERTAIN_MARGIN, type DigitDistribution, type NikCheck, type NikDecision } from './nik-decoding/nik-joint-decoder';
import { normaliseKtpFields, repairBirthYear } from './normalisation/normalise-ktp-fields';
import { compact, editDistance } from './normalisation/text-similarity';
import { applyGazetteer } from './regions/region-fields';
import type { RegionLookup } from './regions/region-lookup';
import { KTP_FIELD_KEYS, type KtpFieldKey, type KtpFields, type OcrWarning } from './result';

/** Fewest recognised labels (header included) that make a text layout a KTP when no detector says so. */
const MIN_KTP_LABELS = 3;
/**
 * Fields unread (no value, no suggestion) from which a new photo is the better way forward than typing:
 * on the tuning photos (docs/ocr.md), cards cut by the frame, blurred or shaded leave 6-15, the others at most 4.
 */
const MOSTLY_UNREAD_FIELDS = 5;

const GENDER_OF: Readonly<Record<string, NikGender>> = { 'LAKI-LAKI': 'MALE', MALE: 'MALE', PEREMPUAN: 'FEMALE', FEMALE: 'FEMALE' };

/** Which printed field each NIK check compares with: a failed check makes both worth a look. */
const FIELD_OF_CHECK: Readonly<Partial<Record<NikCheck, KtpFieldKey>>> = {
  PROVINCE_MISMATCH: 'provinsi',
  REGENCY_MISMATCH: 'kabupatenKota',
  DISTRICT_MISMATCH: 'kecamatan',
  BIRTH_DATE_MISMATCH: 'tanggalLahir',
  GENDER_MISMATCH: 'jenisKelamin',
};

export interface KtpReading {
  fields: KtpFields;
  fieldsToCheck: KtpFieldKey[];
  suggestions: Partial<Record<KtpFieldKey, string>>;
  nikValidation: NikValidation | null;
  warnings: OcrWarning[];
  /** What each field's confidence was calibrated from. */
  fieldEvidence: Partial<Record<KtpFieldKey, FieldEvidence>>;
  /**
   * The NIK was decoded from the recogniser's digits as it read them, passes every check of the card,
   * and no other reading comes within `NIK_MARGIN_CAP` nats of it: another reading could not change it.
   */
  nikClear: boolean;
}

/** What the image tells about the reading besides the text. */
export interface ReadingEvidence {
  /** Per-position digit probabilities of the NIK line (both readings combined), when it was found. */
  nikDigits: DigitDistribution[] | null;
  blurry: boolean;
  glare: boolean;
}

export function looksLikeKtp(parsed: ParsedKtp): boolean {
  return parsed.labelsMatched + (parsed.hasProvinceHeader ? 1 : 0) >= MIN_KTP_LABELS;
}

/**
 * From parsed KTP text to the final fields: normalisation; the NIK decoded jointly with the printed
 * birth date, sex and region (`decodeNikInRun`); region names and the birthplace against the
 * gazetteer (suggestions, never fill-ins, for what the card did not show); NIK validation with the
 * shared rules (disagreements with the card are warnings); a calibrated probability of being right
 * per field, and the fields to check. Independent of the OCR engine that produced the text.
 */
export function readKtp(parsed: ParsedKtp, regions: RegionLookup, evidence: ReadingEvidence): KtpReading {
  const fields = normaliseKtpFields(parsed.fields);
  const warnings: OcrWarning[] = [];
  // A corrected century is a correction all the same: the patient is asked to look at it.
  const repairedBirthYear = fields.tanggalLahir ? repairBirthYear(fields.tanggalLahir.value) : null;
  if (repairedBirthYear) fields.tanggalLahir = { ...fields.tanggalLahir!, value: repairedBirthYear };
  const context = {
    birthDate: fields.tanggalLahir?.value,
    gender: GENDER_OF[fields.jenisKelamin?.value ?? ''],
    provinsi: fields.provinsi?.value,
    kabupatenKota: fields.kabupatenKota?.value,
    kecamatan: fields.kecamatan?.value,
  };
  let decision: NikDecision | null = null;
  if (evidence.nikDigits && evidence.nikDigits.length >= NIK_LENGTH) {
    decision = decodeNikInRun(evidence.nikDigits, context, regions);
    fields.nik = { value: decision.nik, confidence: decision.meanDigitProbability };
  }
  const nik = fields.nik?.value ?? null;
  const failedChecks = decision?.failedChecks ?? (nik && /^\d{16}$/.test(nik) ? failedNikChecks(nik, context, regions) : []);
  const nikDoubted = decision !== null && (decision.margin < UNCERTAIN_MARGIN || decision.droppedDigits > 0);
  if (fields.nik && (failedChecks.length || nikDoubted)) {
    const message = decision?.droppedDigits
      ? 'The NIK line reads as more than 16 digits; the extra ones were left out. Please check it.'
      : 'The NIK may be misread: no reading of it agrees with everything else on the card. Please check it.';
    warnings.push({ code: 'NIK_UNCERTAIN', field: 'nik', message });
  }

  const raw = { ...fields };
  const gazetteer = applyGazetteer(fields, nik, regions);
  warnings.push(...gazetteer.warnings);

  let nikValidation: NikValidation | null = null;
  if (fields.nik) {
    nikValidation = validateNik(fields.nik.value, { birthDate: fields.tanggalLahir?.value, gender: context.gender });
    if (!nikValidation.valid) {
      warnings.push({ code: 'NIK_INVALID', field: 'nik', message: nikValidation.errors.map((e) => e.message).join(' ') });
    }
    for (const w of nikValidation.warnings) warnings.push({ code: w.rule, field: 'nik', message: w.message });
  }
  const unread = KTP_FIELD_KEYS.filter((key) => !fields[key] && !gazetteer.suggestions[key]);
  for (const key of unread) warnings.push({ code: 'FIELD_MISSING', field: key, message: `The field ${key} could not be read.` });
  if (unread.length >= MOSTLY_UNREAD_FIELDS) {
    warnings.push({
      code: 'CARD_MOSTLY_UNREAD',
      message: `${unread.length} of ${KTP_FIELD_KEYS.length} fields could not be read: a new photo (the whole card in the frame, flat, steady, without glare) will read better.`,
    });
  }

  const inconsistent = new Set<KtpFieldKey>(failedChecks.length || decision?.droppedDigits || (nikValidation && !nikValidation.valid) ? ['nik'] : []);
  if (repairedBirthYear) inconsistent.add('tanggalLahir');
  for (const check of failedChecks) {
    const field = FIELD_OF_CHECK[check];
    if (field) inconsistent.add(field);
  }
  for (const w of gazetteer.warnings) if (w.field) inconsistent.add(w.field);
  const probabilities: Partial<Record<KtpFieldKey, number>> = {};
  const fieldEvidence: Partial<Record<KtpFieldKey, FieldEvidence>> = {};
  for (const key of KTP_FIELD_KEYS) {
    const reading = fields[key];
    if (!reading) continue;
    const source = key === 'tempatLahir' || key === 'tanggalLahir' ? null : parsed.fields[key];
    const evidenceOfField: FieldEvidence = {
      recogniser: reading.confidence,
      corrections: gazetteer.snapped[key] ?? (source ? editDistance(compact(source.value), compact(raw[key]?.value ?? '')) : 0),
      inconsistent: inconsistent.has(key),
      nikMargin: key === 'nik' && decision ? Math.min(decision.margin, NIK_MARGIN_CAP) : NIK_MARGIN_CAP,
      nikChanged: key === 'nik' && decision !== null && decision.nik !== decision.greedy,
      blurry: evidence.blurry,
      glare: evidence.glare,
      length: reading.value.length,
      unknownValue: isKnownValue(key, reading.value, regions) === false,
    };
    fieldEvidence[key] = evidenceOfField;
    probabilities[key] = probabilityRight(key, evidenceOfField);
    fields[key] = { value: reading.value, confidence: Math.round(probabilities[key]! * 1000) / 1000 };
  }
  return {
    fields,
    fieldsToCheck: fieldsToCheck(probabilities, inconsistent, KTP_FIELD_KEYS),
    suggestions: gazetteer.suggestions,
    nikValidation,
    warnings,
    fieldEvidence,
    nikClear: decision !== null && decision.nik === decision.greedy && !inconsistent.has('nik') && decision.margin >= NIK_MARGIN_CAP,
  };
}
