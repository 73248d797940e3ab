// Issue 14 × issue 17 (ADR 0038): intake announces its calls — CallRecorded with the call
// policy it counted under, CallOutcomeChanged for each mark, CallbackResolved when a callback
// item closes — through its outbox, in the command's transaction, once per call, and never
// anything about the caller. Real PostgreSQL and NATS.
import { Events, streamOf } from '@hotline/contracts';
import { ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { intakeService } from '../src/intake.service';
import { outboxEvents } from './intake-fixtures';

const T = 'city-callev';
const CALLER = '13900005555';
const OTHER_CALLER = '13900006666';

/** A call of 2 March 2026 offered at hh:mm:ss Shanghai time, waiting `wait` seconds (abandoned: hanging up then). */
function call(callId: string, at: string, wait: number, outcome: string, callerNumber = CALLER, queue = 'general') {
  const offered = new Date(`2026-03-02T${at}+08:00`);
  const answered = outcome === 'abandoned' ? undefined : new Date(offered.getTime() + wait * 1000);
  const ended = new Date(offered.getTime() + wait * 1000 + (answered ? 90_000 : 0));
  return {
    callId, callerNumber, agentId: answered ? 'A-01' : undefined, queue,
    offeredAt: offered.toISOString(), answeredAt: answered?.toISOString(), endedAt: ended.toISOString(), outcome,
  };
}

describe('call events from intake (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const telephony = () => sut.as(T, ['telephony']);
  const agent = () => sut.as(T, ['agent']);
  const supervisor = () => sut.as(T, ['supervisor']);

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
  });
  afterAll(() => sut?.close());

  it('announces a recorded call once, with the policy it counted under and no caller, and nothing for a retry', async () => {
    const body = call('ev-answered', '09:00:00', 12, 'answered');
    expect((await telephony()('POST', '/v1/call-records', body)).status).toBe(201);
    expect((await telephony()('POST', '/v1/call-records', body)).body.alreadyRecorded).toBe(true);
    const events = await outboxEvents(sut, Events.intake.callRecorded, 'ev-answered');
    expect(events).toEqual([
      {
        callId: 'ev-answered', queue: 'general', offeredAt: body.offeredAt, answeredAt: body.answeredAt, endedAt: body.endedAt, outcome: 'answered',
        answerTimelySeconds: 15, shortAbandonSeconds: 5, shortAbandonsCounted: false,
        callbackId: '', callbackOpened: false, callbackDueAt: '', recordedAt: expect.any(String),
      },
    ]);
    // On intake's stream, as the relay publishes it.
    const message = await eventually('CallRecorded on the stream', () =>
      sut.service.context.bus.jsm.streams.getMessage(streamOf(sut.namespace, 'intake').name, { last_by_subj: `${sut.namespace}.hl.intake.v1.${T}.call.recorded` }),
    );
    expect(Events.intake.callRecorded.codec.decode(message!.data)).toMatchObject({ callId: 'ev-answered', outcome: 'answered' });

    // The tenant's own policy goes with the calls recorded after it.
    const policy = { answerTimelySeconds: 20, shortAbandonSeconds: 3, shortAbandonsCounted: true, callbackShortAbandons: false, callbackDueMinutes: 30, callbackMaxAttempts: 3 };
    expect((await sut.as(T, ['tenant-admin'])('PUT', '/v1/call-policy', policy)).status).toBe(200);
    expect((await telephony()('POST', '/v1/call-records', call('ev-after-policy', '09:05:00', 18, 'silent'))).status).toBe(201);
    expect((await outboxEvents(sut, Events.intake.callRecorded, 'ev-after-policy'))[0]).toMatchObject({ answerTimelySeconds: 20, shortAbandonSeconds: 3, shortAbandonsCounted: true });
  });

  it('announces each mark of an answered call', async () => {
    expect((await agent()('POST', '/v1/call-records/ev-answered/outcome', { outcome: 'wrong-number' })).status).toBe(200);
    expect((await agent()('POST', '/v1/call-records/ev-answered/outcome', { outcome: 'harassment' })).status).toBe(200);
    const marks = await outboxEvents(sut, Events.intake.callOutcomeChanged, 'ev-answered');
    expect(marks.map((m) => [m.callId, m.outcome, m.requestId])).toEqual([['ev-answered', 'wrong-number', ''], ['ev-answered', 'harassment', '']]);
    expect(marks[1]!.markedBy).toEqual(expect.any(String));
    expect(Date.parse(marks[1]!.markedAt)).toBeGreaterThanOrEqual(Date.parse(marks[0]!.markedAt));
    // An abandoned call has nothing to mark: nothing announced.
    expect((await telephony()('POST', '/v1/call-records', call('ev-gone', '09:10:00', 40, 'abandoned', OTHER_CALLER))).status).toBe(201);
    expect((await agent()('POST', '/v1/call-records/ev-gone/outcome', { outcome: 'silent' })).status).toBe(409);
    expect(await outboxEvents(sut, Events.intake.callOutcomeChanged, 'ev-gone')).toEqual([]);
  });

  it('says which abandon opened a callback item, and announces each item as it closes, whichever way', async () => {
    // ev-gone (above) opened OTHER_CALLER's item; a second abandon joins it.
    const [opening] = await outboxEvents(sut, Events.intake.callRecorded, 'ev-gone');
    expect(opening).toMatchObject({ outcome: 'abandoned', answeredAt: '', callbackId: expect.any(String), callbackOpened: true });
    expect(Date.parse(opening!.callbackDueAt) - Date.parse(opening!.endedAt)).toBe(30 * 60_000);
    expect((await telephony()('POST', '/v1/call-records', call('ev-gone-again', '09:12:00', 40, 'abandoned', OTHER_CALLER))).status).toBe(201);
    expect((await outboxEvents(sut, Events.intake.callRecorded, 'ev-gone-again'))[0]).toMatchObject({ callbackId: opening!.callbackId, callbackOpened: false, callbackDueAt: '' });

    // Reached by a callback.
    const item = opening!.callbackId;
    expect((await agent()('POST', `/v1/callbacks/${item}/claim`)).status).toBe(200);
    expect((await agent()('POST', `/v1/callbacks/${item}/result`, { result: 'no-answer' })).status).toBe(200);
    expect(await outboxEvents(sut, Events.intake.callbackResolved, item)).toEqual([]);
    expect((await agent()('POST', `/v1/callbacks/${item}/claim`)).status).toBe(200);
    expect((await agent()('POST', `/v1/callbacks/${item}/result`, { result: 'reached' })).status).toBe(200);
    expect(await outboxEvents(sut, Events.intake.callbackResolved, item)).toEqual([
      {
        callbackId: item, queue: 'general', state: 'reached', firstAbandonedAt: opening!.endedAt, dueAt: opening!.callbackDueAt,
        closedAt: expect.any(String), attempts: 2, abandonedCalls: 2, firstCallId: 'ev-gone',
      },
    ]);

    // The caller calls again and is answered: caller-returned, in the answered call's transaction.
    expect((await telephony()('POST', '/v1/call-records', call('ev-c-gone', '10:00:00', 30, 'abandoned', '13900007777'))).status).toBe(201);
    const [cOpened] = await outboxEvents(sut, Events.intake.callRecorded, 'ev-c-gone');
    expect((await telephony()('POST', '/v1/call-records', call('ev-c-back', '10:20:00', 8, 'answered', '13900007777'))).status).toBe(201);
    expect((await outboxEvents(sut, Events.intake.callRecorded, 'ev-c-back'))[0]).toMatchObject({ callbackId: cOpened!.callbackId, callbackOpened: false });
    expect(await outboxEvents(sut, Events.intake.callbackResolved, cOpened!.callbackId)).toEqual([
      expect.objectContaining({ state: 'caller-returned', abandonedCalls: 1, firstCallId: 'ev-c-gone', attempts: 0 }),
    ]);

    // Cancelled by a supervisor: the reason stays in intake.
    expect((await telephony()('POST', '/v1/call-records', call('ev-d-gone', '11:00:00', 30, 'abandoned', '13900008888'))).status).toBe(201);
    const [dOpened] = await outboxEvents(sut, Events.intake.callRecorded, 'ev-d-gone');
    expect((await supervisor()('POST', `/v1/callbacks/${dOpened!.callbackId}/cancel`, { reason: '已通过短信联系 13900008888' })).status).toBe(200);
    const [cancelled] = await outboxEvents(sut, Events.intake.callbackResolved, dOpened!.callbackId);
    expect(cancelled).toMatchObject({ state: 'cancelled', attempts: 0 });
  });

  it('never puts anything of a caller in an event: no number, masked or in clear', async () => {
    const rows: Array<{ event_type: string; payload: Buffer; headers: unknown }> = await sut.service.context.dataSource.query(
      `select event_type, payload, headers from outbox where event_type like 'hotline.intake.v1.Call%'`,
    );
    expect(new Set(rows.map((r) => r.event_type))).toEqual(new Set(['hotline.intake.v1.CallRecorded', 'hotline.intake.v1.CallOutcomeChanged', 'hotline.intake.v1.CallbackResolved']));
    for (const r of rows) {
      const text = `${r.payload.toString('latin1')}${JSON.stringify(r.headers)}`;
      for (const n of [CALLER, OTHER_CALLER, '13900007777', '13900008888']) expect(text).not.toContain(n);
      expect(text).not.toContain('****');
    }
  });
});
