/**
 * The form of a name used for patient sign-in and search: upper case, apostrophes dropped, any
 * other punctuation or run of spaces becomes one space. So `Riyanto.  se` matches `RIYANTO. SE`
 * and `Ma'ruf` matches `MARUF`; letters themselves must agree (nothing else is fuzzy).
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toUpperCase()
    .replace(/['`\u2019]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
