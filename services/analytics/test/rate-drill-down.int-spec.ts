// Issues 16 and 17: the supervisor drills from a rate to the requests behind it
// (GET /v1/metrics/rates/requests), and the province overview carries each city's three rates —
// on a seeded set of facts, against real PostgreSQL and NATS. The drill-down's counts must equal
// the served rate's numerator and denominator for every cell, with the default and with a
// tenant's own settings.
import { EventDefinition, Events } from '@hotline/contracts';
import { publishEvent, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { analyticsService } from '../src/analytics.service';
import { eventsOf, PlannedEvent, Producer, PRODUCER_ORDER, RequestPlan, statusPath } from './lifecycle-scenario';
import { analyticsDrained } from './support/drained';

const HOUR = 3_600_000;
const D1 = '2025-03-03';
const D2 = '2025-03-12';
const housing = { unitId: 'u-a', unitName: '市住建局' };
const city = { unitId: 'u-b', unitName: '市城管局' };
const ok = { onTime: true, hours: 4, passes: true };

type Story = Record<Producer, PlannedEvent[]>;
const event = <T>(def: EventDefinition<T>, payload: T): PlannedEvent => ({ def: def as EventDefinition<unknown>, payload });
const later = (r: RequestPlan, hours: number) => new Date(new Date(r.receivedAt).getTime() + hours * HOUR).toISOString();
const story = (r: RequestPlan, extra: Partial<Story> = {}): Story => {
  const base = eventsOf(r);
  return Object.fromEntries(PRODUCER_ORDER.map((p) => [p, [...base[p], ...(extra[p] ?? [])]])) as Story;
};

/** The judgement goes before the closure, as revisit publishes them. */
function judgedBeforeClosure(s: Story, r: RequestPlan, reasonable: boolean): Story {
  const judgement = event(Events.revisit.evaluationJudged, {
    requestId: r.requestId, revisitId: `${r.requestId}-revisit`, reasonable, note: '', judgedAt: later(r, 2), judgedBy: 'reviewer-1',
    unitId: r.orders[0]!.unitId, workOrderId: r.orders[0]!.workOrderId,
  });
  const at = s.revisit.findIndex((e) => e.def === Events.revisit.requestClosed);
  return { ...s, revisit: [...s.revisit.slice(0, at), judgement, ...s.revisit.slice(at)] };
}

/** 诉求终结: terminated at intake, its order cancelled. */
function terminated(r: RequestPlan): Story {
  const o = r.orders[0]!;
  const path = statusPath(r);
  return story(r, {
    intake: [
      event(Events.intake.requestTerminated, {
        requestId: r.requestId, number: `n-${r.requestId}`, terminationId: `t-${r.requestId}`, reasonCode: 'repeated-no-new-facts',
        evidenceRequestNumbers: [], hearingRecord: '', legalRoute: '行政复议', proposedBy: 'agent-1', approvedBy: 'supervisor-1', terminatedAt: later(r, 5),
      }),
      event(Events.intake.requestStatusChanged, {
        requestId: r.requestId, fromStatus: path[path.length - 1]![0], toStatus: 'terminated', reason: 'terminated', at: later(r, 5), actor: 'system:intake',
        sequence: String(path.length + 1),
      }),
    ],
    handling: [event(Events.handling.workOrderCancelled, {
      workOrderId: o.workOrderId, requestId: r.requestId, unitId: o.unitId, role: 'primary', reason: 'request-closed', previousStatus: 'in-progress', cancelledAt: later(r, 5),
    })],
  });
}

/** Its order's sign-for due far ahead: inside its window, so in no denominator of 响应率 yet. */
function notDueYet(r: RequestPlan): Story {
  const s = story(r);
  return {
    ...s,
    handling: s.handling.map((e) => (e.def === Events.handling.workOrderCreated ? { ...e, payload: { ...(e.payload as object), signDueAt: '2999-01-01T00:00:00Z' } } : e)),
  };
}

const closedRevisit = (resolved: boolean, satisfaction: string, resolution: string) => ({ revisit: { resolved, satisfaction, resolution }, closed: true });
const a1: RequestPlan = {
  requestId: 'a1', category: 'C01', receivedAt: `${D1}T02:00:00Z`, day: D1, areaCode: '320102',
  orders: [{ workOrderId: 'wa1', ...housing, role: 'primary', signedOnTime: true, answers: [ok] }], ...closedRevisit(true, 'satisfied', 'resolved'),
};
const a2: RequestPlan = {
  requestId: 'a2', category: 'C01', receivedAt: `${D1}T03:00:00Z`, day: D1, areaCode: '320102',
  orders: [{ workOrderId: 'wa2', ...housing, role: 'primary', signedOnTime: false, answers: [ok] }], ...closedRevisit(false, 'basically-satisfied', 'partly-resolved'),
};
// Never signed, its due long past.
const a3: RequestPlan = {
  requestId: 'a3', category: 'C02', receivedAt: `${D2}T02:00:00Z`, day: D2, areaCode: '320105', orders: [{ workOrderId: 'wa3', ...housing, role: 'primary', answers: [] }],
};
// 不满意, judged unreasonable (不合理差评): out of 满意率 by default, in 解决率.
const a4: RequestPlan = {
  requestId: 'a4', category: 'C02', receivedAt: `${D2}T03:00:00Z`, day: D2, areaCode: '320105',
  orders: [{ workOrderId: 'wa4', ...housing, role: 'primary', signedOnTime: true, answers: [ok] }], ...closedRevisit(false, 'dissatisfied', 'unresolved'),
};
// Anonymous, checked by the hotline itself: resolved, no satisfaction (未评价).
const a5: RequestPlan = {
  requestId: 'a5', category: 'C02', receivedAt: `${D2}T04:00:00Z`, day: D2, areaCode: '320105', anonymous: true,
  orders: [{ workOrderId: 'wa5', ...housing, role: 'primary', signedOnTime: true, answers: [ok] }],
  revisit: { resolved: true, satisfaction: '', resolution: 'resolved', respondent: 'hotline' }, closed: true,
};
const a6: RequestPlan = {
  requestId: 'a6', category: 'C01', receivedAt: `${D1}T05:00:00Z`, day: D1, areaCode: '320102', orders: [{ workOrderId: 'wa6', ...housing, role: 'primary', answers: [] }],
};
// Signed late, then terminated (诉求终结): left out where the tenant says so.
const b1: RequestPlan = {
  requestId: 'b1', category: 'C01', receivedAt: `${D1}T06:00:00Z`, day: D1, areaCode: '320102',
  orders: [{ workOrderId: 'wb1', ...city, role: 'primary', signedOnTime: false, answers: [] }],
};
// Revisit skipped: in no denominator of 解决率 or 满意率.
const b2: RequestPlan = {
  requestId: 'b2', category: 'C03', receivedAt: `${D2}T05:00:00Z`, day: D2, areaCode: '320102',
  orders: [{ workOrderId: 'wb2', ...city, role: 'primary', signedOnTime: true, answers: [ok] }], revisit: 'skipped', closed: true,
};
// Two orders: u-b leads, u-a assists; the revisit counts for u-b.
const b3: RequestPlan = {
  requestId: 'b3', category: 'C01', receivedAt: `${D1}T07:00:00Z`, day: D1, areaCode: '320102',
  orders: [
    { workOrderId: 'wb3', ...city, role: 'primary', signedOnTime: true, answers: [ok] },
    { workOrderId: 'wb3x', ...housing, role: 'assisting', signedOnTime: true, answers: [ok] },
  ],
  ...closedRevisit(true, 'satisfied', 'resolved'),
};

const scenario = (): Story[] => [story(a1), story(a2), story(a3), judgedBeforeClosure(story(a4), a4, false), story(a5), notDueYet(a6), terminated(b1), story(b2), story(b3)];

type Rate = 'response' | 'resolution' | 'satisfaction';
const RATES: Rate[] = ['response', 'resolution', 'satisfaction'];
/** What each rate's row shows: its numerator and its denominator. */
const ROW_FIGURES: Record<Rate, [string, string]> = {
  response: ['signedOnTime', 'responseDenominator'],
  resolution: ['resolutionNumerator', 'revisits'],
  satisfaction: ['satisfactionNumerator', 'validEvaluations'],
};
const RATE_FIELD: Record<Rate, string> = { response: 'responseRate', resolution: 'resolutionRate', satisfaction: 'satisfactionRate' };
type Row = Record<string, number | string | null> & { key: string };
type Item = { requestId: string; requestNumber: string | null; workOrderId: string | null; unitId: string | null; unitName: string | null; result: string; counted: boolean; weight: number; excludedBecause: string | null };

describe('drill-down from a rate to its requests, and the province’s rates (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const supervisor = (tenant: string) => sut.as(tenant, ['supervisor']);

  async function publish(tenant: string, stories: Story[]): Promise<void> {
    for (const producer of PRODUCER_ORDER) for (const s of stories) for (const e of s[producer]) await publishEvent(sut, e.def, tenant, e.payload);
    await analyticsDrained(sut);
  }
  const get = async (tenant: string, path: string) => {
    const res = await supervisor(tenant)('GET', path);
    expect(res.status).toBe(200);
    return res.body;
  };
  const drill = (tenant: string, query: string) => get(tenant, `/v1/metrics/rates/requests?${query}`);
  /** Every fact of an outcome, paged through two at a time. */
  async function everyItem(tenant: string, query: string): Promise<Item[]> {
    const items: Item[] = [];
    for (let offset = 0; ; offset += 2) {
      const page = await drill(tenant, `${query}&limit=2&offset=${offset}`);
      items.push(...page.items);
      if (page.items.length < 2) {
        expect(items).toHaveLength(page.total);
        return items;
      }
    }
  }

  beforeAll(async () => {
    sut = await startServiceUnderTest(analyticsService);
    await publish('city-d', scenario());
    await publish('city-w', scenario());
    const put = await sut.as('city-w', ['tenant-admin'])('PUT', '/v1/rate-settings', {
      basicallySatisfiedWeight: 0.5, partlyResolvedWeight: 0.5, excludeTerminated: false, excludeUnreasonableEvaluations: false,
    });
    expect(put.status).toBe(200);
  }, 120_000);
  afterAll(() => sut?.close());

  it('applies every event: none refused into dead_letters', async () => {
    expect(await sut.service.context.dataSource.query(`select event_type, error from dead_letters`)).toEqual([]);
  });

  for (const tenant of ['city-d', 'city-w'])
    it(`counts, for every cell of every grouping, the rate's own numerator and denominator (${tenant === 'city-d' ? 'default settings' : 'the tenant’s weights, nothing left out'})`, async () => {
      const cells: Array<{ query: string; row: Row }> = [];
      for (const [groupBy, param] of [['unit', 'unit'], ['category', 'category'], ['area', 'area'], ['day', 'day'], ['month', 'month']] as const) {
        const rows: Row[] = (await get(tenant, `/v1/metrics/rates?groupBy=${groupBy}`)).items;
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) {
          const query = param === 'day' ? `from=${row.key}&to=${row.key}` : param === 'month' ? `from=${row.key}-01&to=${row.key}-31` : `${param}=${encodeURIComponent(row.key)}`;
          cells.push({ query, row });
        }
      }
      let checked = 0;
      for (const { query, row } of cells)
        for (const rate of RATES) {
          const [numerator, denominator] = ROW_FIGURES[rate];
          const body = await drill(tenant, `rate=${rate}&${query}&limit=200`);
          expect({ cell: query, rate, numerator: body.figures.numerator, denominator: body.figures.denominator, rateValue: body.figures.rate }).toEqual({
            cell: query, rate, numerator: row[numerator], denominator: row[denominator], rateValue: row[RATE_FIELD[rate]],
          });
          expect(body.total).toBe(row[denominator]);
          expect(body.items).toHaveLength(row[denominator] as number);
          expect(body.items.every((i: Item) => i.counted)).toBe(true);
          // The numerator's facts: their shares add up to the rate's numerator.
          const inNumerator = await drill(tenant, `rate=${rate}&outcome=numerator&${query}&limit=200`);
          expect(inNumerator.total).toBe(body.figures.numeratorFacts);
          expect(inNumerator.items.reduce((n: number, i: Item) => n + i.weight, 0)).toBeCloseTo(row[numerator] as number, 4);
          checked++;
        }
      // 2 units, 3 categories, 2 areas, 2 days and a month, three rates each.
      expect(checked).toBe(30);
    });

  it('lists each fact with its request number, unit and result; the whole tenant equals the sum of its units', async () => {
    const units: Row[] = (await get('city-d', '/v1/metrics/rates?groupBy=unit')).items;
    const sum = (field: string) => units.reduce((n, r) => n + (r[field] as number), 0);
    const all = await drill('city-d', 'rate=response&limit=200');
    expect(all.figures).toMatchObject({ denominator: sum('responseDenominator'), numerator: sum('signedOnTime') });
    // 响应率 of u-a: its own orders and the order it assists on (b3), a6 inside its window and left out.
    const housingOrders = await everyItem('city-d', 'rate=response&unit=u-a');
    expect(housingOrders.map((i) => [i.workOrderId, i.result, i.weight])).toEqual([
      ['wa1', 'signed-on-time', 1], ['wa2', 'signed-late', 0], ['wb3x', 'signed-on-time', 1], ['wa3', 'unsigned-past-due', 0], ['wa4', 'signed-on-time', 1], ['wa5', 'signed-on-time', 1],
    ]);
    expect(housingOrders[0]).toMatchObject({ requestId: 'a1', requestNumber: '3201-20250303-a1', unitId: 'u-a', unitName: '市住建局' });
    expect((await drill('city-d', 'rate=response&unit=u-a&outcome=excluded')).items).toEqual([
      expect.objectContaining({ workOrderId: 'wa6', result: 'unsigned', counted: false, weight: 0, excludedBecause: 'not-due-yet' }),
    ]);
    // The terminated request's order: out by default, counted (signed late) where the tenant keeps it.
    expect((await drill('city-d', 'rate=response&unit=u-b&outcome=excluded')).items.map((i: Item) => [i.workOrderId, i.excludedBecause])).toEqual([['wb1', 'terminated']]);
    expect((await drill('city-w', 'rate=response&unit=u-b&outcome=excluded')).items).toEqual([]);
  });

  it('tells why a revisit is in no denominator: skipped, unrated, judged unreasonable', async () => {
    const excluded = async (tenant: string, rate: Rate) =>
      (await drill(tenant, `rate=${rate}&outcome=excluded&limit=200`)).items.map((i: Item) => [i.requestId, i.result, i.excludedBecause]);
    expect(await excluded('city-d', 'satisfaction')).toEqual([['a4', 'dissatisfied', 'unreasonable'], ['a5', 'unrated', 'unrated'], ['b2', 'skipped', 'skipped']]);
    expect(await excluded('city-d', 'resolution')).toEqual([['b2', 'skipped', 'skipped']]);
    // Kept by the tenant's settings, the unreasonable one is back in 满意率.
    expect(await excluded('city-w', 'satisfaction')).toEqual([['a5', 'unrated', 'unrated'], ['b2', 'skipped', 'skipped']]);
    // The revisit counts for the unit whose answer was evaluated, named from its orders.
    const satisfaction = await drill('city-d', 'rate=satisfaction&unit=u-b');
    expect(satisfaction.items).toEqual([expect.objectContaining({ requestId: 'b3', unitId: 'u-b', unitName: '市城管局', workOrderId: null, result: 'satisfied', weight: 1 })]);
    // 基本满意 at the tenant's weight of 0.5: in the numerator with half a share.
    const weighted = await drill('city-w', 'rate=satisfaction&outcome=numerator&unit=u-a');
    expect(weighted.items.map((i: Item) => [i.requestId, i.result, i.weight])).toEqual([['a1', 'satisfied', 1], ['a2', 'basically-satisfied', 0.5]]);
    expect(weighted.figures).toMatchObject({ numerator: 1.5, numeratorFacts: 2, denominator: 3, rate: 0.5 });
  });

  it('shows another tenant nothing of these facts', async () => {
    const other = await drill('city-other', 'rate=response&unit=u-a');
    expect(other).toMatchObject({ total: 0, items: [], figures: { numerator: 0, denominator: 0, rate: null, excluded: 0 } });
    expect((await drill('city-other', 'rate=satisfaction&outcome=excluded')).items).toEqual([]);
  });

  it('refuses bad parameters with a 400 naming each field, and callers without the role with a 403', async () => {
    const fields = async (query: string) => {
      const res = await supervisor('city-d')('GET', `/v1/metrics/rates/requests?${query}`);
      expect(res.status).toBe(400);
      expect(res.type).toContain('application/problem+json');
      return res.body.errors.map((e: { field: string }) => e.field).sort();
    };
    expect(await fields('')).toEqual(['query.rate']);
    expect(await fields('rate=urge&outcome=all&from=2025-02-30&limit=500&extra=1')).toEqual(['query', 'query.from', 'query.limit', 'query.outcome', 'query.rate']);
    expect(await fields('rate=response&from=2025-03-12&to=2025-03-03')).toEqual(['query.to']);
    expect(await fields(`rate=response&unit=${'x'.repeat(200)}&offset=-1`)).toEqual(['query.offset', 'query.unit']);
    expect((await sut.as('city-d', ['agent'])('GET', '/v1/metrics/rates/requests?rate=response')).status).toBe(403);
    expect((await sut.as('city-d', ['tenant-admin'])('GET', '/v1/metrics/rates/requests?rate=response')).status).toBe(200);
    const doc = await sut.request('GET', '/docs/openapi.json');
    expect(doc.body.paths['/v1/metrics/rates/requests'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['rate', 'outcome', 'unit', 'category', 'area', 'from', 'to', 'limit', 'offset']),
    );
  });

  it('gives the province each city’s three rates with their denominators, as the city’s own rates, and no request', async () => {
    const province = async (query = '') => {
      const res = await sut.as('province-32', ['province-operator'])('GET', `/v1/province/overview${query}`);
      expect(res.status).toBe(200);
      return res.body;
    };
    const overview = await province();
    const byCity = new Map((overview.items as Array<{ tenant: string; rates: Record<string, number | null>; rateBasis: { isDefault: boolean } }>).map((i) => [i.tenant, i]));
    for (const tenant of ['city-d', 'city-w']) {
      const units: Row[] = (await get(tenant, '/v1/metrics/rates?groupBy=month')).items;
      const sum = (field: string) => Math.round(units.reduce((n, r) => n + (r[field] as number), 0) * 10_000) / 10_000;
      const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);
      expect(byCity.get(tenant)?.rates).toEqual({
        responseRate: ratio(sum('signedOnTime'), sum('responseDenominator')), signedOnTime: sum('signedOnTime'), responseDenominator: sum('responseDenominator'),
        resolutionRate: ratio(sum('resolutionNumerator'), sum('revisits')), resolutionNumerator: sum('resolutionNumerator'), revisits: sum('revisits'),
        satisfactionRate: ratio(sum('satisfactionNumerator'), sum('validEvaluations')), satisfactionNumerator: sum('satisfactionNumerator'), validEvaluations: sum('validEvaluations'),
      });
    }
    // Default settings: 6 of the 8 decided orders signed on time (a6 not due, b1 terminated); 解决 a1, a5, b3 of 5
    // evaluations; 满意 + 基本满意 a1, a2, b3 of 3 valid ones (a4 unreasonable, a5 unrated).
    expect(byCity.get('city-d')?.rates).toMatchObject({ signedOnTime: 6, responseDenominator: 8, revisits: 5, resolutionNumerator: 3, validEvaluations: 3, satisfactionNumerator: 3, satisfactionRate: 1 });
    expect(byCity.get('city-w')?.rateBasis.isDefault).toBe(false);
    const cities = [byCity.get('city-d')!, byCity.get('city-w')!, ...(overview.items as Array<{ tenant: string; rates: Record<string, number> }>).filter((i) => !['city-d', 'city-w'].includes(i.tenant))];
    const total = (field: string) => Math.round(cities.reduce((n, c) => n + c.rates[field]!, 0) * 10_000) / 10_000;
    expect(overview.totals.rates).toMatchObject({ signedOnTime: total('signedOnTime'), responseDenominator: total('responseDenominator'), validEvaluations: total('validEvaluations'), satisfactionNumerator: total('satisfactionNumerator') });
    expect(overview.totals.rates.satisfactionRate).toBe(Math.round((total('satisfactionNumerator') / total('validEvaluations')) * 10_000) / 10_000);
    // city-w weighs and keeps what city-d leaves out: the province figure mixes two bases, and says so.
    expect(overview.totals.sameRateBasis).toBe(false);
    expect(JSON.stringify(overview)).not.toMatch(/"a\d"|"b\d"|3201-2025/);
    // A range with nothing in it: every rate null over a denominator of 0.
    const empty = await province('?from=2024-01-01&to=2024-01-31');
    expect(empty.items.find((i: { tenant: string }) => i.tenant === 'city-d').rates).toEqual({
      responseRate: null, signedOnTime: 0, responseDenominator: 0, resolutionRate: null, resolutionNumerator: 0, revisits: 0, satisfactionRate: null, satisfactionNumerator: 0, validEvaluations: 0,
    });
  });
});
