import { restoreAddressAbbreviations, stripSeparatorResidue } from './separator-residue';

describe('separator residue', () => {
  it('strips colon fragments read as letters before a value', () => {
    expect(stripSeparatorResidue('l JL. MERDEKA NO. 5')).toBe('JL. MERDEKA NO. 5');
    expect(stripSeparatorResidue('t KP. CIOJAR')).toBe('KP. CIOJAR');
    expect(stripSeparatorResidue('d DUSUN KRAJAN')).toBe('DUSUN KRAJAN');
    expect(stripSeparatorResidue('l : PERUM GRIYA')).toBe('PERUM GRIYA');
    expect(stripSeparatorResidue(': JL. MAWAR')).toBe('JL. MAWAR');
    expect(stripSeparatorResidue('I: JL. MAWAR')).toBe('JL. MAWAR');
  });

  it('keeps values that start with a real one-letter word or a number', () => {
    expect(stripSeparatorResidue('JL. A YANI')).toBe('JL. A YANI');
    expect(stripSeparatorResidue('I GUSTI NGURAH')).toBe('I GUSTI NGURAH');
    expect(stripSeparatorResidue('12 ULU')).toBe('12 ULU');
  });

  it('restores a JL. that lost its stop and space, and the space after NO.', () => {
    expect(restoreAddressAbbreviations('JLRAYA BOGOR')).toBe('JL. RAYA BOGOR');
    expect(restoreAddressAbbreviations('JL. RAYA BOGOR')).toBe('JL. RAYA BOGOR');
    expect(restoreAddressAbbreviations('JLN')).toBe('JLN');
    expect(restoreAddressAbbreviations('PERUM TAMAN SARI BLOK F11 NO.5')).toBe('PERUM TAMAN SARI BLOK F11 NO. 5');
  });
});
