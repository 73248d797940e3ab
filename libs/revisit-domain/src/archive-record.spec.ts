import { recordHash, GENESIS_HASH } from './archive-chain';
import { assembleArchiveRecord, ArchiveInput, CASE_FILE_FORMAT, closureAtIntake } from './archive-record';
import { CaseAnswer, CaseFile, CaseRequest, CaseWorkOrder } from './case-file';
import { archivedClosureOf, closeAfterEvaluation } from './closing';

const request: CaseRequest = {
  requestId: 'req-1', number: '3201-20250124-000042', channel: 'phone', requestType: 'complaint', urgency: 'normal',
  categoryCode: '030603', categoryPath: ['03', '0306', '030603'], taxonomyVersion: 2, areaCode: '320104',
  title: '小区电梯停运', content: '3号楼电梯停运三天', receivedAt: '2025-01-20T01:00:00.000Z',
  requester: { maskedName: '张*', maskedPhone: '138****5678', anonymous: false, confidential: false },
};

const order = (workOrderId: string, role: CaseWorkOrder['role'], createdAt: string | null, extra: Partial<CaseWorkOrder> = {}): CaseWorkOrder => ({
  workOrderId, unitId: `unit-${workOrderId}`, unitName: `单位${workOrderId}`, unitCode: `code-${workOrderId}`, role, createdAt,
  signDueAt: '2025-01-21T01:00:00.000Z', signedAt: null, signedBy: null, handleDueAt: '2025-02-10T01:00:00.000Z', reworkDueAt: null,
  cancellation: null, ...extra,
});

const answer = (workOrderId: string, reworkRound: number, status: CaseAnswer['review']['status'], role: CaseAnswer['role'] = 'primary'): CaseAnswer => ({
  workOrderId, unitId: `unit-${workOrderId}`, role, reworkRound, answer: `答复${reworkRound}`, basis: '《物业管理条例》第三十五条',
  contactRecord: '电话联系诉求人', answeredAt: `2025-01-2${2 + reworkRound}T01:00:00.000Z`, answeredBy: 'operator-1', onTime: true,
  review: {
    status, reasons: status === 'failed' ? ['未说明政策依据'] : [],
    reviewedAt: status === 'pending' ? null : '2025-01-25T01:00:00.000Z', reviewedBy: status === 'pending' ? null : 'reviewer-1',
  },
});

const evaluation = closeAfterEvaluation({
  method: 'phone', resolution: 'resolved', satisfaction: 'satisfied', respondent: 'requester', defaulted: false,
  recordedAt: '2025-01-26T01:00:00.000Z', recordedBy: 'agent-1',
});

const input = (caseFile: CaseFile, overrides: Partial<ArchiveInput> = {}): ArchiveInput => ({
  tenantId: 'city-a', sequence: 3, requestId: 'req-1', archivedAt: '2025-01-26T01:00:01.000Z', caseFile,
  revisit: evaluation.revisit, closure: archivedClosureOf(evaluation), ...overrides,
});

describe('assembleArchiveRecord', () => {
  const caseFile: CaseFile = {
    request,
    dispatches: [
      { mode: 'manual', catalogVersion: 0, assignments: [{ unitId: 'unit-b', unitName: '区政府', unitCode: 'district', role: 'primary' }],
        dispatchedAt: '2025-01-21T00:00:00.000Z', dispatchedBy: 'dispatcher-1' },
      { mode: 'catalog', catalogVersion: 4, assignments: [{ unitId: 'unit-a', unitName: '住建局', unitCode: 'housing', role: 'primary' }],
        dispatchedAt: '2025-01-20T02:00:00.000Z', dispatchedBy: 'system:dispatch' },
    ],
    workOrders: [
      order('wo-b', 'assisting', '2025-01-20T02:00:01.000Z'),
      order('wo-a', 'primary', '2025-01-20T02:00:02.000Z', {
        signedAt: '2025-01-20T03:00:00.000Z', signedBy: 'operator-1', reworkDueAt: '2025-01-28T01:00:00.000Z',
      }),
      order('wo-c', 'assisting', '2025-01-20T02:00:01.000Z', {
        cancellation: { reason: 'request-closed', previousStatus: 'in-progress', cancelledAt: '2025-01-26T01:00:00.000Z' },
      }),
    ],
    answers: [answer('wo-a', 1, 'passed'), answer('wo-b', 0, 'withdrawn', 'assisting'), answer('wo-a', 0, 'failed')],
  };

  it('holds the whole process: request, dispatches by time, orders primary first with their answers and reviews, revisit, closure', () => {
    const record = assembleArchiveRecord(input(caseFile));
    expect(record).toMatchObject({ format: CASE_FILE_FORMAT, tenantId: 'city-a', sequence: 3, requestId: 'req-1', request });
    expect(record.dispatches.map((d) => d.mode)).toEqual(['catalog', 'manual']);
    expect(record.workOrders.map((o) => o.workOrderId)).toEqual(['wo-a', 'wo-b', 'wo-c']);
    const [primary, assisting, cancelled] = record.workOrders;
    expect(primary).toMatchObject({
      unitId: 'unit-wo-a', unitName: '单位wo-a', role: 'primary', signedBy: 'operator-1', reworkDueAt: '2025-01-28T01:00:00.000Z',
      answeredAt: '2025-01-23T01:00:00.000Z', answeredBy: 'operator-1', cancellation: null,
    });
    expect(primary!.answers.map((a) => [a.reworkRound, a.answer, a.review.status, a.review.reasons])).toEqual([
      [0, '答复0', 'failed', ['未说明政策依据']],
      [1, '答复1', 'passed', []],
    ]);
    expect(primary!.answers[1]).toMatchObject({ basis: '《物业管理条例》第三十五条', contactRecord: '电话联系诉求人', review: { reviewedBy: 'reviewer-1' } });
    expect(assisting!.answers).toEqual([expect.objectContaining({ review: expect.objectContaining({ status: 'withdrawn' }) })]);
    expect(cancelled!.cancellation).toEqual({ reason: 'request-closed', previousStatus: 'in-progress', cancelledAt: '2025-01-26T01:00:00.000Z' });
    expect(record.revisit).toEqual({
      outcome: 'evaluated', method: 'phone', resolved: true, satisfaction: 'satisfied', recordedAt: '2025-01-26T01:00:00.000Z', recordedBy: 'agent-1',
      resolution: 'resolved', respondent: 'requester', defaulted: false,
    });
    expect(record.closure).toEqual({ closedAt: '2025-01-26T01:00:00.000Z', closedBy: 'agent-1', outcome: 'evaluated', detail: null });
  });

  it('gives the same record and hash whatever order the case file lists things in, and survives a JSON round trip', () => {
    const shuffled: CaseFile = {
      ...caseFile,
      dispatches: [...caseFile.dispatches].reverse(),
      workOrders: [...caseFile.workOrders].reverse(),
      answers: [...caseFile.answers].reverse(),
    };
    const one = assembleArchiveRecord(input(caseFile));
    const two = assembleArchiveRecord(input(shuffled));
    expect(two).toEqual(one);
    expect(recordHash(GENESIS_HASH, JSON.parse(JSON.stringify(two)))).toBe(recordHash(GENESIS_HASH, one));
  });

  it('keeps an order known only from its answers (its creation had not arrived)', () => {
    const record = assembleArchiveRecord(input({ request, dispatches: [], workOrders: [], answers: [answer('wo-x', 0, 'passed')] }));
    expect(record.workOrders).toEqual([
      expect.objectContaining({ workOrderId: 'wo-x', unitId: 'unit-wo-x', role: 'primary', createdAt: null, answeredBy: 'operator-1' }),
    ]);
  });

  it('archives a request closed at intake with intake’s closure and no revisit', () => {
    const closed = closureAtIntake({ outcome: 'direct-answer', detail: '已当场答复办理流程', closedAt: '2025-01-20T01:05:00.000Z', closedBy: 'agent-2' });
    const record = assembleArchiveRecord(input({ request, dispatches: [], workOrders: [], answers: [] }, { revisit: null, closure: closed }));
    expect(record).toMatchObject({ request, dispatches: [], workOrders: [], revisit: null });
    expect(record.closure).toEqual({ closedAt: '2025-01-20T01:05:00.000Z', closedBy: 'agent-2', outcome: 'direct-answer', detail: '已当场答复办理流程' });
  });

  it('masks the free text whatever the case file holds (a row of the previous release may be clear)', () => {
    const clear = { ...answer('wo-a', 0, 'failed'), answer: '已退款至卡6222021234567890128', contactRecord: '致电13812345678' };
    clear.review.reasons = ['请核实身份证110101199003074514'];
    const record = assembleArchiveRecord(
      input({ request: { ...request, content: '联系13812345678' }, dispatches: [], workOrders: [], answers: [clear] }, {
        revisit: null, closure: closureAtIntake({ outcome: 'explained', detail: '已回电025-84561234', closedAt: '2025-01-20T01:05:00.000Z', closedBy: 'a' }),
      }),
    );
    expect(record.request!.content).toBe('联系138****5678');
    expect(record.workOrders[0]!.answers[0]).toMatchObject({
      answer: '已退款至卡6222********0128', contactRecord: '致电138****5678', review: { reasons: ['请核实身份证110101********4514'] },
    });
    expect(record.closure.detail).toBe('已回电025-****1234');
  });

  it('copies what it is given, so later changes to the case file do not alter the record', () => {
    const file: CaseFile = { request: { ...request, categoryPath: ['03'] }, dispatches: [], workOrders: [], answers: [answer('wo-a', 0, 'passed')] };
    const record = assembleArchiveRecord(input(file));
    file.request!.categoryPath.push('0306');
    file.answers[0]!.review.reasons.push('x');
    expect(record.request!.categoryPath).toEqual(['03']);
    expect(record.workOrders[0]!.answers[0]!.review.reasons).toEqual([]);
  });
});
