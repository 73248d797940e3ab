import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { handlingService } from '../src/handling.service';

describe('time-limit table (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const fields = (body: { errors: Array<{ field: string }> }) => body.errors.map((e) => e.field);
  const rule = (requestType: string, urgency: string, extra: object = {}) => ({
    requestType, urgency,
    signFor: { unit: 'working-hours', amount: 4 },
    handling: { unit: 'working-days', amount: 7, counting: 'from-next-day' },
    ...extra,
  });

  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService);
  });
  afterAll(() => sut?.close());

  it('serves the national defaults for a tenant without its own table', async () => {
    const res = await sut.as('city-a', ['dispatcher'])('GET', '/v1/time-limits');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(21);
    expect(res.body.items.every((r: { source: string }) => r.source === 'default')).toBe(true);
    // The defaults name no counting: they take the one default, which the table states.
    expect(res.body.defaultCounting).toBe('from-next-day');
    expect(res.body.items[0]).toEqual({
      requestType: 'consultation', urgency: 'normal', source: 'default',
      signFor: { unit: 'working-days', amount: 1 },
      handling: { unit: 'working-days', amount: 2 },
    });
    expect(res.body.items.find((r: { requestType: string; urgency: string }) => r.requestType === 'complaint' && r.urgency === 'critical'))
      .toMatchObject({ signFor: { unit: 'calendar-minutes', amount: 15 }, handling: { unit: 'calendar-minutes', amount: 120 } });
  });

  it('replaces the tenant rows, for that tenant only', async () => {
    const admin = sut.as('city-a', ['tenant-admin']);
    const put = await admin('PUT', '/v1/time-limits', {
      rules: [rule('help', 'urgent'), rule('report', 'normal', { signFor: { unit: 'working-days', amount: 2 } })],
    });
    expect(put.status).toBe(200);
    const own = put.body.items.filter((r: { source: string }) => r.source === 'tenant');
    expect(own).toEqual([
      { ...rule('help', 'urgent'), source: 'tenant' },
      { ...rule('report', 'normal'), signFor: { unit: 'working-days', amount: 2 }, source: 'tenant' },
    ]);
    // A rule that names no counting is stored without one (it takes the default), one that names it keeps it.
    const stored = await sut.service.context.db.run('city-a', (m) =>
      m.query(`select request_type, sign_counting, handle_counting from time_limits order by request_type`));
    expect(stored).toEqual([
      { request_type: 'help', sign_counting: null, handle_counting: 'from-next-day' },
      { request_type: 'report', sign_counting: null, handle_counting: 'from-next-day' },
    ]);
    expect((await sut.as('city-a', ['supervisor'])('GET', '/v1/time-limits')).body).toEqual(put.body);
    const other = await sut.as('city-b', ['tenant-admin'])('GET', '/v1/time-limits');
    expect(other.body.items.every((r: { source: string }) => r.source === 'default')).toBe(true);

    const replaced = await admin('PUT', '/v1/time-limits', { rules: [rule('praise', 'critical')] });
    expect(replaced.body.items.filter((r: { source: string }) => r.source === 'tenant').map((r: { requestType: string }) => r.requestType))
      .toEqual(['praise']);
    expect((await admin('PUT', '/v1/time-limits', { rules: [] })).body.items.every((r: { source: string }) => r.source === 'default')).toBe(true);
    expect(await sut.service.context.dataSource.query('select * from time_limits')).toEqual([]);
  });

  it('answers bad tables with a 400 problem naming each field, and writes nothing', async () => {
    const admin = sut.as('city-c', ['tenant-admin']);
    const bad = await admin('PUT', '/v1/time-limits', {
      rules: [
        rule('help', 'normal'),
        rule('help', 'normal'),
        rule('petition', 'soon', { signFor: { unit: 'weeks', amount: 0 }, handling: { unit: 'calendar-minutes', amount: 5, counting: 'from-receipt' } }),
      ],
    });
    expect(bad).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(fields(bad.body)).toEqual(expect.arrayContaining([
      'rules.2.requestType', 'rules.2.urgency', 'rules.2.signFor.unit', 'rules.2.signFor.amount', 'rules.2.handling.counting',
    ]));
    const duplicate = await admin('PUT', '/v1/time-limits', { rules: [rule('help', 'normal'), rule('help', 'normal')] });
    expect(fields(duplicate.body)).toEqual(['rules.1']);
    const tooMany = await admin('PUT', '/v1/time-limits', { rules: Array.from({ length: 22 }, () => rule('help', 'normal')) });
    expect(fields(tooMany.body)).toContain('rules');
    expect(fields((await admin('PUT', '/v1/time-limits', {})).body)).toEqual(['rules']);
    const current = await admin('GET', '/v1/time-limits');
    expect(current.body.items.every((r: { source: string }) => r.source === 'default')).toBe(true);
  });

  it('checks roles', async () => {
    expect((await sut.as('city-a', ['unit-operator'])('GET', '/v1/time-limits')).status).toBe(403);
    expect((await sut.as('city-a', ['supervisor'])('PUT', '/v1/time-limits', { rules: [] })).status).toBe(403);
    expect((await sut.request('GET', '/v1/time-limits')).status).toBe(401);
  });
});
