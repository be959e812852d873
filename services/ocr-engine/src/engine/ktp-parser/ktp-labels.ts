import type { KtpFieldKey } from '../result';

/** A printed label of the KTP body, in printed order; `compact` is its letters, upper case. */
export interface KtpLabel {
  id: string;
  compact: string;
  /** Field(s) its value fills; Tempat/Tgl Lahir is split later. */
  field: KtpFieldKey | 'tempatTanggalLahir';
}

export const KTP_BODY_LABELS: readonly KtpLabel[] = [
  { id: 'NIK', compact: 'NIK', field: 'nik' },
  { id: 'Nama', compact: 'NAMA', field: 'nama' },
  { id: 'Tempat/Tgl Lahir', compact: 'TEMPATTGLLAHIR', field: 'tempatTanggalLahir' },
  { id: 'Jenis Kelamin', compact: 'JENISKELAMIN', field: 'jenisKelamin' },
  { id: 'Alamat', compact: 'ALAMAT', field: 'alamat' },
  { id: 'RT/RW', compact: 'RTRW', field: 'rtRw' },
  { id: 'Kel/Desa', compact: 'KELDESA', field: 'kelurahanDesa' },
  { id: 'Kecamatan', compact: 'KECAMATAN', field: 'kecamatan' },
  { id: 'Agama', compact: 'AGAMA', field: 'agama' },
  { id: 'Status Perkawinan', compact: 'STATUSPERKAWINAN', field: 'statusPerkawinan' },
  { id: 'Pekerjaan', compact: 'PEKERJAAN', field: 'pekerjaan' },
  { id: 'Kewarganegaraan', compact: 'KEWARGANEGARAAN', field: 'kewarganegaraan' },
  { id: 'Berlaku Hingga', compact: 'BERLAKUHINGGA', field: 'berlakuHingga' },
];

export const BLOOD_TYPE_LABEL = 'GOLDARAH';
export const PROVINCE_HEADER = 'PROVINSI';
export const REGENCY_HEADERS = ['KABUPATEN', 'KOTA'] as const;
/** Text printed on a SIM (driving licence) and never on a KTP; matched with a small typo tolerance. */
export const SIM_CUES = ['SURATIZIN', 'MENGEMUDI', 'DRIVINGLICEN', 'KEPOLISIANNEGARA'] as const;
