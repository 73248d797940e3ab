import { NATIONAL_HOLIDAYS_2026 } from '@hotline/calendar';
import { toCalendarStatusView, toCalendarView, toYearLoadedView } from './calendar.views';

describe('calendar views', () => {
  it('shows each year with its source, notice and size, the missing years and the provisional orders', () => {
    const loadedAt = new Date('2026-12-01T08:00:00Z');
    expect(
      toCalendarStatusView({
        timeZone: 'Asia/Shanghai',
        years: [
          { source: 'shipped', data: NATIONAL_HOLIDAYS_2026 },
          { source: 'tenant', data: { year: 2900, notice: 'TEST DATA', holidays: [] }, loadedAt, loadedBy: 'city-a:admin' },
        ],
        missingYears: [2027],
        provisionalOpenWorkOrders: 3,
      }),
    ).toEqual({
      timeZone: 'Asia/Shanghai',
      years: [
        { year: 2026, source: 'shipped', notice: '国办发明电〔2025〕7号', holidays: 7, loadedAt: null },
        { year: 2900, source: 'tenant', notice: 'TEST DATA', holidays: 0, loadedAt: '2026-12-01T08:00:00.000Z' },
      ],
      missingYears: [2027],
      provisionalOpenWorkOrders: 3,
    });
  });

  it('shows a loaded year and the settings', () => {
    const loadedAt = new Date('2026-12-01T08:00:00Z');
    expect(toYearLoadedView({ year: 2900, notice: 'n', scope: 'tenant', recomputedWorkOrders: 2, loadedAt, loadedBy: 'a' })).toEqual({
      year: 2900, notice: 'n', source: 'tenant', recomputedWorkOrders: 2, loadedAt: '2026-12-01T08:00:00.000Z', loadedBy: 'a',
    });
    expect(toCalendarView({ timeZone: 'Asia/Shanghai', extraHolidays: [], extraWorkingDays: [], updatedAt: null }).updatedAt).toBeNull();
  });
});
