import { EventDefinition, Events, intakeEventsV1 } from '@hotline/contracts';
import { ReceivedEvent, uuidv7 } from '@hotline/platform';
import { publishEvent, startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { isRequestStatus, statusRank } from '@hotline/vocabulary';
import { intakeService } from '../src/intake.service';
import { applyLifecycleStep } from '../src/timeline/lifecycle-step';
import { requestDispatchedStep } from '../src/timeline/on-request-dispatched.handler';
import { configureTenant, contact, outboxEvents, publicFetch, REQUESTER } from './intake-fixtures';
import {
  ANSWER_TEXT, answered, archived, ASSISTING, at, closed, created, dispatched, overdue, PRIMARY, queued, reopened, REVIEW_REASON,
  reviewed, revisitRecorded, signed,
} from './lifecycle-events';

type Stream = 'dispatch' | 'handling' | 'revisit';
/** One fact of the lifecycle as its producer's relay publishes it, under its own message id. */
interface Fact {
  name: string;
  stream: Stream;
  messageId: string;
  publish(messageId: string): Promise<string>;
}
/** A fact reaching intake: under its own id, again under it (redelivered), or under a new one (republished). */
interface Arrival {
  fact: Fact;
  messageId: string;
}
type ArrivalOrder = (facts: readonly Fact[]) => Arrival[];

const asPublished = (fact: Fact): Arrival => ({ fact, messageId: fact.messageId });

/** Each stream entirely before the next, each in its own order (as JetStream delivers one stream). */
const streamsInTurn =
  (...streams: Stream[]): ArrivalOrder =>
  (facts) =>
    streams.flatMap((stream) => facts.filter((f) => f.stream === stream).map(asPublished));

/** A deterministic generator (mulberry32), so a failing interleaving is replayed from its seed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The three streams interleaved at random, each keeping its own order, and every third fact
 * arriving once more later: redelivered under its id, or republished under a new one.
 */
const interleaved =
  (seed: number): ArrivalOrder =>
  (facts) => {
    const random = seeded(seed);
    const queues = (['dispatch', 'handling', 'revisit'] as const).map((stream) => facts.filter((f) => f.stream === stream));
    const arrivals: Arrival[] = [];
    for (let open = queues.filter((q) => q.length > 0); open.length > 0; open = queues.filter((q) => q.length > 0))
      arrivals.push(asPublished(open[Math.floor(random() * open.length)]!.shift()!));
    facts.forEach((fact, i) => {
      if (i % 3 !== 0) return;
      const after = arrivals.findIndex((a) => a.fact === fact) + 1;
      const messageId = i % 2 === 0 ? fact.messageId : uuidv7();
      arrivals.splice(after + Math.floor(random() * (arrivals.length - after + 1)), 0, { fact, messageId });
    });
    return arrivals;
  };

/** The public timeline of the lifecycle below, as it happened. */
const EXPECTED_PUBLIC = [
  ['registered', 'received'],
  ['awaiting-dispatch', at(1)],
  ['dispatched', at(2)],
  ['in-progress', at(5)],
  ['answered', at(7)],
  ['in-progress', at(10)],
  ['answered', at(12)],
  ['reviewed', at(13)],
  ['revisited', at(14)],
  ['closed', at(15)],
  ['archived', at(16)],
];

describe('a request timeline whatever order its events arrive in (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
    await configureTenant(sut, 'city-a');
  });
  afterAll(() => sut?.close());

  const agent = (...a: [string, string, unknown?]) => sut.as('city-a', ['agent'])(...a);
  async function accepted() {
    const res = await agent('POST', '/v1/requests', contact());
    const [event] = await outboxEvents(sut, Events.intake.requestAccepted, res.body.id);
    return { id: res.body.id as string, number: res.body.number as string, accessCode: res.body.accessCode as string, brief: event!.request! };
  }
  const fact = <T>(stream: Stream, name: string, event: EventDefinition<T>, payload: T): Fact => ({
    name,
    stream,
    messageId: uuidv7(),
    publish: (messageId) => publishEvent(sut, event, 'city-a', payload, messageId),
  });

  /** A whole lifecycle in the order it happened: co-handling, one failed review and its rework, revisit, closure, archive. */
  function lifecycle({ id, brief }: Awaited<ReturnType<typeof accepted>>): Fact[] {
    return [
      fact('dispatch', 'queued', Events.dispatch.requestQueued, queued(brief, 1)),
      fact('dispatch', 'dispatched', Events.dispatch.requestDispatched, dispatched(brief, 2, 'dispatcher-7')),
      fact('handling', 'primary order', Events.handling.workOrderCreated, created(brief, PRIMARY, 3)),
      fact('handling', 'assisting order', Events.handling.workOrderCreated, created(brief, ASSISTING, 3)),
      fact('handling', 'assisting signed', Events.handling.workOrderSigned, signed(id, ASSISTING, 4)),
      fact('handling', 'primary signed', Events.handling.workOrderSigned, signed(id, PRIMARY, 5)),
      fact('handling', 'assisting answered', Events.handling.workOrderAnswered, answered(id, ASSISTING, 6)),
      fact('handling', 'primary answered', Events.handling.workOrderAnswered, answered(id, PRIMARY, 7)),
      fact('revisit', 'assisting review passed', Events.revisit.answerReviewed, reviewed(id, ASSISTING, true, 8)),
      fact('revisit', 'primary review failed', Events.revisit.answerReviewed, reviewed(id, PRIMARY, false, 9)),
      fact('handling', 'primary reopened', Events.handling.workOrderReopened, reopened(id, 10)),
      fact('handling', 'primary overdue', Events.handling.workOrderOverdue, overdue(id, PRIMARY, 11)),
      fact('handling', 'primary answered again', Events.handling.workOrderAnswered, answered(id, PRIMARY, 12, 1)),
      fact('revisit', 'primary review passed', Events.revisit.answerReviewed, reviewed(id, PRIMARY, true, 13)),
      fact('revisit', 'revisited', Events.revisit.revisitRecorded, revisitRecorded(id, 14)),
      fact('revisit', 'closed', Events.revisit.requestClosed, closed(id, 15)),
      fact('revisit', 'archived', Events.revisit.requestArchived, archived(id, 16)),
    ];
  }

  const applied = (messageId: string) =>
    eventually(`message ${messageId} applied`, async () => {
      const rows = await sut.service.context.dataSource.query(`select 1 from inbox where message_id = $1`, [messageId]);
      return rows.length > 0;
    });
  /** Delivers one arrival after another, each applied before the next is published: the arrival order is exactly this one. */
  async function deliverInTurn(arrivals: readonly Arrival[]) {
    for (const { fact: f, messageId } of arrivals) {
      await f.publish(messageId);
      await applied(messageId);
    }
  }

  interface TimelineView {
    seq: number;
    at: string;
    status: string | null;
    changedStatus: boolean;
    eventType: string;
  }
  /** What intake shows of a request: the public lookup, the staff timeline, and every status change it announced. */
  async function shown(request: Awaited<ReturnType<typeof accepted>>) {
    const lookup = await publicFetch(sut, 'GET', `/v1/public/city-a/requests/${request.number}?code=${request.accessCode}`);
    const staff = await agent('GET', `/v1/requests/${request.id}`);
    const received = (step: { status: string | null; at: string }) => (step.status === 'registered' ? 'received' : step.at);
    return {
      lookupText: lookup.text,
      status: lookup.body.status as string,
      public: lookup.body.timeline.map((t: { status: string; at: string }) => [t.status, received(t)]),
      // Arrival (seq) and which step moved the current status depend on the arrival order; nothing else may.
      staff: (staff.body.timeline as TimelineView[]).map(({ seq: _seq, changedStatus: _changed, ...step }) => ({ ...step, at: received(step) })),
      staffText: JSON.stringify(staff.body.timeline),
      changes: await outboxEvents(sut, Events.intake.requestStatusChanged, request.id),
    };
  }

  /** The announced changes: numbered from 1, each from the status before, forward only except the rework step. */
  function nonMonotonicChanges(changes: readonly intakeEventsV1.RequestStatusChanged[]) {
    return changes.filter((c, i) => {
      const previous = i === 0 ? '' : changes[i - 1]!.toStatus;
      const rework = c.reason === 'review-failed' && c.toStatus === 'in-progress';
      const forward = i === 0 || (isRequestStatus(c.fromStatus) && isRequestStatus(c.toStatus) && statusRank(c.toStatus) > statusRank(c.fromStatus));
      return c.sequence !== String(i + 1) || c.fromStatus !== previous || !(forward || rework);
    });
  }

  let inOrder: Awaited<ReturnType<typeof shown>>;
  beforeAll(async () => {
    const request = await accepted();
    await deliverInTurn(lifecycle(request).map(asPublished));
    inOrder = await shown(request);
  });

  it('tells the lifecycle arriving in order completely: every status step once, a rework round as a second in-progress and answer', () => {
    expect(inOrder.public).toEqual(EXPECTED_PUBLIC);
    expect(inOrder.status).toBe('archived');
    expect(inOrder.staff).toHaveLength(1 + 17);
    expect(nonMonotonicChanges(inOrder.changes)).toEqual([]);
    expect(inOrder.changes.map((c) => c.toStatus)).toEqual(EXPECTED_PUBLIC.map(([status]) => status));
  });

  const orders: Array<[string, ArrivalOrder]> = [
    ["revisit's stream entirely before handling's, and handling's before dispatch's", streamsInTurn('revisit', 'handling', 'dispatch')],
    ["handling's stream entirely before dispatch's, then revisit's", streamsInTurn('handling', 'dispatch', 'revisit')],
    ...[1, 2, 3].map((seed): [string, ArrivalOrder] => [`a random interleaving with redeliveries and republished events (seed ${seed})`, interleaved(seed)]),
  ];

  it.each(orders)('tells the same timeline when the events arrive as %s', async (_name, order) => {
    const request = await accepted();
    await deliverInTurn(order(lifecycle(request)));
    const result = await shown(request);
    expect(result.public).toEqual(inOrder.public);
    expect(result.staff).toEqual(inOrder.staff);
    expect(result.status).toBe('archived');
    expect(nonMonotonicChanges(result.changes)).toEqual([]);
    expect(result.changes.at(-1)).toMatchObject({ toStatus: 'archived' });
  });

  it('tells the same timeline when the three streams are read in parallel, as by an intake restarted after an outage', async () => {
    const request = await accepted();
    const facts = lifecycle(request);
    await Promise.all((['dispatch', 'handling', 'revisit'] as const).map(async (stream) => {
      for (const f of facts.filter((x) => x.stream === stream)) await f.publish(f.messageId);
    }));
    for (const f of facts) await applied(f.messageId);
    const result = await shown(request);
    expect(result.public).toEqual(inOrder.public);
    expect(result.staff).toEqual(inOrder.staff);
    expect(nonMonotonicChanges(result.changes)).toEqual([]);
  });

  it('keeps the timeline free of personal data and of free text from units and reviewers', () => {
    for (const text of [inOrder.lookupText, inOrder.staffText])
      for (const secret of [REQUESTER.name, REQUESTER.phone, REQUESTER.address, ANSWER_TEXT, REVIEW_REASON]) expect(text).not.toContain(secret);
  });

  it('records an event applied again past the inbox once, and the same fact under a new event id once', async () => {
    const request = await accepted();
    const payload = dispatched(request.brief, 2);
    const received = (messageId: string): ReceivedEvent => ({
      id: messageId,
      tenantId: 'city-a',
      type: Events.dispatch.requestDispatched.type,
      subject: 'replayed',
      definition: Events.dispatch.requestDispatched,
      payload,
      publishedAt: new Date(),
      deliveryCount: 1,
    });
    // As a durable consumer re-created under another name would replay it: the inbox has no row for that consumer.
    const apply = (event: ReceivedEvent) =>
      sut.service.context.db.run('city-a', (m) =>
        applyLifecycleStep(m, sut.service.context.outbox, event, requestDispatchedStep(payload, event.publishedAt)),
      );
    const original = received(uuidv7());
    await apply(original);
    await apply(original);
    await apply(received(uuidv7()));
    const { staff, changes } = await shown(request);
    expect(staff.map((s) => [s.eventType, s.status])).toEqual([
      ['intake.registered', 'registered'],
      ['hotline.dispatch.v1.RequestDispatched', 'dispatched'],
    ]);
    expect(changes.map((c) => c.toStatus)).toEqual(['registered', 'dispatched']);
  });
});
