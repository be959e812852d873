import { normalizeText, SearchableInstitution, tokenize, tokenizeWords, TYPE_WORDS } from './search-text';

/**
 * Relevance ranking for institution search, in process over a candidate set the database
 * prefiltered. Word order does not matter; each query word may carry typos (1 for words of 4-5
 * letters, 2 from 6 letters), be the start of a longer word, or be an abbreviation.
 */
export interface SearchPlan {
  /** One entry per query word: its expanded tokens, each with the substrings the prefilter may require. */
  words: Array<Array<{ token: string; fragments: string[] }>>;
  /** A record must match at least this many query words (all of 1-2 words, 2 of 3, 3 of 4...). */
  minMatchedWords: number;
}

export function allowedTypos(length: number): number {
  if (length <= 3) return 0;
  return length <= 5 ? 1 : 2;
}

/**
 * The substrings of a token that any record the ranker accepts for it must contain, or none when
 * no such guarantee exists. An edit (insertion, deletion, substitution, transposition) breaks at
 * most n+1 of a word's n-grams, so with more n-grams than that at least one survives.
 */
export function requiredFragments(token: string): string[] {
  const typos = allowedTypos(token.length);
  if (typos === 0) return [token];
  for (const size of [3, 2]) {
    const grams = token.length - size + 1;
    if (grams > typos * (size + 1)) return ngrams(token, size);
  }
  return [];
}

export function searchPlan(query: string): SearchPlan {
  const words = tokenizeWords(query).map((tokens) => tokens.map((token) => ({ token, fragments: requiredFragments(token) })));
  return { words, minMatchedWords: words.length - Math.floor(words.length / 3) };
}

interface Field {
  tokens: string[];
  weight: number;
}

function fieldsOf(institution: SearchableInstitution): { name: string[]; fields: Field[] } {
  const name = tokenize(institution.name);
  return {
    name,
    fields: [
      { tokens: name, weight: 1 },
      { tokens: tokenize(institution.code), weight: 1 },
      { tokens: tokenize(TYPE_WORDS[institution.type]), weight: 0.8 },
      { tokens: tokenize([institution.kecamatan, institution.city, institution.province].filter(Boolean).join(' ')), weight: 0.7 },
    ],
  };
}

/** How well a query token matches a record's token: 1 exact, less for a prefix or typos, 0 for no match. */
export function tokenSimilarity(query: string, token: string): number {
  if (query === token) return 1;
  if (query.length >= 3 && token.startsWith(query)) return 0.9;
  const typos = allowedTypos(query.length);
  if (typos === 0) return 0;
  let best = 0;
  const distance = editDistance(query, token, typos);
  if (distance <= typos) best = 1 - 0.2 * distance;
  if (token.length > query.length) {
    for (let length = query.length - 1; length <= query.length + 1 && length <= token.length; length++) {
      if (editDistance(query, token.slice(0, length), 1) <= 1) best = Math.max(best, 0.7);
    }
  }
  return best;
}

export interface Ranked<T> {
  item: T;
  score: number;
}

/** Keeps the candidates that match enough query words, best first, ties by name. */
export function rankInstitutions<T extends SearchableInstitution>(plan: SearchPlan, candidates: T[]): Array<Ranked<T>> {
  if (plan.words.length === 0) return [];
  // Records share most of their words (puskesmas, kecamatan, jakarta): compare each pair once.
  const memo = new Map<string, number>();
  const similarity = (query: string, token: string): number => {
    const key = `${query} ${token}`;
    let value = memo.get(key);
    if (value === undefined) memo.set(key, (value = tokenSimilarity(query, token)));
    return value;
  };
  const ranked: Array<Ranked<T>> = [];
  for (const item of candidates) {
    const { name, fields } = fieldsOf(item);
    const nameMatched = new Set<number>();
    let matchedWords = 0;
    let total = 0;
    for (const word of plan.words) {
      let wordScore = 0;
      let allTokensMatch = true;
      for (const { token } of word) {
        let best = 0;
        for (const field of fields) {
          field.tokens.forEach((candidate, index) => {
            const value = similarity(token, candidate);
            if (value > 0 && field.tokens === name) nameMatched.add(index);
            best = Math.max(best, value * field.weight);
          });
        }
        if (best === 0) allTokensMatch = false;
        wordScore += best;
      }
      if (allTokensMatch) matchedWords++;
      total += wordScore / word.length;
    }
    if (matchedWords < plan.minMatchedWords) continue;
    const coverage = name.length ? nameMatched.size / name.length : 0;
    const score = Math.round((0.85 * (total / plan.words.length) + 0.15 * coverage) * 10_000) / 10_000;
    ranked.push({ item, score });
  }
  return ranked.sort((a, b) => b.score - a.score || compareNames(a.item.name, b.item.name));
}

export function compareNames(a: string, b: string): number {
  return normalizeText(a).localeCompare(normalizeText(b), 'id');
}

function ngrams(token: string, size: number): string[] {
  const grams = new Set<string>();
  for (let i = 0; i + size <= token.length; i++) grams.add(token.slice(i, i + size));
  return [...grams];
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
}
