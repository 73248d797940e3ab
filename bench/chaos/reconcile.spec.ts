import { ConsumerState, OutboxRow, reconcile, Snapshot, SubmittedRequest } from './reconcile';

const ACCEPTED = 'hotline.intake.v1.RequestAccepted';
const DISPATCHED = 'hotline.dispatch.v1.RequestDispatched';
const CREATED = 'hotline.handling.v1.WorkOrderCreated';
const DISPATCH_CONSUMER = 'dispatch--hl-intake-v1--request-accepted';

const consumer = (durable: string, producer: ConsumerState['producer'], types: string[] | undefined, seq = 100): ConsumerState => ({
  durable,
  producer,
  types,
  deliveredSeq: seq,
  ackFloorSeq: seq,
  numPending: 0,
  numAckPending: 0,
});

const event = (service: OutboxRow['service'], id: string, type: string, aggregateId: string, aggregateType = 'request'): OutboxRow => ({
  service,
  id,
  type,
  aggregateType,
  aggregateId,
  subject: `hl.${service}.v1.city-3201.x.y`,
  published: true,
});

/** One request that went everywhere it must: accepted, dispatched to one unit, one work order. */
function travelled(): { snapshot: Snapshot; submitted: SubmittedRequest[] } {
  const outbox = [event('intake', 'e1', ACCEPTED, 'r1'), event('dispatch', 'e2', DISPATCHED, 'r1'), event('handling', 'e3', CREATED, 'w1', 'work-order')];
  const consumers = [
    consumer(DISPATCH_CONSUMER, 'intake', [ACCEPTED]),
    consumer('handling--hl-dispatch-v1--request-dispatched', 'dispatch', [DISPATCHED]),
    consumer('analytics--hl-handling-v1--all', 'handling', undefined),
  ];
  return {
    snapshot: {
      requests: [{ id: 'r1', number: '3201-1', title: '电梯停运 chaos-s-0-abc', status: 'dispatched' }],
      dispatches: [{ requestId: 'r1', unitIds: ['u1'] }],
      queued: [],
      workOrders: [{ id: 'w1', requestId: 'r1', unitId: 'u1', role: 'primary', status: 'awaiting-sign' }],
      reviews: [],
      outbox,
      streamSeqs: new Map([
        ['intake', new Map([['e1', [10]]])],
        ['dispatch', new Map([['e2', [11]]])],
        ['handling', new Map([['e3', [12]]])],
      ]),
      consumers,
      inbox: new Set([`${DISPATCH_CONSUMER} e1`, 'handling--hl-dispatch-v1--request-dispatched e2', 'analytics--hl-handling-v1--all e3']),
      deadLetters: new Map(),
      publicView: new Map([['3201-1', { status: 'dispatched', timeline: ['registered', 'dispatched'] }]]),
    },
    submitted: [{ marker: 'chaos-s-0-abc', catalogued: true, acceptedNumber: '3201-1' }],
  };
}

/** The request's dispatch never happened because dispatch did not apply RequestAccepted. */
function undispatched(): { snapshot: Snapshot; submitted: SubmittedRequest[] } {
  const { snapshot, submitted } = travelled();
  return {
    submitted,
    snapshot: {
      ...snapshot,
      requests: [{ id: 'r1', number: '3201-1', title: '电梯停运 chaos-s-0-abc', status: 'registered' }],
      dispatches: [],
      workOrders: [],
      outbox: snapshot.outbox.slice(0, 1),
      inbox: new Set(),
      publicView: new Map([['3201-1', { status: 'registered', timeline: ['registered'] }]]),
    },
  };
}

describe('chaos reconciliation', () => {
  it('finds nothing wrong with a request that reached every place and every consumer', () => {
    const { snapshot, submitted } = travelled();
    expect(reconcile(snapshot, submitted)).toMatchObject({ accepted: 1, lost: 0, doubled: 0, stuck: 0, deadLettered: 0, findings: [] });
  });

  it('calls an event lost when a consumer that must apply it has not and has nothing pending', () => {
    const { snapshot, submitted } = undispatched();
    const result = reconcile(snapshot, submitted);
    expect(result).toMatchObject({ lost: 1, stuck: 0 });
    expect(result.findings[0]?.reasons).toEqual(
      expect.arrayContaining(['neither dispatched nor queued', `${ACCEPTED} e1 never applied by ${DISPATCH_CONSUMER}, nothing pending`]),
    );
  });

  it('calls it stuck while the consumer has not been delivered it yet, or holds it unacknowledged', () => {
    const { snapshot, submitted } = undispatched();
    const behind = snapshot.consumers.map((c) => (c.durable === DISPATCH_CONSUMER ? { ...c, deliveredSeq: 9, ackFloorSeq: 9 } : c));
    expect(reconcile({ ...snapshot, consumers: behind }, submitted)).toMatchObject({ lost: 0, stuck: 1 });
    const unacked = snapshot.consumers.map((c) => (c.durable === DISPATCH_CONSUMER ? { ...c, ackFloorSeq: 9, numAckPending: 1 } : c));
    expect(reconcile({ ...snapshot, consumers: unacked }, submitted)).toMatchObject({ lost: 0, stuck: 1 });
  });

  it('calls it stuck while it waits in the outbox, and dead-lettered when recorded as a dead letter', () => {
    const { snapshot, submitted } = undispatched();
    const unpublished = [{ ...(snapshot.outbox[0] as OutboxRow), published: false }];
    expect(reconcile({ ...snapshot, outbox: unpublished }, submitted)).toMatchObject({ lost: 0, stuck: 1 });
    const deadLetters = new Map([[`${DISPATCH_CONSUMER} e1`, 'boom']]);
    expect(reconcile({ ...snapshot, deadLetters }, submitted)).toMatchObject({ lost: 0, deadLettered: 1 });
  });

  it('calls a request lost when it was answered 201 and is not at intake, or its state is missing with nothing upstream short', () => {
    const { snapshot, submitted } = travelled();
    expect(reconcile({ ...snapshot, requests: [] }, submitted)).toMatchObject({ lost: 1 });
    expect(reconcile({ ...snapshot, workOrders: [] }, submitted).findings[0]).toMatchObject({
      verdict: 'lost',
      reasons: ['no work order for unit u1'],
    });
    expect(reconcile({ ...snapshot, publicView: new Map([['3201-1', 404]]) }, submitted)).toMatchObject({ lost: 1 });
    const unseen = new Map([['3201-1', { status: 'dispatched', timeline: ['registered'] }]]);
    expect(reconcile({ ...snapshot, publicView: unseen }, submitted)).toMatchObject({ lost: 1 });
  });

  it('counts two requests for one marker, and two work orders for one unit, as doubled', () => {
    const { snapshot, submitted } = travelled();
    const twice = [...snapshot.requests, { id: 'r2', number: '3201-2', title: '电梯停运 chaos-s-0-abc', status: 'registered' }];
    expect(reconcile({ ...snapshot, requests: twice }, submitted)).toMatchObject({ doubled: 1, lost: 0 });
    const orders = [...snapshot.workOrders, { id: 'w2', requestId: 'r1', unitId: 'u1', role: 'primary', status: 'awaiting-sign' }];
    expect(reconcile({ ...snapshot, workOrders: orders }, submitted).findings[0]?.reasons).toContain('2 work orders for unit u1');
  });

  it('tells a submission stored without its 201 from one never stored, and counts neither as accepted', () => {
    const { snapshot } = travelled();
    const result = reconcile(snapshot, [
      { marker: 'chaos-s-0-abc', catalogued: true },
      { marker: 'chaos-s-1-abc', catalogued: true },
    ]);
    expect(result).toMatchObject({ accepted: 0, storedWithout201: 1, notStored: 1, lost: 0 });
  });
});
