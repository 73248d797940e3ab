import { assignmentUnitIssues, assistingUnitIssues, UnitCard } from './assignment';

describe('a manual assignment', () => {
  const directory = new Map<string, UnitCard>([
    ['a', { id: 'a', name: 'A', code: 'A', areaCodes: ['320102'] }],
    ['b', { id: 'b', name: 'B', code: 'B', areaCodes: ['320104'] }],
  ]);

  it('refuses the primary as an assisting unit and repeated assisting units', () => {
    expect(assistingUnitIssues({ primaryUnitId: 'a', assistingUnitIds: ['a', 'b', 'b'] })).toEqual([
      { field: 'assistingUnitIds.0', message: 'the primary unit cannot also assist' },
      { field: 'assistingUnitIds.2', message: 'listed more than once' },
    ]);
  });

  it('names units missing from the directory, and checks coverage only when an area is given', () => {
    const choice = { primaryUnitId: 'x', assistingUnitIds: ['b', 'y'] };
    expect(assignmentUnitIssues(choice, directory).map((i) => i.field)).toEqual(['primaryUnitId', 'assistingUnitIds.1']);
    expect(assignmentUnitIssues({ primaryUnitId: 'a', assistingUnitIds: ['b'] }, directory, { area: '320102001' })).toEqual([
      { field: 'assistingUnitIds.0', message: 'unit B (areas 320104) does not cover area 320102001' },
    ]);
  });
});
