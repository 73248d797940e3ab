// Issue 17: a supervisor acknowledges an early-warning alert (POST /v1/alerts/{id}/acknowledge);
// the running surge keeps it acknowledged while its severity holds, and a rise reopens it —
// against real PostgreSQL and NATS, the surge driven by accepted requests as intake publishes them.
import { Events } from '@hotline/contracts';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually, queryAsTenant } from '@hotline/testing';
import { analyticsService } from '../src/analytics.service';
import { briefOf } from './support/board-replay';

const TENANT = 'city-ack';
const KEY = { categoryCode: 'environment', areaCode: '430108' };
const START = new Date('2025-06-11T09:00:00+08:00');
const receivedAt = (i: number) => new Date(START.getTime() + i * 20 * 60_000);

describe('alert acknowledgement (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  let alertId: string;
  const supervisor = () => sut.as(TENANT, ['supervisor']);
  const alertView = async () => (await supervisor()('GET', `/v1/alerts/${alertId}`)).body;
  /** Requests i…j-1 of the surge's key, accepted by intake; waits until the alert counts them. */
  async function arrive(from: number, to: number): Promise<void> {
    for (let i = from; i < to; i++)
      await publishEvent(sut, Events.intake.requestAccepted, TENANT, {
        request: briefOf({ requestId: `s-${i}`, ...KEY, at: receivedAt(i), title: '夜间工厂排放异味', content: '气味很重' }),
      });
    await eventually(`the surge counts ${to}`, async () => {
      const [row] = await queryAsTenant<{ alert_id: string; count: number }>(sut.db.url, TENANT, `select alert_id, count from alerts where kind = 'surge'`);
      if (row) alertId = row.alert_id;
      return row?.count === to;
    }, 30_000);
  }
  const ids = async (query: string) => ((await supervisor()('GET', `/v1/alerts?${query}`)).body.items as Array<{ alertId: string }>).map((a) => a.alertId);

  beforeAll(async () => {
    sut = await startServiceUnderTest(analyticsService);
    // No history: the floor baseline, threshold 5 in the 24-hour window (×1.5 medium at 8).
    await arrive(0, 5);
  }, 60_000);
  afterAll(() => sut?.close());

  it('raises the surge open, never acknowledged', async () => {
    expect(await alertView()).toMatchObject({ kind: 'surge', severity: 'low', count: 5, threshold: 5, state: 'open', acknowledgement: null, reopenedAt: null });
    expect(await ids('state=open')).toEqual([alertId]);
    expect(await ids('state=acknowledged')).toEqual([]);
  });

  it('lets only the tenant’s supervisors acknowledge, and refuses bad input naming the field', async () => {
    const path = `/v1/alerts/${alertId}/acknowledge`;
    for (const roles of [['tenant-admin'], ['agent'], ['reviewer']] as const) expect((await sut.as(TENANT, [...roles])('POST', path, {})).status).toBe(403);
    expect((await sut.as('province-32', ['province-operator'])('POST', path, {})).status).toBe(403);
    const elsewhere = await sut.as('city-other', ['supervisor'])('POST', path, {});
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.type).toContain('application/problem+json');
    expect((await supervisor()('POST', '/v1/alerts/0190a1b2-0000-7000-8000-000000000000/acknowledge', {})).status).toBe(404);
    const badId = await supervisor()('POST', '/v1/alerts/not-an-id/acknowledge', {});
    expect(badId.status).toBe(400);
    expect(badId.body.errors.map((e: { field: string }) => e.field)).toEqual(['path.alertId']);
    const badBody = await supervisor()('POST', path, { note: 'x'.repeat(501), by: 'someone-else' });
    expect(badBody.status).toBe(400);
    expect(badBody.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['(body)', 'note']);
    const badState = await supervisor()('GET', '/v1/alerts?state=closed');
    expect(badState.status).toBe(400);
    expect(badState.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.state']);
    // Nothing of it was written.
    expect((await alertView()).state).toBe('open');
  });

  it('records who acknowledged, when, at which severity, with the note masked; a second acknowledgement changes nothing', async () => {
    const before = Date.now();
    const res = await supervisor()('POST', `/v1/alerts/${alertId}/acknowledge`, { note: '已联系区环保局现场核查，联系人电话13812345678' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ alertId, state: 'acknowledged', stateLabel: { zh: '已确认' }, acknowledgement: { by: `${TENANT}:user`, severity: 'low' } });
    expect(new Date(res.body.acknowledgement.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(res.body.acknowledgement.note).toContain('已联系区环保局现场核查');
    expect(JSON.stringify(res.body)).not.toContain('13812345678');
    expect(await alertView()).toEqual(res.body);
    const stored = await queryAsTenant(sut.db.url, TENANT, `select acknowledgement_note from alerts where alert_id = $1`, [alertId]);
    expect(JSON.stringify(stored)).not.toContain('13812345678');

    const again = await supervisor()('POST', `/v1/alerts/${alertId}/acknowledge`, { note: '重复确认' });
    expect(again.status).toBe(200);
    expect(again.body.acknowledgement).toEqual(res.body.acknowledgement);
    expect(await ids('state=acknowledged')).toEqual([alertId]);
    expect(await ids('state=open')).toEqual([]);
    // The hotline's own bookkeeping: no event on the bus.
    const events = await queryAsTenant<{ event_type: string }>(sut.db.url, TENANT, `select event_type from outbox order by id`);
    expect(events.map((e) => e.event_type)).toEqual(['hotline.analytics.v1.AlertRaised']);
  });

  it('stays acknowledged while the surge grows at the same severity', async () => {
    await arrive(5, 7);
    expect(await alertView()).toMatchObject({ count: 7, severity: 'low', state: 'acknowledged', reopenedAt: null, acknowledgement: { severity: 'low' } });
  });

  it('reopens when its severity rises, keeping the acknowledgement it outgrew, and is acknowledged anew at the new severity', async () => {
    await arrive(7, 8);
    const reopened = await alertView();
    expect(reopened).toMatchObject({ count: 8, severity: 'medium', state: 'open', reopenedAt: receivedAt(7).toISOString(), acknowledgement: { severity: 'low' } });
    expect(await ids('state=open')).toEqual([alertId]);
    const events = await queryAsTenant<{ event_type: string }>(sut.db.url, TENANT, `select event_type from outbox order by id`);
    expect(events.map((e) => e.event_type)).toEqual(['hotline.analytics.v1.AlertRaised', 'hotline.analytics.v1.AlertEscalated']);

    const res = await supervisor()('POST', `/v1/alerts/${alertId}/acknowledge`, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'acknowledged', reopenedAt: receivedAt(7).toISOString(), acknowledgement: { severity: 'medium', note: null } });
    expect(await ids('state=acknowledged&kind=surge&severity=medium')).toEqual([alertId]);
  });
});
