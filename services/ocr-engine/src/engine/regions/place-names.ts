import { compact, editDistance } from '../normalisation/text-similarity';
import type { RegionLookup } from './region-lookup';

/**
 * Ways an official region name is printed on cards: `KOTA ADMINISTRASI JAKARTA SELATAN` as
 * `JAKARTA SELATAN`, `KABUPATEN ADMINISTRASI KEPULAUAN SERIBU` as `KABUPATEN KEPULAUAN SERIBU`, `DAERAH ISTIMEWA` as `DI`, `DAERAH KHUSUS IBUKOTA` as `DKI`. The last one is
 * the usual printed form.
 */
export function printedRegionVariants(official: string): string[] {
  const variants = new Set([official]);
  variants.add(official.replace(/^KABUPATEN ADMINISTRASI /, ''));
  variants.add(official.replace(' ADMINISTRASI', ''));
  variants.add(official.replace(/^KOTA ADMINISTRASI /, ''));
  if (official.startsWith('DAERAH ISTIMEWA ')) variants.add(official.replace('DAERAH ISTIMEWA ', 'DI '));
  if (official.startsWith('DAERAH KHUSUS IBUKOTA ')) variants.add(official.replace('DAERAH KHUSUS IBUKOTA ', 'DKI '));
  return [...variants];
}

/** How a region's name may be printed: its official name's forms and, if it was renamed in 2025, its former name's. */
export function printedNamesOf(code: string, regions: RegionLookup): string[] {
  return [...new Set([regions.nameOf(code), regions.formerNameOf(code)].flatMap((name) => (name ? printedRegionVariants(name) : [])))];
}

/** The name without its `KABUPATEN` / `KOTA` (and `ADMINISTRASI`) prefix: how birthplaces are printed. */
export function withoutRegencyPrefix(name: string): string {
  return name.replace(/^(KABUPATEN|KOTA)( ADMINISTRASI)? /, '');
}

export interface PlaceMatch {
  /** The official (printed) form of the name. */
  name: string;
  /** Edit distance between the compact reading and the name. */
  distance: number;
}

/**
 * Edits allowed between a reading and a place name of `length` letters: the recogniser's usual
 * misses on names are one or two letters (a lost ending, `JOMBAN`; a misread letter), never more
 * than a fifth of the name, and a short name must match exactly.
 */
export function allowedPlaceEdits(length: number): number {
  if (length <= 4) return 0;
  if (length <= 9) return 1;
  return Math.max(2, Math.floor(0.2 * length));
}

/**
 * Of two names equally close to a reading compared compactly (a region's current and former name that
 * differ only in spacing, `ADIANKOTING` and `ADIAN KOTING`), the one printed as the reading spaces it.
 */
export function asPrintedSpacing(text: string, a: string, b: string): string {
  const spaced = text.toUpperCase();
  return editDistance(spaced, b) < editDistance(spaced, a) ? b : a;
}

/**
 * Snaps a reading to the closest of `names`, compared compactly (case, spaces and punctuation
 * ignored, so split words `PET ARUKAN` and lost spaces match), when within `allowedPlaceEdits` and
 * no other name is as close (names equal compactly are one name: `asPrintedSpacing` picks). Null
 * otherwise: the reading is kept as printed.
 */
export function snapPlaceName(text: string, names: Iterable<string>): PlaceMatch | null {
  const key = compact(text);
  if (!key) return null;
  let best: PlaceMatch | null = null;
  let tied = false;
  for (const name of names) {
    const target = compact(name);
    if (Math.abs(target.length - key.length) > 2) continue;
    const distance = editDistance(key, target);
    if (!best || distance < best.distance) {
      best = { name, distance };
      tied = false;
    } else if (distance === best.distance) {
      if (target !== compact(best.name)) tied = true;
      else best = { name: asPrintedSpacing(text, best.name, name), distance };
    }
  }
  if (!best || tied || best.distance > allowedPlaceEdits(compact(best.name).length)) return null;
  return best;
}

const birthplaceCache = new WeakMap<RegionLookup, string[]>();

/**
 * Every regency and city name as a birthplace is printed: bare (`BANDUNG`) and with its prefix (`KOTA
 * BANDUNG`), former names (before 2025) included.
 */
export function birthplaceNames(regions: RegionLookup): string[] {
  const cached = birthplaceCache.get(regions);
  if (cached) return cached;
  const names = new Set<string>();
  for (const regency of regions.regencies()) {
    for (const variant of printedNamesOf(regency.code, regions)) {
      names.add(variant);
      names.add(withoutRegencyPrefix(variant));
    }
  }
  const list = [...names];
  birthplaceCache.set(regions, list);
  return list;
}
