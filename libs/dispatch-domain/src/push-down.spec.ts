import { UnitCard } from './assignment';
import { catalogUnitIssues } from './catalog';
import { pushDownIssues } from './push-down';

const directory = new Map<string, UnitCard>([
  ['dept', { id: 'dept', code: 'HOUSING', name: '住建局', areaCodes: ['3201'], level: 'department' }],
  ['street', { id: 'street', code: 'XJK', name: '新街口街道', areaCodes: ['320102001'], level: 'street' }],
  ['legacy', { id: 'legacy', code: 'OLD', name: '未分级单位', areaCodes: ['3201'] }],
]);

describe('no push-down to 基层 (66号文)', () => {
  it('refuses a street unit for a duty not marked territorial, as primary or assisting', () => {
    expect(pushDownIssues({ primaryUnitId: 'street', assistingUnitIds: ['dept', 'street'] }, directory, false).map((i) => i.field)).toEqual([
      'primaryUnitId',
      'assistingUnitIds.1',
    ]);
    expect(pushDownIssues({ primaryUnitId: 'dept', assistingUnitIds: ['legacy'] }, directory, false)).toEqual([]);
  });

  it('lets a street unit take a territorial (属地) duty', () => {
    expect(pushDownIssues({ primaryUnitId: 'street', assistingUnitIds: [] }, directory, true)).toEqual([]);
  });

  it('checks every catalog entry by its territorial mark', () => {
    const issues = catalogUnitIssues(
      [
        { categoryCode: '01', areaCode: '*', primaryUnitId: 'street', assistingUnitIds: [] },
        { categoryCode: '02', areaCode: '*', primaryUnitId: 'street', assistingUnitIds: [], territorial: true },
        { categoryCode: '03', areaCode: '*', primaryUnitId: 'dept', assistingUnitIds: ['street'] },
      ],
      directory,
    );
    expect(issues.map((i) => i.field)).toEqual(['entries.0.primaryUnitId', 'entries.2.assistingUnitIds.0']);
  });
});
