import { status } from '@grpc/grpc-js';
import { linkageV1 } from '@hotline/contracts';
import type { RequestEntity } from '../requests/request.entity';
import { isRefusal, notifyRiskMessage, retryDelayMs, riskNoticeSummary, riskRequestOf } from './risk-notice.payload';
import type { RiskNotice } from './risk-notice.repository';

const request = (over: Partial<RequestEntity> = {}) =>
  ({
    id: '0190f000-0000-7000-8000-000000000001',
    number: '3201-20261201-000001',
    title: '集体上访，请回电139****1111',
    content: '小区业主准备明天集体上访堵路，电话139****1111',
    outcomeDetail: null,
    freeTextSealed: true,
    receivedAt: new Date('2026-12-01T02:00:00Z'),
    ...over,
  }) as RequestEntity;

describe('stability-risk notices to 110: what is sent', () => {
  it('summarises an alert from its codes and counts only', () => {
    expect(
      riskNoticeSummary({ alertKind: 'risk', severity: 'critical', riskCategories: ['mass-incident', 'extreme'], requestCount: 1, areaCode: '320102', categoryCode: '010101' }),
    ).toBe('风险与舆情预警：群体性、极端；特别严重；诉求1件；区域320102；类别010101');
    expect(riskNoticeSummary({ alertKind: 'surge', severity: 'high', riskCategories: [], requestCount: 12, areaCode: null, categoryCode: null })).toBe(
      '热点激增预警：严重；诉求12件',
    );
  });

  it('names each request with its masked identity, none for an anonymous or confidential requester, and its masked text', () => {
    expect(riskRequestOf(request(), { anonymous: false, name: '张**', phone: '138****5678', confidential: false })).toEqual({
      requestNumber: '3201-20261201-000001',
      requestId: '0190f000-0000-7000-8000-000000000001',
      caller: { name: '张**', phone: '138****5678' },
      title: '集体上访，请回电139****1111',
      content: '小区业主准备明天集体上访堵路，电话139****1111',
      receivedAt: '2026-12-01T02:00:00.000Z',
    });
    expect(riskRequestOf(request(), { anonymous: true }).caller).toBeUndefined();
    expect(riskRequestOf(request(), { anonymous: false, name: '', phone: '', confidential: true }).caller).toBeUndefined();
    // A row written before free text was sealed is masked as it is read.
    const unsealed = riskRequestOf(request({ freeTextSealed: false, title: '请回电13900001111', content: '电话13900001111' }), { anonymous: true });
    expect(`${unsealed.title}${unsealed.content}`).not.toContain('13900001111');
    expect(Array.from(riskRequestOf(request({ content: '堵'.repeat(800) }), { anonymous: true }).content ?? '')).toHaveLength(500);
  });

  it('carries the revision and the level of the notice', () => {
    const notice = {
      id: 'n-1', revision: 2, severity: 'high', riskCategories: ['mass-incident'], alertKind: 'risk', summary: 's', areaCode: '320102', categoryCode: null,
      requestCount: 1, raisedAt: new Date('2026-12-01T02:00:00Z'),
    } as unknown as RiskNotice;
    expect(notifyRiskMessage(notice, [], new Date('2026-12-01T02:00:05Z'))).toEqual({
      noticeRef: 'n-1', revision: 2, level: linkageV1.RiskLevel.RISK_LEVEL_HIGH, riskCategories: ['mass-incident'], alertKind: 'risk', summary: 's',
      location: { areaCode: '320102', address: '' }, categoryCode: '', requestCount: 1, requests: [], raisedAt: '2026-12-01T02:00:00.000Z',
      sentAt: '2026-12-01T02:00:05.000Z',
    });
  });

  it('waits base × 2ⁿ⁻¹ between attempts, never longer than the cap', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1_000, 5_000))).toEqual([1_000, 2_000, 4_000, 5_000]);
    expect(retryDelayMs(10_000, 5_000, 600_000)).toBe(600_000);
  });

  it('gives up only on a refusal; an outage is retried', () => {
    for (const code of [status.INVALID_ARGUMENT, status.PERMISSION_DENIED, status.UNIMPLEMENTED]) expect(isRefusal(code)).toBe(true);
    for (const code of [status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.RESOURCE_EXHAUSTED, status.INTERNAL, undefined]) expect(isRefusal(code)).toBe(false);
  });
});
