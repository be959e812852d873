import { ageOn, priorityOf } from './priority-category';

describe('priority category', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('1966-12-07', '2026-12-07')).toBe(60);
    expect(ageOn('1966-12-08', '2026-12-07')).toBe(59);
    expect(ageOn('1964-02-29', '2026-02-28')).toBe(61);
  });

  it('makes a patient at the threshold lansia (priority lane), keeps a declared category and a staff URGENT', () => {
    expect(priorityOf({ patientBirthDate: '1966-12-07' }, '2026-12-07', 60)).toEqual({ priority: 'HIGH', category: 'LANSIA' });
    expect(priorityOf({ patientBirthDate: '1966-12-07' }, '2026-12-07', 65)).toEqual({ priority: 'NORMAL', category: null });
    expect(priorityOf({ category: 'IBU_HAMIL', patientBirthDate: '1950-01-01' }, '2026-12-07', 60)).toEqual({ priority: 'HIGH', category: 'IBU_HAMIL' });
    expect(priorityOf({ priority: 'URGENT', patientBirthDate: '1950-01-01' }, '2026-12-07', 60)).toEqual({ priority: 'URGENT', category: 'LANSIA' });
    expect(priorityOf({}, '2026-12-07', 60)).toEqual({ priority: 'NORMAL', category: null });
  });
});
