/**
 * What the colon column leaves at the start of a value: the colon itself, or a fragment of it read as a
 * lower-case letter, a `1`, `I` or `|` (`l `, `t `, `d `, `l :`, `: `). Values are printed in upper
 * case, so a lone lower-case letter there is never part of them; an upper-case `I` or `1` counts only
 * when a colon or another fragment follows it.
 */
const LEADING_RESIDUE = /^(?:\s*(?:[:;|!,.'`]|[a-z](?=[\s:;|])|[I1](?=\s*[:;|])))+\s*/;

/** Strips separator residue from the start of a value. */
export function stripSeparatorResidue(text: string): string {
  return text.replace(LEADING_RESIDUE, '').trim();
}

/**
 * Address abbreviations as printed: `JLRAYA` (the stop and space of `JL.` lost) as `JL. RAYA`, and a
 * house number glued to its `NO.` (`NO.5`) as `NO. 5`.
 */
export function restoreAddressAbbreviations(text: string): string {
  return text.replace(/^(JL|GG)\.?\s*(?=[A-Z]{3})/, '$1. ').replace(/\bNO\.(?=\d)/g, 'NO. ');
}
