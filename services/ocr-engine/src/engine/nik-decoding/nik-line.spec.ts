import type { TextItem } from '../layout/line-grouping';
import { findNikItem, longestDigitRun } from './nik-line';

const item = (text: string): TextItem => ({ box: { cx: 0, cy: 0, width: 100, height: 20, angle: 0 }, text, chars: [], confidence: 0.9 });

describe('the NIK line', () => {
  it('counts digit look-alikes and skips spaces in a run', () => {
    expect(longestDigitRun('NIK : 3205 O54l 0119 0001')).toBe(16);
    expect(longestDigitRun('17-08-1990')).toBe(4);
  });

  it('is the box with a run of about sixteen digits, not a date or RT/RW', () => {
    const nik = item(':3205054101900001');
    expect(findNikItem([item('GARUT, 17-08-1990'), item('001/002'), nik, item('SITI AMINAH')])).toBe(nik);
    expect(findNikItem([item('GARUT, 17-08-1990'), item('001/002')])).toBeNull();
  });
});
