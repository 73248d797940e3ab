import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import type { Role } from '@hotline/vocabulary';
import { handlingService } from '../src/handling.service';

// TEST DATA: a fictional year far ahead (2900-01-01 is a Friday), clearly not a State Council
// notice, as in calendar-years.int-spec.ts.
const TEST_2900 = {
  notice: 'TEST DATA — fictional year 2900',
  holidays: [{ name: '测试节', nameEn: 'Test Day', from: '2900-01-07', to: '2900-01-09', makeUpWorkdays: ['2900-01-10'] }],
};

interface Day {
  date: string;
  working: boolean;
  kind: string;
  holidayName: string | null;
  source: string;
}

// Issue 12/16: the console's month view of the tenant's working calendar.
describe('GET /v1/calendar/days?month=YYYY-MM (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const days = (tenant: string, query: string, roles: Role[] = ['supervisor']) => sut.as(tenant, roles)('GET', `/v1/calendar/days${query}`);
  const byDate = (list: Day[]) => new Map(list.map((d) => [d.date, d]));
  const fieldsOf = (res: { body: { errors?: Array<{ field: string }> } }) => (res.body.errors ?? []).map((e) => e.field);

  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService);
  });
  afterAll(() => sut?.close());

  it('gives each day of a shipped month: workdays, weekends, 春节 and its 调休 adjusted workdays', async () => {
    const res = await days('city-ca', '?month=2026-02');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ month: '2026-02', timeZone: 'Asia/Shanghai', hasYearData: true, notice: '国办发明电〔2025〕7号' });
    const list: Day[] = res.body.days;
    expect(list.map((d) => d.date)).toEqual(Array.from({ length: 28 }, (_, i) => `2026-02-${String(i + 1).padStart(2, '0')}`));
    const day = byDate(list);
    expect(day.get('2026-02-02')).toEqual({ date: '2026-02-02', working: true, kind: 'workday', holidayName: null, source: 'weekday-rule' });
    expect(day.get('2026-02-08')).toEqual({ date: '2026-02-08', working: false, kind: 'weekend', holidayName: null, source: 'weekday-rule' });
    expect(day.get('2026-02-14')).toEqual({ date: '2026-02-14', working: true, kind: 'adjusted-workday', holidayName: '春节', source: 'year-data' });
    expect(day.get('2026-02-28')).toMatchObject({ working: true, kind: 'adjusted-workday', holidayName: '春节' });
    for (let d = 15; d <= 23; d++) expect(day.get(`2026-02-${d}`)).toMatchObject({ working: false, kind: 'holiday', holidayName: '春节', source: 'year-data' });
    // 20 weekdays less the 6 inside the holiday (16–20, 23), plus the two 调休 Saturdays.
    expect(list.filter((d) => d.working)).toHaveLength(16);
    // A 31-day month and a leap February.
    expect((await days('city-ca', '?month=2026-10')).body.days).toHaveLength(31);
    expect((await days('city-ca', '?month=2028-02', ['unit-operator'])).body).toMatchObject({ hasYearData: false, notice: null });
    expect((await days('city-ca', '?month=2028-02', ['dispatcher'])).body.days).toHaveLength(29);
  });

  it('shows the tenant’s own extra holidays and working days, and a year the tenant loaded, for that tenant only', async () => {
    const admin = sut.as('city-cb', ['tenant-admin']);
    expect((await admin('PUT', '/v1/calendar', { extraHolidays: ['2026-03-05'], extraWorkingDays: ['2026-03-07'] })).status).toBe(200);
    const march = byDate((await days('city-cb', '?month=2026-03', ['tenant-admin'])).body.days);
    expect(march.get('2026-03-05')).toEqual({ date: '2026-03-05', working: false, kind: 'holiday', holidayName: null, source: 'tenant-override' });
    expect(march.get('2026-03-07')).toEqual({ date: '2026-03-07', working: true, kind: 'adjusted-workday', holidayName: null, source: 'tenant-override' });
    expect(byDate((await days('city-ca', '?month=2026-03')).body.days).get('2026-03-05')).toMatchObject({ working: true, kind: 'workday' });

    const before = await days('city-cb', '?month=2900-01');
    expect(before.body).toMatchObject({ hasYearData: false, notice: null });
    expect(byDate(before.body.days).get('2900-01-08')).toMatchObject({ working: true, kind: 'workday' });
    expect((await admin('PUT', '/v1/calendar/years/2900', TEST_2900)).status).toBe(200);
    const loaded = await days('city-cb', '?month=2900-01');
    expect(loaded.body).toMatchObject({ hasYearData: true, notice: TEST_2900.notice });
    const jan = byDate(loaded.body.days);
    expect(jan.get('2900-01-08')).toMatchObject({ working: false, kind: 'holiday', holidayName: '测试节', source: 'year-data' });
    expect(jan.get('2900-01-10')).toMatchObject({ working: true, kind: 'adjusted-workday', holidayName: '测试节' });
    expect((await days('city-ca', '?month=2900-01')).body.hasYearData).toBe(false);
  });

  it('refuses a bad month naming the field, and callers who do not read the calendar', async () => {
    for (const [query, field] of [
      ['', 'query.month'],
      ['?month=2026-13', 'query.month'],
      ['?month=2026-2', 'query.month'],
      ['?month=2026-02-01', 'query.month'],
      ['?month=1969-12', 'query.month'],
      ['?month=2026-02&year=2026', 'query'],
    ]) {
      const res = await days('city-ca', query);
      expect(res.status).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect(fieldsOf(res)).toEqual([field]);
    }
    for (const roles of [['agent'], ['reviewer']] as Role[][]) expect((await days('city-ca', '?month=2026-02', roles)).status).toBe(403);
  });
});
