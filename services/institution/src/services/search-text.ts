import type { InstitutionType } from '@mediq/contracts';

/**
 * Text normalisation shared by the stored search column and the query: lower case, accents
 * removed, punctuation dropped, and the abbreviations Indonesians write for facilities and places
 * expanded ("pkm" -> puskesmas, "rsud" -> rumah sakit umum daerah, "kec." -> kecamatan).
 */
const ABBREVIATIONS: Record<string, string[]> = {
  pkm: ['puskesmas'],
  pusk: ['puskesmas'],
  puskes: ['puskesmas'],
  pustu: ['puskesmas', 'pembantu'],
  rs: ['rumah', 'sakit'],
  rsu: ['rumah', 'sakit', 'umum'],
  rsud: ['rumah', 'sakit', 'umum', 'daerah'],
  rsup: ['rumah', 'sakit', 'umum', 'pusat'],
  rsia: ['rumah', 'sakit', 'ibu', 'anak'],
  rsab: ['rumah', 'sakit', 'anak', 'bunda'],
  rsb: ['rumah', 'sakit', 'bersalin'],
  rsj: ['rumah', 'sakit', 'jiwa'],
  rsgm: ['rumah', 'sakit', 'gigi', 'mulut'],
  rsk: ['rumah', 'sakit', 'khusus'],
  rb: ['rumah', 'bersalin'],
  bp: ['balai', 'pengobatan'],
  kec: ['kecamatan'],
  kab: ['kabupaten'],
  kel: ['kelurahan'],
  ds: ['desa'],
  prov: ['provinsi'],
  jl: ['jalan'],
  jln: ['jalan'],
};

/** Words that carry no meaning for matching ("Rumah Sakit Ibu dan Anak" = "RSIA"). */
const STOP_WORDS = new Set(['dan']);

export const TYPE_WORDS: Record<InstitutionType, string> = {
  PUSKESMAS: 'puskesmas',
  KLINIK: 'klinik',
  RUMAH_SAKIT: 'rumah sakit',
  LAINNYA: '',
};

/** Lower case, no accents, only letters, digits and single spaces. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The words of a text, each expanded into the tokens it stands for. Each inner array is one word
 * as the person wrote it, so typo tolerance and matching can count per word.
 */
export function tokenizeWords(text: string): string[][] {
  const normalized = normalizeText(text);
  if (!normalized) return [];
  return normalized
    .split(' ')
    .filter((word) => !STOP_WORDS.has(word))
    .map((word) => ABBREVIATIONS[word] ?? [word]);
}

export function tokenize(text: string): string[] {
  return tokenizeWords(text).flat();
}

export interface SearchableInstitution {
  code: string;
  name: string;
  type: InstitutionType;
  kecamatan?: string | null;
  city?: string | null;
  province?: string | null;
}

/** The stored `searchText` column: every expanded token of name, type, place and code. */
export function buildSearchText(institution: SearchableInstitution): string {
  const parts = [
    institution.name,
    TYPE_WORDS[institution.type],
    institution.kecamatan ?? '',
    institution.city ?? '',
    institution.province ?? '',
    institution.code,
  ];
  return tokenize(parts.join(' ')).join(' ').slice(0, 1000);
}
