import type { FieldRule } from './sharing';
import { agreementIssues, coarsenArea, coarsenInstant, isCovered, needsIdentity, releaseRecord, releaseRefusal, ShareableRequest } from './sharing';

const FROM = new Date('2026-01-01T00:00:00Z');
const UNTIL = new Date('2027-01-01T00:00:00Z');
const terms = (fields: FieldRule[], extra: Record<string, unknown> = {}) => ({ maxGrade: 'important' as const, fields, validFrom: FROM, validUntil: UNTIL, ...extra });
const fieldsOf = (issues: Array<{ field: string }>) => issues.map((i) => i.field);

const REQUEST: ShareableRequest = {
  number: 'a-20260301-000042',
  receivedAt: new Date('2026-03-01T17:30:00Z'),
  channel: 'phone',
  requestType: 'complaint',
  urgency: 'normal',
  categoryCode: '040101',
  areaCode: '320102001',
  status: 'dispatched',
  title: '餐馆油烟扰民',
  content: '联系电话138****5678，楼下餐馆油烟直排',
  answer: null,
  unitCode: 'env',
  anonymous: false,
  confidential: false,
};
const IDENTITY = { anonymous: false as const, name: '王小五', phone: '13812345678', idNumber: '320102199001011234', address: '南京市玄武区中山路1号', confidential: false };

describe('sharing agreements: what they may name', () => {
  it('accepts general and important fields within the max grade, masked as each field takes', () => {
    expect(agreementIssues(terms([{ field: 'content', masking: 'mask' }, { field: 'areaCode', masking: 'coarsen' }, { field: 'requester.phone', masking: 'drop' }]))).toEqual([]);
  });

  it('names the field of each fault: twice, a masking it does not take, above the grade', () => {
    const issues = agreementIssues(terms([{ field: 'content', masking: 'none' }, { field: 'number', masking: 'coarsen' }, { field: 'number', masking: 'none' }]));
    expect(fieldsOf(issues)).toEqual(['fields.0.masking', 'fields.1.masking', 'fields.2.field']);
    expect(issues[0]!.message).toMatch(/mask, drop/);
    const above = agreementIssues(terms([{ field: 'requester.name', masking: 'mask' }], { personalDataPurpose: '回访核实' }));
    expect(above).toEqual([{ field: 'fields.0.field', message: expect.stringMatching(/graded personal, above the agreement's max grade important/) }]);
  });

  it('takes personal information only with a stated purpose, and core fields only on the explicit flag', () => {
    const personal = terms([{ field: 'requester.phone', masking: 'none' }], { maxGrade: 'personal' });
    expect(fieldsOf(agreementIssues(personal))).toEqual(['personalDataPurpose']);
    expect(agreementIssues({ ...personal, personalDataPurpose: '   ' })).toHaveLength(1);
    expect(agreementIssues({ ...personal, personalDataPurpose: '社区网格员上门核实' })).toEqual([]);
    const core = terms([{ field: 'requester.idNumber', masking: 'mask' }], { maxGrade: 'core', personalDataPurpose: '社保待遇核查' });
    expect(fieldsOf(agreementIssues(core))).toEqual(['includesCore']);
    expect(agreementIssues({ ...core, includesCore: true })).toEqual([]);
  });

  it('releases something, and ends after it starts', () => {
    expect(fieldsOf(agreementIssues(terms([{ field: 'number', masking: 'drop' }], { validUntil: FROM })))).toEqual(['fields', 'validUntil']);
  });

  it('releases only while active and valid', () => {
    const a = { state: 'active', validFrom: FROM, validUntil: UNTIL };
    expect(releaseRefusal(a, new Date('2026-06-01T00:00:00Z'))).toBeUndefined();
    expect(releaseRefusal({ ...a, state: 'revoked' }, new Date('2026-06-01T00:00:00Z'))).toMatch(/revoked/);
    expect(releaseRefusal({ ...a, state: 'proposed' }, new Date('2026-06-01T00:00:00Z'))).toMatch(/proposed/);
    expect(releaseRefusal(a, new Date('2025-12-31T23:59:59Z'))).toMatch(/valid from/);
    expect(releaseRefusal(a, UNTIL)).toMatch(/expired/);
  });
});

describe('sharing: what a request becomes', () => {
  const scope = { categoryPrefixes: ['04'], areaCodes: ['320102'], requestTypes: ['complaint' as const], validFrom: FROM, validUntil: UNTIL };

  it('covers requests of its categories, areas, types and validity only', () => {
    expect(isCovered(scope, REQUEST)).toBe(true);
    expect(isCovered(scope, { ...REQUEST, categoryCode: '0801' })).toBe(false);
    expect(isCovered(scope, { ...REQUEST, categoryCode: null })).toBe(false);
    expect(isCovered(scope, { ...REQUEST, areaCode: '320104' })).toBe(false);
    expect(isCovered(scope, { ...REQUEST, requestType: 'consultation' })).toBe(false);
    expect(isCovered(scope, { ...REQUEST, receivedAt: UNTIL })).toBe(false);
    expect(isCovered({ ...scope, areaCodes: ['320100'] }, REQUEST)).toBe(true);
  });

  it('coarsens an area to its city and an instant to its day in the hotline’s zone', () => {
    expect(coarsenArea('320102001001')).toBe('3201');
    expect(coarsenArea('320102')).toBe('3201');
    expect(coarsenArea('320100')).toBe('3201');
    expect(coarsenArea('32')).toBe('32');
    expect(coarsenArea('own-area')).toBe('own-area');
    // 17:30 UTC is past midnight in Shanghai.
    expect(coarsenInstant(REQUEST.receivedAt, 'Asia/Shanghai')).toBe('2026-03-02');
    expect(coarsenInstant(REQUEST.receivedAt, 'UTC')).toBe('2026-03-01');
  });

  it('releases only the agreed fields, each masked as agreed, and lists the personal fields given in clear', () => {
    const rules: FieldRule[] = [
      { field: 'number', masking: 'none' },
      { field: 'receivedAt', masking: 'coarsen' },
      { field: 'areaCode', masking: 'coarsen' },
      { field: 'content', masking: 'mask' },
      { field: 'requester.phone', masking: 'drop' },
      { field: 'requester.name', masking: 'mask' },
      { field: 'requester.address', masking: 'none' },
      { field: 'answer', masking: 'mask' },
    ];
    expect(needsIdentity(rules)).toBe(true);
    expect(releaseRecord(REQUEST, IDENTITY, rules, 'Asia/Shanghai')).toEqual({
      fields: {
        number: 'a-20260301-000042',
        receivedAt: '2026-03-02',
        areaCode: '3201',
        content: '联系电话138****5678，楼下餐馆油烟直排',
        'requester.name': '王**',
        'requester.address': '南京市玄武区中山路1号',
        answer: null,
      },
      disclosed: ['requester.address'],
    });
  });

  it('gives no identity of a confidential or anonymous request, and opens none it does not need', () => {
    const rules: FieldRule[] = [{ field: 'requester.phone', masking: 'none' }, { field: 'status', masking: 'none' }];
    expect(releaseRecord({ ...REQUEST, confidential: true }, IDENTITY, rules, 'UTC')).toEqual({ fields: { 'requester.phone': null, status: 'dispatched' }, disclosed: [] });
    expect(releaseRecord({ ...REQUEST, anonymous: true }, { anonymous: true }, rules, 'UTC').disclosed).toEqual([]);
    expect(needsIdentity([{ field: 'requester.phone', masking: 'drop' }, { field: 'status', masking: 'none' }])).toBe(false);
  });
});
