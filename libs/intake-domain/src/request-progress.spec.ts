import { RequestStatus } from '@hotline/vocabulary';
import { LifecycleFact, progressAfter, RequestProgress, registrationChanges } from './request-progress';

const PRIMARY = 'unit-p';
const ASSISTING = 'unit-a';
const at = (minute: number) => new Date(Date.UTC(2025, 0, 24, 2, minute));
const start = (status: RequestStatus, since = 0, primaryUnitId: string | null = PRIMARY): RequestProgress => ({
  status,
  statusSince: at(since),
  primaryUnitId,
});
type Fact = Omit<LifecycleFact, 'at'> & { minute?: number };
const fact = ({ minute = 30, ...rest }: Fact): LifecycleFact => ({ at: at(minute), ...rest });

/** Applies facts in order, as intake does, and returns the final progress and the reasons of the changes. */
function apply(from: RequestProgress, facts: Fact[]) {
  const reasons: string[] = [];
  const final = facts.map(fact).reduce((progress, f) => {
    const { primaryUnitId, change } = progressAfter(progress, f);
    if (change) reasons.push(change.reason);
    return change ? { status: change.to, statusSince: f.at, primaryUnitId } : { ...progress, primaryUnitId };
  }, from);
  return { ...final, reasons };
}
const next = (from: RequestProgress, f: Fact) => progressAfter(from, fact(f)).change;

describe('request status at registration', () => {
  it('registers every contact first, then closes direct answers and out-of-scope ones with their decision as reason', () => {
    expect(registrationChanges('in-scope')).toEqual([{ from: '', to: 'registered', reason: 'registered' }]);
    expect(registrationChanges('direct-answer')).toEqual([
      { from: '', to: 'registered', reason: 'registered' },
      { from: 'registered', to: 'closed', reason: 'direct-answer' },
    ]);
    for (const decision of ['transfer-emergency', 'legal-route', 'explained', 'refer-police', 'terminated-matter'] as const)
      expect(registrationChanges(decision)[1]).toEqual({ from: 'registered', to: 'not-accepted', reason: decision });
  });
});

describe('request status transitions', () => {
  it('follows the main path, each change with its reason', () => {
    const result = apply(start('registered', 0, null), [
      { kind: 'queued-for-manual-dispatch', minute: 1 },
      { kind: 'dispatched', primaryUnitId: PRIMARY, minute: 2 },
      { kind: 'work-order-created', unitId: PRIMARY, role: 'primary', minute: 2 },
      { kind: 'work-order-signed', unitId: PRIMARY, minute: 3 },
      { kind: 'work-order-answered', unitId: PRIMARY, role: 'primary', minute: 4 },
      { kind: 'answer-reviewed', unitId: PRIMARY, role: 'primary', passed: true, minute: 5 },
      { kind: 'revisit-recorded', minute: 6 },
      { kind: 'request-closed', minute: 7 },
      { kind: 'request-archived', minute: 8 },
    ]);
    expect(result).toMatchObject({ status: 'archived', primaryUnitId: PRIMARY, statusSince: at(8) });
    expect(result.reasons).toEqual([
      'queued-for-manual-dispatch',
      'dispatched',
      'primary-signed',
      'primary-answered',
      'review-passed',
      'revisit-recorded',
      'revisit-closed',
      'archived',
    ]);
  });

  it('lets only the primary order move the request', () => {
    expect(next(start('dispatched'), { kind: 'work-order-signed', unitId: ASSISTING })).toBeUndefined();
    expect(next(start('in-progress'), { kind: 'work-order-answered', unitId: ASSISTING, role: 'assisting' })).toBeUndefined();
    expect(next(start('in-progress'), { kind: 'work-order-answered' })).toBeUndefined();
    expect(next(start('answered'), { kind: 'answer-reviewed', unitId: ASSISTING, passed: true })).toBeUndefined();
    expect(next(start('answered'), { kind: 'answer-reviewed', unitId: PRIMARY, passed: false })).toBeUndefined();
    expect(next(start('dispatched', 0, null), { kind: 'work-order-signed', unitId: PRIMARY })).toBeUndefined();
  });

  it("takes a review's stated role over the primary-unit match, and falls back to the match for older events", () => {
    // The same unit may hold a primary and an assisting share across re-dispatches: the role decides.
    expect(next(start('answered'), { kind: 'answer-reviewed', unitId: PRIMARY, role: 'assisting', passed: true })).toBeUndefined();
    expect(next(start('answered'), { kind: 'answer-reviewed', unitId: ASSISTING, role: 'primary', passed: true })).toMatchObject({
      to: 'reviewed',
    });
    expect(next(start('answered'), { kind: 'answer-reviewed', unitId: PRIMARY, passed: true })).toEqual({
      from: 'answered',
      to: 'reviewed',
      reason: 'review-passed',
    });
  });

  it('sends an answered or reviewed request back to in-progress on rework later than its status, and only then', () => {
    expect(next(start('answered', 4), { kind: 'work-order-reopened', unitId: PRIMARY, minute: 5 })).toEqual({
      from: 'answered',
      to: 'in-progress',
      reason: 'review-failed',
    });
    expect(next(start('reviewed', 4), { kind: 'work-order-reopened', unitId: PRIMARY, minute: 5 })).toMatchObject({ to: 'in-progress' });
    // A reopening older than the review that passed the new answer is stale (cross-stream overtaking).
    expect(next(start('reviewed', 11), { kind: 'work-order-reopened', unitId: PRIMARY, minute: 8 })).toBeUndefined();
    expect(next(start('answered', 5), { kind: 'work-order-reopened', unitId: PRIMARY, minute: 5 })).toBeUndefined();
    expect(next(start('answered', 4), { kind: 'work-order-reopened', unitId: ASSISTING, minute: 5 })).toBeUndefined();
    expect(next(start('revisited', 4), { kind: 'work-order-reopened', unitId: PRIMARY, minute: 5 })).toBeUndefined();
    expect(next(start('in-progress', 4), { kind: 'work-order-answered', unitId: PRIMARY, role: 'primary' })).toMatchObject({
      to: 'answered',
    });
  });

  it('never moves backwards for a late event from another stream', () => {
    expect(next(start('answered'), { kind: 'dispatched', primaryUnitId: PRIMARY })).toBeUndefined();
    expect(next(start('dispatched'), { kind: 'queued-for-manual-dispatch' })).toBeUndefined();
    expect(next(start('reviewed'), { kind: 'work-order-answered', unitId: PRIMARY, role: 'primary' })).toBeUndefined();
    expect(next(start('closed'), { kind: 'revisit-recorded' })).toBeUndefined();
    expect(next(start('dispatched'), { kind: 'dispatched', primaryUnitId: PRIMARY })).toBeUndefined();
    // An event that skips ahead is applied; the late one before it is then ignored.
    const skipped = apply(start('dispatched'), [
      { kind: 'work-order-answered', unitId: PRIMARY, role: 'primary' },
      { kind: 'work-order-signed', unitId: PRIMARY },
    ]);
    expect(skipped.status).toBe('answered');
  });

  it('says which status a late fact stands for, though it no longer moves the current one', () => {
    const standsFor = (from: RequestProgress, f: Fact) => progressAfter(from, fact(f)).standsFor;
    expect(progressAfter(start('archived'), fact({ kind: 'work-order-signed', unitId: PRIMARY }))).toEqual({
      primaryUnitId: PRIMARY,
      standsFor: { to: 'in-progress', reason: 'primary-signed' },
    });
    expect(standsFor(start('archived'), { kind: 'work-order-answered', unitId: PRIMARY, role: 'primary' })).toEqual({
      to: 'answered',
      reason: 'primary-answered',
    });
    expect(standsFor(start('reviewed', 11), { kind: 'work-order-reopened', unitId: PRIMARY, minute: 8 })).toEqual({
      to: 'in-progress',
      reason: 'review-failed',
    });
    expect(standsFor(start('dispatched'), { kind: 'dispatched', primaryUnitId: PRIMARY })).toEqual({ to: 'dispatched', reason: 'dispatched' });
    expect(progressAfter(start('dispatched'), fact({ kind: 'request-archived' }))).toMatchObject({
      standsFor: { to: 'archived' },
      change: { from: 'dispatched', to: 'archived' },
    });
    // Assisting orders, failed reviews and the events that set no status stand for none.
    expect(standsFor(start('in-progress'), { kind: 'work-order-answered', unitId: ASSISTING, role: 'assisting' })).toBeUndefined();
    expect(standsFor(start('answered'), { kind: 'answer-reviewed', unitId: PRIMARY, passed: false })).toBeUndefined();
    expect(standsFor(start('dispatched'), { kind: 'work-order-created', unitId: PRIMARY, role: 'primary' })).toBeUndefined();
  });

  it('keeps requests closed at intake closed, except for archiving', () => {
    expect(next(start('not-accepted'), { kind: 'dispatched', primaryUnitId: PRIMARY })).toBeUndefined();
    expect(next(start('not-accepted'), { kind: 'request-closed' })).toBeUndefined();
    expect(next(start('not-accepted'), { kind: 'request-archived' })).toEqual({ from: 'not-accepted', to: 'archived', reason: 'archived' });
    expect(next(start('closed'), { kind: 'request-archived' })).toEqual({ from: 'closed', to: 'archived', reason: 'archived' });
  });

  it('sets no status for work-order creation, overdue flags, cancellations and skipped revisits', () => {
    for (const kind of ['work-order-created', 'work-order-overdue', 'work-order-cancelled', 'revisit-skipped'] as const)
      expect(next(start('dispatched'), { kind, unitId: PRIMARY, role: 'primary' })).toBeUndefined();
  });

  it('learns the primary unit from a dispatch, or from a primary work order that overtakes it', () => {
    expect(progressAfter(start('registered', 0, null), fact({ kind: 'work-order-created', unitId: PRIMARY, role: 'primary' }))).toEqual({
      primaryUnitId: PRIMARY,
    });
    expect(progressAfter(start('registered', 0, null), fact({ kind: 'work-order-created', unitId: ASSISTING, role: 'assisting' }))).toEqual({
      primaryUnitId: null,
    });
    // A re-dispatch (改派) names the new primary unit; work-order events never replace a known one.
    expect(progressAfter(start('dispatched'), fact({ kind: 'dispatched', primaryUnitId: 'unit-new' })).primaryUnitId).toBe('unit-new');
    expect(progressAfter(start('dispatched'), fact({ kind: 'work-order-created', unitId: 'unit-x', role: 'primary' })).primaryUnitId).toBe(
      PRIMARY,
    );
    expect(progressAfter(start('dispatched'), fact({ kind: 'dispatched' })).primaryUnitId).toBe(PRIMARY);
  });
});
