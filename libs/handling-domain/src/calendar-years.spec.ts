import { NATIONAL_HOLIDAYS_2026 } from '@hotline/calendar';
import { higherSourceFor, resolveYears, SourcedYear } from './calendar-years';

const year = (y: number, notice: string) => ({ year: y, notice, holidays: [] });

describe('calendar year sources', () => {
  const candidates: SourcedYear[] = [
    { source: 'tenant', data: year(2900, 'tenant copy') },
    { source: 'province', data: year(2900, 'province copy') },
    { source: 'tenant', data: year(2901, 'tenant only') },
    { source: 'shipped', data: NATIONAL_HOLIDAYS_2026 },
    { source: 'tenant', data: year(2026, 'shadowed') },
  ];

  it('takes each year from its highest source: shipped, then province, then tenant', () => {
    expect(resolveYears(candidates).map((c) => [c.data.year, c.source, c.data.notice])).toEqual([
      [2026, 'shipped', '国办发明电〔2025〕7号'],
      [2900, 'province', 'province copy'],
      [2901, 'tenant', 'tenant only'],
    ]);
  });

  it('finds the source above a loader that already knows the year', () => {
    expect(higherSourceFor(2026, 'tenant', candidates)?.source).toBe('shipped');
    expect(higherSourceFor(2900, 'tenant', candidates)?.source).toBe('province');
    expect(higherSourceFor(2901, 'tenant', candidates)).toBeUndefined();
    expect(higherSourceFor(2900, 'province', candidates)).toBeUndefined();
    expect(higherSourceFor(2026, 'province', candidates)?.source).toBe('shipped');
  });
});
