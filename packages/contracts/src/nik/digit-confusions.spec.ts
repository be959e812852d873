import { fixDigitConfusions } from './digit-confusions';

describe('fixDigitConfusions', () => {
  it('maps the usual OCR look-alikes to digits', () => {
    expect(fixDigitConfusions('O0Il1SB8Z2G6')).toBe('001115882266');
    expect(fixDigitConfusions('32O1O117O89OOOO1')).toBe('3201011708900001');
  });

  it('leaves digits alone and keeps unknown characters visible', () => {
    expect(fixDigitConfusions('0123456789')).toBe('0123456789');
    expect(fixDigitConfusions('12X4')).toBe('12X4');
  });
});
