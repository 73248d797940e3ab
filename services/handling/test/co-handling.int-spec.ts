import { Events } from '@hotline/contracts';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { handlingService } from '../src/handling.service';
import { assignment, brief, dispatchAndWait, dispatched, outboxEvents, publishAndWait, statusChanged } from './work-order-fixtures';

const ANSWER = { answer: '已清理楼道杂物，并联系物业加强巡查。', basis: '《物业管理条例》第四十六条', contactRecord: '12月1日电话联系诉求人' };
const INPUT = { answer: '街道已督促社区协调物业，清理时间为本周三。', basis: '属地管理职责', contactRecord: '未直接联系，由主办单位联系' };

/** 主办/协办 (ADR 0026): the assisting units answer into the lead's order; the lead answers with their input. */
describe('co-handling (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService);
  });
  afterAll(() => sut?.close());

  const staff = (tenant: string, unit: string) => sut.token(tenant, ['unit-operator'], unit);
  const act = async (tenant: string, unit: string, method: 'GET' | 'POST', path: string, body?: unknown) =>
    sut.request(method, path, await staff(tenant, unit), body);

  async function coHandled(tenant: string) {
    const request = brief();
    const orders = await dispatchAndWait(sut, tenant, dispatched(request, [assignment('lead'), assignment('street', 'assisting'), assignment('urban', 'assisting')]), 3);
    const byUnit = (code: string) => orders.find((o: { unitCode: string }) => o.unitCode === code);
    const [lead, street, urban] = [byUnit('lead'), byUnit('street'), byUnit('urban')];
    for (const [order, unit] of [[lead, 'lead'], [street, 'street'], [urban, 'urban']] as const)
      expect((await act(tenant, unit, 'POST', `/v1/work-orders/${order.id}/sign`)).status).toBe(200);
    return { request, lead, street, urban };
  }

  it("takes the assisting units' input into the lead's order, and the lead's answer only once none owes it", async () => {
    const { request, lead, street, urban } = await coHandled('city-co');

    // The lead cannot answer while two units owe their input: a 409 naming them, nothing written.
    const early = await act('city-co', 'lead', 'POST', `/v1/work-orders/${lead.id}/answer`, ANSWER);
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain('单位 street、单位 urban');
    expect((await act('city-co', 'lead', 'GET', `/v1/work-orders/${lead.id}`)).body).toMatchObject({ status: 'in-progress', answer: null });
    expect(await outboxEvents(sut, Events.handling.workOrderAnswered, lead.id)).toHaveLength(0);

    // The street office answers: its input, which ends its share; it cannot answer again.
    const given = await act('city-co', 'street', 'POST', `/v1/work-orders/${street.id}/answer`, INPUT);
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({ status: 'input-given', answer: INPUT.answer });
    expect((await act('city-co', 'street', 'POST', `/v1/work-orders/${street.id}/answer`, INPUT)).status).toBe(409);
    const [answered] = await outboxEvents(sut, Events.handling.workOrderAnswered, street.id);
    expect(answered).toMatchObject({ role: 'assisting', answer: INPUT.answer });

    // The lead sees that input, and that the other unit still owes its own; the assisting unit sees only its share.
    const seen = (await act('city-co', 'lead', 'GET', `/v1/work-orders/${lead.id}`)).body;
    expect(seen.assistingInputs).toHaveLength(2);
    expect(seen.assistingInputs).toEqual(expect.arrayContaining([
      expect.objectContaining({ workOrderId: street.id, status: 'input-given', owesInput: false, answer: INPUT.answer, basis: INPUT.basis }),
      expect.objectContaining({ workOrderId: urban.id, status: 'in-progress', owesInput: true, answer: null }),
    ]));
    expect((await act('city-co', 'street', 'GET', `/v1/work-orders/${street.id}`)).body.assistingInputs).toEqual([]);
    expect((await act('city-co', 'street', 'GET', `/v1/work-orders/${lead.id}`)).status).toBe(404);
    const stillEarly = await act('city-co', 'lead', 'POST', `/v1/work-orders/${lead.id}/answer`, ANSWER);
    expect(stillEarly.status).toBe(409);
    expect(stillEarly.body.detail).toContain('单位 urban');
    expect(stillEarly.body.detail).not.toContain('单位 street');

    // The hotline releases the unit that does not answer: only a dispatcher or supervisor, with a note.
    expect((await act('city-co', 'lead', 'POST', `/v1/work-orders/${urban.id}/release`, { note: '不需要' })).status).toBe(403);
    const noNote = await sut.as('city-co', ['dispatcher'])('POST', `/v1/work-orders/${urban.id}/release`, {});
    expect(noNote.status).toBe(400);
    expect(JSON.stringify(noNote.body)).toContain('note');
    expect((await sut.as('city-co', ['dispatcher'])('POST', `/v1/work-orders/${lead.id}/release`, { note: '误操作' })).status).toBe(409);
    expect((await sut.as('city-co', ['dispatcher'])('POST', `/v1/work-orders/${street.id}/release`, { note: '已提交' })).status).toBe(409);
    const release = await sut.as('city-co', ['dispatcher'])('POST', `/v1/work-orders/${urban.id}/release`, { note: '城管局逾期未反馈，联系电话13900001111' });
    expect(release.status).toBe(200);
    expect(release.body).toMatchObject({ status: 'cancelled', cancelReason: 'released', cancelledBy: expect.stringContaining('city-co') });
    expect(release.body.cancelNote).not.toContain('13900001111');
    const [cancelled] = await outboxEvents(sut, Events.handling.workOrderCancelled, urban.id);
    expect(cancelled).toMatchObject({ reason: 'released', previousStatus: 'in-progress', cancelledBy: release.body.cancelledBy });
    expect((await sut.as('city-co', ['dispatcher'])('POST', `/v1/work-orders/${urban.id}/release`, { note: '再次' })).status).toBe(409);

    // Now the lead answers: the answer that goes to review.
    const answer = await act('city-co', 'lead', 'POST', `/v1/work-orders/${lead.id}/answer`, ANSWER);
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('answered');

    // Closing the request leaves the finished shares as they are: given input is not cancelled.
    await publishAndWait(sut, Events.intake.requestStatusChanged, 'city-co', statusChanged(request.requestId, 'revisited', 'closed', 7));
    const supervisor = sut.as('city-co', ['supervisor']);
    expect((await supervisor('GET', `/v1/work-orders/${street.id}`)).body.status).toBe('input-given');
    expect(await outboxEvents(sut, Events.handling.workOrderCancelled, street.id)).toHaveLength(0);
  });

  it("keeps another tenant's orders out of reach of its dispatchers", async () => {
    const { urban } = await coHandled('city-co2');
    expect((await sut.as('city-other', ['dispatcher'])('POST', `/v1/work-orders/${urban.id}/release`, { note: '越权' })).status).toBe(404);
    expect((await sut.as('city-co2', ['supervisor'])('GET', `/v1/work-orders/${urban.id}`)).body.status).toBe('in-progress');
  });
});
