import { intakeClosureStage, isRequestStage, nextStage, REQUEST_STAGES, stageRank } from './stages';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 24, 2, minute));

describe('request stages', () => {
  it('follows the lifecycle order of docs/lifecycle.md', () => {
    const path = ['registered', 'awaiting-dispatch', 'dispatched', 'in-progress', 'answered', 'reviewed', 'revisited', 'closed', 'archived'] as const;
    for (let i = 1; i < path.length; i++) expect(stageRank(path[i]!)).toBeGreaterThan(stageRank(path[i - 1]!));
    expect(REQUEST_STAGES).toHaveLength(11);
    expect(isRequestStage('closed-at-intake')).toBe(true);
    expect(isRequestStage('lost')).toBe(false);
  });

  it('starts at whatever stage arrives first', () => {
    expect(nextStage(null, { stage: 'revisited', at: at(9) })).toEqual({ stage: 'revisited', at: at(9) });
  });

  it('moves forward by rank only, whatever the arrival order', () => {
    expect(nextStage({ stage: 'revisited', at: at(9) }, { stage: 'registered', at: at(0) })).toBeNull();
    expect(nextStage({ stage: 'dispatched', at: at(1) }, { stage: 'answered', at: at(5) })).toEqual({ stage: 'answered', at: at(5) });
    expect(nextStage({ stage: 'answered', at: at(5) }, { stage: 'answered', at: at(6) })).toBeNull();
  });

  it('lets a later rework move an answer back to in-progress, never a late one', () => {
    expect(nextStage({ stage: 'answered', at: at(5) }, { stage: 'in-progress', at: at(6), rework: true })).toEqual({
      stage: 'in-progress',
      at: at(6),
    });
    // The review that passed the second answer was applied before the (earlier) reopen arrived.
    expect(nextStage({ stage: 'reviewed', at: at(8) }, { stage: 'in-progress', at: at(6), rework: true })).toBeNull();
    expect(nextStage({ stage: 'revisited', at: at(5) }, { stage: 'in-progress', at: at(9), rework: true })).toBeNull();
  });

  it('keeps intake closures from moving back to revisited, but lets them be archived', () => {
    expect(intakeClosureStage('direct-answer')).toBe('closed-at-intake');
    expect(intakeClosureStage('legal-route')).toBe('not-accepted');
    expect(nextStage({ stage: 'closed-at-intake', at: at(1) }, { stage: 'revisited', at: at(2) })).toBeNull();
    expect(nextStage({ stage: 'not-accepted', at: at(1) }, { stage: 'archived', at: at(2) })?.stage).toBe('archived');
  });
});
