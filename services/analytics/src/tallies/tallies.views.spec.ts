import { talliesView } from './tallies.views';

describe('tally views', () => {
  it('echoes the range and the page beside the total', () => {
    const items = [{ eventType: 'hotline.intake.v1.RequestAccepted', day: '2025-03-03', count: 2 }];
    expect(talliesView({ to: '2025-03-03', limit: 1, offset: 0 }, { total: 5, items })).toEqual({
      from: null, to: '2025-03-03', total: 5, limit: 1, offset: 0, items,
    });
  });
});
