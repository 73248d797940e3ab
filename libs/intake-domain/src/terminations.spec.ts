import { REQUEST_STATUSES, TERMINATION_REASONS } from '@hotline/vocabulary';
import { rankTerminatedMatches, terminatedMatchReasons, terminationMarkOf } from './duplicates';
import {
  decisionRefusal,
  evidenceIssues,
  evidenceRefusal,
  proposalRefusal,
  stateAfter,
  terminatedMatterRefusal,
  terminationChange,
  TERMINATION_DECIDERS,
  TERMINATION_PROPOSERS,
} from './terminations';

const day = (d: number) => new Date(Date.UTC(2026, 2, d));

describe('termination (诉求终结)', () => {
  it('asks the evidence each reason cannot go without, naming the field', () => {
    expect(evidenceIssues({ reasonCode: 'repeated-no-new-facts' }).map((i) => i.field)).toEqual(['evidenceRequestNumbers']);
    expect(evidenceIssues({ reasonCode: 'repeated-no-new-facts', evidenceRequestNumbers: [] }).map((i) => i.field)).toEqual(['evidenceRequestNumbers']);
    expect(evidenceIssues({ reasonCode: 'repeated-no-new-facts', evidenceRequestNumbers: ['a-20260301-000001'] })).toEqual([]);
    expect(evidenceIssues({ reasonCode: 'hearing-found-unreasonable', hearingRecord: '  ' }).map((i) => i.field)).toEqual(['hearingRecord']);
    expect(evidenceIssues({ reasonCode: 'hearing-found-unreasonable', hearingRecord: '玄武区听证〔2026〕3号' })).toEqual([]);
    const others = TERMINATION_REASONS.filter((r) => r !== 'repeated-no-new-facts' && r !== 'hearing-found-unreasonable');
    for (const reasonCode of others) expect(evidenceIssues({ reasonCode })).toEqual([]);
  });

  it('terminates only an open request, at any stage', () => {
    const open = REQUEST_STATUSES.filter((s) => proposalRefusal(s) === undefined);
    expect(open).toEqual(['registered', 'awaiting-dispatch', 'dispatched', 'in-progress', 'answered', 'reviewed', 'revisited']);
    expect(proposalRefusal('terminated')).toMatch(/only an open request/);
    expect(proposalRefusal('merged')).toMatch(/merged/);
  });

  it('lets hotline staff propose and supervisors or administrators decide, never a unit', () => {
    expect(TERMINATION_PROPOSERS).toEqual(['agent', 'dispatcher', 'reviewer', 'supervisor', 'tenant-admin']);
    expect(TERMINATION_DECIDERS).toEqual(['supervisor', 'tenant-admin']);
    for (const role of ['unit-operator', 'unit-leader', 'unit-principal'] as const) {
      expect(TERMINATION_PROPOSERS).not.toContain(role);
      expect(TERMINATION_DECIDERS).not.toContain(role);
    }
  });

  it('keeps the two-person rule: the proposer never approves or refuses, only withdraws', () => {
    const open = { state: 'proposed' as const, proposedBy: 'city-a:agent-1' };
    expect(decisionRefusal(open, 'city-a:agent-1', 'approve')?.kind).toBe('two-person-rule');
    expect(decisionRefusal(open, 'city-a:agent-1', 'refuse')?.kind).toBe('two-person-rule');
    expect(decisionRefusal(open, 'city-a:agent-1', 'withdraw')).toBeUndefined();
    expect(decisionRefusal(open, 'city-a:sup-1', 'approve')).toBeUndefined();
    expect(decisionRefusal(open, 'city-a:sup-1', 'refuse')).toBeUndefined();
    expect(decisionRefusal(open, 'city-a:sup-1', 'withdraw')?.kind).toBe('not-proposer');
    for (const state of ['approved', 'refused', 'withdrawn'] as const)
      expect(decisionRefusal({ ...open, state }, 'city-a:sup-1', 'approve')).toEqual({ kind: 'not-open', detail: `this termination was already ${state}` });
    expect([stateAfter('approve'), stateAfter('refuse'), stateAfter('withdraw')]).toEqual(['approved', 'refused', 'withdrawn']);
  });

  it('moves the request from wherever it is to terminated, for the reason terminated', () => {
    expect(terminationChange('in-progress')).toEqual({ from: 'in-progress', to: 'terminated', reason: 'terminated' });
  });

  it('takes as evidence only earlier requests of the hotline, not the request itself', () => {
    const terminated = { id: 'r2', receivedAt: day(10) };
    expect(evidenceRefusal(terminated, { id: 'r1', receivedAt: day(1) })).toBeUndefined();
    expect(evidenceRefusal(terminated, undefined)).toMatch(/no such request/);
    expect(evidenceRefusal(terminated, { id: 'r2', receivedAt: day(10) })).toMatch(/itself/);
    expect(evidenceRefusal(terminated, { id: 'r3', receivedAt: day(11) })).toMatch(/not an earlier request/);
  });

  it('answers a contact as a terminated matter only with a request that has an approved termination', () => {
    expect(terminatedMatterRefusal({ number: 'a-1', terminated: true })).toBeUndefined();
    expect(terminatedMatterRefusal({ number: 'a-1', terminated: false })).toMatch(/no approved termination/);
    expect(terminatedMatterRefusal(undefined)).toMatch(/no such request/);
  });
});

describe('recognising a terminated matter among repeats', () => {
  const mark = { terminationId: 't1', reasonCode: 'repeated-no-new-facts' as const, legalRoute: '可依法申请行政复议', terminatedAt: day(5) };

  it('marks a candidate terminated, or archived after its termination, and no other', () => {
    expect(terminationMarkOf('terminated', mark)).toBe(mark);
    expect(terminationMarkOf('archived', mark)).toBe(mark);
    expect(terminationMarkOf('archived', null)).toBeNull();
    expect(terminationMarkOf('in-progress', mark)).toBeNull();
  });

  it('recognises the same requester, or similar text in the same category only', () => {
    const policy = { minTextSimilarity: 0.3 };
    expect(terminatedMatchReasons({ sameRequester: true, sameCategory: false, textSimilarity: 0 }, policy)).toEqual(['same-requester']);
    expect(terminatedMatchReasons({ sameRequester: false, sameCategory: true, textSimilarity: 0.5 }, policy)).toEqual(['similar-text']);
    expect(terminatedMatchReasons({ sameRequester: false, sameCategory: false, textSimilarity: 0.9 }, policy)).toEqual([]);
    expect(terminatedMatchReasons({ sameRequester: false, sameCategory: true, textSimilarity: 0.29 }, policy)).toEqual([]);
    const ranked = rankTerminatedMatches(
      [
        { candidate: 'text', signals: { sameRequester: false, sameCategory: true, textSimilarity: 0.8 } },
        { candidate: 'none', signals: { sameRequester: false, sameCategory: false, textSimilarity: 0.8 } },
        { candidate: 'requester', signals: { sameRequester: true, sameCategory: true, textSimilarity: 0.41234 } },
      ],
      policy,
    );
    expect(ranked).toEqual([
      { candidate: 'requester', reasons: ['same-requester', 'similar-text'], textSimilarity: 0.412 },
      { candidate: 'text', reasons: ['similar-text'], textSimilarity: 0.8 },
    ]);
  });
});
