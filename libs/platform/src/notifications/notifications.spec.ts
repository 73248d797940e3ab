import { NOTIFICATION_TEMPLATE_PARAMS, NOTIFICATION_TEMPLATES } from '@hotline/vocabulary';
import { retryDelayMs } from './backoff';
import { checkNotificationRequest, NotificationRequest, OutgoingNotification } from './notification';
import { localDueDay, localMinute, renderNotification } from './render';
import { signBody, verifySignature } from './signature';
import { carriesAddress, errorCodeOf, outcomeOfStatus, webhookBody } from './webhook.sender';

const policy = { baseMs: 1_000, maxMs: 60_000 };

describe('notification retries back off', () => {
  it('doubles from the base and stops at the cap, half of it fixed and half jittered', () => {
    const low = (n: number) => retryDelayMs(n, policy, () => 0);
    const high = (n: number) => retryDelayMs(n, policy, () => 1);
    expect([1, 2, 3, 4].map(high)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect([1, 2, 3, 4].map(low)).toEqual([500, 1_000, 2_000, 4_000]);
    expect(high(7)).toBe(60_000);
    expect(high(10_000)).toBe(60_000);
    expect(low(10_000)).toBe(30_000);
  });

  it('treats nonsense attempt counts as the first', () => {
    expect(retryDelayMs(0, policy, () => 1)).toBe(1_000);
    expect(retryDelayMs(-3, policy, () => 1)).toBe(1_000);
  });
});

describe('the webhook signature', () => {
  const secret = 'a-shared-secret-of-at-least-32-characters';
  const body = JSON.stringify({ id: 'n1', text: '您反映的诉求' });
  const at = new Date('2026-01-01T00:00:00Z');

  it('is t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">, as analytics signs its webhooks', () => {
    // Computed independently: printf '%s' '1767225600.{"id":"n-1"}' | openssl dgst -sha256 -hmac key
    expect(signBody('key', '{"id":"n-1"}', at)).toBe('t=1767225600,v1=df1db9935932bee1c908a1ebd93fbb32bf487f7abe6de1b946a39f3492d64f66');
    expect(verifySignature(secret, body, signBody(secret, body, at))).toBe(true);
  });

  it('fails for another body, another secret, a changed time, none, or one too old when the receiver bounds its age', () => {
    const signed = signBody(secret, body, at);
    expect(verifySignature(secret, `${body} `, signed)).toBe(false);
    expect(verifySignature(`${secret}x`, body, signed)).toBe(false);
    expect(verifySignature(secret, body, signed.replace('t=1767225600', 't=1767225601'))).toBe(false);
    expect(verifySignature(secret, body, undefined)).toBe(false);
    expect(verifySignature(secret, body, 'sha256=00')).toBe(false);
    expect(verifySignature(secret, body, signed, { now: new Date(at.getTime() + 60_000), maxAgeS: 300 })).toBe(true);
    expect(verifySignature(secret, body, signed, { now: new Date(at.getTime() + 600_000), maxAgeS: 300 })).toBe(false);
  });
});

describe("a gateway's answer", () => {
  it('2xx delivers; 408, 429, 5xx and redirects are retried; any other 4xx is refused for good', () => {
    expect([200, 201, 202, 204].map(outcomeOfStatus)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    expect([408, 429, 500, 502, 503, 504, 301, 302].map(outcomeOfStatus)).toEqual(Array(8).fill('retry'));
    expect([400, 401, 403, 404, 409, 410, 413, 422].map(outcomeOfStatus)).toEqual(Array(8).fill('rejected'));
  });

  it('names a failed call by a code, never by its message', () => {
    expect(errorCodeOf(Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }))).toBe('timeout');
    expect(errorCodeOf(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }))).toBe('network:ECONNREFUSED');
    expect(errorCodeOf(Object.assign(new TypeError('fetch failed'), { cause: { code: 'call 13812345678' } }))).toBe('network');
    expect(errorCodeOf('boom')).toBe('network');
  });
});

const outgoing = (over: Partial<OutgoingNotification> = {}): OutgoingNotification => ({
  id: 'n-1',
  tenantId: 'city-3201',
  sourceRef: 'extension:e-1',
  recipientKind: 'requester',
  recipientRef: 'r-1',
  recipientMasked: '138****5678',
  channel: 'sms',
  template: 'extension-approved-requester',
  params: { requestNumber: '3201-20260301-000042', dueAt: '2026-03-20T16:00:00.000Z', extraWorkingDays: '5' },
  requestId: 'r-1',
  createdAt: new Date('2026-03-02T01:00:00Z'),
  attempt: 2,
  text: '…',
  openAddress: () => '13812345678',
  ...over,
});

describe('the webhook body', () => {
  it("carries the phone in clear for a requester's SMS only, and only when configured", () => {
    expect(carriesAddress(outgoing(), { clearRequesterPhone: true })).toBe(true);
    expect(carriesAddress(outgoing(), { clearRequesterPhone: false })).toBe(false);
    expect(carriesAddress(outgoing({ channel: 'im' }), { clearRequesterPhone: true })).toBe(false);
    expect(carriesAddress(outgoing({ recipientKind: 'unit', channel: 'unit-inbox' }), { clearRequesterPhone: true })).toBe(false);
    const sentAt = new Date('2026-03-02T01:00:05Z');
    expect(webhookBody(outgoing(), '13812345678', sentAt).recipient).toEqual({ kind: 'requester', ref: 'r-1', masked: '138****5678', address: '13812345678' });
    const masked = webhookBody(outgoing(), undefined, sentAt);
    expect(masked.recipient).toEqual({ kind: 'requester', ref: 'r-1', masked: '138****5678' });
    expect(JSON.stringify(masked)).not.toContain('13812345678');
    expect(masked).toMatchObject({ id: 'n-1', attempt: 2, requestedAt: '2026-03-02T01:00:00.000Z', sentAt: '2026-03-02T01:00:05.000Z' });
  });
});

describe('the default wording', () => {
  it('gives a due at local midnight as the day before it ends, in the tenant time zone', () => {
    // 2026-03-20T16:00Z is midnight of 03-21 in Shanghai: the due is the end of 03-20.
    expect(localDueDay('2026-03-20T16:00:00.000Z', 'Asia/Shanghai')).toBe('2026年3月20日');
    expect(localDueDay('2026-03-20T09:30:00.000Z', 'Asia/Shanghai')).toBe('2026年3月20日');
    // 17:00Z is 01:00 of 03-21 in Shanghai, but 23:00 of 03-20 in Urumqi (UTC+6).
    expect(localDueDay('2026-03-20T17:00:00.000Z', 'Asia/Shanghai')).toBe('2026年3月21日');
    expect(localDueDay('2026-03-20T17:00:00.000Z', 'Asia/Urumqi')).toBe('2026年3月20日');
    expect(localMinute('2026-03-20T01:05:00.000Z', 'Asia/Shanghai')).toBe('2026年3月20日 09:05');
    expect(localDueDay('not a date', 'Asia/Shanghai')).toBe('');
  });

  it('tells the requester the number and the new due, and a unit its order in codes put into words', () => {
    expect(renderNotification('extension-approved-requester', outgoing().params, 'Asia/Shanghai')).toBe(
      '您反映的诉求（编号3201-20260301-000042）经批准延期办理，办理期限延长至2026年3月20日。',
    );
    const order = { requestNumber: '3201-20260301-000042', workOrderId: 'w-1' };
    expect(
      renderNotification('work-order-new', { ...order, role: 'assisting', urgency: 'normal', signDueAt: '2026-03-02T09:00:00Z', handleDueAt: '2026-03-16T16:00:00Z' }, 'Asia/Shanghai'),
    ).toBe('新工单：诉求编号3201-20260301-000042（协办），请于2026年3月2日 17:00前签收，2026年3月16日前办结。');
    expect(renderNotification('work-order-urged', { ...order, level: 'notice', method: 'written', dueAt: '2026-03-16T16:00:00Z', overdue: 'true' }, 'Asia/Shanghai')).toBe(
      '催办通知书：诉求编号3201-20260301-000042的工单办理期限为2026年3月16日，已超期，请抓紧办理。',
    );
    expect(renderNotification('work-order-overdue', { ...order, clock: 'sign-for', dueAt: '2026-03-02T09:00:00Z' }, 'Asia/Shanghai')).toBe(
      '超期提醒：诉求编号3201-20260301-000042的工单签收时限已于2026年3月2日 17:00到期，请尽快处理。',
    );
    expect(renderNotification('urge-notice-leader-copy', { ...order, level: 'circular', dueAt: '2026-03-16T16:00:00Z' }, 'Asia/Shanghai')).toBe(
      '抄送：贵单位承办的诉求（编号3201-20260301-000042）办理期限2026年3月16日已过，热线已发出通报批评，请督促办理。',
    );
  });

  it('words every template', () => {
    for (const template of NOTIFICATION_TEMPLATES) {
      const params = Object.fromEntries(NOTIFICATION_TEMPLATE_PARAMS[template].map((p) => [p, p.endsWith('At') ? '2026-03-02T09:00:00Z' : 'x']));
      expect(renderNotification(template, params, 'Asia/Shanghai')).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('a notification request', () => {
  const request = (over: Partial<NotificationRequest> = {}): NotificationRequest => ({
    tenantId: 'city-3201',
    sourceRef: 'work-order:w-1',
    recipient: { kind: 'unit', ref: 'u-1', masked: 'u-1' },
    channel: 'unit-inbox',
    template: 'work-order-overdue',
    params: { requestNumber: '3201-20260301-000042', workOrderId: 'w-1', clock: 'handling', dueAt: '2026-03-16T16:00:00.000Z' },
    ...over,
  });

  it('takes exactly its template parameters, as codes, instants and numbers', () => {
    expect(() => checkNotificationRequest(request())).not.toThrow();
    expect(() => checkNotificationRequest(request({ params: { ...request().params, note: 'x' } }))).toThrow(/takes requestNumber/);
    const { clock: _clock, ...missing } = request().params;
    expect(() => checkNotificationRequest(request({ params: missing }))).toThrow(/given/);
    expect(() => checkNotificationRequest(request({ params: { ...request().params, clock: '诉求人张三 电话' } }))).toThrow(/not a code/);
    expect(() => checkNotificationRequest(request({ params: { ...request().params, clock: 'a b' } }))).toThrow(/not a code/);
  });

  it('goes to the recipient of its template, on a channel that reaches it', () => {
    expect(() => checkNotificationRequest(request({ recipient: { kind: 'requester', ref: 'r-1', masked: '138****5678' } }))).toThrow(/for a unit/);
    expect(() => checkNotificationRequest(request({ channel: 'sms' }))).toThrow(/not reached by sms/);
    expect(() => checkNotificationRequest(request({ sourceRef: '' }))).toThrow(/sourceRef/);
  });
});
