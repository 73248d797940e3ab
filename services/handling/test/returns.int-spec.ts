import { dispatchEventsV1, Events } from '@hotline/contracts';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { handlingService } from '../src/handling.service';
import { assignment, brief, dispatchAndWait, dispatched } from './work-order-fixtures';

// dispatch's ReturnDecided as handling applies it: an accepted return (退单) cancels the returning
// unit's open order; a rejected one leaves every order and clock as it was.
describe('handling follows the decision on a return (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const T = 'city-h';
  const consumed = async () =>
    (await sut.service.context.dataSource.query(`select count(*)::int as n from inbox where tenant_id = $1`, [T]))[0].n as number;
  const decided = (requestId: string, outcome: 'accepted' | 'rejected'): dispatchEventsV1.ReturnDecided => ({
    returnId: '0190a0a0-0000-7000-8000-0000000000a1',
    requestId,
    attempt: 1,
    unit: assignment('HOUSING'),
    reasonCode: 'not-our-duty',
    outcome,
    decidedBy: 'city-h:dispatcher',
    decidedAt: new Date().toISOString(),
  });
  const ordersOf = async (requestId: string) =>
    (await sut.as(T, ['supervisor'])('GET', `/v1/work-orders?requestId=${requestId}`)).body.items as Array<Record<string, unknown>>;

  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService);
  });

  afterAll(() => sut?.close());

  it('cancels the returning unit’s order when the return is accepted, and only that one, once', async () => {
    const request = brief();
    await dispatchAndWait(sut, T, dispatched(request, [assignment('HOUSING'), assignment('STREET', 'assisting')]), 2);
    await publishEvent(sut, Events.dispatch.returnDecided, T, decided(request.requestId, 'accepted'));
    const orders = await eventually('the primary order cancelled', async () => {
      const all = await ordersOf(request.requestId);
      return all.find((o) => o.unitCode === 'HOUSING')?.status === 'cancelled' ? all : undefined;
    });
    expect(orders.find((o) => o.unitCode === 'HOUSING')).toMatchObject({ cancelReason: 'return-accepted' });
    expect(orders.find((o) => o.unitCode === 'STREET')).toMatchObject({ status: 'awaiting-sign', cancelReason: null });

    const before = await consumed();
    await publishEvent(sut, Events.dispatch.returnDecided, T, decided(request.requestId, 'accepted'));
    await eventually('the redelivery consumed', async () => (await consumed()) === before + 1 || undefined);
    expect(await ordersOf(request.requestId)).toEqual(orders);
  });

  it('leaves the orders and their clocks as they were when the return is rejected', async () => {
    const request = brief();
    const orders = await dispatchAndWait(sut, T, dispatched(request, [assignment('HOUSING')]), 1);
    const before = await consumed();
    await publishEvent(sut, Events.dispatch.returnDecided, T, decided(request.requestId, 'rejected'));
    await eventually('the decision consumed', async () => (await consumed()) === before + 1 || undefined);
    expect(await ordersOf(request.requestId)).toEqual(orders);
  });
});
