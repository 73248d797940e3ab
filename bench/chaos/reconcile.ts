// Reconciliation by marker and id, after the load stopped and the system drained: for every
// request the load submitted, is it everywhere it must be — intake, dispatch's dispatches or
// queue, handling's work orders, every applying consumer's inbox, the streams, the public
// lookup — and is anything there twice? Pure: observe.ts gathers the snapshot it reads.
import { REQUEST_STATUSES, RequestStatus, ServiceName } from '@hotline/vocabulary';
import type { DriverStep } from './sample-driver';

export interface OutboxRow {
  service: ServiceName;
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  subject: string;
  published: boolean;
}

export interface ConsumerState {
  durable: string;
  producer: ServiceName;
  /** The event types it applies (an inbox row each); undefined: every type. */
  types?: readonly string[];
  deliveredSeq: number;
  ackFloorSeq: number;
  numPending: number;
  numAckPending: number;
}

export interface PublicView {
  status: string;
  /** The statuses of its public timeline, in order. */
  timeline: string[];
}

export interface Snapshot {
  requests: { id: string; number: string; title: string; status: string }[];
  dispatches: { requestId: string; unitIds: string[] }[];
  queued: string[];
  workOrders: { id: string; requestId: string; unitId: string; role: string; status: string }[];
  reviews: { workOrderId: string; status: string }[];
  outbox: OutboxRow[];
  /** Stream sequences of each Nats-Msg-Id, per producer's stream. */
  streamSeqs: Map<ServiceName, Map<string, number[]>>;
  consumers: ConsumerState[];
  /** `${durable} ${messageId}` of every inbox row. */
  inbox: Set<string>;
  /** `${durable} ${messageId}` → error, of every dead letter. */
  deadLetters: Map<string, string>;
  /** What the public lookup (流水号 + 提取码) shows, by number; its HTTP status when it failed. */
  publicView: Map<string, PublicView | number>;
}

export interface SubmittedRequest {
  marker: string;
  catalogued: boolean;
  /** Number of the 201 answer; undefined when the client never got one. */
  acceptedNumber?: string;
  driven?: DriverStep;
}

export type Verdict = 'ok' | 'stuck' | 'dead-lettered' | 'lost';
const SEVERITY: Record<Verdict, number> = { ok: 0, stuck: 1, 'dead-lettered': 2, lost: 3 };

export interface RequestFinding {
  marker: string;
  number?: string;
  verdict: Verdict;
  doubled: boolean;
  reasons: string[];
}

export interface Reconciliation {
  /** 201 answers. */
  accepted: number;
  /** Stored at intake although the client never saw its 201 (answer lost to the fault). */
  storedWithout201: number;
  /** Never stored and never answered 201: the client gave up (refused while the fault lasted). */
  notStored: number;
  lost: number;
  doubled: number;
  stuck: number;
  deadLettered: number;
  findings: RequestFinding[];
}

const rank = (status: string) => REQUEST_STATUSES.indexOf(status as RequestStatus);
const MARKER = /chaos-[a-z0-9-]+/;

/** The status intake must show at least, from what dispatch decided and how far the driver got. */
function expectedStatus(dispatched: boolean, queued: boolean, driven?: DriverStep): RequestStatus | undefined {
  if (driven === 'revisited') return 'revisited';
  if (driven === 'reviewed') return 'reviewed';
  if (driven === 'answered') return 'answered';
  if (driven === 'signed') return 'in-progress';
  if (dispatched) return 'dispatched';
  if (queued) return 'awaiting-dispatch';
  return undefined;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Where one event is short of a consumer that must apply it, if anywhere. */
function eventVerdicts(snapshot: Snapshot, event: OutboxRow): { verdict: Verdict; reason: string }[] {
  if (!event.published) return [{ verdict: 'stuck', reason: `${event.type} ${event.id} unpublished in ${event.service}'s outbox` }];
  const seqs = snapshot.streamSeqs.get(event.service)?.get(event.id) ?? [];
  if (seqs.length === 0) return [{ verdict: 'lost', reason: `${event.type} ${event.id} marked published, not on the stream` }];
  const shortOf: { verdict: Verdict; reason: string }[] = [];
  for (const c of snapshot.consumers) {
    if (c.producer !== event.service || (c.types && !c.types.includes(event.type))) continue;
    const key = `${c.durable} ${event.id}`;
    if (snapshot.inbox.has(key)) continue;
    const deadLetter = snapshot.deadLetters.get(key);
    const pending = seqs.some((seq) => seq > c.deliveredSeq || (seq > c.ackFloorSeq && c.numAckPending > 0));
    if (deadLetter !== undefined) shortOf.push({ verdict: 'dead-lettered', reason: `${event.type} dead letter at ${c.durable}: ${deadLetter}` });
    else if (pending) shortOf.push({ verdict: 'stuck', reason: `${event.type} still pending for ${c.durable}` });
    else shortOf.push({ verdict: 'lost', reason: `${event.type} ${event.id} never applied by ${c.durable}, nothing pending` });
  }
  return shortOf;
}

export function reconcile(snapshot: Snapshot, submitted: readonly SubmittedRequest[]): Reconciliation {
  const byMarker = groupBy(
    snapshot.requests.filter((r) => MARKER.test(r.title)),
    (r) => MARKER.exec(r.title)?.[0] ?? '',
  );
  const ordersByRequest = groupBy(snapshot.workOrders, (o) => o.requestId);
  const dispatchByRequest = new Map(snapshot.dispatches.map((d) => [d.requestId, d]));
  const queued = new Set(snapshot.queued);
  const reviewsByOrder = groupBy(snapshot.reviews, (r) => r.workOrderId);
  const orderIds = new Map(snapshot.workOrders.map((o) => [o.id, o.requestId]));
  const eventsByRequest = groupBy(
    snapshot.outbox.filter((e) => e.aggregateType === 'request' || orderIds.has(e.aggregateId)),
    (e) => (e.aggregateType === 'request' ? e.aggregateId : (orderIds.get(e.aggregateId) ?? '')),
  );

  const findings: RequestFinding[] = [];
  let storedWithout201 = 0;
  let notStored = 0;
  for (const s of submitted) {
    const rows = byMarker.get(s.marker) ?? [];
    if (!s.acceptedNumber && rows.length === 0) {
      notStored++;
      continue;
    }
    if (!s.acceptedNumber) storedWithout201++;
    const flow: { verdict: Verdict; reason: string }[] = [];
    const missing: string[] = [];
    const doubles: string[] = [];
    if (rows.length > 1) doubles.push(`${rows.length} requests for one marker`);
    const request = rows.find((r) => r.number === s.acceptedNumber) ?? rows[0];
    if (!request) {
      findings.push({ marker: s.marker, number: s.acceptedNumber, verdict: 'lost', doubled: false, reasons: ['answered 201, not in intake'] });
      continue;
    }
    const events = eventsByRequest.get(request.id) ?? [];
    for (const event of events) flow.push(...eventVerdicts(snapshot, event));
    for (const [key, same] of groupBy(events, (e) => `${e.type} ${e.aggregateId}`))
      if (same.length > 1 && !key.includes('StatusChanged')) doubles.push(`${same.length}× ${key}`);

    if (!events.some((e) => e.type === 'hotline.intake.v1.RequestAccepted')) missing.push('no RequestAccepted in the outbox');
    const dispatch = dispatchByRequest.get(request.id);
    const inQueue = queued.has(request.id);
    if (!dispatch && !inQueue) missing.push('neither dispatched nor queued');
    if (dispatch && !s.catalogued) missing.push('an uncatalogued request dispatched without a dispatcher');
    const orders = ordersByRequest.get(request.id) ?? [];
    for (const unitId of dispatch?.unitIds ?? []) {
      const ofUnit = orders.filter((o) => o.unitId === unitId);
      if (ofUnit.length === 0) missing.push(`no work order for unit ${unitId}`);
      if (ofUnit.length > 1) doubles.push(`${ofUnit.length} work orders for unit ${unitId}`);
    }
    const primary = orders.find((o) => o.role === 'primary');
    if (s.driven && s.driven !== 'signed' && primary && !(reviewsByOrder.get(primary.id) ?? []).length) missing.push('answered, no review');
    const expected = expectedStatus(Boolean(dispatch), inQueue, s.driven);
    if (expected && rank(request.status) < rank(expected)) missing.push(`intake status ${request.status}, expected ${expected} or later`);
    const shown = s.acceptedNumber ? snapshot.publicView.get(s.acceptedNumber) : undefined;
    if (typeof shown === 'number') missing.push(`public lookup answered ${shown}`);
    else if (expected && shown && (rank(shown.status) < rank(expected) || !shown.timeline.includes(expected)))
      missing.push(`public lookup shows ${shown.status} (timeline ${shown.timeline.join(' → ')}), expected ${expected} in it`);

    // A missing state is explained by the event still travelling (or dead-lettered) upstream of it;
    // with nothing upstream short, it is lost.
    const worst = flow.reduce<Verdict>((w, f) => (SEVERITY[f.verdict] > SEVERITY[w] ? f.verdict : w), 'ok');
    const verdict: Verdict = worst !== 'ok' ? worst : missing.length > 0 ? 'lost' : 'ok';
    if (verdict !== 'ok' || doubles.length > 0)
      findings.push({
        marker: s.marker,
        number: request.number,
        verdict,
        doubled: doubles.length > 0,
        reasons: [...doubles, ...missing, ...flow.map((f) => f.reason)],
      });
  }
  const count = (v: Verdict) => findings.filter((f) => f.verdict === v).length;
  return {
    accepted: submitted.filter((s) => s.acceptedNumber).length,
    storedWithout201,
    notStored,
    lost: count('lost'),
    doubled: findings.filter((f) => f.doubled).length,
    stuck: count('stuck'),
    deadLettered: count('dead-lettered'),
    findings,
  };
}
