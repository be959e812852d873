import { isPossibleBirthDate } from '../normalisation/normalise-ktp-fields';
import { BLOOD_TYPES, CITIZENSHIPS, GENDERS, MARITAL_STATUSES, OCCUPATIONS, RELIGIONS, VALID_FOR_LIFE } from '../normalisation/ktp-vocabularies';
import { birthplaceNames, printedNamesOf } from '../regions/place-names';
import type { NamedRegion, RegionLookup } from '../regions/region-lookup';
import type { KtpFieldKey } from '../result';

interface KnownNames {
  provinces: ReadonlySet<string>;
  regencies: ReadonlySet<string>;
  districts: ReadonlySet<string>;
  villages: ReadonlySet<string>;
  birthplaces: ReadonlySet<string>;
}

const cache = new WeakMap<RegionLookup, KnownNames>();

function knownNames(regions: RegionLookup): KnownNames {
  const cached = cache.get(regions);
  if (cached) return cached;
  const printed = (list: readonly NamedRegion[]) => new Set(list.flatMap((r) => printedNamesOf(r.code, regions)));
  const regencies = regions.regencies();
  const districts = regencies.flatMap((r) => regions.childrenOf(r.code));
  const names: KnownNames = {
    provinces: printed(regions.provinces()),
    regencies: printed(regencies),
    districts: printed(districts),
    villages: new Set(districts.flatMap((d) => regions.villagesOf(d.code))),
    birthplaces: new Set(birthplaceNames(regions)),
  };
  cache.set(regions, names);
  return names;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether a value is one the field can hold: in its closed vocabulary, an official region name, a
 * well-formed NIK, RT/RW or date. Null for free text (names, addresses), which has no such list. A
 * value outside its list is a misreading or a rare real value (a foreign birthplace, an unlisted
 * occupation): evidence for the field's confidence, not a verdict.
 */
export function isKnownValue(key: KtpFieldKey, value: string, regions: RegionLookup): boolean | null {
  const known = knownNames(regions);
  const inList = (list: readonly string[]) => list.includes(value);
  switch (key) {
    case 'nik':
      return /^\d{16}$/.test(value);
    case 'tanggalLahir':
      return ISO_DATE.test(value) && isPossibleBirthDate(value);
    case 'rtRw':
      return /^\d{3}\/\d{3}$/.test(value);
    case 'berlakuHingga':
      return value === VALID_FOR_LIFE || ISO_DATE.test(value);
    case 'jenisKelamin':
      return inList(GENDERS);
    case 'golonganDarah':
      return inList(BLOOD_TYPES);
    case 'agama':
      return inList(RELIGIONS);
    case 'statusPerkawinan':
      return inList(MARITAL_STATUSES);
    case 'kewarganegaraan':
      return inList(CITIZENSHIPS);
    case 'pekerjaan':
      return inList(OCCUPATIONS);
    case 'provinsi':
      return known.provinces.has(value);
    case 'kabupatenKota':
      return known.regencies.has(value);
    case 'kecamatan':
      return known.districts.has(value);
    case 'kelurahanDesa':
      return known.villages.has(value);
    case 'tempatLahir':
      return known.birthplaces.has(value);
    case 'nama':
    case 'alamat':
      return null;
  }
}
