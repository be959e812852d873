/** Levenshtein edit distance. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

/** Upper-case letters and digits only: the form in which OCR output is compared with known words. */
export function compact(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Canonical OCR text: full-width punctuation from the Chinese dictionary mapped to ASCII, spaces collapsed. */
export function canonicalText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[，]/g, ',')
    .replace(/[：]/g, ':')
    .replace(/[－—–]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Snapped {
  value: string;
  distance: number;
}

/**
 * The vocabulary entry closest to `text` when compared compactly (case, spaces and punctuation
 * ignored), if its edit distance is at most `maxErrorRate` of the entry's length.
 */
export function snapToVocabulary(text: string, vocabulary: readonly string[], maxErrorRate = 0.3): Snapped | null {
  const key = compact(text);
  if (!key) return null;
  let best: Snapped | null = null;
  for (const entry of vocabulary) {
    const distance = editDistance(key, compact(entry));
    if (!best || distance < best.distance) best = { value: entry, distance };
  }
  if (!best) return null;
  return best.distance <= Math.floor(compact(best.value).length * maxErrorRate) ? best : null;
}
