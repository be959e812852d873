import { compact, editDistance } from '../normalisation/text-similarity';

export interface PrefixMatch {
  /** Edit distance between the label and the matched prefix. */
  distance: number;
  /** Number of characters of the original text taken by the label. */
  consumed: number;
}

/** Errors tolerated in a label of this many letters: small, mixed-case labels are often misread. */
export function tolerance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  return Math.floor(length * 0.34);
}

/**
 * Matches `label` (compact form) against the start of `text`, allowing OCR typos and a value glued to
 * the label. Returns how much of the original text the label covers, or null when it does not match.
 */
export function matchLabelPrefix(text: string, label: string, maxDistance = tolerance(label.length)): PrefixMatch | null {
  // Map every compact character back to its index in the original text.
  const positions: number[] = [];
  let key = '';
  for (let i = 0; i < text.length; i++) {
    const c = compact(text[i]);
    if (c) {
      key += c;
      positions.push(i);
    }
  }
  let best: PrefixMatch | null = null;
  const span = Math.max(1, maxDistance);
  for (let length = Math.max(1, label.length - span); length <= Math.min(key.length, label.length + span); length++) {
    const distance = editDistance(key.slice(0, length), label);
    if (distance <= maxDistance && (!best || distance < best.distance)) {
      best = { distance, consumed: positions[length - 1] + 1 };
    }
  }
  return best;
}
