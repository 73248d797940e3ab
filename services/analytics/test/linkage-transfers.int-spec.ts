import { Events } from '@hotline/contracts';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { analyticsService } from '../src/analytics.service';
import { analyticsDrained } from './support/drained';

/**
 * Interconnect transfers as intake publishes them (TransferOffered, TransferDecided) through
 * the real stream into analytics, and the figures a supervisor reads back. The expected figures
 * are computed here from the plan, independently of the SQL.
 */
interface PlannedTransfer {
  id: string;
  direction: 'outgoing' | 'incoming';
  counterpart: string;
  method: string;
  offeredAt: string;
  /** Seconds after the offer, and how it was decided; none: still pending. */
  decided?: { after: number; state: 'accepted' | 'declined' | 'expired'; reason?: string };
}

const DAY1 = '2026-03-02';
const DAY2 = '2026-03-03';
// 09:00 Shanghai on DAY1, and 23:30 Shanghai on DAY1 (15:30 UTC), which is still DAY1 locally.
const at = (iso: string, plusSeconds = 0) => new Date(Date.parse(iso) + plusSeconds * 1000).toISOString();
const D1_MORNING = `${DAY1}T01:00:00Z`;
const D1_LATE = `${DAY1}T15:30:00Z`;
// 00:30 Shanghai on DAY2 is 16:30 UTC on DAY1: counted on DAY2.
const D2_EARLY = `${DAY1}T16:30:00Z`;

const cityA: PlannedTransfer[] = [
  { id: 't1', direction: 'outgoing', counterpart: '110', method: 'one-key-transfer', offeredAt: at(D1_MORNING), decided: { after: 120, state: 'accepted' } },
  { id: 't2', direction: 'outgoing', counterpart: '110', method: 'one-key-transfer', offeredAt: at(D1_MORNING, 60), decided: { after: 600, state: 'accepted' } },
  { id: 't3', direction: 'outgoing', counterpart: '110', method: 'one-key-transfer', offeredAt: at(D1_MORNING, 120), decided: { after: 45, state: 'declined', reason: 'not-in-scope' } },
  { id: 't4', direction: 'outgoing', counterpart: '110', method: 'one-key-transfer', offeredAt: at(D1_MORNING, 180), decided: { after: 600, state: 'expired' } },
  { id: 't5', direction: 'outgoing', counterpart: '110', method: 'one-key-transfer', offeredAt: at(D1_LATE) },
  { id: 't6', direction: 'outgoing', counterpart: '110', method: 'three-party-call', offeredAt: at(D1_MORNING, 240), decided: { after: 30, state: 'accepted' } },
  { id: 't7', direction: 'outgoing', counterpart: '110', method: 'three-party-call', offeredAt: at(D1_MORNING, 300), decided: { after: 20, state: 'declined', reason: 'duplicate' } },
  { id: 't8', direction: 'outgoing', counterpart: '110', method: 'system-push', offeredAt: at(D1_MORNING, 360), decided: { after: 50, state: 'declined', reason: 'not-in-scope' } },
  { id: 't9', direction: 'incoming', counterpart: '110', method: 'system-push', offeredAt: at(D1_MORNING, 420), decided: { after: 5, state: 'accepted' } },
  { id: 't10', direction: 'incoming', counterpart: '110', method: 'system-push', offeredAt: at(D2_EARLY), decided: { after: 9, state: 'accepted' } },
];
const cityB: PlannedTransfer[] = [
  { id: 'b1', direction: 'outgoing', counterpart: '110', method: 'one-key-transfer', offeredAt: at(D1_MORNING), decided: { after: 7, state: 'declined', reason: 'other' } },
];

/** Linear interpolation between closest ranks, as PostgreSQL's percentile_cont. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return Math.round(sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low));
}

const localDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

/** What the endpoint must answer for these transfers, computed from the plan alone. */
function expectedFigures(plan: PlannedTransfer[]) {
  const figures = (ts: PlannedTransfer[]) => {
    const count = (state: string) => ts.filter((t) => t.decided?.state === state).length;
    const accepted = count('accepted');
    const decided = accepted + count('declined') + count('expired');
    const seconds = ts.filter((t) => t.decided?.state === 'accepted').map((t) => t.decided!.after);
    const reasons = new Map<string, number>();
    for (const t of ts) if (t.decided?.state === 'declined') reasons.set(t.decided.reason!, (reasons.get(t.decided.reason!) ?? 0) + 1);
    return {
      transfers: ts.length,
      pending: ts.filter((t) => !t.decided).length,
      accepted,
      declined: count('declined'),
      expired: count('expired'),
      decided,
      acceptanceRate: decided ? Math.round((accepted / decided) * 10_000) / 10_000 : null,
      secondsToAcceptance: { p50: percentile(seconds, 0.5), p90: percentile(seconds, 0.9), max: seconds.length ? Math.max(...seconds) : null },
      declineReasons: [...reasons].map(([reason, n]) => ({ reason, count: n })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    };
  };
  const groupKey = (t: PlannedTransfer) => `${t.direction} ${t.counterpart} ${t.method}`;
  const directions = [...new Set(plan.map((t) => t.direction))].sort();
  const groups = [...new Set(plan.map(groupKey))].sort();
  return {
    directions: directions.map((direction) => ({ direction, ...figures(plan.filter((t) => t.direction === direction)) })),
    items: groups.map((key) => {
      const [direction, counterpart, method] = key.split(' ');
      return { direction, counterpart, method, ...figures(plan.filter((t) => groupKey(t) === key)) };
    }),
  };
}

describe('analytics: interconnect transfers (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const get = (tenant: string, path: string, roles: Parameters<ServiceUnderTest['as']>[1] = ['supervisor']) => sut.as(tenant, roles)('GET', path);

  async function publishPlan(tenant: string, plan: PlannedTransfer[]): Promise<void> {
    for (const t of plan) {
      if (t.direction === 'outgoing')
        await publishEvent(sut, Events.intake.linkageTransferOffered, tenant, {
          transferId: t.id, requestId: `req-${t.id}`, counterpart: t.counterpart, method: t.method, offeredAt: t.offeredAt, offeredBy: 'agent-1', listItemCode: '',
        });
      if (t.decided) await publishDecision(tenant, t, t.decided.state, t.decided.reason);
    }
  }

  const publishDecision = (tenant: string, t: PlannedTransfer, state: string, reason = '') =>
    publishEvent(sut, Events.intake.linkageTransferDecided, tenant, {
      transferId: t.id, requestId: `req-${t.id}`, direction: t.direction, counterpart: t.counterpart, method: t.method, state,
      declineReason: reason, offeredAt: t.offeredAt, decidedAt: at(t.offeredAt, t.decided?.after ?? 0), counterpartRef: `JQ-${t.id}`,
    });

  const drained = () => analyticsDrained(sut);

  beforeAll(async () => {
    sut = await startServiceUnderTest(analyticsService);
    await publishPlan('city-a', cityA);
    await publishPlan('city-b', cityB);
    // A decision is final: a second one for a declined transfer (a counterpart changing its mind,
    // a replay with another id) changes nothing.
    await publishDecision('city-a', cityA[2]!, 'accepted');
    await drained();
  });

  afterAll(() => sut?.close());

  it('counts transfers by direction, counterpart, method and outcome, with the time to acceptance', async () => {
    const res = await get('city-a', '/v1/metrics/linkage-transfers');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ from: null, to: null, ...expectedFigures(cityA) });
    // The figures this plan was written to show, spelled out once.
    const outgoing = res.body.directions.find((d: { direction: string }) => d.direction === 'outgoing');
    expect(outgoing).toMatchObject({ transfers: 8, pending: 1, accepted: 3, declined: 3, expired: 1, decided: 7, acceptanceRate: 0.4286 });
    expect(outgoing.secondsToAcceptance).toEqual({ p50: 120, p90: 504, max: 600 });
    expect(outgoing.declineReasons).toEqual([{ reason: 'not-in-scope', count: 2 }, { reason: 'duplicate', count: 1 }]);
  });

  it('filters on the local day the transfer was offered (Asia/Shanghai)', async () => {
    const day1 = cityA.filter((t) => localDay(t.offeredAt) === DAY1);
    expect(day1.map((t) => t.id)).not.toContain('t10');
    expect((await get('city-a', `/v1/metrics/linkage-transfers?from=${DAY1}&to=${DAY1}`, ['tenant-admin'])).body).toEqual({ from: DAY1, to: DAY1, ...expectedFigures(day1) });
    const day2 = (await get('city-a', `/v1/metrics/linkage-transfers?from=${DAY2}`)).body;
    expect(day2.items).toEqual(expectedFigures(cityA.filter((t) => t.id === 't10')).items);
  });

  it("shows a tenant its own transfers only", async () => {
    expect((await get('city-b', '/v1/metrics/linkage-transfers')).body).toEqual({ from: null, to: null, ...expectedFigures(cityB) });
  });

  it('refuses an impossible day or an inverted range naming the field, and roles other than supervisor and tenant-admin', async () => {
    const bad = await get('city-a', '/v1/metrics/linkage-transfers?from=2026-02-30');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('from');
    const inverted = await get('city-a', `/v1/metrics/linkage-transfers?from=${DAY2}&to=${DAY1}`);
    expect(inverted.status).toBe(400);
    expect(JSON.stringify(inverted.body)).toContain('to');
    expect((await get('city-a', '/v1/metrics/linkage-transfers?groupBy=unit')).status).toBe(400);
    expect((await get('city-a', '/v1/metrics/linkage-transfers', ['agent'])).status).toBe(403);
  });
});
