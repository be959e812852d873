import type { KtpFieldKey, KtpFields, OcrWarning } from '../result';
import { compact, editDistance } from '../normalisation/text-similarity';
import { asPrintedSpacing, birthplaceNames, printedNamesOf, printedRegionVariants, snapPlaceName } from './place-names';
import type { NamedRegion, RegionLookup } from './region-lookup';

/** A value the card did not show readably, offered from the NIK's region code for the patient to confirm. */
export type RegionSuggestions = Partial<Record<KtpFieldKey, string>>;

export interface RegionFieldsResult {
  suggestions: RegionSuggestions;
  warnings: OcrWarning[];
  /** Fields whose reading was replaced by an official name, with the edit distance of the replacement. */
  snapped: Partial<Record<KtpFieldKey, number>>;
}

/** Error rate up to which a reading is taken as the NIK's own region name (the NIK is read jointly with the card). */
const NIK_NAME_ERROR_RATE = 0.35;

/** The printed form of an official name: `KOTA ADMINISTRASI JAKARTA SELATAN` is printed `JAKARTA SELATAN`. */
function printedForm(official: string): string {
  const variants = printedRegionVariants(official);
  return variants[variants.length - 1];
}

/** The printed name of a region a reading is close to (within `NIK_NAME_ERROR_RATE`), if any. */
function closeVariant(text: string, printedNames: string[]): string | null {
  if (!printedNames.length) return null;
  const key = compact(text);
  const closest = printedNames
    .map((name) => ({ name, distance: editDistance(key, compact(name)), length: compact(name).length }))
    .reduce((a, b) => (b.distance < a.distance || (b.distance === a.distance && asPrintedSpacing(text, a.name, b.name) === b.name) ? b : a));
  return closest.distance <= Math.floor(closest.length * NIK_NAME_ERROR_RATE) ? closest.name : null;
}

/** The region among `candidates` a reading names (close to an official name and to no other). */
function snapAmong(text: string, candidates: readonly NamedRegion[]): NamedRegion | null {
  const byPrinted = new Map<string, NamedRegion>();
  for (const c of candidates) for (const v of printedRegionVariants(c.name)) byPrinted.set(v, c);
  const match = snapPlaceName(text, byPrinted.keys());
  return match ? byPrinted.get(match.name) ?? null : null;
}

/**
 * Region fields against the gazetteer, in place: province, regency/city, kecamatan (within the NIK's
 * regency, else the printed regency) and kelurahan/desa (within that kecamatan) are snapped to their
 * official printed names when close; a printed name that disagrees with the NIK's region code is kept
 * and warned about (`REGION_MISMATCH`). A field the card did not show readably is never filled from
 * the NIK: its official name is offered as a suggestion (`REGION_SUGGESTED`). `tempatLahir` is snapped
 * to regency and city names.
 */
export function applyGazetteer(fields: KtpFields, nik: string | null, regions: RegionLookup): RegionFieldsResult {
  const result: RegionFieldsResult = { suggestions: {}, warnings: [], snapped: {} };
  const codeOk = nik !== null && /^\d{16}$/.test(nik);
  const nikNames = {
    provinsi: codeOk ? regions.nameOf(nik.slice(0, 2)) : null,
    kabupatenKota: codeOk ? regions.nameOf(nik.slice(0, 4)) : null,
    kecamatan: codeOk ? regions.nameOf(nik.slice(0, 6)) : null,
  };
  const labels: Record<'provinsi' | 'kabupatenKota' | 'kecamatan', string> = { provinsi: 'province', kabupatenKota: 'regency/city', kecamatan: 'district' };

  const setValue = (key: KtpFieldKey, value: string) => {
    const reading = fields[key];
    if (!reading || reading.value === value) return;
    result.snapped[key] = editDistance(compact(reading.value), compact(value));
    fields[key] = { ...reading, value };
  };

  /** Resolves one level: the NIK's name when the reading is near it, else an official name among `candidates`. */
  const resolve = (key: 'provinsi' | 'kabupatenKota' | 'kecamatan', candidates: readonly NamedRegion[], nikCode: string | null): string | null => {
    const reading = fields[key];
    const nikName = nikNames[key];
    if (!reading) {
      if (nikName) {
        result.suggestions[key] = printedForm(nikName);
        result.warnings.push({ code: 'REGION_SUGGESTED', field: key, message: `The ${labels[key]} could not be read; the NIK suggests one, please check it.` });
      }
      return nikName ? nikCode : null;
    }
    const asNik = nikCode ? closeVariant(reading.value, printedNamesOf(nikCode, regions)) : null;
    if (asNik) {
      setValue(key, asNik);
      return nikCode;
    }
    const snapped = snapAmong(reading.value, candidates);
    if (snapped) setValue(key, closeVariant(reading.value, printedNamesOf(snapped.code, regions)) ?? printedForm(snapped.name));
    if (codeOk && !nikName) {
      result.warnings.push({ code: 'REGION_UNKNOWN', field: key, message: `The NIK's ${labels[key]} code is not in the current region list (possibly from before a regional split).` });
    } else if (nikName) {
      result.warnings.push({ code: 'REGION_MISMATCH', field: key, message: `The printed ${labels[key]} does not match the NIK's region code; please check it.` });
    }
    return snapped?.code ?? null;
  };

  const provinceCode = resolve('provinsi', regions.provinces(), codeOk ? nik.slice(0, 2) : null);
  const regencyScope = provinceCode ? regions.childrenOf(provinceCode) : regions.regencies();
  const regencyCode = resolve('kabupatenKota', regencyScope, codeOk ? nik.slice(0, 4) : null);
  // Kecamatan within the NIK's regency, else within the printed one.
  const nikDistricts = codeOk ? regions.childrenOf(nik.slice(0, 4)) : [];
  const districtScope = nikDistricts.length ? nikDistricts : regencyCode ? regions.childrenOf(regencyCode) : [];
  let districtCode = resolve('kecamatan', districtScope, codeOk ? nik.slice(0, 6) : null);
  if (!districtCode && regencyCode && fields.kecamatan && nikDistricts.length) {
    const printedScope = snapAmong(fields.kecamatan.value, regions.childrenOf(regencyCode));
    if (printedScope) {
      setValue('kecamatan', closeVariant(fields.kecamatan.value, printedNamesOf(printedScope.code, regions)) ?? printedForm(printedScope.name));
      districtCode = printedScope.code;
    }
  }
  const village = fields.kelurahanDesa;
  if (village && districtCode) {
    const match = snapPlaceName(village.value, regions.villagesOf(districtCode));
    if (match) setValue('kelurahanDesa', match.name);
  }
  const birthplace = fields.tempatLahir;
  if (birthplace) {
    const match = snapPlaceName(birthplace.value, birthplaceNames(regions));
    if (match) setValue('tempatLahir', match.name);
  }
  return result;
}
