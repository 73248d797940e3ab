import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATIONAL_HOLIDAYS_2026 } from '@hotline/calendar';
import { Events } from '@hotline/contracts';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { runLoadHolidays } from '../src/calendar/load-holidays-command';
import { handlingService } from '../src/handling.service';
import { assignment, brief, dispatchAndWait, dispatched, outboxEvents, timersOf } from './work-order-fixtures';

// TEST DATA: fictional years far ahead, clearly not State Council notices (2900-01-01 is a
// Friday, 2901-01-01 a Saturday). No test invents the dates of a real year such as 2027.
const TEST_2900 = {
  notice: 'TEST DATA — fictional year 2900',
  holidays: [{ name: '测试节', nameEn: 'Test Day', from: '2900-01-07', to: '2900-01-09', makeUpWorkdays: ['2900-01-10'] }],
};
const TEST_2901 = {
  notice: 'TEST DATA — fictional year 2901',
  holidays: [{ name: '测试节', nameEn: 'Test Day', from: '2901-01-06', to: '2901-01-08', makeUpWorkdays: ['2901-01-09'] }],
};

describe('holiday years and provisional dues (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  let dir: string;
  const fields = (body: { errors: Array<{ field: string }> }) => body.errors.map((e) => e.field);
  const gaps = () => sut.service.context.dataSource.query(`select tenant_id, year from calendar_coverage_gaps order by tenant_id, year`);
  const status = async (tenantId: string) => (await sut.as(tenantId, ['supervisor'])('GET', '/v1/calendar/status')).body;
  const order = async (tenantId: string, id: string) => (await sut.as(tenantId, ['supervisor'])('GET', `/v1/work-orders/${id}`)).body;
  const file = async (name: string, content: unknown) => {
    const path = join(dir, name);
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService);
    dir = await mkdtemp(join(tmpdir(), 'handling-holidays-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await sut?.close();
  });

  it('marks a due computed into a year without national data provisional, everywhere it shows: 2026-12-14 + 15 working days', async () => {
    const [o] = await dispatchAndWait(sut, 'city-n', dispatched(brief(), [assignment('u-n')], '2026-12-14T10:00:00+08:00'), 1);
    // Counted on weekdays alone: Fri 2027-01-01 (most likely a holiday) is working day 14, Mon 01-04 day 15.
    expect(o).toMatchObject({ handleDueAt: '2027-01-04T16:00:00.000Z', dueProvisional: true, provisionalYears: [2027] });
    expect((await outboxEvents(sut, Events.handling.workOrderCreated, o.id))[0]).toMatchObject({ dueProvisional: true });
    const [missing] = await outboxEvents(sut, Events.handling.calendarDataMissing, o.id);
    expect(missing).toMatchObject({ years: [2027], workOrderId: o.id, requestId: o.requestId, dueAt: o.handleDueAt });
    expect(new Date(missing!.detectedAt).getTime()).not.toBeNaN();
    const metrics = await (await fetch(`${sut.service.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/^hotline_provisional_deadlines_total\{clock="handling"[^}]*\} 1$/m);
    expect(await gaps()).toEqual([{ tenant_id: 'city-n', year: 2027 }]);
    expect(await status('city-n')).toEqual({
      timeZone: 'Asia/Shanghai',
      years: [
        { year: 2025, source: 'shipped', notice: '国办发明电〔2024〕12号', holidays: 6, loadedAt: null },
        { year: 2026, source: 'shipped', notice: '国办发明电〔2025〕7号', holidays: 7, loadedAt: null },
      ],
      missingYears: [2027],
      provisionalOpenWorkOrders: 1,
    });
    const compute = await sut.as('city-n', ['agent'])('POST', '/v1/deadlines/compute', { startAt: o.createdAt, unit: 'working-days', amount: 15 });
    expect(compute.body).toEqual({ dueAt: o.handleDueAt, timeZone: 'Asia/Shanghai', calendarDataComplete: false });
  });

  it('recomputes the open provisional dues when a tenant-admin loads the year, moves their timers and clears the marks', async () => {
    const [inYear] = await dispatchAndWait(sut, 'city-t', dispatched(brief(), [assignment('u-t')], '2900-01-05T10:00:00+08:00'), 1);
    const [twoYears] = await dispatchAndWait(sut, 'city-t', dispatched(brief(), [assignment('u-t')], '2899-12-28T10:00:00+08:00'), 1);
    expect(inYear).toMatchObject({ signDueAt: '2900-01-06T16:00:00.000Z', handleDueAt: '2900-01-26T16:00:00.000Z', provisionalYears: [2900] });
    expect(twoYears).toMatchObject({ handleDueAt: '2900-01-18T16:00:00.000Z', provisionalYears: [2899, 2900] });
    expect(await status('city-t')).toMatchObject({ missingYears: [2027, 2899, 2900], provisionalOpenWorkOrders: 2 });

    const put = await sut.as('city-t', ['tenant-admin'])('PUT', '/v1/calendar/years/2900', TEST_2900);
    expect(put).toMatchObject({
      status: 200,
      body: { year: 2900, notice: TEST_2900.notice, source: 'tenant', recomputedWorkOrders: 2, loadedBy: 'city-t:user' },
    });
    // 01-07…01-09 are now days off and Sun 01-10 a working day: the handling due moves one day.
    expect(await order('city-t', inYear.id)).toMatchObject({
      signDueAt: '2900-01-06T16:00:00.000Z', handleDueAt: '2900-01-27T16:00:00.000Z', dueProvisional: false, provisionalYears: [],
    });
    expect(await order('city-t', twoYears.id)).toMatchObject({ handleDueAt: '2900-01-19T16:00:00.000Z', dueProvisional: true, provisionalYears: [2899] });
    expect((await timersOf(sut, inYear.id)).map((t) => [t.kind, t.state, t.due_at.toISOString()])).toEqual([
      ['handle-overdue', 'pending', '2900-01-27T16:00:00.000Z'],
      ['sign-overdue', 'pending', '2900-01-06T16:00:00.000Z'],
    ]);
    expect(await outboxEvents(sut, Events.handling.calendarYearLoaded, 'city-t')).toEqual([
      expect.objectContaining({ year: 2900, scope: 'tenant', recomputedWorkOrders: 2, notice: TEST_2900.notice, loadedBy: 'city-t:user' }),
    ]);
    // Consumers learn each order's new dues (analytics judges lateness against them).
    expect(await outboxEvents(sut, Events.handling.workOrderDuesRecomputed, inYear.id)).toEqual([
      expect.objectContaining({ workOrderId: inYear.id, handleDueAt: '2900-01-27T16:00:00.000Z', dueProvisional: false, year: 2900 }),
    ]);
    expect(await outboxEvents(sut, Events.handling.workOrderDuesRecomputed, twoYears.id)).toEqual([
      expect.objectContaining({ handleDueAt: '2900-01-19T16:00:00.000Z', dueProvisional: true, year: 2900 }),
    ]);
    expect(await gaps()).toEqual([{ tenant_id: 'city-n', year: 2027 }, { tenant_id: 'city-t', year: 2899 }]);
    const after = await status('city-t');
    expect(after.years[2]).toMatchObject({ year: 2900, source: 'tenant', notice: TEST_2900.notice, holidays: 1 });
    expect(after).toMatchObject({ missingYears: [2027, 2899], provisionalOpenWorkOrders: 1 });

    // New orders use the year at once; other tenants do not have it.
    const [later] = await dispatchAndWait(sut, 'city-t', dispatched(brief(), [assignment('u-t')], '2900-01-05T10:00:00+08:00'), 1);
    expect(later).toMatchObject({ handleDueAt: '2900-01-27T16:00:00.000Z', dueProvisional: false });
    const elsewhere = await sut.as('city-n', ['agent'])('POST', '/v1/deadlines/compute', {
      startAt: '2900-01-05T10:00:00+08:00', unit: 'working-days', amount: 15,
    });
    expect(elsewhere.body).toMatchObject({ dueAt: '2900-01-26T16:00:00.000Z', calendarDataComplete: false });
    // Loading it again replaces the tenant's own copy; nothing is provisional in it any more.
    expect((await sut.as('city-t', ['tenant-admin'])('PUT', '/v1/calendar/years/2900', TEST_2900)).body.recomputedWorkOrders).toBe(0);
  });

  it('refuses a year a higher source has (409), and bad years and files with 400s naming the field, writing nothing', async () => {
    const admin = sut.as('city-b', ['tenant-admin']);
    expect(await admin('PUT', '/v1/calendar/years/2026', NATIONAL_HOLIDAYS_2026)).toMatchObject({
      status: 409, body: { code: 'conflict', detail: '2026 is already known from the shipped calendar (国办发明电〔2025〕7号)' },
    });
    expect(fields((await admin('PUT', '/v1/calendar/years/twenty', TEST_2900)).body)).toEqual(['year']);
    expect(fields((await admin('PUT', '/v1/calendar/years/3000', TEST_2900)).body)).toEqual(['year']);
    const shape = await admin('PUT', '/v1/calendar/years/2900', {
      notice: '', holidays: [{ name: '', from: '2900-01-07', to: 'soon', makeUpWorkdays: 'none' }], extra: 1,
    });
    expect(shape).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(shape.type).toContain('application/problem+json');
    expect(fields(shape.body)).toEqual(expect.arrayContaining(['notice', 'holidays.0.name', 'holidays.0.to', 'holidays.0.makeUpWorkdays']));
    const rules = await admin('PUT', '/v1/calendar/years/2900', {
      notice: 'TEST DATA',
      holidays: [
        { name: '甲', from: '2900-02-30', to: '2900-03-01', makeUpWorkdays: ['2900-03-03'] },
        { name: '乙', from: '2901-01-01', to: '2901-01-02', makeUpWorkdays: [] },
        { name: '丙', from: '2900-05-01', to: '2900-06-15', makeUpWorkdays: ['2900-05-03'] },
      ],
    });
    expect(fields(rules.body)).toEqual([
      'holidays.0.from', 'holidays.1.from', 'holidays.1.to', 'holidays.2.to', 'holidays.0.makeUpWorkdays.0', 'holidays.2.makeUpWorkdays.0',
    ]);
    expect(fields((await admin('PUT', '/v1/calendar/years/2900', { notice: 'x', holidays: [] })).body)).toEqual(['holidays']);
    // A New Year holiday reaching back into a year whose data works that day would break the calendar.
    const cb = sut.as('city-c', ['tenant-admin']);
    const with2899 = { notice: 'TEST DATA 2899', holidays: [{ name: '测试', from: '2899-06-01', to: '2899-06-02', makeUpWorkdays: ['2899-12-26'] }] };
    expect((await cb('PUT', '/v1/calendar/years/2899', with2899)).status).toBe(200);
    const clash = await cb('PUT', '/v1/calendar/years/2900', { notice: 'TEST DATA', holidays: [{ name: '元旦', from: '2899-12-26', to: '2900-01-01' }] });
    expect(clash).toMatchObject({ status: 400, body: { errors: [{ field: 'holidays', message: expect.stringContaining('2899-12-26') }] } });
    expect((await sut.service.context.db.run('city-c', (m) => m.query('select year from tenant_holiday_years')))).toEqual([{ year: 2899 }]);
    expect((await sut.service.context.db.run('city-b', (m) => m.query('select * from tenant_holiday_years')))).toEqual([]);
    expect(await outboxEvents(sut, Events.handling.calendarYearLoaded, 'city-b')).toEqual([]);

    expect((await sut.as('city-b', ['supervisor'])('PUT', '/v1/calendar/years/2900', TEST_2900)).status).toBe(403);
    for (const role of ['unit-operator', 'agent', 'dispatcher'] as const)
      expect((await sut.as('city-b', [role])('GET', '/v1/calendar/status')).status).toBe(403);
    expect((await sut.as('city-b', ['tenant-admin'])('GET', '/v1/calendar/status')).status).toBe(200);
  });

  it('loads a year province-wide with the load-holidays command and recomputes every tenant that had provisional dues in it', async () => {
    const [p1] = await dispatchAndWait(sut, 'city-p1', dispatched(brief(), [assignment('u-1')], '2901-01-05T10:00:00+08:00'), 1);
    const [p2] = await dispatchAndWait(sut, 'city-p2', dispatched(brief(), [assignment('u-2')], '2901-01-05T10:00:00+08:00'), 1);
    expect([p1.provisionalYears, p2.provisionalYears]).toEqual([[2901], [2901]]);
    // city-p3 loaded the year itself before; the province's copy takes precedence from now on.
    expect((await sut.as('city-p3', ['tenant-admin'])('PUT', '/v1/calendar/years/2901', { ...TEST_2901, notice: 'TEST DATA — tenant copy' })).status)
      .toBe(200);

    const env = { DATABASE_URL: sut.db.url, EVENT_NAMESPACE: sut.namespace };
    const path = await file('2901.json', TEST_2901);
    const run = await runLoadHolidays(['--year', '2901', '--file', path, '--by', 'province-ops:zhao'], env);
    expect(run).toEqual({
      exitCode: 0,
      output:
        `handling load-holidays: 2901 (${TEST_2901.notice}) loaded for every tenant\n` +
        '  city-p1: 1 open work order(s) recomputed\n' +
        '  city-p2: 1 open work order(s) recomputed\n',
    });
    for (const [tenantId, o] of [['city-p1', p1], ['city-p2', p2]] as const) {
      // 01-06…01-08 are days off, Sun 01-09 a make-up working day: day 1 of sign-for.
      expect(await order(tenantId, o.id)).toMatchObject({
        signDueAt: '2901-01-09T16:00:00.000Z', handleDueAt: '2901-01-27T16:00:00.000Z', dueProvisional: false, provisionalYears: [],
      });
      expect(await outboxEvents(sut, Events.handling.calendarYearLoaded, tenantId)).toEqual([
        expect.objectContaining({ year: 2901, scope: 'province', recomputedWorkOrders: 1, loadedBy: 'province-ops:zhao' }),
      ]);
    }
    expect((await gaps()).filter((g: { year: number }) => g.year === 2901)).toEqual([]);
    expect((await status('city-p3')).years.find((y: { year: number }) => y.year === 2901)).toMatchObject({ source: 'province', notice: TEST_2901.notice });
    expect(await sut.as('city-p1', ['tenant-admin'])('PUT', '/v1/calendar/years/2901', TEST_2901)).toMatchObject({ status: 409 });
    // The running service's relay publishes what the command wrote to the outbox.
    await eventually('CalendarYearLoaded published', async () => {
      const rows = await sut.service.context.dataSource.query(
        `select published_at from outbox where event_type = $1 and aggregate_id = 'city-p1'`, [Events.handling.calendarYearLoaded.type]);
      return rows.length === 1 && rows[0].published_at !== null;
    });

    // Running it again replaces the load and finds nothing left to recompute.
    expect(await runLoadHolidays(['--year', '2901', '--file', path], env)).toEqual({
      exitCode: 0,
      output: `handling load-holidays: 2901 (${TEST_2901.notice}) loaded for every tenant, replacing the earlier load\n  no tenant had provisional dues in 2901\n`,
    });
  });

  it('exits 78 on configuration errors and 1 with the field errors for an invalid or refused file', async () => {
    const env = { DATABASE_URL: sut.db.url, EVENT_NAMESPACE: sut.namespace };
    const good = await file('good.json', TEST_2901);
    const missingUrl = await runLoadHolidays(['--year', '2901', '--file', good], {});
    expect(missingUrl).toMatchObject({ exitCode: 78, output: expect.stringContaining('DATABASE_URL: missing') });
    expect((await runLoadHolidays(['--file', good], env)).exitCode).toBe(78);
    expect((await runLoadHolidays(['--year', '2901', '--file', good, '--force'], env)).exitCode).toBe(78);
    expect(await runLoadHolidays(['--year', '2901', '--file', join(dir, 'absent.json')], env)).toMatchObject({
      exitCode: 78, output: expect.stringContaining('ENOENT'),
    });
    expect(await runLoadHolidays(['--year', '2902', '--file', await file('bad.json', '{ not json')], env)).toMatchObject({
      exitCode: 1, output: expect.stringContaining('(file): not JSON'),
    });
    const invalid = await runLoadHolidays(['--year', '2902', '--file', good], env);
    expect(invalid.exitCode).toBe(1);
    expect(invalid.output).toContain('nothing loaded');
    expect(invalid.output).toContain('  - holidays.0.from: must be in 2902');
    expect(await runLoadHolidays(['--year', '2026', '--file', await file('2026.json', NATIONAL_HOLIDAYS_2026)], env)).toEqual({
      exitCode: 1,
      output: 'handling load-holidays: 2026 is already known from the shipped calendar (国办发明电〔2025〕7号); nothing loaded\n',
    });
    expect(await sut.service.context.dataSource.query(`select year from province_holiday_years where year <> 2901`)).toEqual([]);
  });
});
