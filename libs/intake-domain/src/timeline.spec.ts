import { RequestStatus } from '@hotline/vocabulary';
import { LifecycleFact } from './request-progress';
import { factKey, inCausalOrder, roundOf, TimelinePlace } from './timeline';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 24, 2, minute));
type Step = TimelinePlace & { name: string };
let arrivals = 0;
const step = (name: string, status: RequestStatus | null, minute: number, round: number | null = null): Step => ({
  name,
  status,
  round,
  at: at(minute),
  seq: ++arrivals,
});

/** A whole lifecycle with one rework round, as the facts happened. */
const LIFECYCLE: Step[] = [
  step('registered', 'registered', 0),
  step('queued', 'awaiting-dispatch', 1),
  step('dispatched', 'dispatched', 2),
  step('primary created', null, 2, 0),
  step('signed', 'in-progress', 3, 0),
  step('answered', 'answered', 4, 0),
  step('review failed', null, 5),
  step('reopened', 'in-progress', 6, 1),
  step('answered again', 'answered', 7, 1),
  step('review passed', 'reviewed', 8),
  step('revisited', 'revisited', 9),
  step('closed', 'closed', 10),
  step('archived', 'archived', 11),
];
const names = (steps: readonly Step[]) => steps.map((s) => s.name);

/** A deterministic shuffle (mulberry32), so a failing order can be replayed from its seed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
/** The same facts arriving in another order: seq is the arrival number. */
const arrivingAs = (steps: readonly Step[]) => steps.map((s, i) => ({ ...s, seq: i + 1 }));

describe('the causal order of a timeline', () => {
  it('tells a lifecycle with a rework round in the order it happened', () => {
    expect(names(inCausalOrder(LIFECYCLE))).toEqual(names(LIFECYCLE));
  });

  it('tells the same timeline whatever order the facts arrived in', () => {
    for (let seed = 1; seed <= 200; seed++)
      expect(names(inCausalOrder(arrivingAs(shuffled(LIFECYCLE, seed))))).toEqual(names(LIFECYCLE));
    const reversed = arrivingAs([...LIFECYCLE].reverse());
    expect(names(inCausalOrder(reversed))).toEqual(names(LIFECYCLE));
  });

  it('orders one round by lifecycle rank before time, so a skewed clock cannot put an answer before its signing', () => {
    const skewed = [step('answered', 'answered', 3, 0), step('signed', 'in-progress', 4, 0), step('dispatched', 'dispatched', 5)];
    expect(names(inCausalOrder(skewed))).toEqual(['dispatched', 'signed', 'answered']);
  });

  it('puts each rework round after the one before, and review, revisit, closure and archiving after the last', () => {
    const steps = [
      step('review passed', 'reviewed', 20),
      step('answered 2', 'answered', 30, 2),
      step('reopened 2', 'in-progress', 25, 2),
      step('answered 1', 'answered', 22, 1),
      step('reopened 1', 'in-progress', 21, 1),
      step('answered 0', 'answered', 10, 0),
      step('signed', 'in-progress', 5, 0),
      step('archived', 'archived', 1),
    ];
    expect(names(inCausalOrder(steps))).toEqual([
      'signed', 'answered 0', 'reopened 1', 'answered 1', 'reopened 2', 'answered 2', 'review passed', 'archived',
    ]);
  });

  it('keeps requests closed at intake as registered, closed (or not accepted), archived', () => {
    expect(names(inCausalOrder([step('archived', 'archived', 9), step('not accepted', 'not-accepted', 0), step('registered', 'registered', 0)]))).toEqual(
      ['registered', 'not accepted', 'archived'],
    );
  });

  it('merges the steps without a status in by their instant, keeping the order of the status steps', () => {
    const steps = [
      step('cancelled', null, 12),
      step('overdue', null, 3),
      step('assisting signed', null, 3, 0),
      step('answered', 'answered', 4, 0),
      step('signed', 'in-progress', 3, 0),
      step('dispatched', 'dispatched', 2),
      step('closed', 'closed', 10),
    ];
    // At the same instant the status step comes first; steps after the last status step end the timeline.
    expect(names(inCausalOrder(steps))).toEqual(['dispatched', 'signed', 'overdue', 'assisting signed', 'answered', 'closed', 'cancelled']);
  });

  it('places rows written before rounds were kept (round null) in the first round', () => {
    expect(names(inCausalOrder([step('answered', 'answered', 4), step('signed', 'in-progress', 3), step('dispatched', 'dispatched', 2)]))).toEqual([
      'dispatched', 'signed', 'answered',
    ]);
  });
});

describe('the identity and round of a fact', () => {
  const fact = (f: Partial<LifecycleFact>): LifecycleFact => ({ kind: 'work-order-answered', at: at(4), entityId: 'wo-1', reworkCount: 0, ...f });

  it('is the same for a republished event and differs for another order, round or instant', () => {
    expect(factKey(fact({}))).toBe(factKey(fact({ unitId: 'u1', role: 'primary' })));
    expect(factKey(fact({}))).toBe('work-order-answered|wo-1|0|2025-01-24T02:04:00.000Z');
    expect(new Set([fact({}), fact({ entityId: 'wo-2' }), fact({ reworkCount: 1 }), fact({ at: at(5) }), fact({ kind: 'work-order-signed' })].map(factKey)).size).toBe(5);
    expect(factKey({ kind: 'request-closed', at: at(9) })).toBe('request-closed|||2025-01-24T02:09:00.000Z');
  });

  it('puts creation and signing in the first round, answers and reopenings in the round their producer counted', () => {
    expect(roundOf(fact({ kind: 'work-order-created' }))).toBe(0);
    expect(roundOf(fact({ kind: 'work-order-signed', reworkCount: undefined }))).toBe(0);
    expect(roundOf(fact({ reworkCount: 2 }))).toBe(2);
    expect(roundOf(fact({ kind: 'work-order-reopened', reworkCount: 1 }))).toBe(1);
    expect(roundOf(fact({ reworkCount: undefined }))).toBe(0);
    for (const kind of ['dispatched', 'answer-reviewed', 'work-order-overdue', 'request-archived'] as const) expect(roundOf(fact({ kind }))).toBeNull();
  });
});
