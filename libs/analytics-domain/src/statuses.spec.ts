import { REQUEST_STATUSES, TERMINATION_REASONS } from '@hotline/vocabulary';
import { isNewerStatusChange, statusCounts, terminationReasonCounts } from './statuses';

describe('request statuses in the read model', () => {
  it('applies a change only when intake numbered it after the one applied', () => {
    expect(isNewerStatusChange(0, 1)).toBe(true);
    expect(isNewerStatusChange(3, 4)).toBe(true);
    // Skipping ahead is fine (a change was lost to a dead letter, or arrives later): the highest wins.
    expect(isNewerStatusChange(3, 7)).toBe(true);
    // A redelivery, or an older change arriving late, moves nothing back.
    expect(isNewerStatusChange(4, 4)).toBe(false);
    expect(isNewerStatusChange(5, 2)).toBe(false);
  });

  it('lists every vocabulary status in lifecycle order, zeros included', () => {
    const counts = statusCounts([
      { status: 'closed', count: 2 },
      { status: 'registered', count: 1 },
    ]);
    expect(counts.map((c) => c.status)).toEqual([...REQUEST_STATUSES]);
    expect(counts.filter((c) => c.count > 0)).toEqual([
      { status: 'registered', count: 1 },
      { status: 'closed', count: 2 },
    ]);
  });

  it('has no stage of its own: a direct answer is closed, an unknown code is left out', () => {
    const counts = statusCounts([{ status: 'closed-at-intake', count: 1 }]);
    expect(counts.every((c) => c.count === 0)).toBe(true);
    expect(counts.map((c) => c.status)).not.toContain('closed-at-intake');
  });
});

describe('terminations by reason', () => {
  it('lists every reason of the vocabulary in its order, zeros included, and leaves unknown and missing codes out', () => {
    const counts = terminationReasonCounts([
      { reasonCode: 'repeated-no-new-facts', count: 2 },
      { reasonCode: null, count: 1 },
      { reasonCode: 'not-a-reason', count: 5 },
      { reasonCode: 'outside-jurisdiction', count: 1 },
    ]);
    expect(counts.map((c) => c.reasonCode)).toEqual([...TERMINATION_REASONS]);
    expect(counts.filter((c) => c.count > 0)).toEqual([
      { reasonCode: 'outside-jurisdiction', count: 1 },
      { reasonCode: 'repeated-no-new-facts', count: 2 },
    ]);
  });
});
