import { calibrationError, FlagScores } from './metrics';

describe('evaluation metrics', () => {
  it('scores fieldsToCheck by recall on wrong fields and false flags on right ones', () => {
    const flags = new FlagScores();
    flags.add({ nik: '1', nama: 'A', alamat: 'B' }, { nik: '2', nama: 'A', alamat: 'B' }, ['nik', 'alamat']);
    expect(flags.summary()).toMatchObject({ wrong: 1, wrongFlagged: 1, right: 2, rightFlagged: 1, recall: 1, falseFlagRate: 0.5 });
  });

  it('measures calibration error as the weighted gap between stated and observed accuracy', () => {
    expect(calibrationError([{ p: 0.95, right: true }, { p: 0.95, right: true }])).toBeCloseTo(0.05);
    expect(calibrationError([{ p: 0.95, right: false }, { p: 0.15, right: false }])).toBeCloseTo(0.55);
  });
});
