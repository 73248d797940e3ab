import { Events } from '@hotline/contracts';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { DEFAULT_DISPATCH_LIMIT_MINUTES } from '@hotline/vocabulary';
import { dispatchService } from '../src/dispatch.service';
import { eventsOnStream, requestBrief } from './dispatch-test-helpers';

// The manual queue on a clock (issue 11): a request the catalog cannot place waits on the
// tenant's dispatch limit for its urgency; durable timers raise its warning and its breach once
// each, as DispatchQueueClockWarning, unless a dispatcher placed it first.
describe('the manual-dispatch queue on a clock (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const CITY = 'city-q';
  const MINUTE = 60_000;
  let unitId: string;

  type QueueItem = { requestId: string; queuedAt: string; dueAt: string | null; clockLevel: string | null; urgency: string };
  const queueItem = async (requestId: string, tenant = CITY): Promise<QueueItem | undefined> =>
    ((await sut.as(tenant, ['dispatcher'])('GET', '/v1/dispatch-queue?limit=100')).body.items as QueueItem[]).find((i) => i.requestId === requestId);
  const timers = (requestId: string) =>
    sut.service.context.dataSource.query(`select kind, state, due_at as "dueAt" from timers where key = $1 order by kind`, [requestId]) as Promise<
      Array<{ kind: string; state: string; dueAt: Date }>
    >;
  /** Brings a timer's due to now: the worker fires it on its next poll. */
  const fireNow = (requestId: string, kind: string) =>
    sut.service.context.dataSource.query(`update timers set due_at = now(), state = 'pending', attempts = 0 where key = $1 and kind = $2`, [requestId, kind]);
  const warnings = async (requestId: string, tenant = CITY) =>
    (await eventsOnStream(sut, Events.dispatch.queueClockWarning, tenant)).filter((w) => w.requestId === requestId);

  /** A request of `urgency` the catalog has no entry for: it waits for a dispatcher. */
  async function queued(urgency: string, tenant = CITY): Promise<QueueItem> {
    const brief = requestBrief({ categoryCode: '990101', urgency });
    await publishEvent(sut, Events.intake.requestAccepted, tenant, { request: brief });
    return eventually(`${brief.requestId} in the queue`, () => queueItem(brief.requestId, tenant));
  }

  beforeAll(async () => {
    sut = await startServiceUnderTest(dispatchService);
    const res = await sut.as(CITY, ['tenant-admin'])('POST', '/v1/units', { code: 'HOUSING', name: '住建局', areaCodes: ['320102'] });
    unitId = res.body.id;
  });

  afterAll(() => sut?.close());

  it('runs a critical request on the default limit, warns at 80 %, breaches at the due, each once', async () => {
    const policy = await sut.as(CITY, ['dispatcher'])('GET', '/v1/dispatch-queue-policy');
    expect(policy.body).toMatchObject({ configured: false, limitMinutes: DEFAULT_DISPATCH_LIMIT_MINUTES, warnAtPercent: 80 });
    const item = await queued('critical');
    const queuedAt = Date.parse(item.queuedAt);
    expect(Date.parse(item.dueAt!) - queuedAt).toBe(10 * MINUTE);
    expect(item.clockLevel).toBe('on-time');
    const [breach, warning] = await timers(item.requestId);
    expect([breach?.kind, breach?.state, warning?.kind, warning?.state]).toEqual(['dispatch-queue-breach', 'pending', 'dispatch-queue-warning', 'pending']);
    expect(warning!.dueAt.getTime() - queuedAt).toBe(8 * MINUTE);

    await fireNow(item.requestId, 'dispatch-queue-warning');
    const [raised] = await eventually('the warning', async () => ((await warnings(item.requestId)).length === 1 ? warnings(item.requestId) : undefined));
    expect(raised).toMatchObject({ level: 'warning', urgency: 'critical', limitMinutes: 10, queuedAt: item.queuedAt, dueAt: item.dueAt });
    expect((await queueItem(item.requestId))?.clockLevel).toBe('warning');

    await fireNow(item.requestId, 'dispatch-queue-breach');
    await eventually('the breach', async () => (await warnings(item.requestId)).some((w) => w.level === 'breached'));
    expect((await queueItem(item.requestId))?.clockLevel).toBe('breached');
    // A warning timer firing again (a retry, a restored backup) raises nothing more.
    await fireNow(item.requestId, 'dispatch-queue-warning');
    await eventually('the timer fired again', async () => (await timers(item.requestId)).every((t) => t.state === 'fired'));
    expect((await warnings(item.requestId)).map((w) => w.level)).toEqual(['warning', 'breached']);
  });

  it('stops the clock of a request dispatched in time: its timers are cancelled and raise nothing', async () => {
    const item = await queued('urgent');
    expect(Date.parse(item.dueAt!) - Date.parse(item.queuedAt)).toBe(DEFAULT_DISPATCH_LIMIT_MINUTES.urgent * MINUTE);
    const assigned = await sut.as(CITY, ['dispatcher'])('POST', `/v1/dispatch-queue/${item.requestId}/assign`, { primaryUnitId: unitId });
    expect(assigned.status).toBe(200);
    expect((await timers(item.requestId)).map((t) => t.state)).toEqual(['cancelled', 'cancelled']);
    // Forced to fire anyway: the request no longer waits, nothing is raised.
    await fireNow(item.requestId, 'dispatch-queue-breach');
    await eventually('the forced timer fired', async () => (await timers(item.requestId)).some((t) => t.state === 'fired'));
    expect(await warnings(item.requestId)).toEqual([]);
  });

  it('takes a tenant’s own limits for requests queued after them, and refuses bad ones naming the field with nothing changed', async () => {
    const admin = sut.as(CITY, ['tenant-admin']);
    const put = await admin('PUT', '/v1/dispatch-queue-policy', { limitMinutes: { normal: 60, urgent: 15, critical: 5 }, warnAtPercent: 50 });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ configured: true, limitMinutes: { normal: 60, urgent: 15, critical: 5 }, warnAtPercent: 50 });
    const item = await queued('normal');
    expect(Date.parse(item.dueAt!) - Date.parse(item.queuedAt)).toBe(60 * MINUTE);
    const warning = (await timers(item.requestId)).find((t) => t.kind === 'dispatch-queue-warning');
    expect(warning!.dueAt.getTime() - Date.parse(item.queuedAt)).toBe(30 * MINUTE);

    const bad = [
      [{ limitMinutes: { normal: 60, urgent: 15, critical: 30 }, warnAtPercent: 50 }, 'limitMinutes.critical'],
      [{ limitMinutes: { normal: 60, urgent: 15 }, warnAtPercent: 50 }, 'limitMinutes.critical'],
      [{ limitMinutes: { normal: 60, urgent: 15, critical: 5, soon: 1 }, warnAtPercent: 50 }, 'limitMinutes'],
      [{ limitMinutes: { normal: 0, urgent: 15, critical: 5 }, warnAtPercent: 50 }, 'limitMinutes.normal'],
      [{ limitMinutes: { normal: 60, urgent: 15, critical: 5 }, warnAtPercent: 100 }, 'warnAtPercent'],
      [null, 'body'],
    ] as const;
    for (const [body, field] of bad) {
      const res = await admin('PUT', '/v1/dispatch-queue-policy', body);
      expect([res.status, JSON.stringify(res.body)]).toEqual([400, expect.stringContaining(field)]);
    }
    expect((await sut.as(CITY, ['dispatcher'])('PUT', '/v1/dispatch-queue-policy', put.body)).status).toBe(403);
    expect((await admin('GET', '/v1/dispatch-queue-policy')).body).toEqual(put.body);
    // Another tenant still runs on the defaults.
    expect((await sut.as('city-other', ['supervisor'])('GET', '/v1/dispatch-queue-policy')).body.configured).toBe(false);
  });
});
